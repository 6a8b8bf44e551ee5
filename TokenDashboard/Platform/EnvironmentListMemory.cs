using TokenDashboard.Data.Changes;

namespace TokenDashboard.Platform;

/// <summary>
/// Each user's environment list (GetEnvs, the Environments page), remembered between reads: scripts poll GetEnvs,
/// and on SQLite one EF query costs several times the rest of an API call. Every environment change goes through
/// <see cref="EnvironmentNotifier"/>, whose <see cref="EnvironmentNotifier.Version"/> moves once a change commits here
/// or is heard from another instance; a list is used only at the version it was read at (read before the database,
/// so a change committed meanwhile voids it), only while the change feed is current, and for <see cref="MaxAge"/> at
/// most. So a list never outlives a change by more than the feed's window, as remembered tokens do.
/// </summary>
public sealed class EnvironmentListMemory(EnvironmentNotifier notifier, TimeProvider clock)
{
    /// <summary>How long a list is reused at most, even with no change heard (a change made behind the app's back).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    /// <summary>More users than this polling at once just means starting over; it bounds the memory.</summary>
    private const int MaxEntries = 10_000;

    /// <summary>The list as a completed task, so a hit allocates nothing.</summary>
    private readonly RememberedUntilChange<string, Task<IReadOnlyList<EnvironmentSummary>>> remembered = new(MaxAge, MaxEntries);

    /// <summary>The remembered list of <paramref name="userId"/>, or <paramref name="read"/>'s answer (then remembered).</summary>
    public Task<IReadOnlyList<EnvironmentSummary>> GetAsync(
        string userId, Func<CancellationToken, Task<List<EnvironmentSummary>>> read, CancellationToken cancellationToken)
    {
        var current = notifier.IsCurrent;
        var version = notifier.Version;
        var now = clock.GetUtcNow();
        return remembered.TryGet(userId, current, version, now, out var list)
            ? list
            : ReadAsync(userId, read, version, now, cancellationToken);
    }

    private async Task<IReadOnlyList<EnvironmentSummary>> ReadAsync(
        string userId, Func<CancellationToken, Task<List<EnvironmentSummary>>> read, long version, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Read-only for every caller that shares it.
        IReadOnlyList<EnvironmentSummary> list = (await read(cancellationToken)).AsReadOnly();
        remembered.Remember(userId, Task.FromResult(list), version, now);
        return list;
    }
}
