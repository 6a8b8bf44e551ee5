using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts;

/// <summary>
/// The one path by which any account password is checked: the sign-in form, API Signin, the confirmations of token
/// and environment changes, and Change password. Every check of one account runs alone (<see cref="PasswordGates"/>,
/// across processes), so Identity's lockout (5 wrong → 5 minutes) holds under any burst; every failure is audited.
/// <list type="bullet">
/// <item>Confirmations by the signed-in owner also stop at an hourly cap of failures, counted from the audit trail.</item>
/// <item>Sign-ins (not signed in) never touch that cap: they back off per client address and per login instead.
/// An unknown login costs one hash check like a known one, keeps a lockout of its own and gets the same answers,
/// so a stranger learns nothing about which accounts exist.</item>
/// </list>
/// Each check runs in a fresh DI scope so that a long-lived Blazor circuit never sees a stale user row.
/// </summary>
public sealed class PasswordConfirmation(
    IServiceScopeFactory scopes,
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    IOptions<PasswordConfirmationOptions> options,
    IOptions<IdentityOptions> identityOptions,
    PasswordMetrics metrics)
{
    /// <summary>Longer than any password Identity would have accepted; refused without hashing 10 KB.</summary>
    public const int MaxPasswordLength = 256;

    private const string WrongLoginOrPassword = "Wrong login or password.";

    private readonly PasswordGates gates = new(dbFactory, clock);
    private string? dummyHash;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private LockoutOptions Lockout => identityOptions.Value.Lockout;

    /// <summary>A signed-in owner re-enters the password before a change. Null when it is right; otherwise why not.</summary>
    public async Task<Error?> ConfirmAsync(Actor actor, string? password, CancellationToken cancellationToken = default)
    {
        var refusal = await ConfirmCheckedAsync(actor, password, cancellationToken);
        metrics.Checked("confirm", refusal);
        return refusal;
    }

    private async Task<Error?> ConfirmCheckedAsync(Actor actor, string? password, CancellationToken cancellationToken)
    {
        if (Unusable(password) is { } unusable)
        {
            return unusable;
        }
        await using var _ = await gates.EnterAsync(actor.UserId, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var user = await users.FindByIdAsync(actor.UserId);
        if (user is null || (actor.SecurityStamp is { } stamp && stamp != await users.GetSecurityStampAsync(user)))
        {
            return PasswordRefusals.SessionExpired(
                "Your sign-in is no longer valid (the password was changed or the account removed). Sign in again.");
        }
        if (await ConfirmationFailuresInLastHourAsync(actor.UserId) >= options.Value.FailedPasswordsPerHour)
        {
            return PasswordRefusals.TooManyAttempts(
                "Too many failed password confirmations in the last hour. Try again later.", TimeSpan.FromHours(1));
        }
        if (await users.IsLockedOutAsync(user))
        {
            await AuditAsync(actor.UserId, AuditAction.LockedOut, actor.Ip);
            return LockedOut(await users.GetLockoutEndDateAsync(user));
        }

        var result = await CheckPasswordAsync(users, user, password!);
        if (result.Succeeded)
        {
            return null;
        }
        await AuditAsync(actor.UserId, result.IsLockedOut ? AuditAction.LockedOut : AuditAction.PasswordRejected, actor.Ip);
        if (result.IsLockedOut)
        {
            return LockedOut(await users.GetLockoutEndDateAsync(user));
        }
        var attemptsLeft = Lockout.MaxFailedAccessAttempts - await users.GetAccessFailedCountAsync(user);
        return PasswordRefusals.Wrong(
            $"Wrong password. Nothing was changed. {attemptsLeft} attempt{(attemptsLeft == 1 ? "" : "s")} left before the account is locked for 5 minutes.");
    }

    /// <summary>
    /// Someone who is not signed in gives a login (email or user name) and a password. On success, the user to sign
    /// in; the caller starts the session. Answers never depend on whether the login exists.
    /// </summary>
    public async Task<Result<string>> SignInAsync(string login, string? password, string? ip, CancellationToken cancellationToken = default)
    {
        var check = await SignInCheckedAsync(login, password, ip, cancellationToken);
        metrics.Checked("sign_in", check.Error);
        return check;
    }

    private async Task<Result<string>> SignInCheckedAsync(string login, string? password, string? ip, CancellationToken cancellationToken)
    {
        if (Unusable(password) is { } unusable)
        {
            return unusable;
        }
        if (ip is not null && await BackOffAsync(f => f.Ip == ip, options.Value.SignInFailuresPerAddress, "from your address") is { } fromAddress)
        {
            return fromAddress;
        }

        var (userId, key) = await AccountKeyAsync(login);
        await using var _ = await gates.EnterAsync(key, cancellationToken);
        if (await BackOffAsync(f => f.AccountKey == key, options.Value.SignInFailuresPerAccount, "for this login") is { } forLogin)
        {
            return forLogin;
        }
        // A fresh scope under the gate: the user row must be read after the check before this one has written it.
        await using var scope = scopes.CreateAsyncScope();
        var refusal = userId is null
            ? await CheckUnknownLoginAsync(key, password!, scope.ServiceProvider)
            : await CheckAccountAsync(userId, password!, ip, scope.ServiceProvider);
        if (refusal is null)
        {
            // Only after the right password, so it tells a stranger nothing: an address nobody confirmed opens nothing,
            // and neither does an account an administrator disabled.
            if (await DisabledAsync(userId!))
            {
                return PasswordRefusals.AccountDisabled("This account is disabled. Ask an administrator to enable it.");
            }
            return await EmailConfirmedAsync(userId!, scope.ServiceProvider)
                ? userId!
                : PasswordRefusals.EmailNotConfirmed(
                    "Confirm your email address first: open the link in the mail we sent when you registered (or have it sent again).");
        }
        await RecordSignInFailureAsync(key, ip);
        return refusal;
    }

    /// <summary>
    /// Registering an account or asking for its confirmation mail again counts like a sign-in attempt, under the same
    /// back-off per client address and per login — whatever the answer, which never says whether the address has an
    /// account. Null when the attempt may go ahead (it is counted); otherwise why not.
    /// </summary>
    public async Task<Error?> CountAccountRequestAsync(string email, string? ip, CancellationToken cancellationToken = default)
    {
        if (ip is not null && await BackOffAsync(f => f.Ip == ip, options.Value.SignInFailuresPerAddress, "from your address", "attempts") is { } fromAddress)
        {
            return fromAddress;
        }
        // Counted under the address as typed, never under an account's id: registering must not move the count from
        // one key to another, or the number of tries before the back-off would tell whether the address was taken.
        string key;
        await using (var scope = scopes.CreateAsyncScope())
        {
            key = "@" + scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().NormalizeEmail(email.Trim());
        }
        await using var _ = await gates.EnterAsync(key, cancellationToken);
        if (await BackOffAsync(f => f.AccountKey == key, options.Value.SignInFailuresPerAccount, "for this address", "attempts") is { } forLogin)
        {
            return forLogin;
        }
        await RecordSignInFailureAsync(key, ip);
        return null;
    }

    /// <summary>
    /// Runs <paramref name="check"/> behind the account's gate, one at a time with every password check of the account:
    /// two-factor codes count toward the same lockout, so they must not race it either.
    /// </summary>
    public async Task<T> GuardAsync<T>(string userId, Func<Task<T>> check, CancellationToken cancellationToken = default)
    {
        await using var _ = await gates.EnterAsync(userId, cancellationToken);
        return await check();
    }

    /// <summary>
    /// Identity's CheckPasswordSignInAsync step by step: it asks the HTTP request whether a two-factor client is
    /// remembered, and a Blazor circuit has none. As Identity does, a right password does not reset the failure
    /// count of a two-factor account — or a known password could keep clearing the count between guesses at codes.
    /// </summary>
    private static async Task<(bool Succeeded, bool IsLockedOut)> CheckPasswordAsync(UserManager<AppUser> users, AppUser user, string password)
    {
        if (await users.CheckPasswordAsync(user, password))
        {
            if (!await users.GetTwoFactorEnabledAsync(user))
            {
                await users.ResetAccessFailedCountAsync(user);
            }
            return (true, false);
        }
        await users.AccessFailedAsync(user);
        return (false, await users.IsLockedOutAsync(user));
    }

    /// <summary>The account a login names, and the key its checks queue under: the user id, or "?" + the normalised login.</summary>
    private async Task<(string? UserId, string Key)> AccountKeyAsync(string login)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var trimmed = login.Trim();
        var user = await users.FindByEmailAsync(trimmed) ?? await users.FindByNameAsync(trimmed);
        return (user?.Id, user?.Id ?? "?" + (users.NormalizeName(trimmed) ?? ""));
    }

    private async Task<bool> DisabledAsync(string userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId && u.DisabledAt != null);
    }

    private static async Task<bool> EmailConfirmedAsync(string userId, IServiceProvider services)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        return await users.FindByIdAsync(userId) is { } user && await users.IsEmailConfirmedAsync(user);
    }

    private async Task<Error?> CheckAccountAsync(string userId, string password, string? ip, IServiceProvider services)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByIdAsync(userId) is not { } fresh)
        {
            return PasswordRefusals.Wrong(WrongLoginOrPassword);
        }
        if (await users.IsLockedOutAsync(fresh))
        {
            await AuditAsync(fresh.Id, AuditAction.SignInLockedOut, ip);
            return LockedOut(await users.GetLockoutEndDateAsync(fresh));
        }
        var result = await CheckPasswordAsync(users, fresh, password);
        if (result.Succeeded)
        {
            return null;
        }
        await AuditAsync(fresh.Id, result.IsLockedOut ? AuditAction.SignInLockedOut : AuditAction.SignInRejected, ip);
        return result.IsLockedOut
            ? LockedOut(await users.GetLockoutEndDateAsync(fresh))
            : PasswordRefusals.Wrong(WrongLoginOrPassword);
    }

    /// <summary>As <see cref="CheckAccountAsync"/> would answer for an account whose password is not this one.</summary>
    private async Task<Error> CheckUnknownLoginAsync(string key, string password, IServiceProvider services)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var gate = await db.PasswordGates.SingleAsync(g => g.Key == key);
        var now = Now;
        if (gate.UnknownLoginLockedUntil is { } lockedUntil && lockedUntil > now)
        {
            return LockedOut(new DateTimeOffset(lockedUntil, TimeSpan.Zero));
        }
        // The same work as a real check: one hash of the same cost, whose answer is always no.
        var hasher = services.GetRequiredService<IPasswordHasher<AppUser>>();
        dummyHash ??= hasher.HashPassword(new AppUser(), RandomNumberGenerator.GetHexString(32));
        hasher.VerifyHashedPassword(new AppUser(), dummyHash, password);

        gate.UnknownLoginFailures++;
        var refusal = PasswordRefusals.Wrong(WrongLoginOrPassword);
        if (gate.UnknownLoginFailures >= Lockout.MaxFailedAccessAttempts)
        {
            gate.UnknownLoginFailures = 0;
            gate.UnknownLoginLockedUntil = now + Lockout.DefaultLockoutTimeSpan;
            refusal = LockedOut(new DateTimeOffset(gate.UnknownLoginLockedUntil.Value, TimeSpan.Zero));
        }
        await db.SaveChangesAsync();
        return refusal;
    }

    private static Error LockedOut(DateTimeOffset? until) =>
        PasswordRefusals.LockedOut(
            until is { } end
                ? $"Too many wrong passwords: the account is locked until {end.UtcDateTime:dd-MM-yyyy HH:mm:ss} UTC."
                : "Too many wrong passwords: the account is locked for a few minutes.",
            until);

    private static Error? Unusable(string? password) =>
        string.IsNullOrEmpty(password) ? PasswordRefusals.Missing("Enter your password to confirm.")
        : password.Length > MaxPasswordLength ? PasswordRefusals.Missing("That is not a password this account could have.")
        : null;

    /// <summary>A refusal when the failures matching <paramref name="filter"/> in the window reached <paramref name="limit"/>.</summary>
    private async Task<Error?> BackOffAsync(System.Linq.Expressions.Expression<Func<SignInFailure, bool>> filter, int limit, string whose,
        string what = "failed sign-ins")
    {
        var window = TimeSpan.FromSeconds(options.Value.SignInBackOffSeconds);
        var now = Now;
        var since = now - window;
        await using var db = await dbFactory.CreateDbContextAsync();
        var recent = await db.SignInFailures.AsNoTracking().Where(filter).Where(f => f.At > since)
            .OrderByDescending(f => f.At).Select(f => f.At).Take(limit).ToListAsync();
        if (recent.Count < limit)
        {
            return null;
        }
        var wait = recent[^1] + window - now;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        return PasswordRefusals.TooManyAttempts(
            $"Too many {what} {whose}. Try again in {seconds} second{(seconds == 1 ? "" : "s")}.", TimeSpan.FromSeconds(seconds));
    }

    private async Task RecordSignInFailureAsync(string key, string? ip)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.SignInFailures.Add(new SignInFailure { AccountKey = key, Ip = ip, At = Now });
        await db.SaveChangesAsync();
    }

    private async Task<int> ConfirmationFailuresInLastHourAsync(string userId)
    {
        var since = Now.AddHours(-1);
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.AuditEvents.CountAsync(e => e.UserId == userId && e.At > since
            && (e.Action == AuditAction.PasswordRejected || e.Action == AuditAction.LockedOut));
    }

    private async Task AuditAsync(string userId, AuditAction action, string? ip)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.AuditEvents.Add(new AuditEvent { UserId = userId, Action = action, At = Now, Ip = ip });
        await db.SaveChangesAsync();
    }
}
