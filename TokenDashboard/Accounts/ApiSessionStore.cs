using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts;

/// <summary>A session just opened by Signin: its value (shown once) and whose it is.</summary>
internal sealed record ApiSignin(string Session, string UserId);

/// <summary>A live session: which one (for Signout) and whose.</summary>
internal sealed record ApiSessionIdentity(int SessionId, string UserId);

/// <summary>
/// Sessions of the session-based method (users.Authentication.Signin): <c>tds_</c> + 40 random base62 characters,
/// stored only as SHA-256, valid for every method until Signout or 24 hours without use. The password check is
/// <see cref="PasswordConfirmation"/>'s sign-in path: serialised per account with every other check of that account, the
/// same lockout, a back-off per client address and per login, and the same answers whether the login exists or not.
/// </summary>
internal sealed class ApiSessionStore(
    IDbContextFactory<AppDbContext> dbFactory,
    PasswordConfirmation passwords,
    Admin.Administrators administrators,
    TimeProvider clock)
{
    public const string Prefix = "tds_";
    public const int RandomLength = 40;
    public const int Length = 4 + RandomLength;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(24);

    /// <summary>Last use is written at most this often, so a busy script does not write on every call.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private sealed record Row(int Id, string UserId, DateTime LastUsedAt);

    private static readonly Func<AppDbContext, byte[], CancellationToken, Task<Row?>> FindByHash =
        EF.CompileAsyncQuery((AppDbContext db, byte[] hash, CancellationToken _) =>
            db.ApiSessions.AsNoTracking()
                .Where(s => s.SecretHash == hash)
                .Select(s => new Row(s.Id, s.UserId, s.LastUsedAt))
                .FirstOrDefault());

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A new session's value (returned once, never stored), or why not.</summary>
    public async Task<Result<string>> SigninAsync(string login, string? password, string? ip, CancellationToken cancellationToken = default)
    {
        var opened = await OpenAsync(login, password, ip, cancellationToken);
        return opened.Succeeded ? opened.Value!.Session : opened.Error!;
    }

    /// <summary>Like <see cref="SigninAsync"/>, also telling whose account the session is (the API answers its profile).</summary>
    public async Task<Result<ApiSignin>> OpenAsync(string login, string? password, string? ip, CancellationToken cancellationToken = default)
    {
        var check = await passwords.SignInAsync(login, password, ip, cancellationToken);
        if (check is not { Succeeded: true, Value: { } userId })
        {
            return check.Error!;
        }
        // Only after the right password, so the answer tells a stranger nothing about the account. A password alone
        // must not open a session on an account that signs in with two factors; its tokens keep working.
        if (await TwoFactorEnabledAsync(userId, cancellationToken))
        {
            return new Error(ErrorKind.TwoFactorAccount, "login", "This account uses two-factor sign-in; use an access token.");
        }

        var value = Prefix + RandomNumberGenerator.GetString(Secrets.Alphabet, RandomLength);
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ApiSessions.Add(new ApiSession { UserId = userId, SecretHash = Hash(value), CreatedAt = now, LastUsedAt = now, Ip = ip });
        db.AuditEvents.Add(new AuditEvent { UserId = userId, Action = AuditAction.SignedIn, At = now, Ip = ip, Detail = "API session" });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await administrators.GrantIfConfiguredAsync(userId, cancellationToken);
        return new ApiSignin(value, userId);
    }

    /// <summary>The session behind <paramref name="value"/>, or null when it is malformed, unknown, closed or expired.</summary>
    public async Task<ApiSessionIdentity?> ValidateAsync(string value, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormed(value))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await FindByHash(db, Hash(value), cancellationToken);
        if (row is null)
        {
            return null;
        }
        var now = Now;
        if (now - row.LastUsedAt >= IdleTimeout)
        {
            await db.ApiSessions.Where(s => s.Id == row.Id).ExecuteDeleteAsync(cancellationToken);
            return null;
        }
        if (now - row.LastUsedAt >= TouchInterval)
        {
            await db.ApiSessions.Where(s => s.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastUsedAt, now), cancellationToken);
        }
        return new ApiSessionIdentity(row.Id, row.UserId);
    }

    /// <summary>Closes the session: its value stops working at once.</summary>
    public async Task SignoutAsync(ApiSessionIdentity session, string? ip, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ApiSessions.Where(s => s.Id == session.SessionId && s.UserId == session.UserId).ExecuteDeleteAsync(cancellationToken);
        db.AuditEvents.Add(new AuditEvent { UserId = session.UserId, Action = AuditAction.SignedOut, At = Now, Ip = ip, Detail = "API session" });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The account's live API sessions (expired ones are not listed), most recently used first.</summary>
    public async Task<IReadOnlyList<(int Id, DateTime CreatedAt, DateTime LastUsedAt, string? Ip)>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var liveAfter = Now - IdleTimeout;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ApiSessions.AsNoTracking().Where(s => s.UserId == userId && s.LastUsedAt > liveAfter)
            .OrderByDescending(s => s.LastUsedAt).Select(s => new { s.Id, s.CreatedAt, s.LastUsedAt, s.Ip }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Id, r.CreatedAt, r.LastUsedAt, r.Ip))];
    }

    /// <summary>Ends some of the account's API sessions at once (their values stop working with this commit).</summary>
    public async Task<int> EndAsync(string userId, IReadOnlyCollection<int> ids, string? ip, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ended = await db.ApiSessions.Where(s => s.UserId == userId && ids.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        if (ended > 0)
        {
            db.AuditEvents.Add(new AuditEvent { UserId = userId, Action = AuditAction.SessionEnded, At = Now, Ip = ip, Detail = $"{ended} API session{(ended == 1 ? "" : "s")}" });
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return ended;
    }

    /// <summary>Ends every API session of the account, e.g. when its password changes.</summary>
    public async Task<int> RevokeAllAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    public static bool IsWellFormed(ReadOnlySpan<char> value)
    {
        if (value.Length != Length || !value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in value[Prefix.Length..])
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private static byte[] Hash(string value) => Secrets.Hash(value);

    private async Task<bool> TwoFactorEnabledAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).FirstOrDefaultAsync(cancellationToken);
    }
}
