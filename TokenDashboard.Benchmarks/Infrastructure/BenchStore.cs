using TokenDashboard.Data;

namespace TokenDashboard.Benchmarks.Infrastructure;

/// <summary>
/// A database the app under load runs on: a copy of a seeded SQLite file, or a seeded PostgreSQL database; with the
/// probe token (Extended Access, owned by the demo account) that the HTTP cases call with.
/// </summary>
internal sealed record BenchStore(DatabaseProvider Provider, string ConnectionString, string ProbeToken, string DemoUserId)
{
    public static BenchStore Of(SeededDatabase sqlite) =>
        new(DatabaseProvider.Sqlite, $"Data Source={sqlite.FilePath}", sqlite.ProbeToken, sqlite.DemoUserId);

    /// <summary>The app's settings for this database, as configuration keys (the process environment uses __ for :).</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ConnectionStrings:TokenDashboard"] = ConnectionString,
        ["Database:Provider"] = Provider.ToString(),
    };

    public string Describe() => Provider == DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite";
}
