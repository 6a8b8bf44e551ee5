using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data.Jobs;

namespace TokenDashboard.Data.Retention;

/// <summary>
/// The one owner of retention: every hour each registered <see cref="RetentionRule"/> deletes its old rows in a
/// context of its own, so one failing rule does not keep the others from running.
/// </summary>
internal sealed class RetentionJob(
    IEnumerable<RetentionRule> rules,
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    ILogger<RetentionJob> logger) : PeriodicJob(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string Name => "Deleting old rows";

    protected override async Task RunRoundAsync(CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    /// <summary>Runs every rule now; returns how many rows each deleted (a failed rule is logged and left out).</summary>
    public async Task<IReadOnlyDictionary<string, int>> RunAsync(CancellationToken cancellationToken = default)
    {
        var deleted = new Dictionary<string, int>();
        var now = Clock.GetUtcNow().UtcDateTime;
        foreach (var rule in rules)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                deleted[rule.What] = await rule.DeleteOldAsync(db, now, cancellationToken);
                if (deleted[rule.What] > 0)
                {
                    logger.LogInformation("Deleted {Count} old {What}", deleted[rule.What], rule.What);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not delete old {What}; trying again in an hour", rule.What);
            }
        }
        return deleted;
    }
}

internal static class RetentionServiceCollectionExtensions
{
    /// <summary>Adds the hourly retention job (once, however many parts call it) and <paramref name="rule"/>.</summary>
    public static IServiceCollection AddRetentionRule(this IServiceCollection services, Func<IServiceProvider, RetentionRule> rule)
    {
        if (!services.Any(s => s.ServiceType == typeof(RetentionJob)))
        {
            services.AddSingleton<RetentionJob>();
            services.AddHostedService(sp => sp.GetRequiredService<RetentionJob>());
        }
        services.AddSingleton(rule);
        return services;
    }
}
