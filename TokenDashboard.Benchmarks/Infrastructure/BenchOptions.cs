using TokenDashboard.Data;

namespace TokenDashboard.Benchmarks.Infrastructure;

/// <summary>
/// The command line. Everything runs by default; <c>--smoke</c> runs each case for about a second on a smaller store
/// (CI keeps the harness working; its figures are not the ones to quote).
/// </summary>
internal sealed record BenchOptions
{
    public bool Smoke { get; init; }

    /// <summary>Which parts to run: inproc, tab, usage, load, revocation, startup (default: all of them; on PostgreSQL load and revocation).</summary>
    public IReadOnlySet<string> Parts { get; init; } = AllParts;

    /// <summary><c>--provider sqlite|postgres</c>: the database of the app under load (SQLite by default).</summary>
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary><c>--postgres CONNECTION</c>: a server to use instead of starting a cluster of the run's own.</summary>
    public string? PostgresConnection { get; init; }

    /// <summary>Tokens revoked through one instance while the other is watched.</summary>
    public int RevocationSamples => Smoke ? 10 : 200;

    /// <summary>Extra environment for the app under load, e.g. <c>--app-env RateLimits__PerToken__PermitLimit=1000000</c>.</summary>
    public IReadOnlyDictionary<string, string> AppEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>The small store, which is also the demo account's own token count (the tab renders these).</summary>
    public int SmallStore => 1_000;

    /// <summary>The large store: 1,000,000 tokens; 10,000 in smoke mode, so CI stays fast.</summary>
    public int LargeStore => Smoke ? 10_000 : 1_000_000;

    /// <summary>Each HTTP case's time under load, split over two rounds.</summary>
    public TimeSpan LoadDuration => Smoke ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10);

    /// <summary>
    /// Warm-up before measuring (the JIT takes seconds of load to tier a path up): runs of this length on each path of
    /// each process until two in a row agree within 5 %, at most <see cref="WarmupRuns"/>.
    /// </summary>
    public TimeSpan LoadWarmup => Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(2);

    public int WarmupRuns => Smoke ? 4 : 8;
    public int WrkThreads => 2;
    public int WrkConnections => 32;

    public int TabRenders => Smoke ? 10 : 40;
    public int StartupLaunches => Smoke ? 2 : 5;

    public static readonly IReadOnlySet<string> AllParts = new HashSet<string> { "inproc", "tab", "usage", "load", "revocation", "startup" };

    /// <summary>Parts that run only when asked for (<c>--circuits</c>, or named in <c>--parts</c>): minutes of a real browser.</summary>
    public static readonly IReadOnlySet<string> OptInParts = new HashSet<string> { "circuits", "usable" };

    /// <summary>What runs on PostgreSQL: the app as a process, and of usage the Activity tab's first page (the other in-process parts measure SQLite's own paths).</summary>
    public static readonly IReadOnlySet<string> PostgresParts = new HashSet<string> { "load", "revocation", "usage", "startup", "circuits", "usable" };

    public bool Runs(string part) => Parts.Contains(part);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var environment = new Dictionary<string, string>();
        var partsGiven = false;
        var circuits = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--smoke":
                    options = options with { Smoke = true };
                    break;
                case "--circuits":
                    circuits = true;
                    break;
                case "--parts" when i + 1 < args.Length:
                    var parts = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
                    if (parts.Except(AllParts).Except(OptInParts).FirstOrDefault() is { } unknown)
                    {
                        throw new ArgumentException($"Unknown part '{unknown}'; use {string.Join(",", AllParts.Concat(OptInParts))}.");
                    }
                    options = options with { Parts = parts };
                    partsGiven = true;
                    break;
                case "--provider" when i + 1 < args.Length:
                    options = options with
                    {
                        Provider = args[++i].ToLowerInvariant() switch
                        {
                            "sqlite" => DatabaseProvider.Sqlite,
                            "postgres" or "postgresql" => DatabaseProvider.Postgres,
                            var other => throw new ArgumentException($"Unknown provider '{other}'; use sqlite or postgres."),
                        },
                    };
                    break;
                case "--postgres" when i + 1 < args.Length:
                    options = options with { PostgresConnection = args[++i] };
                    break;
                case "--app-env" when i + 1 < args.Length:
                    var pair = args[++i].Split('=', 2);
                    if (pair.Length != 2)
                    {
                        throw new ArgumentException("--app-env takes KEY=VALUE.");
                    }
                    environment[pair[0]] = pair[1];
                    break;
                case "-h" or "--help":
                    throw new ArgumentException(Usage);
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.\n{Usage}");
            }
        }
        if (circuits)
        {
            options = options with { Parts = new HashSet<string>(options.Parts) { "circuits" } };
        }
        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (!partsGiven)
            {
                options = options with { Parts = new HashSet<string>(circuits ? ["load", "revocation", "usage", "circuits"] : ["load", "revocation", "usage"]) };
            }
            else if (options.Parts.Except(PostgresParts).FirstOrDefault() is { } sqliteOnly)
            {
                throw new ArgumentException($"The part '{sqliteOnly}' runs on SQLite only; with --provider postgres use {string.Join(",", PostgresParts)}.");
            }
        }
        else if (options.PostgresConnection is not null)
        {
            throw new ArgumentException("--postgres goes with --provider postgres.");
        }
        return options with { AppEnvironment = environment };
    }

    public const string Usage =
        "dotnet run -c Release --project TokenDashboard.Benchmarks [-- [--smoke] [--parts inproc,tab,usage,load,revocation,startup,circuits,usable] [--circuits] [--app-env KEY=VALUE]... " +
        "[--provider sqlite|postgres [--postgres CONNECTION]]]";
}
