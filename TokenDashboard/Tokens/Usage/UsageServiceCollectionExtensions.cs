using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenDashboard.Data.Retention;

namespace TokenDashboard.Tokens.Usage;

internal static class UsageServiceCollectionExtensions
{
    /// <summary>
    /// Usage per token × method × day (recorded off the request path, old days deleted by the retention job), its readers and the
    /// per-user notifier that keeps open Access Tokens tabs live.
    /// </summary>
    public static IServiceCollection AddTokenUsage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UsageOptions>().Bind(configuration.GetSection(UsageOptions.Section))
            .Validate(o => o.RetentionDays >= 1, $"{UsageOptions.Section}:RetentionDays must be 1 or more.")
            .Validate(o => o.FlushSeconds >= 1, $"{UsageOptions.Section}:FlushSeconds must be 1 or more.")
            .ValidateOnStart();
        services.AddSingleton<TokenUseLog>();
        services.AddHostedService(sp => sp.GetRequiredService<TokenUseLog>());
        services.AddSingleton<TokenUsageService>();
        services.AddRetentionRule(sp =>
        {
            var days = sp.GetRequiredService<IOptions<UsageOptions>>().Value.RetentionDays;
            return new RetentionRule("token usage days", (db, now, cancellationToken) =>
            {
                var oldest = DateOnly.FromDateTime(now).AddDays(-(days - 1));
                return db.TokenUsage.Where(u => u.Day < oldest).ExecuteDeleteAsync(cancellationToken);
            });
        });
        return services;
    }
}
