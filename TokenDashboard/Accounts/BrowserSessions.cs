using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts;

/// <summary>A browser sign-in as the account owner sees it.</summary>
internal sealed record BrowserSessionInfo(string Id, DateTime CreatedAt, DateTime LastSeenAt, string? Ip, string? UserAgent);

/// <summary>
/// The server-side record of each browser sign-in. The cookie carries the record's id as the claim
/// <see cref="ClaimType"/>; a cookie whose record is gone is refused on its next request (and an open circuit at its
/// next revalidation), so Sign out, a password change or ending a session elsewhere takes effect whatever copies of
/// the cookie exist. Every method takes the owner's user id and touches only that owner's sessions.
/// </summary>
internal sealed class BrowserSessions(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const string ClaimType = "td:sid";

    /// <summary>
    /// How long Identity's cookie lives without use (it slides while used). A session not seen for longer has no cookie
    /// left anywhere that could open it, so it is neither listed nor kept.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    /// <summary>Last seen is written at most this often.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private const int UserAgentLength = 400;

    private sealed record Row(string UserId, DateTime LastSeenAt);

    private static readonly Func<AppDbContext, string, CancellationToken, Task<Row?>> FindById =
        EF.CompileAsyncQuery((AppDbContext db, string id, CancellationToken _) =>
            db.BrowserSessions.AsNoTracking().Where(s => s.Id == id).Select(s => new Row(s.UserId, s.LastSeenAt)).FirstOrDefault());

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Records a new sign-in and returns its id, for the cookie.</summary>
    public async Task<string> StartAsync(string userId, string? ip, string? userAgent, CancellationToken cancellationToken = default)
    {
        var id = RandomNumberGenerator.GetString(Secrets.Alphabet, 32);
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.BrowserSessions.Add(new BrowserSession
        {
            Id = id,
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            Ip = ip,
            UserAgent = userAgent is { Length: > UserAgentLength } ? userAgent[..UserAgentLength] : userAgent,
        });
        db.AuditEvents.Add(new AuditEvent { UserId = userId, Action = AuditAction.SignedIn, At = now, Ip = ip, Detail = "browser" });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    /// <summary>Whether the session exists and belongs to the user; notes that it was seen (at most once a minute).</summary>
    public async Task<bool> IsActiveAsync(string userId, string sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await FindById(db, sessionId, cancellationToken);
        if (row is null || row.UserId != userId)
        {
            return false;
        }
        var now = Now;
        if (now - row.LastSeenAt >= TouchInterval)
        {
            await db.BrowserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }
        return true;
    }

    /// <summary>The user's browser sign-ins whose cookies can still be alive, most recently seen first.</summary>
    public async Task<IReadOnlyList<BrowserSessionInfo>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var liveAfter = Now - Lifetime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sessions = await db.BrowserSessions.AsNoTracking().Where(s => s.UserId == userId && s.LastSeenAt > liveAfter)
            .Select(s => new BrowserSessionInfo(s.Id, s.CreatedAt, s.LastSeenAt, s.Ip, s.UserAgent))
            .ToListAsync(cancellationToken);
        return [.. sessions.OrderByDescending(s => s.LastSeenAt)];
    }

    /// <summary>One of the user's sessions; null when it is not theirs or has ended.</summary>
    public async Task<BrowserSessionInfo?> GetAsync(string userId, string sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BrowserSessions.AsNoTracking().Where(s => s.Id == sessionId && s.UserId == userId)
            .Select(s => new BrowserSessionInfo(s.Id, s.CreatedAt, s.LastSeenAt, s.Ip, s.UserAgent))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Ends one of the user's sessions at once; false when there was none such. <paramref name="detail"/> says in the
    /// audit trail which browser it was (default "browser").
    /// </summary>
    public async Task<bool> EndAsync(string userId, string sessionId, string? ip, AuditAction reason = AuditAction.SessionEnded,
        string? detail = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ended = await db.BrowserSessions.Where(s => s.Id == sessionId && s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        if (ended > 0)
        {
            db.AuditEvents.Add(new AuditEvent { UserId = userId, Action = reason, At = Now, Ip = ip, Detail = detail ?? "browser" });
            await db.SaveChangesAsync(cancellationToken);
        }
        return ended > 0;
    }

    /// <summary>Ends every session of the user but <paramref name="keep"/> (e.g. after a password change); how many ended.</summary>
    public async Task<int> EndAllAsync(string userId, string? keep = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BrowserSessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync(cancellationToken);
    }
}
