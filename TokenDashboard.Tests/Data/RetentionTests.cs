using Microsoft.EntityFrameworkCore;
using TokenDashboard.Accounts;
using TokenDashboard.Data;
using TokenDashboard.Data.Retention;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Data;

/// <summary>An app whose Activity trail is kept three days, so the test moves its clock days rather than a year.</summary>
public sealed class ShortAuditRetentionFixture() : ApiFixture(new AppFactory { Settings = { ["Audit:RetentionDays"] = "3" } });

/// <summary>
/// The one retention job, on the app's clock: the Activity trail is kept for Audit:RetentionDays and then deleted,
/// expired sessions and old sign-in failures go, and what is still within its time stays.
/// </summary>
public sealed class RetentionTests(ShortAuditRetentionFixture fixture) : IClassFixture<ShortAuditRetentionFixture>
{
    private RetentionJob Job => fixture.Factory.Get<RetentionJob>();

    private async Task<(int Audit, int Sessions, int Failures)> RowsAsync(string userId)
    {
        await using var db = await fixture.Factory.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return (await db.AuditEvents.CountAsync(e => e.UserId == userId),
            await db.ApiSessions.CountAsync(s => s.UserId == userId),
            await db.SignInFailures.CountAsync(f => f.AccountKey == userId));
    }

    [Fact]
    public async Task The_activity_trail_is_kept_its_days_and_expired_sessions_and_old_failures_go_within_the_hour()
    {
        var user = await fixture.NewUserAsync();
        await user.SessionAsync();
        Assert.False((await fixture.Factory.Get<ApiSessionStore>().SigninAsync(user.Email, "not the password", "127.0.0.1")).Succeeded);
        var start = await RowsAsync(user.UserId);
        Assert.True(start.Audit > 0 && start.Sessions == 1 && start.Failures == 1, $"start: {start}");

        fixture.Factory.Clock.Advance(TimeSpan.FromDays(2));
        await Job.RunAsync();
        var kept = await RowsAsync(user.UserId);

        fixture.Factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        await Job.RunAsync();
        var gone = await RowsAsync(user.UserId);

        Assert.Equal((start.Audit, 0, 0), kept);
        Assert.Equal((0, 0, 0), gone);
    }
}
