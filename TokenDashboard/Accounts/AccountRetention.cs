using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenDashboard.Data.Retention;

namespace TokenDashboard.Accounts;

/// <summary>"Audit" section: how long the Activity trail is kept.</summary>
internal sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Days an Activity entry (and the admin trail) is kept; a little over a year by default, for yearly reviews.</summary>
    public int RetentionDays { get; set; } = 400;
}

/// <summary>How long the accounts' own rows matter; the retention job deletes the rest every hour.</summary>
internal static class AccountRetention
{
    public static IServiceCollection AddAccountRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section))
            .Validate(o => o.RetentionDays >= 1, $"{AuditOptions.Section}:RetentionDays must be 1 or more.")
            .ValidateOnStart();
        services.AddRetentionRule(sp =>
        {
            var days = sp.GetRequiredService<IOptions<AuditOptions>>().Value.RetentionDays;
            return new RetentionRule("audit events", (db, now, cancellationToken) =>
                db.AuditEvents.Where(e => e.At < now.AddDays(-days)).ExecuteDeleteAsync(cancellationToken));
        });
        // A failure counts only inside the back-off window (at least the hour the trail has always kept).
        services.AddRetentionRule(sp =>
        {
            var window = TimeSpan.FromSeconds(Math.Max(3600, sp.GetRequiredService<IOptions<PasswordConfirmationOptions>>().Value.SignInBackOffSeconds));
            return new RetentionRule("sign-in failures", (db, now, cancellationToken) =>
                db.SignInFailures.Where(f => f.At < now - window).ExecuteDeleteAsync(cancellationToken));
        });
        // Sessions past their lifetime are refused anyway; their rows are of no use to anyone.
        services.AddRetentionRule(_ => new RetentionRule("expired browser sessions", (db, now, cancellationToken) =>
            db.BrowserSessions.Where(s => s.LastSeenAt <= now - BrowserSessions.Lifetime).ExecuteDeleteAsync(cancellationToken)));
        services.AddRetentionRule(_ => new RetentionRule("expired API sessions", (db, now, cancellationToken) =>
            db.ApiSessions.Where(s => s.LastUsedAt <= now - ApiSessionStore.IdleTimeout).ExecuteDeleteAsync(cancellationToken)));
        return services;
    }
}
