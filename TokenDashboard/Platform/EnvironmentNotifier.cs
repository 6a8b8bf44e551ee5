using Microsoft.EntityFrameworkCore.Storage;
using TokenDashboard.Data;
using TokenDashboard.Data.Changes;

namespace TokenDashboard.Platform;

internal enum EnvironmentChangeKind
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
internal sealed record EnvironmentChange(string UserId, string EnvName, EnvironmentChangeKind Kind)
{
    /// <summary>The topic's detail: "Kind|envName".</summary>
    public string Detail => $"{Kind}|{EnvName}";

    public static EnvironmentChange From(TopicChange change)
    {
        if (change.Resync)
        {
            return new EnvironmentChange(change.UserId, "", EnvironmentChangeKind.Resync);
        }
        var parts = change.Detail.Split('|', 2);
        return new EnvironmentChange(change.UserId, parts[1], Enum.Parse<EnvironmentChangeKind>(parts[0]));
    }
}

/// <summary>
/// Environment changes in the platform's own terms, over <see cref="ChangeTopics.Environments"/>: an open
/// Environments page hears a script's change made through this instance or any other.
/// </summary>
internal sealed class EnvironmentNotifier(ChangeTopics topics)
{
    /// <summary>How long a list is reused at most, even with no change heard (a change made behind the app's back).</summary>
    public static readonly TimeSpan ListMaxAge = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Each user's environment list (GetEnvs, the Environments page) until their next change: scripts poll GetEnvs,
    /// and on SQLite one EF query costs several times the rest of an API call. More users than the bound polling at
    /// once just means starting over.
    /// </summary>
    internal TopicMemory<string, IReadOnlyList<EnvironmentSummary>> Lists { get; } =
        topics.Environments.Remember<string, IReadOnlyList<EnvironmentSummary>>(ListMaxAge, maxEntries: 10_000);

    /// <summary>Commits an environment change and announces it: call instead of <c>transaction.CommitAsync</c>.</summary>
    public Task CommitAsync(AppDbContext db, IDbContextTransaction transaction, EnvironmentChange change, CancellationToken cancellationToken) =>
        topics.Environments.CommitAsync(db, transaction, change.UserId, change.Detail, cancellationToken);

    /// <summary>Calls <paramref name="handler"/> after each change to <paramref name="userId"/>'s environments until disposed.</summary>
    public IDisposable Subscribe(string userId, Action<EnvironmentChange> handler) =>
        topics.Environments.Subscribe(userId, change => handler(EnvironmentChange.From(change)));

    /// <summary>How many subscriptions a user has; lets tests see that a page unsubscribed.</summary>
    public int SubscriberCount(string userId) => topics.Environments.SubscriberCount(userId);
}
