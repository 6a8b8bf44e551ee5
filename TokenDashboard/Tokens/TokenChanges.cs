using Microsoft.EntityFrameworkCore.Storage;
using TokenDashboard.Data;
using TokenDashboard.Data.Changes;

namespace TokenDashboard.Tokens;

/// <summary>
/// A counter that moves on every committed change to a token's value, settings or existence (generate, edit,
/// regenerate, remove, revoke) — made by this instance or, through <see cref="ChangeFeed"/>, by any other instance on
/// the database. <see cref="TokenValidator"/> remembers the version each answer was read at and uses only answers read
/// at the current one, and only while the feed <see cref="IsCurrent"/>: so nothing it remembers outlives a change
/// anywhere by more than the feed's window (under a second).
/// </summary>
public sealed class TokenChanges
{
    public const string Topic = "tokens";

    private readonly ChangeFeed feed;
    private long version;

    public TokenChanges(ChangeFeed feed)
    {
        this.feed = feed;
        feed.Subscribe(Topic, _ => Forget());
        feed.Resynced += Forget;
    }

    public long Version => Volatile.Read(ref version);

    /// <summary>Whether changes made by other instances are known to have been heard; if not, trust nothing remembered.</summary>
    public bool IsCurrent => feed.IsCurrent;

    /// <summary>
    /// Commits a token change and tells every instance: call instead of <c>transaction.CommitAsync</c>. The notice
    /// travels in the same transaction, and this instance forgets its answers after the commit (not before: a read
    /// between the two would remember the old row).
    /// </summary>
    public async Task CommitAsync(AppDbContext db, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        await feed.CommitAsync(db, transaction, new ChangeNotice(Topic, ""), cancellationToken);
        Forget();
    }

    /// <summary>Voids every remembered answer of this instance (a notice from elsewhere, or a benchmark).</summary>
    internal void Forget() => Interlocked.Increment(ref version);
}
