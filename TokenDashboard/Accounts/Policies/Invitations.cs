using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenDashboard.Accounts.Admin;
using TokenDashboard.Accounts.Mail;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts.Policies;

/// <summary>
/// Registration by invitation: an administrator invites an address (with their password), and the mail to it carries a
/// one-time link. Only the SHA-256 of the link's code is stored; the link works once, for that address, for
/// <see cref="Lifetime"/> — and a refused one never says whether the code, the address or the time was wrong.
/// </summary>
internal sealed class Invitations(
    IDbContextFactory<AppDbContext> dbFactory,
    PasswordConfirmation passwords,
    Administrators administrators,
    Mailer mailer,
    IOptions<NotificationOptions> notificationOptions,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<Invitations> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>The one answer for any link that cannot be used.</summary>
    public const string Refusal = "This invitation cannot be used for this address: the link may be wrong, used already or expired. Ask your administrator for a new one.";

    private const int MaxCodeLength = 100;

    /// <summary>Mails <paramref name="email"/> a one-time link to register; links point at Notifications:DashboardUrl when set, else at <paramref name="siteUrl"/>.</summary>
    public async Task<Result<DateTime>> InviteAsync(Actor actor, string? email, string? password, string siteUrl, CancellationToken cancellationToken = default)
    {
        if (await administrators.RefuseUnlessAdministratorAsync(actor, cancellationToken) is { } notAdministrator)
        {
            return notAdministrator;
        }
        email = email?.Trim() ?? "";
        if (email.Length is 0 or > 256 || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email) || email.Any(char.IsControl))
        {
            return Error.Invalid("email", "Enter the email address to invite, e.g. name@example.com.");
        }
        if (!mailer.Enabled)
        {
            return new Error(ErrorKind.InvalidState, "email", "Mail is not set up on this server (Notifications), so no invitation can be sent.");
        }
        if (await passwords.ConfirmAsync(actor, password, cancellationToken) is { } refused)
        {
            return refused;
        }

        var code = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + Lifetime;
        string normalized;
        await using (var scope = scopes.CreateAsyncScope())
        {
            normalized = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().NormalizeEmail(email);
        }
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.Invitations.Add(new Invitation { NormalizedEmail = normalized, CodeHash = Hash(code), CreatedAt = now, ExpiresAt = expires, InvitedBy = actor.UserId });
            db.AuditEvents.Add(new AuditEvent { UserId = actor.UserId, Action = AuditAction.InvitationSent, At = now, Ip = actor.Ip, Detail = email });
            await db.SaveChangesAsync(cancellationToken);
        }

        var site = (notificationOptions.Value.DashboardUrl is { Length: > 0 } configured ? configured : siteUrl).TrimEnd('/');
        try
        {
            await mailer.SendAsync(email, "You are invited to TokenDashboard", $"""
                An administrator of TokenDashboard invited this address to create an account.
                To create it, open this link and register with this address:

                {site}/Account/Register?invitation={code}

                The link works once, until {expires:dd-MM-yyyy HH:mm} UTC. If you did not expect it, ignore this mail.

                -- TokenDashboard
                """, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "An invitation mail could not be sent");
            return new Error(ErrorKind.InvalidState, "email", "The invitation could not be mailed; try again later.");
        }
        return expires;
    }

    /// <summary>
    /// Uses up the invitation for <paramref name="normalizedEmail"/> that <paramref name="code"/> names, if it is still
    /// good; false — whatever was wrong — otherwise. The conditional update is the claim: two tries of one link, on any
    /// instance, cannot both win.
    /// </summary>
    internal async Task<bool> ClaimAsync(string normalizedEmail, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(code) || code.Length > MaxCodeLength)
        {
            return false;
        }
        var hash = Hash(code);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Invitations
            .Where(i => i.CodeHash == hash && i.NormalizedEmail == normalizedEmail && i.UsedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.UsedAt, now), cancellationToken) == 1;
    }

    private static byte[] Hash(string code) => SHA256.HashData(Encoding.UTF8.GetBytes(code));
}
