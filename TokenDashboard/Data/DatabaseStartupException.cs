using Npgsql;

namespace TokenDashboard.Data;

/// <summary>
/// Start-up failed on the database. It carries the reason as text and no stack trace, so that whoever logs it
/// (the host does) prints one readable line rather than a wall of frames that say nothing about the database.
/// </summary>
internal sealed class DatabaseStartupException(string reason) : Exception($"TokenDashboard cannot start: {reason}")
{
    /// <summary>The database (a file, or PostgreSQL's host:port/database) could not be opened or migrated.</summary>
    public static DatabaseStartupException CannotOpen(AppDatabase database, string reason) =>
        new($"cannot open or migrate the {(database.Provider == DatabaseProvider.Postgres ? "PostgreSQL database" : "database")} '{database.Name}': {database.WithoutPassword(reason)}");

    /// <summary>The PostgreSQL database does not exist and the configured user may not create it.</summary>
    public static DatabaseStartupException CannotCreate(AppDatabase database, string? user) =>
        new($"the PostgreSQL database '{database.Name}' does not exist and user '{user}' may not create it: create it once " +
            $"with CREATE DATABASE \"{new NpgsqlConnectionStringBuilder(database.ConnectionString).Database}\" OWNER \"{user}\"; and start again.");

    public override string? StackTrace => null;
}
