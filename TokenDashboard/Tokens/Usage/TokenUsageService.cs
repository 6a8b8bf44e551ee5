using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenDashboard.Data;

namespace TokenDashboard.Tokens.Usage;

/// <summary>
/// Reads recorded usage for the details view, the grid's hints and the API. Like <see cref="TokenService"/>, every
/// method takes the acting user's id and answers only about that user's tokens: another user's token is "none".
/// </summary>
internal sealed class TokenUsageService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IOptions<UsageOptions> options)
{
    /// <summary>The longest window anyone can ask for: what is kept.</summary>
    public int MaxDays => Math.Max(1, options.Value.RetentionDays);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The token's usage over the last <paramref name="days"/> days (clamped to what is kept), or null if it is not the user's.</summary>
    public async Task<TokenUsageReport?> GetReportAsync(string userId, int tokenId, int? days = null, CancellationToken cancellationToken = default)
    {
        var window = Math.Clamp(days ?? MaxDays, 1, MaxDays);
        var today = Today;
        var from = today.AddDays(-(window - 1));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.AccessTokens.AnyAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken))
        {
            return null;
        }
        var daily = await db.TokenUsage.AsNoTracking()
            .Where(u => u.TokenId == tokenId && u.Day >= from)
            .OrderBy(u => u.Day).ThenBy(u => u.Method)
            .Select(u => new DailyUsage(u.Day, u.Method, u.Calls, u.Refused, u.LastCallAt, u.LastRefusedAt))
            .ToListAsync(cancellationToken);
        return new TokenUsageReport(tokenId, today, window, daily);
    }

    /// <summary>For each of the user's tokens used in the last <paramref name="days"/> days, how many distinct methods it called.</summary>
    public async Task<IReadOnlyDictionary<int, int>> MethodsUsedAsync(string userId, int days = TokenHints.UnusedAfterDays, CancellationToken cancellationToken = default)
    {
        var since = Today.AddDays(-(Math.Clamp(days, 1, MaxDays) - 1));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pairs = await (
                from u in db.TokenUsage
                join t in db.AccessTokens on u.TokenId equals t.Id
                where t.UserId == userId && u.Day >= since && u.Calls > 0
                select new { u.TokenId, u.Method })
            .Distinct()
            .ToListAsync(cancellationToken);
        return pairs.GroupBy(p => p.TokenId).ToDictionary(g => g.Key, g => g.Count());
    }
}
