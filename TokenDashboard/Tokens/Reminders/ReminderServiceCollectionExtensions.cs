namespace TokenDashboard.Tokens.Reminders;

internal static class ReminderServiceCollectionExtensions
{
    /// <summary>Expiry reminders: the bell's list and the background round (mail goes through Accounts' mailer).</summary>
    public static IServiceCollection AddExpiryReminders(this IServiceCollection services)
    {
        services.AddSingleton<ExpiryReminders>();
        services.AddHostedService<ExpiryReminderService>();
        return services;
    }
}
