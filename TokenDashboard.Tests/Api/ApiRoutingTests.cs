using System.Net;
using TokenDashboard.Api;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Api;

public sealed class ApiRoutingTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Reference_example_stops_my_project_and_the_dashboard_shows_it_stopped()
    {
        var user = await fixture.NewUserAsync();
        var token = await user.TokenAsync("IDE Plugins");

        var response = await Client.GetAsync($"/1.0/environment/control/rest/stopenv?envName=my-project&session={token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"result":0}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(EnvironmentStatus.Stopped, await user.StatusAsync("my-project"));
        Assert.Equal(EnvironmentStatus.Running, await user.StatusAsync("staging"));
    }

    [Fact]
    public async Task Token_works_as_query_parameter_form_field_and_bearer_header()
    {
        var user = await fixture.NewUserAsync();
        var token = await user.TokenAsync();

        var query = await Client.GetApiAsync("environment.Control.GetEnvInfo", token, ("envName", "my-project"));
        var form = await Client.PostApiAsync("environment.Control.GetEnvInfo", token, ("envName", "staging"));
        var bearer = await Client.BearerApiAsync("environment.Control.GetEnvInfo", token, ("envName", "shop"));

        Assert.Equal("my-project", query["env"].GetProperty("envName").GetString());
        Assert.Equal("staging", form["env"].GetProperty("envName").GetString());
        Assert.Equal("shop", bearer["env"].GetProperty("envName").GetString());
    }

    [Fact]
    public async Task Post_form_carries_parameters_and_changes_the_environment()
    {
        var user = await fixture.NewUserAsync();
        var token = await user.TokenAsync();

        var answer = await Client.PostApiAsync("environment.Control.SleepEnv", token, ("envName", "shop"));

        Assert.Equal(0, answer.Result);
        Assert.Equal(EnvironmentStatus.Sleeping, await user.StatusAsync("shop"));
    }

    [Theory]
    [InlineData("/1.0/ENVIRONMENT/CONTROL/REST/STOPENV")]
    [InlineData("/1.0/Environment/Control/Rest/StopEnv")]
    [InlineData("/1.0/environment/control/rest/stopenv")]
    public async Task Path_is_case_insensitive(string path)
    {
        var user = await fixture.NewUserAsync();
        var token = await user.TokenAsync();

        var answer = await Client.SendApiAsync(HttpMethod.Get, path, token, bearer: null, ("envName", "my-project"));

        Assert.Equal(0, answer.Result);
        Assert.Equal(EnvironmentStatus.Stopped, await user.StatusAsync("my-project"));
    }

    [Fact]
    public async Task Parameter_names_are_case_insensitive()
    {
        var user = await fixture.NewUserAsync();
        var token = await user.TokenAsync();

        var answer = await Client.SendApiAsync(HttpMethod.Get, ApiClient.PathOf("environment.Control.StopEnv"), session: null, bearer: null,
            ("ENVNAME", "my-project"), ("Session", token));

        Assert.Equal(0, answer.Result);
    }

    [Theory]
    [InlineData("/1.0/environment/control/rest/explode")]
    [InlineData("/1.0/nothing/here/rest/getenvs")]
    [InlineData("/1.0/environment/control/getenvs")]
    [InlineData("/1.0/")]
    public async Task Unknown_method_answers_6_for_an_authenticated_caller(string path)
    {
        var user = await fixture.NewUserAsync();
        var token = await user.TokenAsync();

        var answer = await Client.SendApiAsync(HttpMethod.Get, path, token, bearer: null);

        Assert.Equal(ResultCodes.NoSuchMethod, answer.Result);
        Assert.Contains("No such API method", answer.Error);
    }

    [Fact]
    public async Task Credentials_are_checked_before_the_method_exists()
    {
        var answer = await Client.SendApiAsync(HttpMethod.Get, "/1.0/environment/control/rest/explode", session: null, bearer: null);

        Assert.Equal(ResultCodes.NotAuthenticated, answer.Result);
    }

    [Fact]
    public async Task Permission_is_checked_before_parameters()
    {
        var user = await fixture.NewUserAsync();
        var token = await user.TokenAsync("Maven Plugin");

        var answer = await Client.GetApiAsync("environment.Control.StopEnv", token);

        Assert.Equal(ResultCodes.PermissionDenied, answer.Result);
    }

    [Fact]
    public async Task Parameters_are_checked_before_the_password()
    {
        var user = await fixture.NewUserAsync();
        var token = await user.TokenAsync();

        var answer = await Client.PostApiAsync("environment.Control.DeleteEnv", token, ("envName", "Not A Name!"), ("password", "wrong"));

        Assert.Equal(ResultCodes.InvalidParameter, answer.Result);
        Assert.Equal("envName", answer.Parameter);
        Assert.Equal(3, (await fixture.Factory.Get<TokenDashboard.Platform.EnvironmentService>().ListAsync(user.UserId)).Count);
    }

    [Fact]
    public async Task Every_answer_is_http_200_json_and_never_cached()
    {
        var user = await fixture.NewUserAsync();
        var token = await user.TokenAsync();

        ApiAnswer[] answers =
        [
            await Client.GetApiAsync("environment.Control.GetEnvs", token),
            await Client.GetApiAsync("environment.Control.GetEnvInfo", token),
            await Client.GetApiAsync("environment.Control.GetEnvInfo", token, ("envName", "missing")),
            await Client.GetApiAsync("environment.Control.GetEnvs", "tdt_garbage"),
            await Client.SendApiAsync(HttpMethod.Post, "/1.0/x/y/rest/z", token, bearer: null),
        ];

        Assert.Equal([0, 4, 11, 702, 6], answers.Select(a => a.Result));
        Assert.All(answers, a =>
        {
            Assert.Equal(HttpStatusCode.OK, a.Response.StatusCode);
            Assert.Equal("application/json", a.Response.Content.Headers.ContentType?.MediaType);
            Assert.True(a.Response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
            Assert.Equal(a.Result != 0, a.Error is not null);
        });
    }

    [Fact]
    public async Task Parameter_given_twice_answers_4_naming_it()
    {
        var user = await fixture.NewUserAsync();
        var token = await user.TokenAsync();

        var answer = await Client.GetApiAsync("environment.Control.StopEnv", token, ("envName", "my-project"), ("envName", "shop"));

        Assert.Equal(ResultCodes.InvalidParameter, answer.Result);
        Assert.Equal("envName", answer.Parameter);
        Assert.Contains("envName", answer.Error);
        Assert.Equal(EnvironmentStatus.Running, await user.StatusAsync("my-project"));
    }

    [Fact]
    public async Task Query_parameter_wins_over_the_same_form_field()
    {
        var user = await fixture.NewUserAsync();
        var token = await user.TokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{ApiClient.PathOf("environment.Control.StopEnv")}?envName=shop")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["envName"] = "staging", ["session"] = token }),
        };

        var response = await Client.SendAsync(request);

        Assert.Equal("""{"result":0}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(EnvironmentStatus.Stopped, await user.StatusAsync("shop"));
        Assert.Equal(EnvironmentStatus.Running, await user.StatusAsync("staging"));
    }
}
