using Microsoft.EntityFrameworkCore;
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
    public async Task Committed_changes_are_announced_and_refusals_and_repeats_are_not()
    {
        var user = await fixture.NewUserAsync();
        var heard = new List<(string, EnvironmentChangeKind)>();
        using var _ = Notifier.Subscribe(user.UserId, c => heard.Add((c.EnvName, c.Kind)));

        await Environments.StopAsync(user.UserId, "my-project");
        await Environments.StopAsync(user.UserId, "my-project");          // already stopped: nothing to announce
        await Environments.StartAsync(user.UserId, "nowhere");            // missing: refused
        await Environments.CreateAsync(user.UserId, "fresh", "Fresh");
        await Environments.SetDisplayNameAsync(user.UserId, "fresh", "Renamed");
        await Environments.SetDisplayNameAsync(user.UserId, "fresh", "Renamed"); // the same name: nothing to announce
        await fixture.Factory.Get<DeploymentService>().DeployAsync(user.UserId, "fresh", "app.war", null);
        await Environments.DeleteAsync(user.Actor, "fresh", AppFactory.DemoPassword);

        Assert.Equal(
            [("my-project", EnvironmentChangeKind.StatusChanged), ("fresh", EnvironmentChangeKind.Created),
             ("fresh", EnvironmentChangeKind.DisplayNameChanged), ("fresh", EnvironmentChangeKind.Deployed),
             ("fresh", EnvironmentChangeKind.Deleted)],
            heard);
    }

    [Fact]
    public async Task The_demo_accounts_environments_have_plausible_topologies()
    {
        var demo = await fixture.Factory.DemoActorAsync();

        var list = await Environments.ListAsync(demo.UserId);

        Assert.Equal(["bl nginx", "cp tomcat", "cp tomcat", "sqldb mysql"],
            list.Single(e => e.Name == "my-project").Nodes.Select(n => $"{n.NodeGroup} {n.NodeType}"));
        Assert.Equal([true, true, false, true], list.Single(e => e.Name == "my-project").Nodes.Select(n => n.IsMaster));
        Assert.Equal("Tomcat, MySQL", list.Single(e => e.Name == "staging").NodesAtAGlance);
        Assert.Equal("NGINX, Node.js ×2, PostgreSQL, Redis", list.Single(e => e.Name == "shop").NodesAtAGlance);
        var ids = list.SelectMany(e => e.Nodes).Select(n => n.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_refused_topology_makes_nothing()
    {
        var user = await fixture.NewUserAsync("my-project");
        var before = await Environments.ListAsync(user.UserId);

        var refused = await Environments.CreateAsync(user.UserId, new EnvironmentDraft("fresh", Nodes: [new("tomcat"), new("cobol")]));

        Assert.Equal(("nodes", ErrorKind.InvalidParameter), (refused.Error!.Field, refused.Error.Kind));
        Assert.Contains("nodes[1].nodeType", refused.Error.Message);
        Assert.Equal(before.Select(e => e.Name), (await Environments.ListAsync(user.UserId)).Select(e => e.Name));
    }

    [Fact]
    public async Task The_remembered_list_shows_every_committed_change_at_once()
    {
        var user = await fixture.NewUserAsync();
        string Describe(IReadOnlyList<EnvironmentSummary> list) => string.Join(", ", list.Select(e => $"{e.Name} {e.DisplayName} {e.Status} {e.Deployments}"));
        async Task<string> ListedAsync() => Describe(await Environments.ListAsync(user.UserId));
        var before = await ListedAsync();
        Assert.Equal(before, await ListedAsync()); // the second read comes from memory

        await Environments.StopAsync(user.UserId, "my-project");
        Assert.Contains("my-project", await ListedAsync());
        Assert.Equal(EnvironmentStatus.Stopped, (await Environments.ListAsync(user.UserId)).Single(e => e.Name == "my-project").Status);
        await Environments.CreateAsync(user.UserId, "fresh", "Fresh");
        Assert.Contains("fresh Fresh Running 0", await ListedAsync());
        await Environments.SetDisplayNameAsync(user.UserId, "fresh", "Renamed");
        Assert.Contains("fresh Renamed Running 0", await ListedAsync());
        await fixture.Factory.Get<DeploymentService>().DeployAsync(user.UserId, "fresh", "app.war", null);
        Assert.Contains("fresh Renamed Running 1", await ListedAsync());
        await Environments.DeleteAsync(user.Actor, "fresh", AppFactory.DemoPassword);
        Assert.DoesNotContain("fresh", await ListedAsync());
    }

    [Fact]
    public async Task A_change_made_behind_the_services_back_shows_in_the_list_within_the_maximum_age()
    {
        var user = await fixture.NewUserAsync();
        Assert.Equal(EnvironmentStatus.Running, (await Environments.ListAsync(user.UserId)).Single(e => e.Name == "shop").Status);
        await using (var db = fixture.Factory.Database.CreateContext())
        {
            await db.Environments.Where(e => e.UserId == user.UserId && e.Name == "shop")
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EnvironmentStatus.Sleeping));
        }

        fixture.Factory.Clock.Advance(EnvironmentNotifier.ListMaxAge);

        Assert.Equal(EnvironmentStatus.Sleeping, (await Environments.ListAsync(user.UserId)).Single(e => e.Name == "shop").Status);
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
    public async Task Parallel_stops_of_one_environment_all_succeed_and_change_it_once()
    {
        var user = await fixture.NewUserAsync("target");
        var heard = 0;
        using var _ = Notifier.Subscribe(user.UserId, c => Interlocked.Increment(ref heard));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Environments.StopAsync(user.UserId, "target"))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.All(results, r => Assert.Equal(EnvironmentStatus.Stopped, r.Value!.Status));
        Assert.Equal(1, heard);
        Assert.Equal(EnvironmentStatus.Stopped, await user.StatusAsync("target"));
    }

    [Theory]
    [InlineData(EnvironmentStatus.Running)]
    [InlineData(EnvironmentStatus.Stopped)]
    [InlineData(EnvironmentStatus.Sleeping)]
    public async Task Asking_for_the_status_an_environment_already_has_succeeds_without_a_write_or_a_notification(EnvironmentStatus status)
    {
        var user = await fixture.NewUserAsync("steady");
        await SetStatusAsync(user, "steady", status);
        var heard = 0;
        using var _ = Notifier.Subscribe(user.UserId, c => Interlocked.Increment(ref heard));
        var before = await StatusRowAsync(user.UserId, "steady");

        var again = await SetStatusAsync(user, "steady", status);

        Assert.True(again.Succeeded, again.Error?.Message);
        Assert.Equal(status, again.Value!.Status);
        Assert.Equal(0, heard);
        Assert.Equal(before, await StatusRowAsync(user.UserId, "steady"));
    }

    [Fact]
    public async Task Sleeping_a_stopped_environment_is_still_refused()
    {
        var user = await fixture.NewUserAsync("halted");
        await Environments.StopAsync(user.UserId, "halted");

        var sleep = await Environments.SleepAsync(user.UserId, "halted");

        Assert.Equal(ErrorKind.InvalidState, sleep.Error?.Kind);
        Assert.Equal(EnvironmentStatus.Stopped, await user.StatusAsync("halted"));
    }

    private Task<Result<EnvironmentSummary>> SetStatusAsync(ApiUser user, string name, EnvironmentStatus status) => status switch
    {
        EnvironmentStatus.Running => Environments.StartAsync(user.UserId, name),
        EnvironmentStatus.Stopped => Environments.StopAsync(user.UserId, name),
        _ => Environments.SleepAsync(user.UserId, name),
    };

    /// <summary>The stored row as a string, read past the service (and its change tracking) to see that nothing was written.</summary>
    private async Task<string> StatusRowAsync(string userId, string name)
    {
        await using var db = fixture.Factory.Database.CreateContext();
        var row = db.Environments.Single(e => e.UserId == userId && e.Name == name);
        return $"{row.Id}|{row.Status}|{row.DisplayName}|{row.CreatedAt:O}";
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
