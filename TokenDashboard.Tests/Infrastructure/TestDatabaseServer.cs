using Npgsql;
using TokenDashboard.Data;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>
/// Which database the provider suites run on. `TEST_DATABASE=postgres` switches every <see cref="TempDatabase"/>
/// (and so every app the tests start) to PostgreSQL, at the server named by `TEST_POSTGRES` (a connection string to
/// a user allowed to create databases, e.g. `Host=127.0.0.1;Port=5432;Username=postgres;Password=…`). Without the
/// switch the tests run on SQLite. Tests that need PostgreSQL whatever the switch (several instances on one
/// database) read <see cref="PostgresConnectionString"/> and are skipped without it, except under CI=true.
/// </summary>
public static class TestDatabaseServer
{
    public const string ProviderVariable = "TEST_DATABASE";
    public const string PostgresVariable = "TEST_POSTGRES";

    public const string MissingPostgres =
        $"No PostgreSQL for the tests: set {PostgresVariable} to a connection string of a server where the user may " +
        "create databases (e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=…); `.ci/run` starts one.";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The provider that a plain <see cref="TempDatabase"/> uses.</summary>
    public static DatabaseProvider Provider { get; } =
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static string? PostgresConnectionString { get; } =
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    /// <summary>The server's connection string, or a failure that says how to get one.</summary>
    public static string RequirePostgres() =>
        PostgresConnectionString ?? throw new InvalidOperationException(MissingPostgres);

    /// <summary>A connection to the server's maintenance database, for creating and dropping test databases.</summary>
    public static NpgsqlConnection OpenMaintenance()
    {
        var builder = new NpgsqlConnectionStringBuilder(RequirePostgres()) { Database = "postgres", Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        return connection;
    }
}

/// <summary>A test that needs a PostgreSQL server: skipped without one, unless CI=true (then it runs and fails loudly).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabaseServer.PostgresConnectionString is null && !TestDatabaseServer.IsCi)
        {
            Skip = TestDatabaseServer.MissingPostgres;
        }
    }
}
