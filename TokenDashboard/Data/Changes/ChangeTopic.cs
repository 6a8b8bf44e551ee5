using Microsoft.EntityFrameworkCore.Storage;

namespace TokenDashboard.Data.Changes;

/// <summary>One change to one user's things on a topic; <see cref="Detail"/> is the topic's own (empty on a resync).</summary>
public sealed record TopicChange(string UserId, string Detail, bool Resync = false);

/// <summary>
/// One kind of change ("tokens", "environments", "usage") and everything that follows from it, in one place:
/// committing a change together with its notice (<see cref="CommitAsync"/>), the version that voids what was read
/// before it (<see cref="Version"/>, and the memories bound to it, <see cref="Remember{TKey,TValue}"/>), whether
/// changes made on other instances are known to have been heard (<see cref="IsCurrent"/>), and per-user
/// subscriptions that hear changes made here and on every other instance (<see cref="Subscribe"/>).
/// </summary>
public sealed class ChangeTopic
{
    private readonly ChangeFeed feed;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly TimeSpan minimumGap;
    private readonly Lock gate = new();
    private readonly Dictionary<string, UserSubscribers> byUser = new(StringComparer.Ordinal);
    private long version;

    /// <param name="minimumGap">
    /// At most one delivery per user per gap; changes inside it fold into one delivery at its end (a burst of API
    /// calls reloads an open tab once). Zero: every change is delivered at once.
    /// </param>
    public ChangeTopic(string name, ChangeFeed feed, TimeProvider clock, ILogger logger, TimeSpan minimumGap)
    {
        Name = name;
        this.feed = feed;
        this.clock = clock;
        this.logger = logger;
        this.minimumGap = minimumGap;
        feed.Subscribe(name, notice => Heard(Parse(notice.Detail)));
        feed.Resynced += HeardResync;
    }

    public string Name { get; }

    /// <summary>
    /// Moves on every change heard, from this instance or another, and on a resync: what was read at an older version
    /// may be out of date.
    /// </summary>
    public long Version => Volatile.Read(ref version);

    /// <summary>Whether changes made by other instances are known to have been heard; if not, trust nothing remembered.</summary>
    public bool IsCurrent => feed.IsCurrent;

    /// <summary>What a read is about to be judged against, taken <em>before</em> the database is read.</summary>
    public ChangeReading Read() => new(IsCurrent, Version, clock.GetUtcNow());

    /// <summary>A memory of answers that lives until this topic's next change (and <paramref name="maxAge"/> at most).</summary>
    public TopicMemory<TKey, TValue> Remember<TKey, TValue>(TimeSpan maxAge, int maxEntries) where TKey : notnull =>
        new(this, maxAge, maxEntries);

    /// <summary>
    /// Commits the open transaction with a notice for each change in it: call instead of <c>transaction.CommitAsync</c>.
    /// The notices travel in the same transaction (they go out if and only if it commits), and this instance hears
    /// them once the commit returns — not before: a read between the two would remember the old rows.
    /// </summary>
    public async Task CommitAsync(AppDbContext db, IDbContextTransaction transaction, IReadOnlyCollection<TopicChange> changes, CancellationToken cancellationToken)
    {
        await feed.CommitAsync(db, transaction, changes.Select(NoticeOf), cancellationToken);
        foreach (var change in changes)
        {
            Heard(change);
        }
    }

    /// <summary>The notice that carries <paramref name="change"/> to the other instances.</summary>
    internal ChangeNotice NoticeOf(TopicChange change) => new(Name, $"{change.UserId}|{change.Detail}");

    public Task CommitAsync(AppDbContext db, IDbContextTransaction transaction, string userId, string detail, CancellationToken cancellationToken) =>
        CommitAsync(db, transaction, [new TopicChange(userId, detail)], cancellationToken);

