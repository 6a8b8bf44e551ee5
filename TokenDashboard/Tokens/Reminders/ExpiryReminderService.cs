using TokenDashboard.Accounts.Mail;
using TokenDashboard.Data.Jobs;

namespace TokenDashboard.Tokens.Reminders;

/// <summary>Sends the due reminders at start-up and then every <see cref="NotificationOptions.CheckInterval"/>.</summary>
internal sealed class ExpiryReminderService(
    ExpiryReminders reminders,
    Microsoft.Extensions.Options.IOptions<NotificationOptions> options,
    TimeProvider clock,
    ILogger<ExpiryReminderService> logger) : PeriodicJob(clock, logger)
{
    /// <summary>Checking more often than once a minute is pointless.</summary>
    protected override TimeSpan Interval => options.Value.CheckInterval < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : options.Value.CheckInterval;

    /// <summary>Without mail the bell needs no background work.</summary>
    protected override bool Enabled => options.Value.MailEnabled;

    protected override string Name => "Looking for token expiry reminders";

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        var sent = await reminders.SendDueAsync(cancellationToken);
        if (sent > 0)
        {
            logger.LogInformation("Sent {Count} token expiry reminder(s)", sent);
        }
    }
}
