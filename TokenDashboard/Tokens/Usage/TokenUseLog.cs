using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenDashboard.Data;
using TokenDashboard.Data.Changes;
using TokenDashboard.Data.Jobs;

namespace TokenDashboard.Tokens.Usage;

/// <summary>How a token call went, as far as its use is concerned.</summary>
internal enum TokenUse
{
    /// <summary>It ran and succeeded: counted, and the token's last use.</summary>
    Succeeded,

    /// <summary>It ran and answered an error (a bad parameter, a wrong password): counted only.</summary>
    Failed,

    /// <summary>Refused with result 8, a method the token does not hold: counted as refused.</summary>
    Refused,
}

/// <summary>
/// Every token call, recorded once and off the request path: counts per token × method × UTC day (allowed and
/// refused, for the details view, the badges and GetTokenUsage) and the token's last successful use (time, client
/// address, method — taken at most once a minute per token, for the grid). <see cref="Record"/> costs a dictionary
/// look-up and an interlocked increment; every <see cref="UsageOptions.FlushInterval"/> one transaction adds the
/// counts, writes the last uses and tells the owners' open tabs on every instance. So a kill -9 loses at most one
/// interval, an orderly stop writes everything, and a write that fails keeps everything for the next one.
/// Days older than <see cref="UsageOptions.RetentionDays"/> go through the retention job. Sessions are not tokens: the caller
/// records token calls only. <c>Usage:Record=false</c> turns all of it off.
/// </summary>
internal sealed class TokenUseLog(
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    IOptions<UsageOptions> options,
    ChangeTopics topics,
    TokenMetrics metrics,
    ILogger<TokenUseLog> logger) : PeriodicJob(clock, logger)
{
    /// <summary>A token's last use is taken at most this often: the grid says "3 minutes ago", not the second.</summary>
    public static readonly TimeSpan LastUseInterval = TimeSpan.FromMinutes(1);

    private readonly record struct Key(int TokenId, DateOnly Day, string Method);

    private sealed class Counter
    {
        public long Calls;
        public long Refused;
        public long LastCallTicks;
        public long LastRefusedTicks;
    }

    private sealed record LastUse(DateTime At, string? Ip, string Method);

    private readonly ConcurrentDictionary<Key, Counter> pending = new();
    private readonly ConcurrentDictionary<int, LastUse> pendingLastUses = new();

    /// <summary>When each token's last use was taken; uses within <see cref="LastUseInterval"/> of it are not.</summary>
    private readonly ConcurrentDictionary<int, DateTime> lastUseTaken = new();

    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly bool enabled = options.Value.Record;

    /// <summary>Records one call of <paramref name="method"/> by a token; returns at once.</summary>
    public void Record(int tokenId, string method, TokenUse use, string? ip)
    {
        if (!enabled)
        {
            return;
        }
        var now = Clock.GetUtcNow().UtcDateTime;
        var counter = pending.GetOrAdd(new Key(tokenId, DateOnly.FromDateTime(now), method), static _ => new Counter());
        if (use == TokenUse.Refused)
        {
            Interlocked.Increment(ref counter.Refused);
            Volatile.Write(ref counter.LastRefusedTicks, now.Ticks);
            return;
        }
        Interlocked.Increment(ref counter.Calls);
        Volatile.Write(ref counter.LastCallTicks, now.Ticks);
        if (use == TokenUse.Succeeded && TakeLastUse(tokenId, now))
        {
            pendingLastUses[tokenId] = new LastUse(now, ip is { Length: > 64 } ? ip[..64] : ip, method);
        }
    }

    /// <summary>Whether this use is the token's first in <see cref="LastUseInterval"/>.</summary>
    private bool TakeLastUse(int tokenId, DateTime now)
    {
        while (true)
        {
            if (lastUseTaken.TryGetValue(tokenId, out var previous))
            {
                if (now - previous < LastUseInterval)
                {
                    return false;
                }
                if (lastUseTaken.TryUpdate(tokenId, now, previous))
                {
                    return true;
                }
            }
            else if (lastUseTaken.TryAdd(tokenId, now))
            {
                return true;
            }
        }
    }

    /// <summary>Writes everything recorded before the call (tests, orderly shutdown, the timer).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await writing.WaitAsync(cancellationToken);
        try
        {
            var counts = TakeCounts();
            var lastUses = TakeLastUses();
            if (counts.Count == 0 && lastUses.Count == 0)
            {
                return;
            }
            try
            {
                await WriteAsync(counts, lastUses);
                metrics.Flushed(TokenMetrics.Flush.Usage, counts.Count);
                metrics.Flushed(TokenMetrics.Flush.LastUsed, lastUses.Count);
            }
            catch (Exception ex)
            {
                metrics.FlushFailed(TokenMetrics.Flush.Usage);
                logger.LogWarning(ex, "Could not write the use of {Count} token methods; keeping it for the next write", counts.Count + lastUses.Count);
                PutBack(counts, lastUses);
            }
        }
        finally
        {
            writing.Release();
        }
        ForgetQuietTokens();
    }

    protected override TimeSpan Interval => options.Value.FlushInterval;

    protected override bool Enabled => enabled;

    protected override string Name => "Writing token use";

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    /// <summary>Stopping: what was recorded since the last round is written now.</summary>
    protected override Task StoppingAsync() => FlushAsync(CancellationToken.None);

    private sealed record Row(Key Key, long Calls, long Refused, DateTime? LastCallAt, DateTime? LastRefusedAt);

    /// <summary>Moves the counts out of the counters; a counter of a past day that stays at zero is forgotten.</summary>
    private List<Row> TakeCounts()
    {
        var yesterday = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime).AddDays(-1);
        var rows = new List<Row>();
        foreach (var (key, counter) in pending)
        {
            var calls = Interlocked.Exchange(ref counter.Calls, 0);
            var refused = Interlocked.Exchange(ref counter.Refused, 0);
            if (calls == 0 && refused == 0)
            {
                // Recording only ever uses today's key; two days back nobody can still be adding to it.
                if (key.Day < yesterday)
                {
                    pending.TryRemove(key, out _);
                }
                continue;
            }
            rows.Add(new Row(key, calls, refused,
                calls > 0 ? new DateTime(Volatile.Read(ref counter.LastCallTicks), DateTimeKind.Utc) : null,
                refused > 0 ? new DateTime(Volatile.Read(ref counter.LastRefusedTicks), DateTimeKind.Utc) : null));
        }
        return rows;
    }

    private Dictionary<int, LastUse> TakeLastUses()
    {
        var taken = new Dictionary<int, LastUse>();
        foreach (var tokenId in pendingLastUses.Keys)
        {
            if (pendingLastUses.TryRemove(tokenId, out var use))
            {
                taken[tokenId] = use;
            }
        }
        return taken;
    }

    private void PutBack(List<Row> rows, Dictionary<int, LastUse> lastUses)
    {
        foreach (var row in rows)
        {
            var counter = pending.GetOrAdd(row.Key, static _ => new Counter());
            Interlocked.Add(ref counter.Calls, row.Calls);
            Interlocked.Add(ref counter.Refused, row.Refused);
        }
        foreach (var (tokenId, use) in lastUses)
        {
            pendingLastUses.TryAdd(tokenId, use); // a newer use recorded meanwhile wins
        }
    }

    /// <summary>Forgets tokens whose last use was taken over a minute ago, so the map stays as small as the busy set.</summary>
    private void ForgetQuietTokens()
    {
        if (lastUseTaken.Count < 1_000)
        {
            return;
        }
        var cutoff = Clock.GetUtcNow().UtcDateTime - LastUseInterval;
        foreach (var (tokenId, at) in lastUseTaken)
        {
            if (at < cutoff)
            {
                lastUseTaken.TryRemove(new KeyValuePair<int, DateTime>(tokenId, at));
            }
        }
    }

    /// <summary>Adds the counts and writes the last uses in one transaction that also tells the owners' open tabs.</summary>
    private async Task WriteAsync(List<Row> rows, Dictionary<int, LastUse> lastUses)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var ids = rows.Select(r => r.Key.TokenId).Concat(lastUses.Keys).Distinct().ToList();
        // A token removed since its call has nothing to count against (and its rows went with it).
        var owners = await db.AccessTokens.Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.UserId })
            .ToDictionaryAsync(t => t.Id, t => t.UserId);
        foreach (var row in rows.Where(r => owners.ContainsKey(r.Key.TokenId)))
        {
            var (tokenId, day, method) = row.Key;
            var updated = await db.TokenUsage
                .Where(u => u.TokenId == tokenId && u.Day == day && u.Method == method)
                .ExecuteUpdateAsync(s =>
                {
                    s.SetProperty(u => u.Calls, u => u.Calls + row.Calls);
                    s.SetProperty(u => u.Refused, u => u.Refused + row.Refused);
                    if (row.LastCallAt is { } call)
                    {
                        s.SetProperty(u => u.LastCallAt, call);
                    }
                    if (row.LastRefusedAt is { } refusal)
                    {
                        s.SetProperty(u => u.LastRefusedAt, refusal);
                    }
                });
            if (updated == 0)
            {
                db.TokenUsage.Add(new TokenUsageDay
                {
                    TokenId = tokenId, Day = day, Method = method, Calls = row.Calls, Refused = row.Refused,
                    LastCallAt = row.LastCallAt, LastRefusedAt = row.LastRefusedAt,
                });
            }
        }
        await db.SaveChangesAsync();
        foreach (var (tokenId, use) in lastUses.Where(u => owners.ContainsKey(u.Key)))
        {
            // An older use never overwrites a newer one (another instance may have written it).
            await db.AccessTokens
                .Where(t => t.Id == tokenId && (t.LastUsedAt == null || t.LastUsedAt < use.At))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.LastUsedAt, use.At)
                    .SetProperty(t => t.LastUsedIp, use.Ip)
                    .SetProperty(t => t.LastUsedMethod, use.Method));
        }
        var changes = owners.Values.Distinct().Select(userId => new TopicChange(userId, "")).ToList();
        await topics.Usage.CommitAsync(db, transaction, changes, CancellationToken.None);
    }
}
