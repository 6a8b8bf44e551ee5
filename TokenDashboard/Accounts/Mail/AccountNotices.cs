using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts.Mail;

/// <summary>
/// Tells an account's owner by mail that something changed its security (two-factor on or off, new recovery codes),
/// so that a change made with a stolen session does not go unnoticed. Only to a confirmed address; the subject is
/// fixed text and the body holds only what the app itself knows (the change, the time, the client address). A mail
/// that cannot be sent is logged and never undoes or fails the change: the Activity tab has it either way.
/// </summary>
internal sealed class AccountNotices(
    Mailer mailer,
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    ILogger<AccountNotices> logger)
{
    public Task SendAsync(string userId, string subject, string what, string? ip, CancellationToken cancellationToken = default) =>
        TellAsync(userId, subject, $"""
                {what}

                When: {clock.GetUtcNow().UtcDateTime:dd-MM-yyyy HH:mm} UTC
                From: {ip ?? "an unknown address"}

                If this was you, nothing needs doing. If it was not, someone has your session: change your password
                (Settings → Account → Change password), which signs out every other browser, and check Settings → Activity.

                -- TokenDashboard
                """, cancellationToken);

    /// <summary>
    /// Tells the owner what someone else did to the account (an administrator's policy moved a token's date): the
    /// <paramref name="body"/> as given, which must hold only what the app itself knows — never anyone's words.
    /// </summary>
    public async Task TellAsync(string userId, string subject, string body, CancellationToken cancellationToken = default)
    {
        if (!mailer.Enabled)
        {
            return;
        }
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var email = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.EmailConfirmed)
                .Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
            if (string.IsNullOrEmpty(email))
            {
                return;
            }
            await mailer.SendAsync(email, subject, body, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Security notice for account {UserId} could not be mailed", userId);
        }
    }
}
