using Microsoft.Extensions.Options;
using TokenDashboard.Data.Retention;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using TokenDashboard.Tokens.Usage;

namespace TokenDashboard.Tests.Tokens.Usage;

/// <summary>
/// Token calls over real HTTP are counted per token × method × UTC day, refused ones (8) apart, written in batches
/// by <see cref="TokenUseLog"/> and read back by <see cref="TokenUsageService"/> as the details view and the API do.
/// </summary>
public sealed class UsageRecordingTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private TokenUseLog Recorder => fixture.Factory.Get<TokenUseLog>();
    private TokenUsageService Usage => fixture.Factory.Get<TokenUsageService>();
    private HttpClient Client => fixture.Client;

    private async Task<TokenUsageReport> ReportAsync(ApiUser user, int tokenId)
    {
        await Recorder.FlushAsync();
        return (await Usage.GetReportAsync(user.UserId, tokenId))!;
    }

    [Fact]
    public async Task Calls_are_counted_per_method_and_refused_methods_apart()
    {
        var user = await fixture.NewUserAsync();
        var issued = await user.IssueAsync(new TokenDraft("maven", null, "Maven Plugin"));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, (await Client.GetApiAsync("environment.Control.GetEnvInfo", issued.Value, ("envName", "my-project"))).Result);
        }
        Assert.Equal(0, (await Client.GetApiAsync("users.Account.GetUserInfo", issued.Value)).Result);
        Assert.Equal(8, (await Client.GetApiAsync("environment.Control.StopEnv", issued.Value, ("envName", "my-project"))).Result);
        Assert.Equal(8, (await Client.GetApiAsync("environment.Control.StopEnv", issued.Value, ("envName", "shop"))).Result);
        var report = await ReportAsync(user, issued.Token.Id);

        Assert.Equal([("environment.Control.GetEnvInfo", 3L), ("users.Account.GetUserInfo", 1L)], report.Used(30).Select(u => (u.Method, u.Calls)));
        Assert.Equal([("environment.Control.StopEnv", 2L)], report.Refused(30).Select(u => (u.Method, u.Calls)));
        var today = DateOnly.FromDateTime(fixture.Factory.Clock.GetUtcNow().UtcDateTime);
        Assert.All(report.Daily, d => Assert.Equal(today, d.Day));
    }

    [Fact]
    public async Task Counted_calls_are_written_by_the_flush_job_when_the_apps_clock_reaches_the_interval()
    {
        var user = await fixture.NewUserAsync();
        var issued = await user.IssueAsync(new TokenDraft("timer", null, "IDE Plugins"));
        await Client.GetApiAsync("environment.Control.GetEnvs", issued.Value);

        fixture.Factory.Clock.Advance(fixture.Factory.Get<IOptions<UsageOptions>>().Value.FlushInterval);

        // No FlushAsync here: the job's next round, due on the app's clock, writes the count (it runs off this
        // thread, so the real clock only bounds a hang).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await Usage.GetReportAsync(user.UserId, issued.Token.Id))!.TotalCalls(30) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.Equal(1, (await Usage.GetReportAsync(user.UserId, issued.Token.Id))!.TotalCalls(30));
    }

    [Fact]
    public async Task Counts_add_up_across_flushes_into_one_row_per_day_and_a_new_day_gets_its_own()
    {
        var user = await fixture.NewUserAsync();
        var issued = await user.IssueAsync(new TokenDraft("ci", null, "IDE Plugins"));

        await Client.GetApiAsync("environment.Control.GetEnvs", issued.Value);
        await Recorder.FlushAsync();
        await Client.GetApiAsync("environment.Control.GetEnvs", issued.Value);
        await Recorder.FlushAsync();
        fixture.Factory.Clock.Advance(TimeSpan.FromDays(1));
        await Client.GetApiAsync("environment.Control.GetEnvs", issued.Value);
        var report = await ReportAsync(user, issued.Token.Id);

        Assert.Equal([2L, 1L], report.Daily.Select(d => d.Calls));
        Assert.Equal(3, report.TotalCalls(30));
        var series = Assert.Single(report.ChartSeries(30));
        Assert.Equal([2.0, 1.0], series.PerDay[^2..]);
    }

    [Fact]
    public async Task Session_calls_and_unauthenticated_calls_are_not_counted()
    {
        var user = await fixture.NewUserAsync();
        var issued = await user.IssueAsync(new TokenDraft("ci", null, "IDE Plugins"));

        await Client.GetApiAsync("environment.Control.GetEnvs", await user.SessionAsync());
        await Client.GetApiAsync("environment.Control.GetEnvs", "tdt_not-a-token");
        var report = await ReportAsync(user, issued.Token.Id);

        Assert.Empty(report.Daily);
    }

    [Fact]
    public async Task A_token_removed_before_the_flush_leaves_no_usage_and_the_flush_goes_on()
    {
        var user = await fixture.NewUserAsync();
        var gone = await user.IssueAsync(new TokenDraft("gone", null, "IDE Plugins"));
        var kept = await user.IssueAsync(new TokenDraft("kept", null, "IDE Plugins"));

        await Client.GetApiAsync("environment.Control.GetEnvs", gone.Value);
        await Client.GetApiAsync("environment.Control.GetEnvs", kept.Value);
        Assert.True((await fixture.Factory.Get<TokenService>().RemoveAsync(user.Actor, [gone.Token.Id], AppFactory.DemoPassword)).Succeeded);

        Assert.Single((await ReportAsync(user, kept.Token.Id)).Daily);
        Assert.Null(await Usage.GetReportAsync(user.UserId, gone.Token.Id));
    }

    [Fact]
    public async Task Another_users_token_has_no_report()
    {
        var owner = await fixture.NewUserAsync();
        var stranger = await fixture.NewUserAsync();
        var issued = await owner.IssueAsync(new TokenDraft("ci", null, "IDE Plugins"));

        Assert.Null(await Usage.GetReportAsync(stranger.UserId, issued.Token.Id));
    }

    [Fact]
    public async Task Days_older_than_the_retention_are_pruned_and_newer_ones_kept()
    {
        var user = await fixture.NewUserAsync();
        var issued = await user.IssueAsync(new TokenDraft("old", null, "IDE Plugins"));
        await Client.GetApiAsync("environment.Control.GetEnvs", issued.Value);
        await Recorder.FlushAsync();

        fixture.Factory.Clock.Advance(TimeSpan.FromDays(89));
        await fixture.Factory.Get<RetentionJob>().RunAsync();
        var kept = await Usage.GetReportAsync(user.UserId, issued.Token.Id, 90);
        fixture.Factory.Clock.Advance(TimeSpan.FromDays(1));
        await fixture.Factory.Get<RetentionJob>().RunAsync();
        var pruned = await Usage.GetReportAsync(user.UserId, issued.Token.Id, 90);

        Assert.Single(kept!.Daily);
        Assert.Empty(pruned!.Daily);
    }

    [Fact]
    public async Task Methods_used_in_the_last_30_days_are_counted_per_token_for_the_grid()
    {
        var user = await fixture.NewUserAsync();
        var busy = await user.IssueAsync(new TokenDraft("busy", null, "Extended Access"));
        var idle = await user.IssueAsync(new TokenDraft("idle", null, "Extended Access"));

        await Client.GetApiAsync("environment.Control.GetEnvs", busy.Value);
        await Client.GetApiAsync("environment.Control.GetEnvs", busy.Value);
        await Client.GetApiAsync("users.Account.GetUserInfo", busy.Value);
        await Client.GetApiAsync("users.Authentication.GetTokens", busy.Value); // refused: not a used method
        await Recorder.FlushAsync();
        var used = await Usage.MethodsUsedAsync(user.UserId);

        Assert.Equal(2, used[busy.Token.Id]);
        Assert.False(used.ContainsKey(idle.Token.Id));
    }
}
