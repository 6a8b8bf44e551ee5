using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenDashboard.Accounts.Mail;
using TokenDashboard.Accounts.Policies;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts;

/// <summary>
/// New accounts, confirmed by mail before they can sign in. Registering answers the same for a new and a taken
/// address — "check your inbox" — after the same work (one password hash), so the form cannot tell a stranger which
/// addresses have accounts: a new address gets a link to confirm it (so does one registered but never confirmed, which takes the latest
/// password typed for it; the link is answered with that password), the
/// owner of a confirmed one a note that someone tried (at most one an hour, and an Activity entry). Registering and resending a link count like sign-in attempts
/// (<see cref="PasswordConfirmation.CountAccountRequestAsync"/>), and a link is mailed at most once every
/// <see cref="ResendInterval"/> per account. Links point at Notifications:DashboardUrl when it is set, else at the
/// address the request came to.
/// </summary>
internal sealed class Registration(
    IServiceScopeFactory scopes,
    PasswordConfirmation passwords,
    Mailer mailer,
    IDbContextFactory<AppDbContext> dbFactory,
    IOptions<NotificationOptions> notificationOptions,
    PolicyStore policies,
    Invitations invitations,
    TimeProvider clock,
    ILogger<Registration> logger)
{
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan TriedNoticeInterval = TimeSpan.FromHours(1);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Succeeds alike for a new and a taken address; refused only for what the typed values themselves get wrong
    /// (the password's rules, an unusable address) or the back-off, which never depend on whether the address is taken.
    /// </summary>
    public async Task<Result<bool>> RegisterAsync(string email, string password, string? ip, string siteUrl, CancellationToken cancellationToken = default)
    {
        email = email.Trim();
        if (await ModeAsync(cancellationToken) is var mode and not RegistrationMode.Open)
        {
            return NotOpen(mode);
        }
        if (await passwords.CountAccountRequestAsync(email, ip, cancellationToken) is { } backOff)
        {
            return new Error(ErrorKind.TooManyAttempts, "email", backOff.Message, RetryAfter: backOff.RetryAfter);
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var candidate = new AppUser { UserName = email, Email = email, CreatedAt = Now };
        if (await RulesBrokenAsync(users, candidate, password) is { } broken)
        {
            return broken;
        }

        if ((await users.FindByEmailAsync(email) ?? await users.FindByNameAsync(email)) is { } taken)
        {
            // The same cost as creating one: a password hash, kept only for an account nobody confirmed yet.
            var hash = users.PasswordHasher.HashPassword(candidate, password);
            if (await users.IsEmailConfirmedAsync(taken))
            {
                await TellOwnerAsync(taken, ip, cancellationToken);
            }
            else
            {
                // Registered before and never confirmed — the first mail lost, a second try, or a stranger who typed this
                // address first. The latest password is the account's, so whoever holds the mailbox confirms it with the
                // password they chose, never with one a stranger set. Then the link again, as resending would.
                taken.PasswordHash = hash;
                await users.UpdateAsync(taken);
                await SendLinkAsync(users, taken, ip, siteUrl, cancellationToken);
            }
            return true;
        }
        var created = await users.CreateAsync(candidate, password);
        if (!created.Succeeded)
        {
            if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
            {
                return true; // registered a moment ago by someone else: the same answer as a taken address
            }
            return Error.Invalid("email", string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        logger.LogInformation("A new account was registered; it signs in once its address is confirmed.");
        await SendLinkAsync(users, candidate, ip, siteUrl, cancellationToken);
        return true;
    }

    /// <summary>Who may register now: the administrators' policy (open unless they chose otherwise).</summary>
    public async Task<RegistrationMode> ModeAsync(CancellationToken cancellationToken = default) =>
        (await policies.GetAsync(cancellationToken)).Registration;

    private static Error NotOpen(RegistrationMode mode) => new(ErrorKind.InvalidState, "email", mode == RegistrationMode.Closed
        ? "Registration is closed on this server. Ask its administrator for an account."
        : "Registration on this server is by invitation: open the link in the invitation mail an administrator sent you.");

    /// <summary>
    /// Registering through an invitation link: the link's code must name an unused, unexpired invitation for exactly
    /// this address (any mismatch gets the one <see cref="Invitations.Refusal"/>), and it is used up by this attempt.
    /// The mail that carried the link proved the address, so the account can sign in at once. Refused only while
    /// registration is closed; an invitation also works while registration is open.
    /// </summary>
    public async Task<Result<bool>> RegisterInvitedAsync(string email, string password, string? code, string? ip, CancellationToken cancellationToken = default)
    {
        email = email.Trim();
        if (await ModeAsync(cancellationToken) == RegistrationMode.Closed)
        {
            return NotOpen(RegistrationMode.Closed);
        }
        if (await passwords.CountAccountRequestAsync(email, ip, cancellationToken) is { } backOff)
        {
            return new Error(ErrorKind.TooManyAttempts, "email", backOff.Message, RetryAfter: backOff.RetryAfter);
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var candidate = new AppUser { UserName = email, Email = email, CreatedAt = Now, EmailConfirmed = true };
        if (await RulesBrokenAsync(users, candidate, password) is { } broken)
        {
            return broken;
        }
        if (!await invitations.ClaimAsync(users.NormalizeEmail(email), code, cancellationToken))
        {
            return Error.Invalid("invitation", Invitations.Refusal);
        }
        if ((await users.FindByEmailAsync(email) ?? await users.FindByNameAsync(email)) is not null)
        {
            return true; // the address has an account already: its owner signs in with it
        }
        var created = await users.CreateAsync(candidate, password);
        if (!created.Succeeded && !created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            return Error.Invalid("email", string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        logger.LogInformation("An invited account was registered.");
        return true;
    }

    /// <summary>Mails a new link to an account still waiting for confirmation; answers alike whatever the address is.</summary>
    public async Task<Result<bool>> ResendAsync(string email, string? ip, string siteUrl, CancellationToken cancellationToken = default)
    {
        email = email.Trim();
        if (await passwords.CountAccountRequestAsync(email, ip, cancellationToken) is { } backOff)
        {
            return new Error(ErrorKind.TooManyAttempts, "email", backOff.Message, RetryAfter: backOff.RetryAfter);
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(email) is { } user && !await users.IsEmailConfirmedAsync(user))
        {
            await SendLinkAsync(users, user, ip, siteUrl, cancellationToken);
        }
        return true;
    }

    /// <summary>Whether a link from a confirmation mail names an account and its valid code (the page asks for the password next).</summary>
    public async Task<bool> IsValidLinkAsync(string? userId, string? code) => await LinkedAccountAsync(userId, code) is not null;

    /// <summary>
    /// Confirms the address a link was mailed to, with the password chosen at registration: holding the mailbox is not
    /// enough, or a stranger who registered someone's address first would get a confirmed account with the stranger's
    /// password the moment its owner opened the link. The password is checked on the guarded sign-in path (lockout,
    /// back-off, audit). False for a link that is wrong, cut off or expired; an error for a refused password.
    /// </summary>
    public async Task<Result<bool>> ConfirmAsync(string? userId, string? code, string? password, string? ip, CancellationToken cancellationToken = default)
    {
        if (await LinkedAccountAsync(userId, code) is not { } linked)
        {
            return false;
        }
        if (linked.Confirmed)
        {
            return true;
        }
        var check = await passwords.SignInAsync(linked.User.Email!, password, ip, cancellationToken);
        // On this path only the right password of an unconfirmed account gets "not confirmed"; anything else is a refusal.
        if (check.Error is { Kind: not ErrorKind.EmailNotConfirmed } refused)
        {
            return refused;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.FindByIdAsync(linked.User.Id) is { } user
               && (await users.IsEmailConfirmedAsync(user) || (await users.ConfirmEmailAsync(user, linked.Token)).Succeeded);
    }

    private async Task<(AppUser User, string Token, bool Confirmed)?> LinkedAccountAsync(string? userId, string? code)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code) || userId.Length > 64 || code.Length > 2048)
        {
            return null;
        }
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return null;
        }
        if (await users.IsEmailConfirmedAsync(user))
        {
            return (user, token, true);
        }
        return await users.VerifyUserTokenAsync(user, users.Options.Tokens.EmailConfirmationTokenProvider, UserManager<AppUser>.ConfirmEmailTokenPurpose, token)
            ? (user, token, false)
            : null;
    }

    private static async Task<Error?> RulesBrokenAsync(UserManager<AppUser> users, AppUser candidate, string password)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, candidate, password)).Errors);
        }
        return errors.Count == 0 ? null : Error.Invalid("password", string.Join(" ", errors.Select(e => e.Description)));
    }

    private async Task SendLinkAsync(UserManager<AppUser> users, AppUser user, string? ip, string siteUrl, CancellationToken cancellationToken)
    {
        if (!mailer.Enabled || !await ClaimAsync(user.Id, AuditAction.ConfirmationMailed, ResendInterval, ip))
        {
            return;
        }
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var site = (notificationOptions.Value.DashboardUrl is { Length: > 0 } configured ? configured : siteUrl).TrimEnd('/');
        var link = $"{site}/Account/ConfirmEmail?userId={Uri.EscapeDataString(user.Id)}&code={code}";
        await SendAsync(user.Email!, "Confirm your email address for TokenDashboard", $"""
            A TokenDashboard account was created with this address (from {ip ?? "an unknown address"}).
            To confirm that the address is yours and let the account sign in, open this link and enter the password
            you chose when you registered:

            {link}

            If you did not register, ignore this mail: the account cannot sign in until the address is confirmed.

            -- TokenDashboard
            """, cancellationToken);
    }

    private async Task TellOwnerAsync(AppUser owner, string? ip, CancellationToken cancellationToken)
    {
        if (!await ClaimAsync(owner.Id, AuditAction.RegistrationAttempted, TriedNoticeInterval, ip) || !mailer.Enabled)
        {
            return;
        }
        await SendAsync(owner.Email!, "Someone tried to register with your address", $"""
            Someone tried to create a TokenDashboard account with this address (from {ip ?? "an unknown address"}).
            You already have one, so nothing was created or changed; they were told to check this inbox, as anyone is.

            If it was you and you forgot your password, ask the dashboard's administrator. Otherwise nothing needs doing.

            -- TokenDashboard
            """, cancellationToken);
    }

    /// <summary>An audit entry for the account unless one of this kind is younger than <paramref name="interval"/>: the throttle for its mail.</summary>
    private async Task<bool> ClaimAsync(string userId, AuditAction action, TimeSpan interval, string? ip)
    {
        var now = Now;
        var since = now - interval;
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.AuditEvents.AnyAsync(e => e.UserId == userId && e.Action == action && e.At > since))
        {
            return false;
        }
        db.AuditEvents.Add(new AuditEvent { UserId = userId, Action = action, At = now, Ip = ip });
        await db.SaveChangesAsync();
        return true;
    }

    private async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        try
        {
            await mailer.SendAsync(to, subject, body, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "A registration mail could not be sent");
        }
    }
}
