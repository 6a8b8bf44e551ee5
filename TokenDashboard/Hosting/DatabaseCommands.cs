using TokenDashboard.Data;
using TokenDashboard.Data.Backup;

namespace TokenDashboard.Hosting;

/// <summary>
/// <c>backup --to FILE</c> and <c>restore --from FILE</c>: run in place of the web host (nothing listens, nothing is
/// migrated or seeded), with the app's own configuration — the root appsettings.json, environment variables and any
/// further <c>--Key=value</c> arguments — so they find the same database the app would.
/// </summary>
internal static class DatabaseCommands
{
    private const string Usage =
        "Usage: TokenDashboard backup --to FILE    (a consistent copy of the SQLite database, taken while the app serves)\n" +
        "       TokenDashboard restore --from FILE (every instance stopped; the database replaced is kept beside it)";

    public static bool IsCommand(string[] args) => args is ["backup" or "restore", ..];

    /// <summary>0 done, 1 refused or failed (one line on stderr saying why), 2 wrong arguments.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var (verb, option) = args[0] == "backup" ? ("backup", "--to") : ("restore", "--from");
        var rest = args.Skip(1).ToList();
        var at = rest.IndexOf(option);
        if (at < 0 || at + 1 >= rest.Count || rest[at + 1].StartsWith("--", StringComparison.Ordinal) || rest[at + 1].Length == 0)
        {
            error.WriteLine($"{verb}: '{option} FILE' is missing.\n{Usage}");
            return 2;
        }
        var file = rest[at + 1];
        rest.RemoveRange(at, 2);

        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. rest] });
            builder.Configuration.AddRootAppSettings();
            var database = AppDatabase.From(builder.Configuration, builder.Environment.ContentRootPath);
            if (database.Provider == DatabaseProvider.Postgres)
            {
                error.WriteLine($"{verb}: the database is PostgreSQL ({database.Name}); use pg_dump and pg_restore, as docs/OPERATIONS.md shows.");
                return 1;
            }
            if (verb == "backup")
            {
                var made = SqliteBackup.Backup(database, file);
                output.WriteLine($"Backed up {database.Name} to {made.File}: {made.Bytes:N0} bytes, {made.Accounts} account(s), {made.Tokens} token(s).");
            }
            else
            {
                var restored = SqliteBackup.Restore(database, file);
                output.WriteLine($"Restored {Path.GetFullPath(file)} into {restored.File}: {restored.Accounts} account(s), {restored.Tokens} token(s)." +
                    (restored.KeptAside is { } aside ? $" The database it replaced is kept as {aside}." : ""));
            }
            return 0;
        }
        catch (Exception ex) when (ex is DatabaseCommandException or DatabaseStartupException or FormatException)
        {
            error.WriteLine($"{verb}: {ex.Message}");
            return 1;
        }
    }
}
