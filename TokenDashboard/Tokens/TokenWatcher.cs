using TokenDashboard.Data.Changes;

namespace TokenDashboard.Tokens;

/// <summary>
/// What an open page of a user's tokens listens to: a change to the tokens themselves and a recorded use (last use,
/// usage counts), made through this instance or any other. Each topic delivers at most once a second per user.
/// </summary>
public sealed class TokenWatcher(ChangeTopics topics)
{
    /// <summary>Calls <paramref name="changed"/> (on the announcing thread: hand it to a dispatcher) until disposed.</summary>
    public IDisposable Watch(string userId, Action changed) =>
        new Both(topics.Tokens.Subscribe(userId, _ => changed()), topics.Usage.Subscribe(userId, _ => changed()));

    /// <summary>How many pages of the user listen; lets tests see that a closed page let go.</summary>
    public int WatcherCount(string userId) => topics.Tokens.SubscriberCount(userId);

    private sealed class Both(IDisposable tokens, IDisposable usage) : IDisposable
    {
        public void Dispose()
        {
            tokens.Dispose();
            usage.Dispose();
        }
    }
}
