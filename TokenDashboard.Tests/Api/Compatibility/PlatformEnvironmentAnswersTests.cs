using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Api.Compatibility;

/// <summary>
/// Environments as the platform's clients create and read them, sent by <see cref="PlatformClient"/> (form-encoded
/// JSON parameters, lower-case <c>envname</c>, <c>appid</c> and <c>ruk</c> on every call): CreateEnvironment's
/// <c>env</c> and <c>nodes</c>, and every field of GetEnvInfo's and GetEnvs' answers, nodes included.
/// </summary>
public sealed partial class PlatformEnvironmentAnswersTests(KestrelApiFixture fixture) : IClassFixture<KestrelApiFixture>, IAsyncLifetime
{
    private const string Env = """{"shortdomain":"shop-eu","displayName":"Shop (EU)","region":"eu-west","engine":"java17","ishaenabled":true,"sslstate":true}""";
    private const string Nodes = """
        [{"nodeType":"nginx","count":1,"fixedCloudlets":1,"flexibleCloudlets":4,"extip":false},
         {"nodeType":"tomcat","count":2,"fixedCloudlets":2,"flexibleCloudlets":16,"displayName":"App servers"},
         {"nodeType":"docker","count":1,"docker":{"image":"redis:7.4","nodeGroup":"cache"}},
         {"nodeType":"mysql","count":"1","fixedCloudlets":4,"flexibleCloudlets":32,"extip":true}]
        """;

    private readonly List<PlatformClient> clients = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    private async Task<(ApiUser User, PlatformClient Client)> SignedInAsync(params string[] environments)
    {
        var user = await fixture.NewUserAsync(environments);
        var client = new PlatformClient(fixture.Server) { Session = await user.SessionAsync() };
        clients.Add(client);
        return (user, client);
    }

    private static async Task<WireAnswer> Expect0(Task<WireAnswer> call)
    {
        var answer = await call;
        Assert.True(answer.StatusCode == 200 && answer.Result == 0, answer.ToString());
        return answer;
    }

