using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Accounts.Mail;
using TokenDashboard.Accounts.TwoFactor;
using TokenDashboard.Data;
using TokenDashboard.Data.Changes;

namespace TokenDashboard.Accounts.Admin;

/// <summary>What an administrator can do to an account from the Accounts page.</summary>
internal enum AccountAction
{
    Unlock,
    Disable,
    Enable,
    SignOutEverywhere,
    ResetTwoFactor,
    GrantAdministrator,
    RevokeAdministrator,
}

/// <summary>
/// An administrator's actions on accounts. Each one: the guard (the acting user is an administrator now), the input,
/// then the administrator's own password through <see cref="PasswordConfirmation"/>, then the change with an entry in
/// the account's trail ("by an administrator from &lt;address&gt;") and one in the administrator's
/// (<see cref="AuditAction.AdministratorAction"/>: the admin trail), and a mail to the owner. Disabling and signing
/// out end every browser sign-in and API session and announce a token change (<see cref="ChangeTopics.Tokens"/>), so
/// every instance refuses the account's sessions and tokens with 702 within a second. The last administrator can be
/// neither disabled nor demoted: changes to who is an administrator run one at a time across instances.
/// </summary>
internal sealed class AccountAdministration(
    IDbContextFactory<AppDbContext> dbFactory,
    IServiceScopeFactory scopes,
    Administrators administrators,
    PasswordConfirmation passwords,
    TwoFactorService twoFactor,
    ChangeTopics topics,
    AccountNotices notices,
    TimeProvider clock)
{
    /// <summary>The key under which changes to the set of administrators queue, on every instance.</summary>
    private const string RosterGate = "!administrators";

    /// <summary>
    /// Runs <paramref name="action"/> on the account <paramref name="accountId"/>. False when there was nothing to
    /// change (an account already enabled, unlocked, …); the trail records only changes.
    /// </summary>
    public async Task<Result<bool>> ApplyAsync(Actor admin, string? accountId, AccountAction action, string? password,
        CancellationToken cancellationToken = default)
    {
        if (await administrators.RefuseUnlessAdministratorAsync(admin, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (!Enum.IsDefined(action))
        {
            return Error.Invalid("action", "Choose one of: " + string.Join(", ", Enum.GetNames<AccountAction>()) + ".");
        }
        var email = string.IsNullOrEmpty(accountId) ? null : await EmailOfAsync(accountId, cancellationToken);
        if (email is null)
        {
            return Error.Invalid("account", "There is no such account.");
        }
        // Before the password, so a refusal costs no attempt; checked again under the gate, where it counts.
        if (await LastAdministratorProblemAsync(accountId!, action, cancellationToken) is { } last)
        {
            return last;
        }
        if (await passwords.ConfirmAsync(admin, password, cancellationToken) is { } wrong)
        {
            return wrong;
        }

        var changed = action is AccountAction.Disable or AccountAction.RevokeAdministrator
            ? await passwords.GuardAsync(RosterGate, async () =>
                await LastAdministratorProblemAsync(accountId!, action, cancellationToken) is { } stillLast
                    ? (Result<bool>)stillLast
                    : await RunAsync(admin, accountId!, email, action, cancellationToken), cancellationToken)
            : await RunAsync(admin, accountId!, email, action, cancellationToken);
        if (changed is { Succeeded: true, Value: true } && Notice(action) is var (subject, what))
        {
            await notices.SendAsync(accountId!, subject, what, admin.Ip, cancellationToken);
        }
        return changed;
    }

    private async Task<Result<bool>> RunAsync(Actor admin, string accountId, string email, AccountAction action, CancellationToken cancellationToken)
    {
        var changed = action switch
        {
            AccountAction.Unlock => await UnlockAsync(accountId, cancellationToken),
            AccountAction.Disable => await EndAccessAsync(accountId, disable: true, cancellationToken),
            AccountAction.SignOutEverywhere => await EndAccessAsync(accountId, disable: false, cancellationToken),
            AccountAction.Enable => await EnableAsync(accountId, cancellationToken),
            AccountAction.ResetTwoFactor => await twoFactor.ResetAsync(accountId, cancellationToken),
            AccountAction.GrantAdministrator or AccountAction.RevokeAdministrator =>
                await SetAdministratorAsync(accountId, action == AccountAction.GrantAdministrator),
            _ => false,
        };
        if (changed)
        {
            await AuditAsync(admin, accountId, email, action, cancellationToken);
        }
        return changed;
    }

    /// <summary>Why <paramref name="action"/> would leave no administrator, or null when it would not.</summary>
    private async Task<Error?> LastAdministratorProblemAsync(string accountId, AccountAction action, CancellationToken cancellationToken)
    {
        if (action is not (AccountAction.Disable or AccountAction.RevokeAdministrator))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var others = await Administrators.AdministratorIds(db).Where(id => id != accountId).CountAsync(cancellationToken);
        var isOne = await Administrators.AdministratorIds(db).AnyAsync(id => id == accountId, cancellationToken);
        return isOne && others == 0
            ? Error.Invalid("account", $"This is the last administrator: make another account an administrator before you {(action == AccountAction.Disable ? "disable" : "demote")} this one. Nothing was changed.")
            : null;
    }

    private async Task<bool> UnlockAsync(string accountId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstAsync(u => u.Id == accountId, cancellationToken);
        if ((user.LockoutEnd is not { } end || end <= now) && user.AccessFailedCount == 0)
        {
            return false;
        }
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Ends every browser sign-in and API session of the account (and, when <paramref name="disable"/>, marks it
    /// disabled) in one transaction that also announces a token change: each instance forgets what it remembered of
    /// the account's tokens at once, and the security stamp moves so no cookie of it is renewed.
    /// </summary>
    private async Task<bool> EndAccessAsync(string accountId, bool disable, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.FirstAsync(u => u.Id == accountId, cancellationToken);
        if (disable && user.DisabledAt is not null)
        {
            return false;
        }
        if (disable)
        {
            user.DisabledAt = now;
        }
        user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        await db.SaveChangesAsync(cancellationToken);
        var ended = await db.BrowserSessions.Where(s => s.UserId == accountId).ExecuteDeleteAsync(cancellationToken)
                  + await db.ApiSessions.Where(s => s.UserId == accountId).ExecuteDeleteAsync(cancellationToken);
        await topics.Tokens.CommitAsync(db, transaction, accountId, "", cancellationToken);
        return disable || ended > 0;
    }

    private async Task<bool> EnableAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var enabled = await db.Users.Where(u => u.Id == accountId && u.DisabledAt != null)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.DisabledAt, (DateTime?)null), cancellationToken);
        // Remembered refusals of its tokens must go everywhere too.
        await topics.Tokens.CommitAsync(db, transaction, accountId, "", cancellationToken);
        return enabled > 0;
    }

    private async Task<bool> SetAdministratorAsync(string accountId, bool grant)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(accountId) ?? throw new InvalidOperationException("No such account.");
        if (await users.IsInRoleAsync(user, AdminRole.Name) == grant)
        {
            return false;
        }
        var result = grant ? await users.AddToRoleAsync(user, AdminRole.Name) : await users.RemoveFromRoleAsync(user, AdminRole.Name);
        return result.Succeeded ? true : throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Code)));
    }

    /// <summary>What the owner's Activity says: the kind, and that an administrator did it from where.</summary>
    private static AuditAction KindOf(AccountAction action) => action switch
    {
        AccountAction.Unlock => AuditAction.UnlockedByAdministrator,
        AccountAction.Disable => AuditAction.DisabledByAdministrator,
        AccountAction.Enable => AuditAction.EnabledByAdministrator,
        AccountAction.SignOutEverywhere => AuditAction.SignedOutByAdministrator,
        AccountAction.ResetTwoFactor => AuditAction.TwoFactorResetByAdministrator,
        AccountAction.GrantAdministrator => AuditAction.AdministratorGranted,
        _ => AuditAction.AdministratorRevoked,
    };

    /// <summary>"Disabled", "Signed out everywhere", … for the admin trail.</summary>
    public static string Describe(AccountAction action) => action switch
    {
        AccountAction.Unlock => "Unlocked",
        AccountAction.Disable => "Disabled",
        AccountAction.Enable => "Enabled",
        AccountAction.SignOutEverywhere => "Signed out everywhere",
        AccountAction.ResetTwoFactor => "Reset two-factor of",
        AccountAction.GrantAdministrator => "Made administrator:",
        _ => "Revoked administrator from",
    };

    private async Task AuditAsync(Actor admin, string accountId, string email, AccountAction action, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEvents.Add(new AuditEvent
        {
            UserId = accountId, Action = KindOf(action), At = now, Ip = admin.Ip,
            Detail = $"by an administrator from {admin.Ip ?? "an unknown address"}",
        });
        db.AuditEvents.Add(new AuditEvent
        {
            UserId = admin.UserId, Action = AuditAction.AdministratorAction, At = now, Ip = admin.Ip,
            Detail = $"{Describe(action)} {email}",
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static (string Subject, string What)? Notice(AccountAction action) => action switch
    {
        AccountAction.Disable => ("Your account was disabled", "An administrator disabled your TokenDashboard account: it cannot sign in, and its tokens and sessions no longer work."),
        AccountAction.Enable => ("Your account was enabled", "An administrator enabled your TokenDashboard account again: you can sign in, and its tokens work again."),
        AccountAction.SignOutEverywhere => ("You were signed out everywhere", "An administrator ended every sign-in and API session of your TokenDashboard account. Your tokens still work."),
        AccountAction.ResetTwoFactor => ("Two-factor sign-in was reset", "An administrator turned two-factor sign-in off for your TokenDashboard account: the password alone signs in again. Set it up again in Settings → Account."),
        AccountAction.Unlock => ("Your account was unlocked", "An administrator ended the lockout of your TokenDashboard account after too many wrong passwords."),
        AccountAction.GrantAdministrator => ("You are an administrator", "An administrator made your TokenDashboard account an administrator."),
        AccountAction.RevokeAdministrator => ("You are no longer an administrator", "An administrator removed your TokenDashboard account from the administrators."),
        _ => null,
    };

    private async Task<string?> EmailOfAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Id == accountId).Select(u => u.Email ?? u.UserName ?? "").FirstOrDefaultAsync(cancellationToken);
    }
}
