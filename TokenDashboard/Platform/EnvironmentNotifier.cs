using Microsoft.EntityFrameworkCore.Storage;
using TokenDashboard.Data;
using TokenDashboard.Data.Changes;

namespace TokenDashboard.Platform;

public enum EnvironmentChangeKind
{
    Created,
    StatusChanged,
    DisplayNameChanged,
    Deployed,
    Undeployed,
    Deleted,

    /// <summary>Changes made elsewhere may have gone unheard (the change feed reconnected): reload everything.</summary>
    Resync,
}

/// <summary>Something committed about one of a user's environments.</summary>
public sealed record EnvironmentChange(string UserId, string EnvName, EnvironmentChangeKind Kind);

/// <summary>
/// Per-user notifications of committed environment changes, so that an open Environments page updates when a
/// script changes an environment through the API — through this instance or, via <see cref="ChangeFeed"/>, any other
/// instance on the database. A singleton: the API request and the page's circuit meet here. Subscribers must dispose
/// their subscription when they go away.
/// </summary>
public sealed class EnvironmentNotifier
{
    public const string Topic = "environments";

    private readonly ChangeFeed feed;
    private readonly ILogger<EnvironmentNotifier> logger;
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<Subscription>> byUser = new(StringComparer.Ordinal);
    private long version;

    public EnvironmentNotifier(ChangeFeed feed, ILogger<EnvironmentNotifier> logger)
    {
        this.feed = feed;
        this.logger = logger;
        feed.Subscribe(Topic, notice => Publish(Parse(notice.Detail)));
        feed.Resynced += PublishResyncToEveryone;
    }

    /// <summary>
    /// Moves on every committed environment change heard, from this instance or another, and on a resync: what was
    /// read at an older version may be out of date (<see cref="EnvironmentListMemory"/>).
    /// </summary>
    public long Version => Volatile.Read(ref version);

    /// <summary>Whether changes made through other instances are known to have been heard; if not, trust nothing remembered.</summary>
    public bool IsCurrent => feed.IsCurrent;

    /// <summary>
    /// Commits an environment change and announces it: call instead of <c>transaction.CommitAsync</c>. The notice
    /// travels in the same transaction; this instance's subscribers hear it once the commit returns.
    /// </summary>
    public async Task CommitAsync(AppDbContext db, IDbContextTransaction transaction, EnvironmentChange change, CancellationToken cancellationToken)
    {
        await feed.CommitAsync(db, transaction, new ChangeNotice(Topic, $"{change.Kind}|{change.UserId}|{change.EnvName}"), cancellationToken);
        Publish(change);
    }

    private static EnvironmentChange Parse(string detail)
    {
        var parts = detail.Split('|', 3);
        return new EnvironmentChange(parts[1], parts[2], Enum.Parse<EnvironmentChangeKind>(parts[0]));
    }

    private void PublishResyncToEveryone()
    {
        Interlocked.Increment(ref version);
        string[] users;
        lock (gate)
        {
            users = [.. byUser.Keys];
        }
        foreach (var user in users)
        {
            Publish(new EnvironmentChange(user, "", EnvironmentChangeKind.Resync));
        }
    }

    /// <summary>Calls <paramref name="handler"/> after each change to <paramref name="userId"/>'s environments until disposed.</summary>
    public IDisposable Subscribe(string userId, Action<EnvironmentChange> handler)
    {
        var subscription = new Subscription(this, userId, handler);
        lock (gate)
        {
            if (!byUser.TryGetValue(userId, out var list))
            {
                byUser[userId] = list = [];
            }
            list.Add(subscription);
        }
        return subscription;
    }

    /// <summary>
    /// Tells the user's subscribers. Handlers run on the publisher's thread and must be quick (a page hands the
    /// work to its own dispatcher); one that throws is logged and does not stop the others or the publisher.
    /// </summary>
    public void Publish(EnvironmentChange change)
    {
        // Before anyone hears of it, so that a page reloading on this change does not get the list read before it.
        Interlocked.Increment(ref version);
        Subscription[] targets;
        lock (gate)
        {
            if (!byUser.TryGetValue(change.UserId, out var list))
            {
                return;
            }
            targets = [.. list];
        }
        foreach (var subscription in targets)
        {
            try
            {
                subscription.Handler(change);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "An environment change subscriber failed ({Kind} {EnvName})", change.Kind, change.EnvName);
            }
        }
    }

    /// <summary>How many subscriptions a user has; lets tests see that a page unsubscribed.</summary>
    public int SubscriberCount(string userId)
    {
        lock (gate)
        {
            return byUser.TryGetValue(userId, out var list) ? list.Count : 0;
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (gate)
        {
            if (byUser.TryGetValue(subscription.UserId, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                byUser.Remove(subscription.UserId);
            }
        }
    }

    private sealed class Subscription(EnvironmentNotifier owner, string userId, Action<EnvironmentChange> handler) : IDisposable
    {
        public string UserId => userId;
        public Action<EnvironmentChange> Handler => handler;

        public void Dispose() => owner.Remove(this);
    }
}
