using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Api;

/// <summary>
/// Behind a proxy: X-Forwarded-For names the client only when the connection comes from a configured proxy
/// (Hosting:KnownProxies). Seen through the per-address rate limit (2 calls a window), the bucket being the client.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Proxy = "10.0.0.5";

    [Fact]
    public async Task Through_a_known_proxy_each_forwarded_client_has_its_own_rate_limit_bucket()
    {
        await using var factory = App(connectionFrom: Proxy);
        var client = factory.CreateClient();

        var distinctClients = await CallAsync(client, "203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4");
        var oneClient = await CallAsync(client, "203.0.113.9", "203.0.113.9", "203.0.113.9");

        Assert.Equal([702, 702, 702, 702], distinctClients);
        Assert.Equal([702, 702, 22], oneClient);
    }

    [Fact]
    public async Task From_anywhere_else_a_spoofed_forwarded_for_does_not_change_the_bucket()
    {
        await using var factory = App(connectionFrom: "198.51.100.9");
        var client = factory.CreateClient();

        var results = await CallAsync(client, "203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4");

        Assert.Equal([702, 702, 22, 22], results);
    }

    [Fact]
    public async Task Through_the_proxy_a_clients_own_forwarded_for_is_ignored_only_the_proxys_hop_counts()
    {
        await using var factory = App(connectionFrom: Proxy);
        var client = factory.CreateClient();

        // What the proxy sends when the client made up a header of its own: the made-up part, then the real client.
        var results = await CallAsync(client, "1.1.1.1, 203.0.113.7", "2.2.2.2, 203.0.113.7", "3.3.3.3, 203.0.113.7");

        Assert.Equal([702, 702, 22], results);
    }

    [Fact]
    public async Task Without_known_proxies_even_loopback_is_not_believed()
    {
        await using var factory = App(connectionFrom: "127.0.0.1", knownProxies: null);
        var client = factory.CreateClient();

        var results = await CallAsync(client, "203.0.113.1", "203.0.113.2", "203.0.113.3");

        Assert.Equal([702, 702, 22], results);
    }

    private static AppFactory App(string connectionFrom, string? knownProxies = Proxy + ",192.0.2.0/24")
    {
        var factory = new AppFactory
        {
            TestServices = services => services.AddSingleton<IStartupFilter>(new FixedClientAddress(IPAddress.Parse(connectionFrom))),
        };
        factory.Settings["RateLimits:PerClientAddress"] = "2";
        if (knownProxies is not null)
        {
            factory.Settings["Hosting:KnownProxies"] = knownProxies;
        }
        return factory;
    }

    /// <summary>One unauthenticated call per X-Forwarded-For value; the result codes (702 = let through, 22 = limited).</summary>
    private static async Task<int[]> CallAsync(HttpClient client, params string[] forwardedFor)
    {
        var results = new List<int>();
        foreach (var value in forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, ApiClient.PathOf("environment.Control.GetEnvs") + "?session=garbage");
            request.Headers.Add("X-Forwarded-For", value);
            var response = await client.SendAsync(request);
            results.Add(System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("result").GetInt32());
        }
        return [.. results];
    }
}
