using TokenDashboard.Accounts;
using TokenDashboard.Data;
using TokenDashboard.Platform;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Platform;

public sealed class EnvironmentServiceTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private EnvironmentService Environments => fixture.Factory.Get<EnvironmentService>();
    private EnvironmentNotifier Notifier => fixture.Factory.Get<EnvironmentNotifier>();

    [Fact]
    public async Task Committed_changes_are_announced_and_refusals_are_not()
    {
        var user = await fixture.NewUserAsync();
        var heard = new List<(string, EnvironmentChangeKind)>();
        using var _ = Notifier.Subscribe(user.UserId, c => heard.Add((c.EnvName, c.Kind)));

        await Environments.StopAsync(user.UserId, "my-project");
        await Environments.StopAsync(user.UserId, "my-project");          // already stopped: refused
        await Environments.StartAsync(user.UserId, "nowhere");            // missing: refused
        await Environments.CreateAsync(user.UserId, "fresh", "Fresh");
        await Environments.SetDisplayNameAsync(user.UserId, "fresh", "Renamed");
        await fixture.Factory.Get<DeploymentService>().DeployAsync(user.UserId, "fresh", "app.war", null);
        await Environments.DeleteAsync(user.Actor, "fresh", AppFactory.DemoPassword);

        Assert.Equal(
            [("my-project", EnvironmentChangeKind.StatusChanged), ("fresh", EnvironmentChangeKind.Created),
             ("fresh", EnvironmentChangeKind.DisplayNameChanged), ("fresh", EnvironmentChangeKind.Deployed),
             ("fresh", EnvironmentChangeKind.Deleted)],
            heard);
    }

    [Fact]
    public async Task Parallel_creates_of_one_name_make_exactly_one_environment()
    {
        var user = await fixture.NewUserAsync("seed");

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Environments.CreateAsync(user.UserId, "race", null))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(ErrorKind.AlreadyExists, r.Error!.Kind));
        Assert.Equal(["race", "seed"], (await Environments.ListAsync(user.UserId)).Select(e => e.Name));
    }

    [Fact]
    public async Task Parallel_stops_of_one_environment_succeed_once()
    {
        var user = await fixture.NewUserAsync("target");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Environments.StopAsync(user.UserId, "target"))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(ErrorKind.InvalidState, r.Error!.Kind));
        Assert.Equal(EnvironmentStatus.Stopped, await user.StatusAsync("target"));
    }

    [Fact]
    public async Task Delete_removes_the_environments_deployments_too()
    {
        var user = await fixture.NewUserAsync("doomed");
        await fixture.Factory.Get<DeploymentService>().DeployAsync(user.UserId, "doomed", "app.war", "ROOT");

        var deleted = await Environments.DeleteAsync(user.Actor, "doomed", AppFactory.DemoPassword);

        Assert.Equal(1, deleted.Value!.Deployments);
        await using var db = fixture.Factory.Database.CreateContext();
        Assert.DoesNotContain(db.Deployments, d => d.FileName == "app.war" && d.Environment!.UserId == user.UserId);
    }
}
