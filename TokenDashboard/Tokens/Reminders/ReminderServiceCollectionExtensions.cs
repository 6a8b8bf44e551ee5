namespace TokenDashboard.Tokens.Reminders;

public static class ReminderServiceCollectionExtensions
{
    /// <summary>Expiry reminders: the bell's list, the mailer ("Notifications" section) and the background round.</summary>
    public static IServiceCollection AddExpiryReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        services.AddSingleton<ReminderMailer>();
        services.AddSingleton<ExpiryReminders>();
        services.AddHostedService<ExpiryReminderService>();
        return services;
    }
}
