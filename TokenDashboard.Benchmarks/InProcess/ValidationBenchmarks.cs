using TokenDashboard.Data.Changes;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;
using TokenDashboard.Tokens;

namespace TokenDashboard.Benchmarks.InProcess;

/// <summary>
/// Validating a token against stores of different sizes, next to the floor: a prepared Microsoft.Data.Sqlite command
/// on an open connection looking up the same hash in the same file. The two "anatomy" cases show where the time
/// between them goes (a pooled connection open per lookup; EF's context and connection open alone).
/// </summary>
public class ValidationBenchmarks
{
    [ParamsSource(nameof(StoreSizes))]
    public int StoreSize { get; set; }

    public static IEnumerable<int> StoreSizes => BenchContext.StoreSizes;

    private const string FloorSql = "SELECT Id, UserId, Preset, Methods, ExpiresOn FROM AccessTokens WHERE SecretHash = $hash LIMIT 1";

    private TokenValidator validator = default!;
    private ChangeTopic changes = default!;
    private IDbContextFactory<AppDbContext> contexts = default!;
    private string probe = "";
    private string unknown = "";
    private byte[] probeHash = [];
    private string connectionString = "";
    private SqliteConnection floorConnection = default!;
    private SqliteCommand floorCommand = default!;

    [GlobalSetup]
    public void Setup()
    {
        var database = BenchContext.Database(StoreSize);
        var app = BenchContext.App(StoreSize);
        validator = app.Get<TokenValidator>();
        changes = app.Get<ChangeTopics>().Tokens;
        contexts = app.Get<IDbContextFactory<AppDbContext>>();
        probe = database.ProbeToken;
        probeHash = database.ProbeHash;
        unknown = TokenFormat.Generate();
        connectionString = database.ConnectionString;

        floorConnection = new SqliteConnection(connectionString);
        floorConnection.Open();
        floorCommand = floorConnection.CreateCommand();
        floorCommand.CommandText = FloorSql;
        floorCommand.Parameters.Add("$hash", SqliteType.Blob).Value = probeHash;
        floorCommand.Prepare();

        if (validator.ValidateAsync(probe).GetAwaiter().GetResult().Token is null || Floor() < 0)
        {
            throw new InvalidOperationException("The probe token does not validate: the seeded store is not what the benchmark expects.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        floorCommand.Dispose();
        floorConnection.Dispose();
    }

    [Benchmark]
    public Task<TokenValidation> ValidateValid() => validator.ValidateAsync(probe);

    /// <summary>
    /// The first call after any token change (or a token's first call, or every 30 s): the validator's remembered
    /// answers are void, so this one goes to the database and is remembered again.
    /// </summary>
    [Benchmark]
    public Task<TokenValidation> ValidateValidAfterChange()
    {
        changes.Forget();
        return validator.ValidateAsync(probe);
    }

    /// <summary>A well-formed unknown token sent again (a revoked token a script keeps using): remembered as unknown.</summary>
    [Benchmark]
    public Task<TokenValidation> ValidateUnknown() => validator.ValidateAsync(unknown);

    /// <summary>The same, first call after any token change (or its first call, or every 5 s): a database lookup.</summary>
    [Benchmark]
    public Task<TokenValidation> ValidateUnknownAfterChange()
    {
        changes.Forget();
        return validator.ValidateAsync(unknown);
    }

    [Benchmark]
    public long AdoNetFloor() => Floor();

    /// <summary>Anatomy: the floor's lookup, but opening a (pooled) connection for each one, as a service would.</summary>
    [Benchmark]
    public long AdoNetOpenPerLookup()
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = FloorSql;
        command.Parameters.Add("$hash", SqliteType.Blob).Value = probeHash;
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : -1;
    }

    /// <summary>Anatomy: EF's part without a query: rent a pooled context, open and close its connection.</summary>
    [Benchmark]
    public async Task EfContextOpenClose()
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await db.Database.CloseConnectionAsync();
    }

    /// <summary>Anatomy: the per-connection pragmas that the app's interceptor runs on every connection open.</summary>
    [Benchmark]
    public int PragmasOnOpenConnection()
    {
        using var command = floorConnection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL;";
        return command.ExecuteNonQuery();
    }

    private long Floor()
    {
        using var reader = floorCommand.ExecuteReader();
        return reader.Read() ? Read(reader) : -1;
    }

    private static long Read(SqliteDataReader reader)
    {
        var id = reader.GetInt64(0);
        _ = reader.GetString(1);
        _ = reader.IsDBNull(2) ? null : reader.GetString(2);
        _ = reader.GetString(3);
        _ = reader.IsDBNull(4) ? null : reader.GetString(4);
        return id;
    }
}
