using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;
using TokenDashboard.Data.Changes;

namespace TokenDashboard.Tokens;

/// <summary>
/// Records a token's last use (time, client address, method) off the request path. <see cref="Record"/> costs a
/// dictionary look-up and, at most once a minute per token, a channel write; this background service drains the
/// channel, keeps the latest use per token and writes the batch in one transaction. Losing a record when the
/// channel is full (a flood of distinct tokens) is acceptable: it is a convenience for the grid, not an audit.
/// </summary>
public sealed class LastUsedRecorder(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ChangeTopics topics, TokenMetrics metrics, ILogger<LastUsedRecorder> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private const int Capacity = 10_000;
    private const int MaxBatch = 500;

    private abstract record Item;
    private sealed record Use(int TokenId, DateTime At, string? Ip, string Method) : Item;
    private sealed record Flush(TaskCompletionSource Done) : Item;

    private readonly Channel<Item> channel = Channel.CreateBounded<Item>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>When each token's last accepted use happened; uses within <see cref="Interval"/> of it are dropped.</summary>
    private readonly ConcurrentDictionary<int, DateTime> accepted = new();

    /// <summary>Notes a successful call; returns at once.</summary>
    public void Record(int tokenId, string? ip, string method)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        while (true)
        {
            if (accepted.TryGetValue(tokenId, out var previous))
            {
                if (now - previous < Interval)
                {
                    return;
                }
                if (accepted.TryUpdate(tokenId, now, previous))
                {
                    break;
                }
            }
            else if (accepted.TryAdd(tokenId, now))
            {
                break;
            }
        }
        channel.Writer.TryWrite(new Use(tokenId, now, ip is { Length: > 64 } ? ip[..64] : ip, method));
    }

    /// <summary>Completes once every use recorded before the call is in the database (tests, orderly shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await channel.Writer.WriteAsync(new Flush(done), cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await channel.Reader.WaitToReadAsync(stoppingToken))
            {
                await DrainAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: write what is already queued, then stop.
            await DrainAsync();
        }
    }

    private async Task DrainAsync()
    {
        var latest = new Dictionary<int, Use>();
        var flushes = new List<TaskCompletionSource>();
        while (latest.Count < MaxBatch && channel.Reader.TryRead(out var item))
        {
            switch (item)
            {
                case Use use:
                    latest[use.TokenId] = use;
                    break;
                case Flush flush:
                    flushes.Add(flush.Done);
                    break;
            }
        }

        try
        {
            await WriteAsync(latest.Values);
            if (latest.Count > 0)
            {
                metrics.Flushed(TokenMetrics.Flush.LastUsed, latest.Count);
            }
        }
        catch (Exception ex)
        {
            metrics.FlushFailed(TokenMetrics.Flush.LastUsed);
            logger.LogWarning(ex, "Could not record the last use of {Count} tokens", latest.Count);
        }
        finally
        {
            flushes.ForEach(f => f.TrySetResult());
        }
        Prune();
    }

    private async Task WriteAsync(IReadOnlyCollection<Use> uses)
    {
        if (uses.Count == 0)
        {
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var use in uses)
        {
            // A removed token updates nothing; an older use never overwrites a newer one.
            await db.AccessTokens
                .Where(t => t.Id == use.TokenId && (t.LastUsedAt == null || t.LastUsedAt < use.At))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.LastUsedAt, use.At)
                    .SetProperty(t => t.LastUsedIp, use.Ip)
                    .SetProperty(t => t.LastUsedMethod, use.Method));
        }
        // Open Access Tokens tabs on every instance show the new Last Used without Refresh (throttled per user).
        var ids = uses.Select(u => u.TokenId).ToList();
        var owners = await db.AccessTokens.Where(t => ids.Contains(t.Id)).Select(t => t.UserId).Distinct().ToListAsync();
        await topics.Usage.CommitAsync(db, transaction, owners.Select(userId => new TopicChange(userId, "")).ToList(), CancellationToken.None);
    }

    /// <summary>Forgets tokens not used for a minute, so the map stays as small as the set of busy tokens.</summary>
    private void Prune()
    {
        if (accepted.Count < 1_000)
        {
            return;
        }
        var cutoff = clock.GetUtcNow().UtcDateTime - Interval;
        foreach (var (tokenId, at) in accepted)
        {
            if (at < cutoff)
            {
                accepted.TryRemove(new KeyValuePair<int, DateTime>(tokenId, at));
            }
        }
    }
}
