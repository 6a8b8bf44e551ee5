using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Platform;

/// <summary>
/// The <c>Platform:Domain</c> setting: an operator's own domain is the one environments and their nodes are answered
/// under, and a value that is not a lower-case host name stops start-up rather than making addresses no client can use.
/// </summary>
public sealed class PlatformDomainTests(PlatformDomainTests.Fixture fixture) : IClassFixture<PlatformDomainTests.Fixture>
{
    public sealed class Fixture() : ApiFixture(new AppFactory { Settings = { ["Platform:Domain"] = "apps.example.test" } });

    [Fact]
    public async Task The_configured_domain_names_the_environment_and_every_node()
    {
        var user = await fixture.NewUserAsync("my-project");

        var info = await fixture.Client.GetApiAsync("environment.Control.GetEnvInfo", await user.SessionAsync(), ("envname", "my-project"));

        Assert.True(info.Result == 0, info.Body);
        Assert.Equal("my-project.apps.example.test", info["env"].GetProperty("domain").GetString());
        var node = Assert.Single(info["nodes"].EnumerateArray());
        Assert.Equal($"http://node{node.GetProperty("id").GetInt32()}-my-project.apps.example.test", node.GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("Apps.Example.Test")]
    [InlineData("apps..example")]
    public async Task A_domain_that_is_not_a_lower_case_host_name_stops_start_up(string domain)
    {
        await using var app = new AppFactory { Settings = { ["Platform:Domain"] = domain } };

        var refused = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("'Platform:Domain' must be a lower-case host name", refused.ToString());
    }
}
