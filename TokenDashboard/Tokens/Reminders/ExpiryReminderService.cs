using TokenDashboard.Accounts.Mail;

namespace TokenDashboard.Tokens.Reminders;

/// <summary>Looks for due reminders at start-up and then every <see cref="NotificationOptions.CheckInterval"/>.</summary>
internal sealed class ExpiryReminderService(
    ExpiryReminders reminders,
    Microsoft.Extensions.Options.IOptions<NotificationOptions> options,
    TimeProvider clock,
    ILogger<ExpiryReminderService> logger) : BackgroundService
{
    /// <summary>A timer cannot wait longer than about 49 days, and checking more often than a minute is pointless.</summary>
    private TimeSpan Interval => TimeSpan.FromTicks(Math.Clamp(options.Value.CheckInterval.Ticks, TimeSpan.FromMinutes(1).Ticks, TimeSpan.FromDays(30).Ticks));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.MailEnabled)
        {
            return; // the bell needs no background work
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await reminders.SendDueAsync(stoppingToken);
                if (sent > 0)
                {
                    logger.LogInformation("Sent {Count} token expiry reminder(s)", sent);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Looking for token expiry reminders failed; trying again in the next round");
            }
            await Task.Delay(Interval, clock, stoppingToken);
        }
    }
}
