using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using TokenDashboard.Tokens.Usage;

namespace TokenDashboard.Tests.Tokens.Usage;

/// <summary>
/// Narrow to what a token used, and add what it was refused: Custom with exactly those methods, the same value,
/// confirmed with the password and written to the audit trail.
/// </summary>
public sealed class NarrowingTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private TokenService Tokens => fixture.Factory.Get<TokenService>();

    private async Task<(ApiUser User, IssuedToken Token, TokenUsageReport Report)> UsedForTwoMethodsAsync()
    {
        var user = await fixture.NewUserAsync();
        var issued = await user.IssueAsync(new TokenDraft("broad", null, "Extended Access"));
        await fixture.Client.GetApiAsync("environment.Control.GetEnvs", issued.Value);
        await fixture.Client.GetApiAsync("environment.Control.StopEnv", issued.Value, ("envName", "my-project"));
        await fixture.Factory.Get<TokenUseLog>().FlushAsync();
        var report = await fixture.Factory.Get<TokenUsageService>().GetReportAsync(user.UserId, issued.Token.Id);
        return (user, issued, report!);
    }

    [Fact]
    public async Task The_plan_keeps_the_used_methods_and_removes_the_rest()
    {
        var (_, issued, report) = await UsedForTwoMethodsAsync();

        var plan = report.NarrowPlan(issued.Token.Methods, 30);

        Assert.Equal(["environment.Control.GetEnvs", "environment.Control.StopEnv"], plan.Result);
        Assert.Equal(issued.Token.Methods.Count - 2, plan.Changed.Count);
        Assert.DoesNotContain("environment.Control.StopEnv", plan.Changed);
        Assert.True(plan.Worthwhile);
    }

    [Fact]
    public async Task Narrowing_makes_the_token_custom_with_exactly_those_methods_keeps_its_value_and_is_audited()
    {
        var (user, issued, report) = await UsedForTwoMethodsAsync();
        var plan = report.NarrowPlan(issued.Token.Methods, 30);

        var narrowed = await Tokens.SetMethodsAsync(user.Actor, issued.Token.Id, MethodsChange.Narrow, plan.Result, AppFactory.DemoPassword);

        Assert.True(narrowed.Succeeded, narrowed.Error?.Message);
        Assert.Null(narrowed.Value!.Preset);
        Assert.Equal(["environment.Control.GetEnvs", "environment.Control.StopEnv"], narrowed.Value.Methods);
        Assert.Equal(0, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", issued.Value)).Result);
        Assert.Equal(8, (await fixture.Client.GetApiAsync("environment.Control.GetEnvInfo", issued.Value, ("envName", "shop"))).Result);
        await using var db = await fixture.Factory.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEvents.Where(e => e.UserId == user.UserId && e.TokenId == issued.Token.Id).OrderBy(e => e.Id).LastAsync();
        Assert.Equal(AuditAction.Narrowed, audit.Action);
        Assert.Equal($"narrowed from {issued.Token.Methods.Count} to 2 methods", audit.Detail);
    }

    [Fact]
    public async Task A_wrong_password_changes_nothing()
    {
        var (user, issued, report) = await UsedForTwoMethodsAsync();

        var refused = await Tokens.SetMethodsAsync(user.Actor, issued.Token.Id, MethodsChange.Narrow, report.NarrowPlan(issued.Token.Methods, 30).Result, "wrong");

        Assert.Equal(ErrorKind.WrongPassword, refused.Error!.Kind);
        Assert.Equal("Extended Access", (await Tokens.GetAsync(user.UserId, issued.Token.Id))!.Preset?.Name);
    }

    [Fact]
    public async Task Refused_methods_can_be_added_back()
    {
        var user = await fixture.NewUserAsync();
        var issued = await user.IssueAsync(new TokenDraft("narrow", null, null, ["environment.Control.GetEnvs"]));
        Assert.Equal(8, (await fixture.Client.GetApiAsync("environment.Control.StopEnv", issued.Value, ("envName", "my-project"))).Result);
        await fixture.Factory.Get<TokenUseLog>().FlushAsync();
        var report = await fixture.Factory.Get<TokenUsageService>().GetReportAsync(user.UserId, issued.Token.Id);
        var plan = report!.AddRefusedPlan(issued.Token.Methods, 30);

        var widened = await Tokens.SetMethodsAsync(user.Actor, issued.Token.Id, MethodsChange.AddRefused, plan.Result, AppFactory.DemoPassword);

        Assert.Equal(["environment.Control.StopEnv"], plan.Changed);
        Assert.Equal(["environment.Control.GetEnvs", "environment.Control.StopEnv"], widened.Value!.Methods);
        Assert.Equal(0, (await fixture.Client.GetApiAsync("environment.Control.StopEnv", issued.Value, ("envName", "my-project"))).Result);
    }

    [Fact]
    public async Task Nothing_to_narrow_when_nothing_was_used()
    {
        var user = await fixture.NewUserAsync();
        var issued = await user.IssueAsync(new TokenDraft("idle", null, "IDE Plugins"));
        var report = await fixture.Factory.Get<TokenUsageService>().GetReportAsync(user.UserId, issued.Token.Id);

        Assert.False(report!.NarrowPlan(issued.Token.Methods, 30).Worthwhile);
        Assert.False(report.AddRefusedPlan(issued.Token.Methods, 30).Worthwhile);
    }
}
