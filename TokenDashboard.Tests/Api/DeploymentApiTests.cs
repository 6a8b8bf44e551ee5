using TokenDashboard.Api;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Api;

/// <summary>environment.Deployment.*: one success and the main errors of each method.</summary>
public sealed class DeploymentApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private string token = "";

    private Task<ApiAnswer> CallAsync(string method, params (string, string)[] parameters) =>
        fixture.Client.GetApiAsync(method, token, parameters);

    [Fact]
    public async Task Deploy_puts_a_file_at_ROOT_by_default_and_GetDeployments_lists_it()
    {
        var deploy = await CallAsync("environment.Deployment.Deploy", ("envName", "my-project"), ("fileName", "app.war"));
        var list = await CallAsync("environment.Deployment.GetDeployments", ("envName", "my-project"));

        Assert.Equal("ROOT", deploy["deployment"].GetProperty("context").GetString());
        var only = Assert.Single(list["deployments"].EnumerateArray());
        Assert.Equal("app.war", only.GetProperty("fileName").GetString());
        Assert.Equal("ROOT", only.GetProperty("context").GetString());
    }

    [Fact]
    public async Task Deploy_to_a_taken_context_replaces_the_file()
    {
        await CallAsync("environment.Deployment.Deploy", ("envName", "my-project"), ("fileName", "v1.war"), ("context", "api"));
        await CallAsync("environment.Deployment.Deploy", ("envName", "my-project"), ("fileName", "v2.war"), ("context", "api"));

        var list = await CallAsync("environment.Deployment.GetDeployments", ("envName", "my-project"));

        Assert.Equal("v2.war", Assert.Single(list["deployments"].EnumerateArray()).GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task Deploy_to_a_stopped_environment_answers_13()
    {
        await CallAsync("environment.Control.StopEnv", ("envName", "shop"));

        var answer = await CallAsync("environment.Deployment.Deploy", ("envName", "shop"), ("fileName", "app.war"));

        Assert.Equal(ResultCodes.InvalidState, answer.Result);
        Assert.Contains("start it", answer.Error);
        Assert.Empty((await CallAsync("environment.Deployment.GetDeployments", ("envName", "shop")))["deployments"].EnumerateArray());
    }

    [Theory]
    [InlineData("fileName", "../etc/passwd")]
    [InlineData("fileName", "")]
    [InlineData("context", "a/b")]
    [InlineData("context", "..")]
    public async Task Deploy_refuses_a_bad_file_name_or_context_with_4(string parameter, string value)
    {
        var parameters = new Dictionary<string, string> { ["envName"] = "my-project", ["fileName"] = "app.war", [parameter] = value };

        var answer = await CallAsync("environment.Deployment.Deploy", [.. parameters.Select(p => (p.Key, p.Value))]);

        Assert.Equal((4, parameter), (answer.Result, answer.Parameter));
    }

    [Fact]
    public async Task Deployment_methods_answer_11_for_a_missing_environment()
    {
        var deploy = await CallAsync("environment.Deployment.Deploy", ("envName", "nowhere"), ("fileName", "app.war"));
        var list = await CallAsync("environment.Deployment.GetDeployments", ("envName", "nowhere"));
        var undeploy = await CallAsync("environment.Deployment.Undeploy", ("envName", "nowhere"), ("context", "ROOT"));

        Assert.All([deploy, list, undeploy], a => Assert.Equal(ResultCodes.EnvironmentNotFound, a.Result));
    }

    [Fact]
    public async Task Undeploy_removes_the_context_and_answers_4_for_one_not_deployed()
    {
        await CallAsync("environment.Deployment.Deploy", ("envName", "staging"), ("fileName", "app.war"));

        var undeploy = await CallAsync("environment.Deployment.Undeploy", ("envName", "staging"), ("context", "ROOT"));
        var again = await CallAsync("environment.Deployment.Undeploy", ("envName", "staging"), ("context", "ROOT"));
        var noContext = await CallAsync("environment.Deployment.Undeploy", ("envName", "staging"));

        Assert.Equal(0, undeploy.Result);
        Assert.Equal((4, "context"), (again.Result, again.Parameter));
        Assert.Equal((4, "context"), (noContext.Result, noContext.Parameter));
        Assert.Empty((await CallAsync("environment.Deployment.GetDeployments", ("envName", "staging")))["deployments"].EnumerateArray());
    }

    [Fact]
    public async Task Undeploy_from_a_sleeping_environment_answers_13_and_keeps_the_deployment()
    {
        await CallAsync("environment.Deployment.Deploy", ("envName", "staging"), ("fileName", "app.war"));
        await CallAsync("environment.Control.SleepEnv", ("envName", "staging"));

        var answer = await CallAsync("environment.Deployment.Undeploy", ("envName", "staging"), ("context", "ROOT"));

        Assert.Equal(ResultCodes.InvalidState, answer.Result);
        Assert.Single((await CallAsync("environment.Deployment.GetDeployments", ("envName", "staging")))["deployments"].EnumerateArray());
    }

    public async Task InitializeAsync() => token = await (await fixture.NewUserAsync()).TokenAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
