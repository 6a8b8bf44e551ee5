using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using TokenDashboard.Tokens.Usage;

namespace TokenDashboard.Tests.Api;

/// <summary>
/// Successful token calls record last used time, client address and method — off the request path, at most once
/// a minute per token — so the Access Tokens grid (TokenService.ListAsync) shows them after Refresh.
/// </summary>
public sealed class LastUsedTests(LastUsedTests.Fixture app) : IClassFixture<LastUsedTests.Fixture>, IAsyncLifetime
{
    /// <summary>One app for the class; each test has an account of its own.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        /// <summary>Clients appear as an IPv4-mapped IPv6 address; the grid shows the plain IPv4 one.</summary>
        public AppFactory Factory { get; } = new()
        {
            TestServices = services => services.AddSingleton<IStartupFilter>(new FixedClientAddress(IPAddress.Parse("::ffff:203.0.113.7"))),
        };

        public Task InitializeAsync()
        {
            Factory.Started();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    private AppFactory factory => app.Factory;
    private HttpClient client = default!;
    private ApiUser user = default!;

    private TokenUseLog Recorder => factory.Get<TokenUseLog>();

    private async Task<TokenSummary> ListedAsync(int id) =>
        Assert.Single(await factory.Get<TokenService>().ListAsync(user.UserId), t => t.Id == id);

    [Fact]
    public async Task Successful_call_shows_in_the_grid_after_a_flush()
    {
        var issued = await user.IssueAsync(new TokenDraft("ci", null, "IDE Plugins"));
        var calledAt = factory.Clock.GetUtcNow().UtcDateTime;

        await client.GetApiAsync("environment.Control.StopEnv", issued.Value, ("envName", "my-project"));
        await Recorder.FlushAsync();

        var listed = await ListedAsync(issued.Token.Id);
        Assert.Equal(calledAt, listed.LastUsedAt);
        Assert.Equal("environment.Control.StopEnv", listed.LastUsedMethod);
        Assert.Equal("203.0.113.7", listed.LastUsedIp);
    }

    [Fact]
    public async Task Calls_within_a_minute_are_written_once_and_a_later_call_overwrites()
    {
        var issued = await user.IssueAsync(new TokenDraft("ci", null, "IDE Plugins"));
        var first = factory.Clock.GetUtcNow().UtcDateTime;

        await client.GetApiAsync("environment.Control.GetEnvs", issued.Value);
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        await client.GetApiAsync("environment.Control.StopEnv", issued.Value, ("envName", "my-project"));
        await Recorder.FlushAsync();
        var withinAMinute = await ListedAsync(issued.Token.Id);

        factory.Clock.Advance(TimeSpan.FromSeconds(31));
        var later = factory.Clock.GetUtcNow().UtcDateTime;
        await client.GetApiAsync("environment.Control.StartEnv", issued.Value, ("envName", "my-project"));
        await Recorder.FlushAsync();
        var afterAMinute = await ListedAsync(issued.Token.Id);

        Assert.Equal((first, "environment.Control.GetEnvs"), (withinAMinute.LastUsedAt, withinAMinute.LastUsedMethod));
        Assert.Equal((later, "environment.Control.StartEnv"), (afterAMinute.LastUsedAt, afterAMinute.LastUsedMethod));
    }

    [Fact]
    public async Task Refused_calls_are_not_recorded()
    {
        var issued = await user.IssueAsync(new TokenDraft("maven", null, "Maven Plugin"));

        await client.GetApiAsync("environment.Control.StopEnv", issued.Value, ("envName", "my-project")); // 8
        await client.GetApiAsync("environment.Control.GetEnvInfo", issued.Value);                          // 4
        await client.GetApiAsync("environment.Control.GetEnvInfo", issued.Value, ("envName", "nowhere"));  // 11
        await Recorder.FlushAsync();

        var listed = await ListedAsync(issued.Token.Id);
        Assert.Null(listed.LastUsedAt);
        Assert.Null(listed.LastUsedMethod);
    }

    [Fact]
    public async Task Session_calls_record_nothing_on_tokens()
    {
        var issued = await user.IssueAsync(new TokenDraft("ci", null, "IDE Plugins"));
        var session = await user.SessionAsync();

        await client.GetApiAsync("environment.Control.GetEnvs", session);
        await Recorder.FlushAsync();

        Assert.Null((await ListedAsync(issued.Token.Id)).LastUsedAt);
    }

    public async Task InitializeAsync()
    {
        client = factory.CreateClient();
        var email = $"user-{Guid.NewGuid():N}@example.com";
        var actor = await factory.CreateUserAsync(email);
        foreach (var name in new[] { "my-project", "shop" })
        {
            await factory.Get<TokenDashboard.Platform.EnvironmentService>().CreateAsync(actor.UserId, name, null);
        }
        user = new ApiUser(factory, actor, email);
    }

    public Task DisposeAsync()
    {
        client.Dispose();
        return Task.CompletedTask;
    }
}
