using TokenDashboard.Accounts.Policies;
using TokenDashboard.Data.Changes;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Instances;

/// <summary>The policies saved through one instance hold on the other within a second, though it had them in memory (both clocks stand still).</summary>
public sealed class PoliciesAcrossInstancesTests : IAsyncLifetime
{
    private readonly TwoInstances instances = new();

    [Fact]
    public async Task A_policy_saved_on_one_instance_refuses_a_ninety_day_token_on_the_other_within_a_second()
    {
        var demo = await instances.A.DemoActorAsync();
        var tokensOnB = instances.B.Get<TokenService>();
        var today = DateOnly.FromDateTime(instances.B.Now().UtcDateTime);
        var ninetyDays = new TokenDraft("ci", today.AddDays(90), "ide-plugins");
        await RevocationAcrossInstancesTests.WaitUntilCurrentAsync(instances.B.Get<ChangeFeed>());
        Assert.Null((await tokensOnB.PolicyAsync(demo.UserId)).MaxLifetimeDays); // read, and remembered, on B
        Assert.True((await tokensOnB.GenerateAsync(demo, ninetyDays, AppFactory.DemoPassword)).Succeeded);

        var saved = await instances.A.Get<PolicyAdministration>().SetAsync(demo, new SitePolicies(MaxLifetimeDays: 30), AppFactory.DemoPassword, applyToExisting: false);
        Assert.True(saved.Succeeded, saved.Error?.Message);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var refused = await tokensOnB.GenerateAsync(demo, ninetyDays, AppFactory.DemoPassword);
        Assert.Equal("expiresAt", refused.Error!.Field);
        Assert.Contains("at most 30 days", refused.Error.Message);
    }

    public Task InitializeAsync() => instances.InitializeAsync();

    public Task DisposeAsync() => instances.DisposeAsync();
}