    [Fact]
    public async Task CreateEnvironment_in_the_platforms_form_makes_the_nodes_and_GetEnvInfo_answers_every_field()
    {
        var (user, client) = await SignedInAsync("my-project");
        var uid = (await Expect0(client.CallAsync("users.Account.GetUserInfo")))["uid"].GetInt32();
        var now = fixture.Factory.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

        var created = await Expect0(client.PostAsync("environment.Control.CreateEnvironment",
            ("env", Env), ("nodes", Nodes), ("actionkey", "createenv;shop-eu"), ("appid", "dashboard")));
        var info = await Expect0(client.CallAsync("environment.Control.GetEnvInfo", ("envname", "shop-eu")));

        Assert.Contains("envname=shop-eu", client.LastRequest);
        foreach (var answer in new[] { created, info })
        {
            var env = answer["env"];
            Assert.Equal("shop-eu", env.GetProperty("envName").GetString());
            Assert.Equal("shop-eu", env.GetProperty("shortdomain").GetString());
            Assert.Equal("shop-eu.tokendashboard.local", env.GetProperty("domain").GetString());
            Assert.Equal("Shop (EU)", env.GetProperty("displayName").GetString());
            Assert.Equal(1, env.GetProperty("status").GetInt32());
            Assert.Equal("RUNNING", env.GetProperty("statusName").GetString());
            Assert.Equal(now, env.GetProperty("createdOn").GetString()); // the platform's format, in UTC
            Assert.Equal(uid, env.GetProperty("creatorUid").GetInt32());
            Assert.Equal(uid, env.GetProperty("uid").GetInt32());
            Assert.Matches("^[0-9a-f]{32}$", env.GetProperty("appid").GetString());
            Assert.Equal("eu-west", env.GetProperty("hardwareNodeGroup").GetString());
            Assert.Equal("eu-west", env.GetProperty("hostGroup").GetProperty("uniqueName").GetString());
            Assert.Equal("eu-west", env.GetProperty("hostGroup").GetProperty("displayName").GetString());
            Assert.True(env.GetProperty("ishaenabled").GetBoolean());
            Assert.True(env.GetProperty("sslstate").GetBoolean());
            Assert.False(env.GetProperty("isFirewallEnabled").GetBoolean());
            Assert.False(env.GetProperty("isTransferring").GetBoolean());
            Assert.Equal(0, env.GetProperty("extdomains").GetArrayLength());
            Assert.Equal(0, env.GetProperty("contexts").GetArrayLength()); // nothing deployed yet
            Assert.Equal(0, answer["envGroups"].GetArrayLength());
            Assert.Equal(0, answer["nodesData"].GetArrayLength());
            Assert.Equal("OWNER", answer["right"].GetString());

            var nodes = answer["nodes"].EnumerateArray().ToList();
            Assert.Equal(["bl nginx", "cp tomcat", "cp tomcat", "cache docker", "sqldb mysql"],
                nodes.Select(n => $"{n.GetProperty("nodeGroup").GetString()} {n.GetProperty("nodeType").GetString()}"));
            Assert.Equal(nodes.Count, nodes.Select(n => n.GetProperty("id").GetInt32()).Distinct().Count());
            foreach (var node in nodes)
            {
                var id = node.GetProperty("id").GetInt32();
                Assert.True(id > 0);
                Assert.Equal($"http://node{id}-shop-eu.tokendashboard.local", node.GetProperty("url").GetString());
                Assert.Matches(@"^10\.\d+\.\d+\.\d+$", node.GetProperty("intIP").GetString());
                Assert.Equal(1, node.GetProperty("status").GetInt32());
                Assert.Equal("LINUX", node.GetProperty("osType").GetString());
            }
            Assert.Equal(nodes.Count, nodes.Select(n => n.GetProperty("intIP").GetString()).Distinct().Count());
            Assert.Equal(["NGINX 1.26.2", "Tomcat 10.1.31", "Tomcat 10.1.31", "redis 7.4", "MySQL 8.4.3"],
                nodes.Select(n => $"{n.GetProperty("name").GetString()} {n.GetProperty("version").GetString()}"));
            Assert.Equal(["Load Balancer", "App servers", "App servers", "Cache", "SQL Database"],
                nodes.Select(n => n.GetProperty("displayName").GetString()));
            Assert.Equal([true, true, false, true, true], nodes.Select(n => n.GetProperty("ismaster").GetBoolean()));
            Assert.Equal([(1, 4), (2, 16), (2, 16), (1, 8), (4, 32)],
                nodes.Select(n => (n.GetProperty("fixedCloudlets").GetInt32(), n.GetProperty("flexibleCloudlets").GetInt32())));

            var groups = answer["nodeGroups"].EnumerateArray().ToList();
            Assert.Equal(["bl", "cp", "cache", "sqldb"], groups.Select(g => g.GetProperty("name").GetString()));
            Assert.Equal(["Load Balancer", "Application Server", "Cache", "SQL Database"], groups.Select(g => g.GetProperty("displayName").GetString()));
            Assert.All(groups, g => Assert.True(g.GetProperty("isSLBAccessEnabled").GetBoolean()));
            Assert.Equal(["NATIVE", "NATIVE", "DOCKERIZED", "NATIVE"], groups.Select(g => g.GetProperty("templateType").GetString()));
        }
        Assert.Equal(created["env"].GetProperty("appid").GetString(), info["env"].GetProperty("appid").GetString());
        Assert.Equal(created["nodes"].ToString(), info["nodes"].ToString());
    }

