namespace TokenDashboard.Tokens;

public static class TokenServiceCollectionExtensions
{
    /// <summary>The token store. Singletons: each operation opens its own short-lived context from the pool.</summary>
    public static IServiceCollection AddTokenStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PasswordConfirmationOptions>(configuration.GetSection(PasswordConfirmationOptions.Section));
        services.AddSingleton<PasswordConfirmation>();
        services.AddSingleton<TokenChanges>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<TokenValidator>();
        services.AddSingleton<AddressRefusals>();

        services.Configure<Reminders.NotificationOptions>(configuration.GetSection(Reminders.NotificationOptions.Section));
        services.AddSingleton<Reminders.ReminderMailer>();
        services.AddSingleton<Reminders.ExpiryReminders>();
        services.AddHostedService<Reminders.ExpiryReminderService>();
        return services;
    }
}
