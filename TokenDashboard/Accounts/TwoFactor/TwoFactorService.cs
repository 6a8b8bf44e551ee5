using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using TokenDashboard.Accounts.Mail;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts.TwoFactor;

/// <summary>What the Account tab shows about two-factor sign-in.</summary>
internal sealed record TwoFactorStatus(bool Enabled, int RecoveryCodesLeft);

/// <summary>A new authenticator key to scan (QR code as a PNG data URI, drawn here) or type in (grouped by four).</summary>
internal sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri, string QrCodePng);

/// <summary>
/// Two-factor sign-in with Identity's authenticator support (TOTP apps) and single-use recovery codes.
/// Every code check — at sign-in, when enabling, when disabling — runs through <see cref="PasswordConfirmation"/>'s
/// per-account gate and counts wrong codes toward the same lockout as wrong passwords (Identity's own recovery-code
/// sign-in does not), so codes cannot be guessed faster than passwords. Every change — enabling, new recovery codes,
/// disabling — first re-asks the account password through <see cref="PasswordConfirmation.ConfirmAsync"/>, as token
/// changes do: a stolen session cookie alone cannot enrol its own authenticator and shut the owner out. Each change is
/// audited and mailed to the owner (<see cref="AccountNotices"/>). Enabling and disabling keep the security
/// stamp as it is: the browser doing it stays signed in (a Blazor circuit cannot refresh its cookie), and other
/// sessions are ended from the Sessions tab.
/// </summary>
internal sealed class TwoFactorService(
    IServiceScopeFactory scopes,
    PasswordConfirmation passwords,
    IDbContextFactory<AppDbContext> dbFactory,
    AccountNotices notices,
    AccountMarks marks,
    Policies.PolicyStore policies,
    TimeProvider clock)
{
    private readonly UsedAuthenticatorSteps usedSteps = new(marks);

    public const int RecoveryCodeCount = 10;
    private const string Issuer = "TokenDashboard";

    /// <summary>No authenticator or recovery code is longer; anything longer is refused without a lookup.</summary>
    private const int MaxCodeLength = 32;

    public async Task<TwoFactorStatus> GetStatusAsync(string userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such account.");
        return new TwoFactorStatus(await users.GetTwoFactorEnabledAsync(user), await users.CountRecoveryCodesAsync(user));
    }

    /// <summary>A fresh key for an account that has two-factor off (any earlier, unconfirmed key stops counting).</summary>
    public async Task<Result<AuthenticatorSetup>> BeginSetupAsync(string userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such account.");
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return Error.Invalid("code", "Two-factor sign-in is already on.");
        }
        var keys = (IUserAuthenticatorKeyStore<AppUser>)scope.ServiceProvider.GetRequiredService<IUserStore<AppUser>>();
        await keys.SetAuthenticatorKeyAsync(user, users.GenerateNewAuthenticatorKey(), CancellationToken.None);
        await users.UpdateAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var email = await users.GetEmailAsync(user) ?? user.UserName ?? userId;
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        return new AuthenticatorSetup(Group(key), uri, QrCode(uri));
    }

    /// <summary>
    /// Turns two-factor on once the password is right and the app's first code matches; the ten recovery codes are in
    /// this answer only.
    /// </summary>
    public Task<Result<IReadOnlyList<string>>> EnableAsync(Actor actor, string? password, string? code, CancellationToken cancellationToken = default) =>
        ConfirmedChangeAsync<IReadOnlyList<string>>(actor, password, async (users, user, services) =>
        {
            if (await users.GetTwoFactorEnabledAsync(user))
            {
                return Error.Invalid("code", "Two-factor sign-in is already on.");
            }
            if (await users.GetAuthenticatorKeyAsync(user) is null)
            {
                return Refused(ErrorKind.WrongCode, "Start again: there is no key to confirm.");
            }
            if (await CheckAsync(users, user, actor, code, allowRecoveryCode: false) is { } refused)
            {
                return refused;
            }
            var store = (IUserTwoFactorStore<AppUser>)services.GetRequiredService<IUserStore<AppUser>>();
            await store.SetTwoFactorEnabledAsync(user, true, CancellationToken.None);
            await users.UpdateAsync(user);
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
            await AuditAsync(actor, AuditAction.TwoFactorEnabled, null);
            return codes;
        }, _ => ("Two-factor sign-in was turned on",
            $"Two-factor sign-in was turned on for your TokenDashboard account from {actor.Ip ?? "an unknown address"}: signing in now asks for a code from an authenticator app."),
            cancellationToken);

    /// <summary>
    /// Ten new recovery codes for an account with two-factor on, after the password: every earlier code stops working
    /// at once, and the new ones are in this answer only.
    /// </summary>
    public Task<Result<IReadOnlyList<string>>> NewRecoveryCodesAsync(Actor actor, string? password, CancellationToken cancellationToken = default) =>
        ConfirmedChangeAsync<IReadOnlyList<string>>(actor, password, async (users, user, _) =>
        {
            if (!await users.GetTwoFactorEnabledAsync(user))
            {
                return Error.Invalid("password", "Two-factor sign-in is off: there are no recovery codes to replace.");
            }
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
            await AuditAsync(actor, AuditAction.RecoveryCodesRenewed, null);
            return codes;
        }, _ => ("New two-factor recovery codes were made",
            $"New recovery codes were made for your TokenDashboard account from {actor.Ip ?? "an unknown address"}; the earlier ones no longer work."),
            cancellationToken);

    /// <summary>Turns two-factor off: the password and a code (from the app, or a recovery code) are both needed.</summary>
    public async Task<Result<bool>> DisableAsync(Actor actor, string? password, string? code, CancellationToken cancellationToken = default)
    {
        if ((await policies.GetAsync(cancellationToken)).RequireTwoFactor)
        {
            return Error.Invalid("code", "Your administrators require two-factor sign-in for every account, so it cannot be turned off. Nothing was changed.");
        }
        if (string.IsNullOrWhiteSpace(code))
        {
            return Refused(ErrorKind.WrongCode, "Enter a code from your authenticator app, or a recovery code.");
        }
        return await ConfirmedChangeAsync<bool>(actor, password, async (users, user, services) =>
        {
            if (!await users.GetTwoFactorEnabledAsync(user))
            {
                return false; // already off: nothing changed, nothing to tell
            }
            if (await CheckAsync(users, user, actor, code, allowRecoveryCode: true) is { } refused)
            {
                return refused;
            }
            await TurnOffAsync(services, users, user);
            await AuditAsync(actor, AuditAction.TwoFactorDisabled, null);
            return true;
        }, changed => changed ? ("Two-factor sign-in was turned off",
            $"Two-factor sign-in was turned off for your TokenDashboard account from {actor.Ip ?? "an unknown address"}: the password alone signs in again.") : null,
            cancellationToken);
    }

    /// <summary>
    /// An administrator turns two-factor off for someone who lost their authenticator and recovery codes: the key and
    /// codes are gone, the password alone signs in again. The administrator's password was checked by the caller
    /// (<see cref="Admin.AccountAdministration"/>); false when it was already off.
    /// </summary>
    internal Task<bool> ResetAsync(string userId, CancellationToken cancellationToken = default) =>
        passwords.GuardAsync(userId, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = Users(scope);
            if (await users.FindByIdAsync(userId) is not { } user || !await users.GetTwoFactorEnabledAsync(user))
            {
                return false;
            }
            await TurnOffAsync(scope.ServiceProvider, users, user);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Every change of two-factor by its owner: the password through the one guarded path first, then the change under
    /// the account's gate with a user read afresh, and the owner told by mail when it went through (unless
    /// <paramref name="notice"/> says there is nothing to tell).
    /// </summary>
    private async Task<Result<T>> ConfirmedChangeAsync<T>(Actor actor, string? password,
        Func<UserManager<AppUser>, AppUser, IServiceProvider, Task<Result<T>>> change, Func<T, (string Subject, string Body)?> notice,
        CancellationToken cancellationToken)
    {
        if (await passwords.ConfirmAsync(actor, password, cancellationToken) is { } wrongPassword)
        {
            return wrongPassword;
        }
        var changed = await passwords.GuardAsync(actor.UserId, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = Users(scope);
            var user = await users.FindByIdAsync(actor.UserId) ?? throw new InvalidOperationException("No such account.");
            return await change(users, user, scope.ServiceProvider);
        }, cancellationToken);
        if (changed.Succeeded && notice(changed.Value!) is { } told)
        {
            await notices.SendAsync(actor.UserId, told.Subject, told.Body, actor.Ip, cancellationToken);
        }
        return changed;
    }

    /// <summary>
    /// What "off" means, for the owner and for an administrator alike: the flag, the key and every recovery code go in
    /// one update, and the used-step marks with them (a later set-up starts clean).
    /// </summary>
    private async Task TurnOffAsync(IServiceProvider services, UserManager<AppUser> users, AppUser user)
    {
        var store = services.GetRequiredService<IUserStore<AppUser>>();
        await ((IUserTwoFactorStore<AppUser>)store).SetTwoFactorEnabledAsync(user, false, CancellationToken.None);
        await ((IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user, "", CancellationToken.None);
        await ((IUserTwoFactorRecoveryCodeStore<AppUser>)store).ReplaceCodesAsync(user, [], CancellationToken.None);
        await users.UpdateAsync(user);
        await usedSteps.ForgetAsync(user.Id);
    }

    /// <summary>
    /// The second step of a browser sign-in: the code from the app or an unused recovery code, for the account that
    /// gave the right password. Null when it is right (a recovery code is used up); the caller then completes the sign-in.
    /// </summary>
    public Task<Error?> CheckSignInCodeAsync(string userId, string? ip, string? code, bool recoveryCode, CancellationToken cancellationToken = default) =>
        passwords.GuardAsync<Error?>(userId, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = Users(scope);
            var user = await users.FindByIdAsync(userId);
            if (user is null)
            {
                return new Error(ErrorKind.WrongCode, "code", "Sign in again.");
            }
            return await CheckAsync(users, user, new Actor(userId, ip), code, allowRecoveryCode: recoveryCode, onlyRecoveryCode: recoveryCode);
        }, cancellationToken);

    /// <summary>Lockout first, then the code; a wrong one counts toward the lockout and is audited.</summary>
    private async Task<Error?> CheckAsync(UserManager<AppUser> users, AppUser user, Actor actor, string? code, bool allowRecoveryCode, bool onlyRecoveryCode = false)
    {
        if (await users.IsLockedOutAsync(user))
        {
            return LockedOut(await users.GetLockoutEndDateAsync(user));
        }
        var cleaned = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
        if (cleaned.Length is 0 or > MaxCodeLength)
        {
            return Refused(ErrorKind.WrongCode, onlyRecoveryCode ? "Enter one of your recovery codes." : "Enter the 6-digit code from your authenticator app.");
        }

        // The app's code: within one 30-second step of now, and each step once (a code seen over a shoulder or in a
        // proxy's log cannot be replayed while it is still fresh).
        if (!onlyRecoveryCode && cleaned.Length == 6 && await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key
            && AuthenticatorCode.MatchingStep(key, cleaned, clock.GetUtcNow()) is { } step
            && await usedSteps.TryUseAsync(user.Id, step))
        {
            await users.ResetAccessFailedCountAsync(user);
            return null;
        }
        // Recovery codes are stored as issued (xxxxx-xxxxx); accept them with or without the dash.
        var recovery = cleaned.Length == 10 ? $"{cleaned[..5]}-{cleaned[5..]}" : cleaned;
        if (allowRecoveryCode && (await users.RedeemTwoFactorRecoveryCodeAsync(user, recovery)).Succeeded)
        {
            await users.ResetAccessFailedCountAsync(user);
            await AuditAsync(actor, AuditAction.RecoveryCodeUsed, $"{await users.CountRecoveryCodesAsync(user)} left");
            return null;
        }

        await users.AccessFailedAsync(user);
        var lockedOut = await users.IsLockedOutAsync(user);
        await AuditAsync(actor, lockedOut ? AuditAction.LockedOut : AuditAction.TwoFactorCodeRejected, null);
        if (lockedOut)
        {
            return LockedOut(await users.GetLockoutEndDateAsync(user));
        }
        var left = users.Options.Lockout.MaxFailedAccessAttempts - await users.GetAccessFailedCountAsync(user);
        return Refused(ErrorKind.WrongCode,
            (onlyRecoveryCode ? "That recovery code is not valid (each works once)." : allowRecoveryCode
                ? "That code is not valid: use the current code from your app, or an unused recovery code."
                : "That code is not valid: use the current 6-digit code from your authenticator app (each code works once).")
            + $" {left} attempt{(left == 1 ? "" : "s")} left before the account is locked for 5 minutes.");
    }

    private static Error LockedOut(DateTimeOffset? until) =>
        Refused(ErrorKind.LockedOut, until is { } end
            ? $"Too many wrong passwords or codes: the account is locked until {end.UtcDateTime:dd-MM-yyyy HH:mm:ss} UTC."
            : "Too many wrong passwords or codes: the account is locked for a few minutes.", until);

    private static Error Refused(ErrorKind kind, string message, DateTimeOffset? until = null) => new(kind, "code", message, until);

    private static UserManager<AppUser> Users(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

    private async Task AuditAsync(Actor actor, AuditAction action, string? detail)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.AuditEvents.Add(new AuditEvent { UserId = actor.UserId, Action = action, At = clock.GetUtcNow().UtcDateTime, Ip = actor.Ip, Detail = detail });
        await db.SaveChangesAsync();
    }

    /// <summary>"JBSWY3DPEHPK3PXP" → "jbsw y3dp ehpk 3pxp", as the template shows it: easier to type.</summary>
    private static string Group(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return grouped.ToString().TrimEnd().ToLower(CultureInfo.InvariantCulture);
    }

    /// <summary>The otpauth URI as a PNG, drawn here: the key never leaves the server for a QR service.</summary>
    private static string QrCode(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}
