using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenDashboard.Data;
using TokenDashboard.Tokens;

namespace TokenDashboard.Benchmarks.Infrastructure;

/// <summary>
/// The PostgreSQL counterpart of the small SQLite store: a fresh database migrated and seeded by the app's own
/// start-up (demo account and its environments), then the demo account's 1,000 tokens with the probe among them,
/// written through EF in one SaveChanges — provider-neutral, and a thousand rows take a second.
/// </summary>
internal static class PostgresStore
{
    public static async Task<BenchStore> CreateAsync(PostgresServer server, TextWriter log)
    {
        var connectionString = await server.CreateDatabaseAsync();
        var empty = new BenchStore(DatabaseProvider.Postgres, connectionString, "", "");
        await using var app = await InProcessApp.OpenAsync(empty.Settings);
        var demoUserId = await DemoUserIdAsync(app);
        var probe = TokenFormat.Generate();
        var presets = ApiCatalog.Presets;
        await AddTokensAsync(app, demoUserId, Enumerable.Range(0, SeededDatabase.DemoTokens).Select(i => i == SeededDatabase.DemoTokens / 2
            ? (probe, "bench probe", "extended-access")
            : (TokenFormat.Generate(), $"ci token {i:D7}", presets[i % presets.Count].Key)));
        log.WriteLine($"PostgreSQL store: {SeededDatabase.DemoTokens:N0} tokens of the demo account in a fresh database");
        return empty with { ProbeToken = probe, DemoUserId = demoUserId };
    }

    public static async Task<string> DemoUserIdAsync(InProcessApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await users.FindByEmailAsync(InProcessApp.DemoEmail))!.Id;
    }

    /// <summary>Tokens of <paramref name="userId"/> straight into the database (no audit, no notice: nobody is running yet).</summary>
    public static async Task AddTokensAsync(InProcessApp app, string userId, IEnumerable<(string Value, string Description, string Preset)> tokens)
    {
        var now = DateTime.UtcNow;
        await using var db = await app.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        db.AccessTokens.AddRange(tokens.Select(t => new AccessToken
        {
            UserId = userId, Description = t.Description, Preset = t.Preset,
            SecretHash = TokenFormat.Hash(t.Value), Hint = TokenFormat.Hint(t.Value), CreatedAt = now, UpdatedAt = now,
        }));
        await db.SaveChangesAsync();
    }
}
