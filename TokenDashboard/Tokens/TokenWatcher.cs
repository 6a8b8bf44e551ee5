using TokenDashboard.Data.Changes;
using TokenDashboard.Tokens.Usage;

namespace TokenDashboard.Tokens;

/// <summary>What an open page of a user's tokens shows: the tokens, and how many methods each called lately.</summary>
internal sealed record TokenListView(IReadOnlyList<TokenSummary> Tokens, IReadOnlyDictionary<int, int> UsedMethods);

/// <summary>
/// What open pages of a user's tokens listen to and read. Listening: a change to the tokens themselves (every page
/// that lists them) and a recorded use — last use, usage counts — (only pages that show it, <see cref="Watch"/>),
/// made through this instance or any other; each topic delivers at most once a second per user. Reading
/// (<see cref="ReadAsync"/>): one read of the database per change, shared by every open tab of the user, however
/// many there are — a burst of API calls with a hundred tabs open costs one read a second, not a hundred.
/// </summary>
internal sealed class TokenWatcher(ChangeTopics topics, TokenService tokens, TokenUsageService usage)
{
    /// <summary>
    /// One read per user per change: remembered until the next change of tokens (this memory's topic) and only at the
    /// usage topic's version it was read at (taken before the read too), so a recorded use voids it as well. The read
    /// itself is remembered while it runs, so tabs hearing the same change at once wait for one read instead of each
    /// making one. One entry per user with an open page (bounded: past it the memory starts over).
    /// It is there to share one round of reads, not to answer for long: 5 seconds at most, and — unlike the
    /// validator's memories — also while the feed is not known to be current, since a tab reads only when it opens or
    /// hears a change, and what another instance changed meanwhile reaches it as a change of its own when heard.
    /// </summary>
    private readonly TopicMemory<string, (long Usage, Task<TokenListView> Read)> views =
        topics.Tokens.Remember<string, (long, Task<TokenListView>)>(TimeSpan.FromSeconds(5), 1_000);

    private readonly Lock gate = new();

    /// <summary>Calls <paramref name="changed"/> after a change to the tokens or their use (on the announcing thread: hand it to a dispatcher) until disposed.</summary>
    public IDisposable Watch(string userId, Action changed) =>
        new Both(topics.Tokens.Subscribe(userId, _ => changed()), topics.Usage.Subscribe(userId, _ => changed()));

    /// <summary>The same for a page that shows no usage (the Dashboard's expiring tokens): a recorded use does not reach it.</summary>
    public IDisposable WatchTokens(string userId, Action changed) => topics.Tokens.Subscribe(userId, _ => changed());

    /// <summary>How many pages of the user listen; lets tests see that a closed page let go.</summary>
    public int WatcherCount(string userId) => topics.Tokens.SubscriberCount(userId);

    /// <summary>
    /// The user's tokens and their recent use as of the last change heard, read at most once per change for all of
    /// the user's tabs. <paramref name="fresh"/>: read the database whatever is remembered (the Refresh button).
    /// </summary>
    public Task<TokenListView> ReadAsync(string userId, bool fresh = false)
    {
        var usageVersion = topics.Usage.Version;
        var reading = topics.Tokens.Read() with { Current = true };
        TaskCompletionSource<TokenListView> read;
        lock (gate)
        {
            if (!fresh && views.TryGet(userId, reading, out var remembered) && remembered.Usage == usageVersion
                && !remembered.Read.IsFaulted && !remembered.Read.IsCanceled)
            {
                return remembered.Read;
            }
            // Continuations run off the reading tab's dispatcher: the read is shared, and must not wait for one
            // circuit (busy, or closing) to finish it for the others.
            read = new TaskCompletionSource<TokenListView>(TaskCreationOptions.RunContinuationsAsynchronously);
            views.Remember(userId, (usageVersion, read.Task), reading);
        }
        _ = ReadIntoAsync(userId, read);
        return read.Task;
    }

    private async Task ReadIntoAsync(string userId, TaskCompletionSource<TokenListView> read)
    {
        try
        {
            var list = await tokens.ListAsync(userId).ConfigureAwait(false);
            var used = await usage.MethodsUsedAsync(userId).ConfigureAwait(false);
            read.SetResult(new TokenListView(list, used));
        }
        catch (Exception ex)
        {
            read.SetException(ex); // the caller sees it; the next caller reads again
        }
    }

    private sealed class Both(IDisposable tokens, IDisposable usage) : IDisposable
    {
        public void Dispose()
        {
            tokens.Dispose();
            usage.Dispose();
        }
    }
}