    [Fact]
    public async Task GetEnvs_answers_infos_with_the_same_object_per_environment_and_keeps_envs_beside_it()
    {
        var (_, client) = await SignedInAsync("alpha", "beta");
        await Expect0(client.CallAsync("environment.Deployment.Deploy", ("envname", "beta"), ("filename", "app.war")));

        var listed = await Expect0(client.CallAsync("environment.Control.GetEnvs"));

        var infos = listed["infos"].EnumerateArray().ToList();
        Assert.Equal(["alpha", "beta"], infos.Select(i => i.GetProperty("env").GetProperty("envName").GetString()));
        foreach (var item in infos)
        {
            Assert.Equal(["env", "nodes", "nodeGroups", "envGroups"], item.EnumerateObject().Select(p => p.Name));
            var single = await Expect0(client.CallAsync("environment.Control.GetEnvInfo", ("envname", item.GetProperty("env").GetProperty("envName").GetString())));
            Assert.Equal(single["env"].ToString(), item.GetProperty("env").ToString());
            Assert.Equal(single["nodes"].ToString(), item.GetProperty("nodes").ToString());
            Assert.Equal(single["nodeGroups"].ToString(), item.GetProperty("nodeGroups").ToString());
            Assert.Equal("tomcat", Assert.Single(item.GetProperty("nodes").EnumerateArray()).GetProperty("nodeType").GetString());
        }
        var beta = infos[1].GetProperty("env").GetProperty("contexts");
        Assert.Equal(("ROOT", "app.war"), (beta[0].GetProperty("context").GetString(), beta[0].GetProperty("archivename").GetString()));
        Assert.NotEqual(infos[0].GetProperty("env").GetProperty("appid").GetString(), infos[1].GetProperty("env").GetProperty("appid").GetString());
        Assert.Equal(["alpha", "beta"], listed["envs"].EnumerateArray().Select(e => e.GetProperty("envName").GetString()));
        Assert.Equal(1, listed["envs"][1].GetProperty("deployments").GetInt32());
    }

    [Fact]
    public async Task Nodes_follow_their_environment_when_it_stops_sleeps_and_starts()
    {
        var (_, client) = await SignedInAsync("my-project");
        await Expect0(client.PostAsync("environment.Control.CreateEnvironment", ("env", Env), ("nodes", Nodes)));
        async Task<string> StatusAsync()
        {
            var info = await Expect0(client.CallAsync("environment.Control.GetEnvInfo", ("envname", "shop-eu")));
            return $"{info["env"].GetProperty("status").GetInt32()}: {string.Join(" ", info["nodes"].EnumerateArray().Select(n => n.GetProperty("status").GetInt32()))}";
        }

        Assert.Equal("1: 1 1 1 1 1", await StatusAsync());
        await Expect0(client.CallAsync("environment.Control.SleepEnv", ("envname", "shop-eu")));
        Assert.Equal("4: 2 2 2 2 2", await StatusAsync());
        await Expect0(client.CallAsync("environment.Control.StartEnv", ("envname", "shop-eu")));
        Assert.Equal("1: 1 1 1 1 1", await StatusAsync());
        await Expect0(client.CallAsync("environment.Control.StopEnv", ("envname", "shop-eu")));
        Assert.Equal("2: 2 2 2 2 2", await StatusAsync());
    }

    [Fact]
    public async Task The_earlier_envName_form_still_creates_an_environment_of_one_application_server()
    {
        var (_, client) = await SignedInAsync("my-project");

        var created = await Expect0(client.CallAsync("environment.Control.CreateEnvironment", ("envName", "plain"), ("displayName", "Plain")));

        Assert.Equal("Plain", created["env"].GetProperty("displayName").GetString());
        Assert.Equal("cp tomcat", string.Join(",", created["nodes"].EnumerateArray().Select(n => $"{n.GetProperty("nodeGroup").GetString()} {n.GetProperty("nodeType").GetString()}")));
        Assert.Equal("default", created["env"].GetProperty("hardwareNodeGroup").GetString());
        Assert.Equal(("default", "Default"), (created["env"].GetProperty("hostGroup").GetProperty("uniqueName").GetString(),
            created["env"].GetProperty("hostGroup").GetProperty("displayName").GetString()));
        Assert.False(created["env"].GetProperty("sslstate").GetBoolean());
        Assert.False(created["env"].GetProperty("ishaenabled").GetBoolean());
    }

