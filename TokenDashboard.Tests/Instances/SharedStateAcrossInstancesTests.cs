using System.Net;
using TokenDashboard.Data;
using TokenDashboard.Platform;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Instances;

/// <summary>What one instance does, another sees: sign-in cookies (one key ring in the database) and environment changes.</summary>
public sealed class SharedStateAcrossInstancesTests : IAsyncLifetime
{
    private readonly TwoInstances instances = new();

    [Fact]
    public async Task A_sign_in_made_on_one_instance_is_accepted_by_the_other_and_by_a_restarted_one()
    {
        var jar = new CookieContainer();
        using var onA = SharedCookies.Client(jar, instances.A);
        using var onB = SharedCookies.Client(jar, instances.B);

        // The form (and its antiforgery cookie) from A, posted to B; then the signed-in page from A again.
        var form = await onA.GetStringAsync("/Account/Login");
        var signIn = await onB.PostAsync("/Account/Login", SignInClient.LoginForm(form, AppFactory.DemoEmail, AppFactory.DemoPassword));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("/Account/Login", signIn.RedirectTarget());

        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/settings/access-tokens")).StatusCode);
        await using var restarted = instances.StartAnother();
        using var onRestarted = SharedCookies.Client(jar, restarted);
        Assert.Equal(HttpStatusCode.OK, (await onRestarted.GetAsync("/settings/access-tokens")).StatusCode);
    }

    [Fact]
    public async Task A_page_open_on_one_instance_hears_an_environment_stopped_through_the_other()
    {
        var demo = await instances.A.DemoActorAsync();
        var heard = new TaskCompletionSource<EnvironmentChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        await RevocationAcrossInstancesTests.WaitUntilCurrentAsync(instances.A.Get<TokenDashboard.Data.Changes.ChangeFeed>());
        using var _ = instances.A.Get<EnvironmentNotifier>().Subscribe(demo.UserId, change => heard.TrySetResult(change));

        Assert.True((await instances.B.Get<EnvironmentService>().StopAsync(demo.UserId, "my-project")).Succeeded);

        var change = await heard.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(new EnvironmentChange(demo.UserId, "my-project", EnvironmentChangeKind.StatusChanged), change);
    }

    [Fact]
    public async Task An_environment_list_remembered_on_one_instance_follows_a_change_through_the_other_within_a_second()
    {
        var demo = await instances.A.DemoActorAsync();
        var listsOnB = instances.B.Get<EnvironmentService>();
        await RevocationAcrossInstancesTests.WaitUntilCurrentAsync(instances.B.Get<TokenDashboard.Data.Changes.ChangeFeed>());
        Assert.Equal(EnvironmentStatus.Running, (await listsOnB.ListAsync(demo.UserId)).Single(e => e.Name == "shop").Status);
        Assert.Equal(EnvironmentStatus.Running, (await listsOnB.ListAsync(demo.UserId)).Single(e => e.Name == "shop").Status);

        Assert.True((await instances.A.Get<EnvironmentService>().StopAsync(demo.UserId, "shop")).Succeeded);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(EnvironmentStatus.Stopped, (await listsOnB.ListAsync(demo.UserId)).Single(e => e.Name == "shop").Status);
    }

    public Task InitializeAsync() => instances.InitializeAsync();

    public Task DisposeAsync() => instances.DisposeAsync();
}
