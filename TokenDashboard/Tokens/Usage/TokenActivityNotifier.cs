namespace TokenDashboard.Tokens.Usage;

/// <summary>
/// Tells a user's open Access Tokens tabs that something about their tokens moved — a last use was written,
/// usage counts were added, a token was changed — so the grid reloads without Refresh. In process and per user,
/// like the Environments page's notifier, and throttled: at most one delivery per user per
/// <see cref="MinimumGap"/>; publishes inside the gap are folded into one delivery at its end.
/// Subscribers must dispose their subscription when they go away.
/// </summary>
public sealed class TokenActivityNotifier(TimeProvider clock, ILogger<TokenActivityNotifier> logger)
{
    public static readonly TimeSpan MinimumGap = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private readonly Dictionary<string, UserState> byUser = new(StringComparer.Ordinal);

    private sealed class UserState
    {
        public readonly List<Subscription> Subscribers = [];
        public DateTimeOffset LastDelivered = DateTimeOffset.MinValue;
        public bool Scheduled;
    }

    /// <summary>Calls <paramref name="handler"/> after changes to <paramref name="userId"/>'s tokens until disposed.</summary>
    public IDisposable Subscribe(string userId, Action handler)
    {
        var subscription = new Subscription(this, userId, handler);
        lock (gate)
        {
            if (!byUser.TryGetValue(userId, out var state))
            {
                byUser[userId] = state = new UserState();
            }
            state.Subscribers.Add(subscription);
        }
        return subscription;
    }

    /// <summary>Something about the user's tokens changed; returns at once.</summary>
    public void Publish(string userId)
    {
        TimeSpan wait;
        Subscription[] targets;
        lock (gate)
        {
            if (!byUser.TryGetValue(userId, out var state) || state.Scheduled)
            {
                return; // nobody is looking, or a delivery is already on its way
            }
            var now = clock.GetUtcNow();
            wait = state.LastDelivered + MinimumGap - now;
            targets = [.. state.Subscribers];
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
            Deliver(targets);
        }
        else
        {
            _ = DeliverLaterAsync(userId, wait);
        }
    }

    /// <summary>How many subscriptions a user has; lets tests see that a tab unsubscribed.</summary>
    public int SubscriberCount(string userId)
    {
        lock (gate)
        {
            return byUser.TryGetValue(userId, out var state) ? state.Subscribers.Count : 0;
        }
    }

    private async Task DeliverLaterAsync(string userId, TimeSpan wait)
    {
        await Task.Delay(wait, clock);
        Subscription[] targets;
        lock (gate)
        {
            if (!byUser.TryGetValue(userId, out var state))
            {
                return;
            }
            state.Scheduled = false;
            state.LastDelivered = clock.GetUtcNow();
            targets = [.. state.Subscribers];
            if (targets.Length == 0)
            {
                byUser.Remove(userId);
            }
        }
        Deliver(targets);
    }

    /// <summary>Handlers must be quick (a tab hands the reload to its own dispatcher); one that throws is logged.</summary>
    private void Deliver(Subscription[] targets)
    {
        foreach (var subscription in targets)
        {
            try
            {
                subscription.Handler();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A token activity subscriber failed");
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (gate)
        {
            if (byUser.TryGetValue(subscription.UserId, out var state) && state.Subscribers.Remove(subscription)
                && state.Subscribers.Count == 0 && !state.Scheduled)
            {
                byUser.Remove(subscription.UserId);
            }
        }
    }

    private sealed class Subscription(TokenActivityNotifier owner, string userId, Action handler) : IDisposable
    {
        public string UserId => userId;
        public Action Handler => handler;

        public void Dispose() => owner.Remove(this);
    }
}
