using Microsoft.Extensions.Options;

namespace TokenDashboard.Accounts.Mail;

/// <summary>
/// At start-up, tells the person at the terminal where mail goes when it is written to a folder (the default): the
/// confirmation link of a new account is there, and nobody would think to look otherwise.
/// </summary>
internal sealed class MailFolderBanner(IOptions<NotificationOptions> options, ConsoleBanner banner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.PickupDirectory is { Length: > 0 } folder)
        {
            banner.Show(
                "Mail (address confirmations, account notices, expiry reminders) is written as .eml files to",
                folder,
                "Set Notifications:Smtp:Host to send it instead (docs/OPERATIONS.md).");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
