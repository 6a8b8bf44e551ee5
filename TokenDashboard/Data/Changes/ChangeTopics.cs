using Microsoft.EntityFrameworkCore.Storage;

namespace TokenDashboard.Data.Changes;

/// <summary>
/// The kinds of change the app announces, one <see cref="ChangeTopic"/> each. A singleton: an API request, a
/// background writer and a page's circuit meet here.
/// </summary>
public sealed class ChangeTopics(ChangeFeed feed, TimeProvider clock, ILogger<ChangeTopic> logger)
{
    /// <summary>A burst of calls reloads an open tab at most once per gap.</summary>
    public static readonly TimeSpan TabGap = TimeSpan.FromSeconds(1);

    /// <summary>A token's value, settings or existence (generate, edit, regenerate, remove, revoke).</summary>
    public ChangeTopic Tokens { get; } = new("tokens", feed, clock, logger, TabGap);

    /// <summary>An environment's existence, status, name or deployments; detail "Kind|envName".</summary>
    public ChangeTopic Environments { get; } = new("environments", feed, clock, logger, TimeSpan.Zero);

    /// <summary>A token's recorded use: its last use, or its usage counts.</summary>
    public ChangeTopic Usage { get; } = new("usage", feed, clock, logger, TabGap);

    /// <summary>
    /// Commits one transaction that changed things of several topics (a policy that also moved tokens' dates): as
    /// <see cref="ChangeTopic.CommitAsync(AppDbContext, IDbContextTransaction, IReadOnlyCollection{TopicChange}, CancellationToken)"/>,
    /// every notice in the transaction, each topic hearing its own after the commit.
    /// </summary>
    public async Task CommitAsync(AppDbContext db, IDbContextTransaction transaction,
        IReadOnlyCollection<(ChangeTopic Topic, TopicChange Change)> changes, CancellationToken cancellationToken)
    {
        await feed.CommitAsync(db, transaction, changes.Select(c => c.Topic.NoticeOf(c.Change)), cancellationToken);
        foreach (var (topic, change) in changes)
        {
            topic.Heard(change);
        }
    }

    /// <summary>The administrators' policies (one set for the whole site; announced with an empty user id).</summary>
    public ChangeTopic Policies { get; } = new("policies", feed, clock, logger, TimeSpan.Zero);
}
