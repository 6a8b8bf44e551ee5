using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using TokenDashboard.Data;
using TokenDashboard.Tokens;

namespace TokenDashboard.Benchmarks.Infrastructure;

/// <summary>
/// A migrated database with the demo account (1,000 tokens of its own, as a CI-heavy account has, plus the probe) and,
/// for large stores, a bulk account owning the rest. Seeded once through the app's own start-up (migrations, demo
/// account) and then with a prepared ADO.NET insert in one transaction — a million rows take seconds, not EF's
/// minutes — and cached under BenchmarkDotNet.Artifacts/temp/seeded, keyed by size, seed version and migrations.
/// </summary>
internal sealed record SeededDatabase(int StoreSize, string FilePath, string ProbeToken, string DemoUserId)
{
    /// <summary>Bump when the seed changes, so cached files are rebuilt.</summary>
    private const int SeedVersion = 1;

    public const int DemoTokens = 1_000;
    public const string BulkEmail = "bulk@tokendashboard.local";

    [JsonIgnore]
    public string ConnectionString => DatabaseServiceCollectionExtensions.ResolveConnectionString($"Data Source={FilePath}", Path.GetDirectoryName(FilePath)!);

    [JsonIgnore]
    public byte[] ProbeHash => TokenFormat.Hash(ProbeToken);

    /// <summary>A copy for a run that writes (load, start-up); the cached original stays as seeded.</summary>
    public SeededDatabase CopyTo(string folder)
    {
        var target = Path.Combine(folder, Path.GetFileName(FilePath));
        File.Copy(FilePath, target, overwrite: true);
        return this with { FilePath = target };
    }

    public static async Task<SeededDatabase> GetAsync(int storeSize, TextWriter log)
    {
        if (storeSize < DemoTokens)
        {
            throw new ArgumentOutOfRangeException(nameof(storeSize), $"The store holds at least the demo account's {DemoTokens} tokens.");
        }
        var file = Path.Combine(BenchPaths.SeedCache, $"tokens-{storeSize}-seed{SeedVersion}-{LatestMigration()}.db");
        var sidecar = file + ".json";
        if (File.Exists(file) && File.Exists(sidecar) && JsonSerializer.Deserialize<SeededDatabase>(File.ReadAllText(sidecar)) is { } cached)
        {
            log.WriteLine($"Store of {storeSize:N0} tokens: cached at {file}");
            return cached with { FilePath = file };
        }

        foreach (var stale in new[] { file, file + "-wal", file + "-shm", sidecar })
        {
            File.Delete(stale);
        }
        var stopwatch = Stopwatch.StartNew();
        var seeded = await SeedAsync(storeSize, file);
        File.WriteAllText(sidecar, JsonSerializer.Serialize(seeded));
        log.WriteLine($"Store of {storeSize:N0} tokens: seeded in {stopwatch.Elapsed.TotalSeconds:F1} s at {file}");
        return seeded;
    }

    private static async Task<SeededDatabase> SeedAsync(int storeSize, string file)
    {
        string demoUserId, bulkUserId;
        // The app's own start-up: WAL, migrations, the demo account and its three environments.
        await using (var app = await InProcessApp.OpenAsync(file))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            demoUserId = (await users.FindByEmailAsync(InProcessApp.DemoEmail))!.Id;
            bulkUserId = demoUserId;
            if (storeSize > DemoTokens)
            {
                var bulk = new AppUser { UserName = BulkEmail, Email = BulkEmail, EmailConfirmed = true, CreatedAt = DateTime.UtcNow };
                var created = await users.CreateAsync(bulk, InProcessApp.DemoPassword);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
                }
                bulkUserId = bulk.Id;
            }
        }

        var probe = TokenFormat.Generate();
        var connectionString = DatabaseServiceCollectionExtensions.ResolveConnectionString($"Data Source={file}", Path.GetDirectoryName(file)!);
        await using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            Execute(connection, "PRAGMA synchronous = OFF;"); // a bench file: speed over durability while seeding
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText =
                """
                INSERT INTO AccessTokens (UserId, Description, Preset, Methods, ExpiresOn, CreatedAt, UpdatedAt, SecretHash, Hint, LastUsedAt, LastUsedIp, LastUsedMethod)
                VALUES ($user, $description, $preset, $methods, $expires, $created, $created, $hash, $hint, $lastUsed, $ip, $method)
                """;
            var user = insert.Parameters.Add("$user", SqliteType.Text);
            var description = insert.Parameters.Add("$description", SqliteType.Text);
            var preset = insert.Parameters.Add("$preset", SqliteType.Text);
            var methods = insert.Parameters.Add("$methods", SqliteType.Text);
            var expires = insert.Parameters.Add("$expires", SqliteType.Text);
            var createdAt = insert.Parameters.Add("$created", SqliteType.Text);
            var hash = insert.Parameters.Add("$hash", SqliteType.Blob);
            var hint = insert.Parameters.Add("$hint", SqliteType.Text);
            var lastUsed = insert.Parameters.Add("$lastUsed", SqliteType.Text);
            var ip = insert.Parameters.Add("$ip", SqliteType.Text);
            var method = insert.Parameters.Add("$method", SqliteType.Text);
            insert.Prepare();

            var now = DateTime.UtcNow;
            var today = DateOnly.FromDateTime(now);
            var presets = ApiCatalog.Presets;
            var custom = JsonSerializer.Serialize(ApiCatalog.Grantable.Take(5).Select(m => m.FullName));
            for (var i = 0; i < storeSize; i++)
            {
                var isProbe = i == DemoTokens / 2; // in the middle of the demo account's list
                var value = isProbe ? probe : TokenFormat.Generate();
                var demo = i < DemoTokens;
                user.Value = demo ? demoUserId : bulkUserId;
                description.Value = isProbe ? "bench probe" : $"{(demo ? "ci" : "bulk")} token {i:D7}";
                // A realistic mix for the grid: presets and Custom, expiry dates near and far, some never used.
                var isCustom = !isProbe && i % 5 == 4;
                preset.Value = isProbe ? "extended-access" : isCustom ? DBNull.Value : presets[i % presets.Count].Key;
                methods.Value = isCustom ? custom : "[]";
                expires.Value = isProbe || i % 7 == 0 ? DBNull.Value : today.AddDays(i % 120 - 3).ToString("yyyy-MM-dd");
                createdAt.Value = now.AddMinutes(-i);
                hash.Value = TokenFormat.Hash(value);
                hint.Value = TokenFormat.Hint(value);
                var used = i % 3 != 0;
                lastUsed.Value = used ? now.AddMinutes(-(i % 5000)) : DBNull.Value;
                ip.Value = used ? "203.0.113.7" : DBNull.Value;
                method.Value = used ? "environment.Control.GetEnvs" : DBNull.Value;
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
        SqliteConnection.ClearAllPools();
        return new SeededDatabase(storeSize, file, probe, demoUserId);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string LatestMigration() =>
        typeof(AppDbContext).Assembly.GetTypes()
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .Max() ?? "none";
}