    [Fact]
    public async Task CreateEnvironment_sent_in_the_query_string_as_the_clients_GET_makes_the_same_environment()
    {
        var (_, client) = await SignedInAsync("my-project");

        var created = await Expect0(client.CallAsync("environment.Control.CreateEnvironment",
            ("env", Env), ("nodes", Nodes), ("actionkey", "createenv;shop-eu")));

        Assert.StartsWith("GET /1.0/environment/control/rest/createenvironment?", client.LastRequest);
        Assert.Equal("Shop (EU)", created["env"].GetProperty("displayName").GetString());
        Assert.Equal(["bl nginx", "cp tomcat", "cp tomcat", "cache docker", "sqldb mysql"], created["nodes"].EnumerateArray()
            .Select(n => $"{n.GetProperty("nodeGroup").GetString()} {n.GetProperty("nodeType").GetString()}"));
    }

    public static TheoryData<string, string?, string, string> BadForms => new()
    {
        // env, nodes, the parameter named, words the error contains
        { "{\"shortdomain\":\"bad\"", Nodes, "env", "not JSON" },
        { "[\"bad\"]", Nodes, "env", "object" },
        { "\"bad\"", Nodes, "env", "object" },
        { "{\"displayName\":\"no name\"}", Nodes, "env", "env.shortdomain" },
        { "{\"shortdomain\":\"Bad Name!\"}", Nodes, "env", "env.shortdomain" },
        { "{\"shortdomain\":42}", Nodes, "env", "env.shortdomain" },
        { "{\"shortdomain\":\"bad\",\"sslstate\":\"maybe\"}", Nodes, "env", "env.sslstate" },
        { "{\"shortdomain\":\"bad\",\"region\":\"../etc\"}", Nodes, "env", "env.region" },
        { "{\"shortdomain\":\"bad\",\"displayName\":\"" + new string('x', 200) + "\"}", Nodes, "env", "env.displayName" },
        { "{\"shortdomain\":\"bad\",\"displayName\":\"" + new string('x', 1_000_000) + "\"}", Nodes, "env", "at most" },
        { "{\"shortdomain\":\"bad\"}", "[{\"nodeType\":\"tomcat\"}", "nodes", "not JSON" },
        { "{\"shortdomain\":\"bad\"}", "{\"nodeType\":\"tomcat\"}", "nodes", "array" },
        { "{\"shortdomain\":\"bad\"}", "[]", "nodes", "at least one" },
        { "{\"shortdomain\":\"bad\"}", "[\"tomcat\"]", "nodes", "nodes[0]" },
        { "{\"shortdomain\":\"bad\"}", "[{\"count\":1}]", "nodes", "nodes[0].nodeType" },
        { "{\"shortdomain\":\"bad\"}", "[{\"nodeType\":\"tomcat\"},{\"nodeType\":\"cobol\"}]", "nodes", "nodes[1].nodeType" },
        { "{\"shortdomain\":\"bad\"}", "[{\"nodeType\":\"tomcat\",\"count\":0}]", "nodes", "nodes[0].count" },
        { "{\"shortdomain\":\"bad\"}", "[{\"nodeType\":\"tomcat\",\"count\":1000}]", "nodes", "nodes[0].count" },
        { "{\"shortdomain\":\"bad\"}", "[{\"nodeType\":\"tomcat\",\"count\":1.5}]", "nodes", "nodes[0].count" },
        { "{\"shortdomain\":\"bad\"}", "[{\"nodeType\":\"tomcat\",\"count\":99999999999}]", "nodes", "nodes[0].count" },
        { "{\"shortdomain\":\"bad\"}", "[{\"nodeType\":\"tomcat\",\"flexibleCloudlets\":-1}]", "nodes", "nodes[0].flexibleCloudlets" },
        { "{\"shortdomain\":\"bad\"}", "[{\"nodeType\":\"tomcat\",\"fixedCloudlets\":1000}]", "nodes", "nodes[0].fixedCloudlets" },
        { "{\"shortdomain\":\"bad\"}", "[{\"nodeType\":\"tomcat\",\"count\":16},{\"nodeType\":\"tomcat\",\"count\":16},{\"nodeType\":\"mysql\"}]", "nodes", "at most 32" },
        { "{\"shortdomain\":\"bad\"}", "[" + string.Join(",", Enumerable.Repeat("{\"nodeType\":\"tomcat\"}", 10_000)) + "]", "nodes", "at most" },
        { "{\"shortdomain\":\"bad\"}", "[" + string.Join(",", Enumerable.Repeat("{\"nodeType\":\"tomcat\"}", 40)) + "]", "nodes", "at most 32" },
        { "{\"shortdomain\":\"bad\"}", "[{\"nodeType\":\"docker\"}]", "nodes", "nodes[0].docker.image" },
        { "{\"shortdomain\":\"bad\"}", "[{\"docker\":{\"image\":\"Bad Image\"}}]", "nodes", "nodes[0].docker.image" },
        { "{\"shortdomain\":\"bad\"}", "[{\"docker\":\"redis\"}]", "nodes", "nodes[0].docker" },
        { "{\"shortdomain\":\"bad\"}", "[{\"docker\":{\"image\":\"redis\",\"nodeGroup\":\"../x\"}}]", "nodes", "nodes[0].docker.nodeGroup" },
        { "{\"shortdomain\":\"bad\"}", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]", "nodes", "not JSON" },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task A_bad_env_or_nodes_answers_4_naming_it_and_creates_nothing(string env, string? nodes, string parameter, string words)
    {
        var (_, client) = await SignedInAsync("my-project");
        var before = (await Expect0(client.CallAsync("environment.Control.GetEnvs"))).Body;
        var nodesBefore = await NodeRowsAsync();

        var answer = await client.PostAsync("environment.Control.CreateEnvironment", ("env", env), ("nodes", nodes));

        Assert.True(answer.StatusCode == 200 && answer.Result == 4, answer.ToString()[..Math.Min(500, answer.ToString().Length)]);
        Assert.Equal(parameter, answer["parameter"].GetString());
        Assert.Contains(words, answer.Error);
        Assert.True(answer.Error!.Length < 400, "the refusal does not echo the input back");
        Assert.Equal(NoTimes(before), NoTimes((await Expect0(client.CallAsync("environment.Control.GetEnvs"))).Body));
        Assert.Equal(11, (await client.CallAsync("environment.Control.GetEnvInfo", ("envname", "bad"))).Result);
        Assert.Equal(nodesBefore, await NodeRowsAsync()); // no node row left behind either
    }

    /// <summary>Every node stored, anyone's: this class's tests run one at a time, so only the test itself adds any.</summary>
    private async Task<int> NodeRowsAsync()
    {
        await using var db = fixture.Factory.Database.CreateContext();
        return await db.Nodes.CountAsync();
    }

    [Fact]
    public async Task CreateEnvironment_with_neither_env_nor_envName_answers_4_naming_envName()
    {
        var (_, client) = await SignedInAsync("my-project");

        var answer = await client.PostAsync("environment.Control.CreateEnvironment", ("nodes", """[{"nodeType":"tomcat"}]"""));

        Assert.Equal(4, answer.Result);
        Assert.Equal("envName", answer["parameter"].GetString());
    }

    [Fact]
    public async Task CloneEnv_copies_the_topology_onto_new_nodes()
    {
        var (_, client) = await SignedInAsync("my-project");
        var source = await Expect0(client.PostAsync("environment.Control.CreateEnvironment", ("env", Env), ("nodes", Nodes)));

        var clone = await Expect0(client.CallAsync("environment.Control.CloneEnv", ("srcenvname", "shop-eu"), ("dstenvname", "shop-eu-copy")));

        string Topology(WireAnswer a) => string.Join(",", a["nodes"].EnumerateArray().Select(n =>
            $"{n.GetProperty("nodeGroup").GetString()}:{n.GetProperty("nodeType").GetString()}:{n.GetProperty("name").GetString()}:{n.GetProperty("fixedCloudlets").GetInt32()}/{n.GetProperty("flexibleCloudlets").GetInt32()}:{n.GetProperty("ismaster").GetBoolean()}"));
        Assert.Equal(Topology(source), Topology(clone));
        Assert.Empty(source["nodes"].EnumerateArray().Select(n => n.GetProperty("id").GetInt32())
            .Intersect(clone["nodes"].EnumerateArray().Select(n => n.GetProperty("id").GetInt32())));
        Assert.Equal("shop-eu-copy.tokendashboard.local", clone["env"].GetProperty("domain").GetString());
        Assert.NotEqual(source["env"].GetProperty("appid").GetString(), clone["env"].GetProperty("appid").GetString());
        Assert.True(clone["env"].GetProperty("sslstate").GetBoolean());
    }

    [Fact]
    public async Task Install_makes_the_apps_nodes_and_answers_them_with_the_app()
    {
        var (_, client) = await SignedInAsync("my-project");

        var installed = await Expect0(client.CallAsync("marketplace.App.Install", ("id", "gitea"), ("envname", "git")));

        Assert.Equal("gitea", installed["app"].GetProperty("id").GetString());
        Assert.Equal(["cp docker gitea/gitea 1.22", "sqldb postgresql PostgreSQL 17.0"], installed["nodes"].EnumerateArray().Select(n =>
            $"{n.GetProperty("nodeGroup").GetString()} {n.GetProperty("nodeType").GetString()} {n.GetProperty("name").GetString()} {n.GetProperty("version").GetString()}"));
        Assert.Equal("ROOT", installed["env"].GetProperty("contexts")[0].GetProperty("context").GetString());
        var info = await Expect0(client.CallAsync("environment.Control.GetEnvInfo", ("envname", "git")));
        Assert.Equal(installed["nodes"].ToString(), info["nodes"].ToString());
    }

    [Fact]
    public async Task RestartNodes_takes_the_platforms_nodeGroup_and_nodeId()
    {
        var (_, client) = await SignedInAsync("other");
        var created = await Expect0(client.PostAsync("environment.Control.CreateEnvironment", ("env", Env), ("nodes", Nodes)));
        var tomcat = created["nodes"][1].GetProperty("id").GetInt32();
        var nginx = created["nodes"][0].GetProperty("id").GetInt32();
        var elsewhere = (await Expect0(client.CallAsync("environment.Control.GetEnvInfo", ("envname", "other"))))["nodes"][0].GetProperty("id").GetInt32();

        Assert.Equal("""{"result":0}""", (await Expect0(client.CallAsync("environment.Control.RestartNodes", ("envname", "shop-eu")))).Body);
        await Expect0(client.CallAsync("environment.Control.RestartNodes", ("envname", "shop-eu"), ("nodeGroup", "cp")));
        await Expect0(client.CallAsync("environment.Control.RestartNodes", ("envname", "shop-eu"), ("nodeId", tomcat.ToString())));
        await Expect0(client.CallAsync("environment.Control.RestartNodes", ("envname", "shop-eu"), ("nodegroup", "cp"), ("nodeid", tomcat.ToString())));

        async Task Refused(string parameter, params (string, string?)[] more)
        {
            var answer = await client.CallAsync("environment.Control.RestartNodes", [("envname", "shop-eu"), .. more]);
            Assert.True(answer.Result == 4, answer.ToString());
            Assert.Equal(parameter, answer["parameter"].GetString());
        }
        await Refused("nodeGroup", ("nodeGroup", "sqldb2"));
        await Refused("nodeId", ("nodeId", elsewhere.ToString()));
        await Refused("nodeId", ("nodeGroup", "cp"), ("nodeId", nginx.ToString()));
        await Refused("nodeId", ("nodeId", "abc"));
        await Refused("nodeId", ("nodeId", "-1"));

        await Expect0(client.CallAsync("environment.Control.StopEnv", ("envname", "shop-eu")));
        Assert.Equal(13, (await client.CallAsync("environment.Control.RestartNodes", ("envname", "shop-eu"), ("nodeGroup", "cp"))).Result);
    }

    /// <summary>A list read twice differs in nothing but the answer's own timing, so compare it without times.</summary>
    private static string NoTimes(string body) => Times().Replace(body, "");

    [GeneratedRegex("\"(createdOn|createdAt)\":\"[^\"]*\"")]
    private static partial Regex Times();
}
