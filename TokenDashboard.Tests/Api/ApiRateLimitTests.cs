using System.Net;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Api;

public sealed class ApiRateLimitTests : IAsyncLifetime
{
    private readonly AppFactory factory = new();

    private async Task<ApiUser> UserAsync()
    {
        var actor = await factory.CreateUserAsync($"limited-{Guid.NewGuid():N}@example.com");
        return new ApiUser(factory, actor, "");
    }

    [Fact]
    public async Task Calls_over_the_per_token_limit_get_429_with_retry_after_and_result_22()
    {
        factory.Settings["RateLimits:PerCredential"] = "5";
        var client = factory.CreateClient();
        var token = await (await UserAsync()).TokenAsync();

        var answers = new List<ApiAnswer>();
        for (var i = 0; i < 7; i++)
        {
            answers.Add(await client.GetApiAsync("environment.Control.GetEnvs", token));
        }

        Assert.All(answers.Take(5), a => Assert.Equal(0, a.Result));
        Assert.All(answers.Skip(5), a =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, a.Response.StatusCode);
            Assert.Equal(22, a.Result);
            Assert.True(a.Response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Contains("no-store", a.Response.Headers.CacheControl!.ToString());
        });
        // Another token of the same client is not held back by the first one's limit.
        var other = await (await UserAsync()).TokenAsync();
        Assert.Equal(0, (await client.BearerApiAsync("environment.Control.GetEnvs", other)).Result);
    }

    [Fact]
    public async Task Calls_over_the_per_address_limit_get_429_whatever_the_credential()
    {
        factory.Settings["RateLimits:PerClientAddress"] = "3";
        var client = factory.CreateClient();

        var answers = new List<ApiAnswer>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await client.GetApiAsync("environment.Control.GetEnvs", $"garbage-{i}"));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(702, a.Result));
        Assert.All(answers.Skip(3), a => Assert.Equal(22, a.Result));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task DeleteEnv_over_the_hourly_password_cap_answers_like_a_token_change()
    {
        factory.Settings["Security:FailedPasswordsPerHour"] = "2";
        var client = factory.CreateClient();
        var actor = await factory.CreateUserAsync($"capped-{Guid.NewGuid():N}@example.com");
        Assert.True((await factory.Get<TokenDashboard.Platform.EnvironmentService>().CreateAsync(actor.UserId, "keep-me", null)).Succeeded);
        var token = await new ApiUser(factory, actor, "").TokenAsync();

        var answers = new List<ApiAnswer>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await client.PostApiAsync("environment.Control.DeleteEnv", token, ("envName", "keep-me"), ("password", $"wrong-{i}")));
        }

        Assert.Equal([20, 20, 22], answers.Select(a => a.Result));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[2].Response.StatusCode);
        Assert.True(answers[2].Response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.True((await factory.Get<TokenDashboard.Platform.EnvironmentService>().GetAsync(actor.UserId, "keep-me")).Succeeded);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();
}
