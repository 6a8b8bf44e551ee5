using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts;

/// <summary>
/// Small per-account values that only move forward — the last two-factor step used, the last day a reminder was
/// mailed — kept in Identity's user-tokens table (no schema of their own). A value moves by compare-and-set: an insert
/// that the primary key lets only one writer win, or an UPDATE conditional on the value read; so of two attempts to
/// move it, in one process or on two instances, at most one succeeds, whatever lock the callers hold.
/// </summary>
internal sealed class AccountMarks(IDbContextFactory<AppDbContext> dbFactory)
{
    private const string Provider = "[TokenDashboard]";

    /// <summary>
    /// Sets the mark to <paramref name="value"/> if <paramref name="moves"/> says it may replace the current one (null
    /// when there is none). True when this call moved it; the previous value comes back for <see cref="RestoreAsync"/>.
    /// </summary>
    public async Task<(bool Moved, string? Previous)> TryMoveAsync(string userId, string name, string value, Func<string?, bool> moves,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await db.UserTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == name)
            .Select(t => new { t.Value }).FirstOrDefaultAsync(cancellationToken);
        if (!moves(current?.Value))
        {
            return (false, current?.Value);
        }
        if (current is null)
        {
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = Provider, Name = name, Value = value });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (true, null);
            }
            catch (DbUpdateException)
            {
                return (false, null); // another writer set it first, at the same moment
            }
        }
        var moved = await db.UserTokens
            .Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == name && t.Value == current.Value)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, value), cancellationToken) == 1;
        return (moved, current.Value);
    }

    /// <summary>Puts back what <see cref="TryMoveAsync"/> replaced, if the mark still holds <paramref name="value"/> (a step that failed after moving it).</summary>
    public async Task RestoreAsync(string userId, string name, string value, string? previous, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mark = db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == name && t.Value == value);
        if (previous is null)
        {
            await mark.ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            await mark.ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, previous), cancellationToken);
        }
    }

    public async Task ForgetAsync(string userId, string name, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == name).ExecuteDeleteAsync(cancellationToken);
    }
}
