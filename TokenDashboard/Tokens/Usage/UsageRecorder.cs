using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenDashboard.Data;
using TokenDashboard.Data.Changes;

namespace TokenDashboard.Tokens.Usage;

/// <summary>
/// Counts token calls per token × method × UTC day, allowed and refused (result 8), off the request path.
/// <see cref="Record"/> costs a dictionary look-up and an interlocked increment; every
/// <see cref="UsageOptions.FlushInterval"/> the counts are added to their rows in one transaction, so a kill -9
/// loses at most one interval of counts, and an orderly stop writes them. A write that fails keeps its counts for
/// the next one. Old days are pruned hourly (<see cref="UsageOptions.RetentionDays"/>).
/// Sessions are not tokens: the caller records token calls only.
/// </summary>
public sealed class UsageRecorder(
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    IOptions<UsageOptions> options,
    ChangeTopics topics,
    TokenMetrics metrics,
    ILogger<UsageRecorder> logger) : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    private readonly record struct Key(int TokenId, DateOnly Day, string Method);

    private sealed class Counter
    {
        public long Calls;
        public long Refused;
        public long LastCallTicks;
        public long LastRefusedTicks;
    }

    private readonly ConcurrentDictionary<Key, Counter> pending = new();
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly bool enabled = options.Value.Record;

    /// <summary>Counts one call of <paramref name="method"/> by a token; <paramref name="refused"/> for result 8. Returns at once.</summary>
    public void Record(int tokenId, string method, bool refused)
    {
        if (!enabled)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var counter = pending.GetOrAdd(new Key(tokenId, DateOnly.FromDateTime(now), method), static _ => new Counter());
        if (refused)
        {
            Interlocked.Increment(ref counter.Refused);
            Volatile.Write(ref counter.LastRefusedTicks, now.Ticks);
        }
        else
        {
            Interlocked.Increment(ref counter.Calls);
            Volatile.Write(ref counter.LastCallTicks, now.Ticks);
        }
    }

    /// <summary>Writes every count recorded before the call (tests, orderly shutdown, the timer).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await writing.WaitAsync(cancellationToken);
        try
        {
            var batch = TakeCounts();
            if (batch.Count == 0)
            {
                return;
            }
            try
            {
                await WriteAsync(batch);
                metrics.Flushed(TokenMetrics.Flush.Usage, batch.Count);
            }
            catch (Exception ex)
            {
                metrics.FlushFailed(TokenMetrics.Flush.Usage);
                logger.LogWarning(ex, "Could not write the usage of {Count} token methods; keeping the counts for the next write", batch.Count);
                PutBack(batch);
            }
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>Deletes the days older than the retention period.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var oldest = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-(Math.Max(1, options.Value.RetentionDays) - 1));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TokenUsage.Where(u => u.Day < oldest).ExecuteDeleteAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextPrune = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(options.Value.FlushInterval, clock);
        try
        {
            do
            {
                await FlushAsync(stoppingToken);
                if (clock.GetUtcNow() >= nextPrune)
                {
                    await PruneSafelyAsync(stoppingToken);
                    nextPrune = clock.GetUtcNow() + PruneEvery;
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Stopping: what was counted since the last tick is written now.
        await FlushAsync(CancellationToken.None);
    }

    private async Task PruneSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PruneAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not prune old token usage");
        }
    }

    private sealed record Row(Key Key, long Calls, long Refused, DateTime? LastCallAt, DateTime? LastRefusedAt);

    /// <summary>Moves the counts out of the counters; a counter of a past day that stays at zero is forgotten.</summary>
    private List<Row> TakeCounts()
    {
        var yesterday = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1);
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

    private void PutBack(List<Row> rows)
    {
        foreach (var row in rows)
        {
            var counter = pending.GetOrAdd(row.Key, static _ => new Counter());
            Interlocked.Add(ref counter.Calls, row.Calls);
            Interlocked.Add(ref counter.Refused, row.Refused);
        }
    }

    /// <summary>Adds the batch to its rows in one transaction; returns the users whose tokens it touched.</summary>
    /// <summary>Adds the counts in one transaction that also tells the owners' open tabs, on every instance.</summary>
    private async Task WriteAsync(List<Row> rows)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var ids = rows.Select(r => r.Key.TokenId).Distinct().ToList();
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
        var changes = owners.Values.Distinct().Select(userId => new TopicChange(userId, "")).ToList();
        await topics.Usage.CommitAsync(db, transaction, changes, CancellationToken.None);
    }
}
