using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts;

/// <summary>
/// Re-checks the account password before a change, through Identity with lockout on (5 wrong → 5 minutes).
/// Checks for one user run one at a time, so the failure count holds under parallel attempts: once the fifth
/// wrong password locks the account, the attempts queued behind it are refused without a password check.
/// Each check runs in a fresh DI scope so that a long-lived Blazor circuit never sees a stale user row.
/// Above the lockout sits an hourly cap on failed confirmations, counted from the audit trail (so it survives
/// restarts), and a check that the caller's sign-in is still current (security stamp unchanged).
/// </summary>
public sealed class PasswordConfirmation(
    IServiceScopeFactory scopes,
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    IOptions<PasswordConfirmationOptions> options)
{
    /// <summary>Longer than any password Identity would have accepted; refused without hashing 10 KB.</summary>
    public const int MaxPasswordLength = 256;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new();

    /// <summary>Null when the password is right; otherwise why not.</summary>
    public async Task<PasswordRefusal?> ConfirmAsync(Actor actor, string? password, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(password))
        {
            return new PasswordRefusal(PasswordRefusalKind.Missing, "Enter your password to confirm.");
        }
        if (password.Length > MaxPasswordLength)
        {
            return new PasswordRefusal(PasswordRefusalKind.Missing, "That is not a password this account could have.");
        }

        var gate = gates.GetOrAdd(actor.UserId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await CheckAsync(actor, password);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<PasswordRefusal?> CheckAsync(Actor actor, string password)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();

        var user = await users.FindByIdAsync(actor.UserId);
        if (user is null || (actor.SecurityStamp is { } stamp && stamp != await users.GetSecurityStampAsync(user)))
        {
            return new PasswordRefusal(PasswordRefusalKind.SessionExpired,
                "Your sign-in is no longer valid (the password was changed or the account removed). Sign in again.");
        }
        if (await FailuresInLastHourAsync(actor.UserId) >= options.Value.FailedPasswordsPerHour)
        {
            return new PasswordRefusal(PasswordRefusalKind.TooManyAttempts,
                "Too many failed password confirmations in the last hour. Try again later.", RetryAfter: TimeSpan.FromHours(1));
        }
        if (await users.IsLockedOutAsync(user))
        {
            await AuditAsync(actor, AuditAction.LockedOut);
            return LockedOut(await users.GetLockoutEndDateAsync(user));
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return null;
        }

        var lockedOut = result.IsLockedOut;
        await AuditAsync(actor, lockedOut ? AuditAction.LockedOut : AuditAction.PasswordRejected);
        if (lockedOut)
        {
            return LockedOut(await users.GetLockoutEndDateAsync(user));
        }
        var attemptsLeft = users.Options.Lockout.MaxFailedAccessAttempts - await users.GetAccessFailedCountAsync(user);
        return new PasswordRefusal(PasswordRefusalKind.Wrong,
            $"Wrong password. Nothing was changed. {attemptsLeft} attempt{(attemptsLeft == 1 ? "" : "s")} left before the account is locked for 5 minutes.");
    }

    private static PasswordRefusal LockedOut(DateTimeOffset? until) =>
        new(PasswordRefusalKind.LockedOut,
            until is { } end
                ? $"Too many wrong passwords: the account is locked until {end.UtcDateTime:dd-MM-yyyy HH:mm:ss} UTC."
                : "Too many wrong passwords: the account is locked for a few minutes.",
            until);

    private async Task<int> FailuresInLastHourAsync(string userId)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddHours(-1);
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.AuditEvents.CountAsync(e => e.UserId == userId && e.At > since
            && (e.Action == AuditAction.PasswordRejected || e.Action == AuditAction.LockedOut));
    }

    private async Task AuditAsync(Actor actor, AuditAction action)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.AuditEvents.Add(new AuditEvent { UserId = actor.UserId, Action = action, At = clock.GetUtcNow().UtcDateTime, Ip = actor.Ip });
        await db.SaveChangesAsync();
    }
}
