using Microsoft.Extensions.Logging.Abstractions;
using TokenDashboard.Tokens.Usage;
using TokenDashboard.Api;
using TokenDashboard.Api.Handlers;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Api;

/// <summary>The dispatcher refuses to exist unless its handlers cover the catalog exactly, once each.</summary>
public sealed class ApiDispatcherTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private sealed class Group(IEnumerable<KeyValuePair<string, ApiHandler>> handlers) : IApiHandlerGroup
    {
        public IEnumerable<KeyValuePair<string, ApiHandler>> Handlers => handlers;
    }

    private IReadOnlyList<KeyValuePair<string, ApiHandler>> RealHandlers =>
        fixture.Factory.Get<IEnumerable<IApiHandlerGroup>>().SelectMany(g => g.Handlers).ToList();

    private ApiDispatcher Build(IEnumerable<KeyValuePair<string, ApiHandler>> handlers) =>
        new([new Group(handlers)], fixture.Factory.Get<ApiCredentials>(), fixture.Factory.Get<TokenUseLog>(), fixture.Factory.Get<ApiCallMetrics>(),
            fixture.Factory.Get<TokenDashboard.Accounts.Admin.Administrators>(), NullLogger<ApiDispatcher>.Instance);

    [Fact]
    public void A_catalog_method_without_a_handler_stops_start_up()
    {
        var problem = Assert.Throws<InvalidOperationException>(() => Build(RealHandlers.Where(h => h.Key != "environment.Control.StopEnv")));

        Assert.Contains("without a handler: environment.Control.StopEnv", problem.Message);
    }

    [Fact]
    public void A_handler_for_a_method_the_catalog_does_not_list_stops_start_up()
    {
        var problem = Assert.Throws<InvalidOperationException>(() =>
            Build([.. RealHandlers, new("environment.Control.Explode", _ => Task.FromResult(ApiResult.Ok()))]));

        Assert.Contains("environment.Control.Explode", problem.Message);
    }

    [Fact]
    public void Two_handlers_for_one_method_stop_start_up()
    {
        var problem = Assert.Throws<InvalidOperationException>(() =>
            Build([.. RealHandlers, RealHandlers.First(h => h.Key == "environment.Control.GetEnvs")]));

        Assert.Contains("Two handlers are registered for environment.Control.GetEnvs", problem.Message);
    }
}
