using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts.Admin;

/// <summary>One account as the administrators' Accounts page and admin.Accounts.GetAccounts show it. Never a secret.</summary>
internal sealed record AdminAccount(
    string Id,
    int Uid,
    string Email,
    bool EmailConfirmed,
    bool TwoFactorEnabled,
    DateTime CreatedAt,
    DateTime? LastSignInAt,
    int Tokens,
    int Sessions,
    DateTime? LockedOutUntil,
    DateTime? DisabledAt,
    bool IsAdministrator)
{
    public bool Disabled => DisabledAt is not null;
}

/// <summary>A page of accounts and how many match the search in all.</summary>
internal sealed record AdminAccountPage(IReadOnlyList<AdminAccount> Accounts, int Total);

/// <summary>
/// Every account, a page at a time, for administrators only: the guard runs first, on the acting user from the
/// principal. Counts are read for the page's accounts only, so a page costs the same with ten accounts or a million.
/// </summary>
internal sealed class AccountList(IDbContextFactory<AppDbContext> dbFactory, Administrators administrators, TimeProvider clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>Longer than any email Identity accepts; refused rather than searched.</summary>
    public const int MaxSearchLength = 256;

    /// <summary>The Identity id of the account numbered <paramref name="uid"/>, for an administrator; null otherwise.</summary>
    public async Task<string?> IdOfAsync(Actor actor, int uid, CancellationToken cancellationToken = default)
    {
        if (!await administrators.IsAdministratorAsync(actor.UserId, cancellationToken))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Uid == uid).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<Result<AdminAccountPage>> ListAsync(Actor actor, string? search, int skip = 0, int take = DefaultPageSize,
        CancellationToken cancellationToken = default)
    {
        if (await administrators.RefuseUnlessAdministratorAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (search is { Length: > MaxSearchLength })
        {
            return Error.Invalid("search", $"Search for at most {MaxSearchLength} characters.");
        }
        if (skip < 0)
        {
            return Error.Invalid("skip", "Skip 0 or more accounts.");
        }
        if (take is < 1 or > MaxPageSize)
        {
            return Error.Invalid("take", $"Take 1 to {MaxPageSize} accounts.");
        }

        var now = clock.GetUtcNow();
        var nowUtc = now.UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail != null && u.NormalizedEmail.Contains(term));
        }
        var total = await users.CountAsync(cancellationToken);
        var rows = await users.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id).Skip(skip).Take(take)
            .Select(u => new { u.Id, u.Uid, u.Email, u.UserName, u.EmailConfirmed, u.TwoFactorEnabled, u.CreatedAt, u.LockoutEnd, u.DisabledAt })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();

        var lastSignIns = await db.AuditEvents.AsNoTracking()
            .Where(e => ids.Contains(e.UserId) && e.Action == AuditAction.SignedIn)
            .GroupBy(e => e.UserId).Select(g => new { UserId = g.Key, At = g.Max(e => e.At) })
            .ToDictionaryAsync(x => x.UserId, x => x.At, cancellationToken);
        var tokens = await db.AccessTokens.AsNoTracking().Where(t => ids.Contains(t.UserId))
            .GroupBy(t => t.UserId).Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UserId, x => x.Count, cancellationToken);
        var browserLiveAfter = nowUtc - BrowserSessions.Lifetime;
        var browsers = await db.BrowserSessions.AsNoTracking().Where(s => ids.Contains(s.UserId) && s.LastSeenAt > browserLiveAfter)
            .GroupBy(s => s.UserId).Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UserId, x => x.Count, cancellationToken);
        var apiLiveAfter = nowUtc - ApiSessionStore.IdleTimeout;
        var apis = await db.ApiSessions.AsNoTracking().Where(s => ids.Contains(s.UserId) && s.LastUsedAt > apiLiveAfter)
            .GroupBy(s => s.UserId).Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UserId, x => x.Count, cancellationToken);
        var admins = (await Administrators.RoleHolderIds(db).Where(id => ids.Contains(id)).ToListAsync(cancellationToken)).ToHashSet();

        var accounts = rows.Select(r => new AdminAccount(
                r.Id, r.Uid, r.Email ?? r.UserName ?? "", r.EmailConfirmed, r.TwoFactorEnabled, r.CreatedAt,
                lastSignIns.TryGetValue(r.Id, out var at) ? at : null,
                tokens.GetValueOrDefault(r.Id),
                browsers.GetValueOrDefault(r.Id) + apis.GetValueOrDefault(r.Id),
                r.LockoutEnd is { } end && end > now ? end.UtcDateTime : null,
                r.DisabledAt,
                admins.Contains(r.Id)))
            .ToList();
        return new AdminAccountPage(accounts, total);
    }
}