    /// <summary>Calls <paramref name="handler"/> after changes to <paramref name="userId"/>'s things until disposed.</summary>
    /// <remarks>Handlers run on the announcing thread and must be quick (a page hands the work to its own dispatcher).</remarks>
    public IDisposable Subscribe(string userId, Action<TopicChange> handler)
    {
        var subscription = new Subscription(this, userId, handler);
        lock (gate)
        {
            if (!byUser.TryGetValue(userId, out var state))
            {
                byUser[userId] = state = new UserSubscribers();
            }
            state.List.Add(subscription);
        }
        return subscription;
    }

    /// <summary>How many subscriptions a user has; lets tests see that a page unsubscribed.</summary>
    public int SubscriberCount(string userId)
    {
        lock (gate)
        {
            return byUser.TryGetValue(userId, out var state) ? state.List.Count : 0;
        }
    }

    /// <summary>Voids every remembered answer of this instance (benchmarks measure the path that reads).</summary>
    public void Forget() => Interlocked.Increment(ref version);

    private static TopicChange Parse(string detail)
    {
        var bar = detail.IndexOf('|');
        return bar < 0 ? new TopicChange(detail, "") : new TopicChange(detail[..bar], detail[(bar + 1)..]);
    }

    private void HeardResync()
    {
        string[] users;
        lock (gate)
        {
            users = [.. byUser.Keys];
        }
        Forget();
        foreach (var user in users)
        {
            Deliver(new TopicChange(user, "", Resync: true));
        }
    }

    /// <summary>A change this instance has heard of: its own after the commit, or another's from the feed.</summary>
    internal void Heard(TopicChange change)
    {
        // Before anyone hears of it, so that a page reloading on this change does not get an answer read before it.
        Forget();
        Deliver(change);
    }

    private void Deliver(TopicChange change)
    {
        Subscription[] targets;
        TimeSpan wait;
        lock (gate)
        {
            if (!byUser.TryGetValue(change.UserId, out var state) || state.Scheduled)
            {
                return; // nobody is looking, or a delivery is already on its way
            }
            var now = clock.GetUtcNow();
            wait = minimumGap == TimeSpan.Zero ? TimeSpan.Zero : state.LastDelivered + minimumGap - now;
            targets = [.. state.List];
            if (wait <= TimeSpan.Zero)
            {
                state.LastDelivered = now;
            }
            else
            {
                state.Scheduled = true;
            }
        }
        if (wait <= TimeSpan.Zero)
        {
            Run(targets, change);
        }
        else
        {
            _ = DeliverLaterAsync(change, wait);
        }
    }

    private async Task DeliverLaterAsync(TopicChange change, TimeSpan wait)
    {
        await Task.Delay(wait, clock);
        Subscription[] targets;
        lock (gate)
        {
            if (!byUser.TryGetValue(change.UserId, out var state))
            {
                return;
            }
            state.Scheduled = false;
            state.LastDelivered = clock.GetUtcNow();
            targets = [.. state.List];
            if (targets.Length == 0)
            {
                byUser.Remove(change.UserId);
            }
        }
        Run(targets, change);
    }

    private void Run(Subscription[] targets, TopicChange change)
    {
        foreach (var subscription in targets)
        {
            try
            {
                subscription.Handler(change);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A subscriber to {Topic} changes failed", Name);
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (gate)
        {
            if (byUser.TryGetValue(subscription.UserId, out var state) && state.List.Remove(subscription)
                && state.List.Count == 0 && !state.Scheduled)
            {
                byUser.Remove(subscription.UserId);
            }
        }
    }

    private sealed class UserSubscribers
    {
        public readonly List<Subscription> List = [];
        public DateTimeOffset LastDelivered = DateTimeOffset.MinValue;
        public bool Scheduled;
    }

    private sealed class Subscription(ChangeTopic owner, string userId, Action<TopicChange> handler) : IDisposable
    {
        public string UserId => userId;
        public Action<TopicChange> Handler => handler;

        public void Dispose() => owner.Remove(this);
    }
}

/// <summary>Whether the feed was current, the topic's version and the time, taken before a read of the database.</summary>
public readonly record struct ChangeReading(bool Current, long Version, DateTimeOffset At);
