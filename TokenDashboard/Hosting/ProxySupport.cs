using System.Net;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.HttpOverrides;

namespace TokenDashboard.Hosting;

/// <summary>
/// Behind a reverse proxy the connection comes from the proxy; the client is in <c>X-Forwarded-For</c>. That header is
/// believed only from the addresses and networks listed in <c>Hosting:KnownProxies</c> (e.g. <c>127.0.0.1</c> or
/// <c>10.0.0.0/8</c>; an array or a comma-separated list) — from anywhere else it is ignored, so a client cannot
/// choose its own rate-limit bucket, audit address or Last Used. Only the last hop is taken (the proxy appends the
/// address it saw), so a client's own X-Forwarded-For through the proxy is ignored as well. Nothing listed, nothing
/// believed: ASP.NET Core's default of trusting loopback is cleared, and the middleware is not even added.
/// </summary>
internal static class ProxySupport
{
    public const string Key = "Hosting:KnownProxies";

    public static IServiceCollection AddProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        var (proxies, networks) = Parse(configuration);
        services.AddSingleton(new ProxyTrust(proxies.Count + networks.Count > 0));
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list still holds loopback by default and is still consulted
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    /// <summary>
    /// First in the pipeline, so the rate limiter and everything after it see the client. Only with proxies
    /// configured: the middleware with both lists empty would believe the header from anyone.
    /// </summary>
    public static IApplicationBuilder UseProxySupport(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<ProxyTrust>().Any ? app.UseForwardedHeaders() : app;

    private sealed record ProxyTrust(bool Any);

    private static (List<IPAddress> Proxies, List<IPNetwork> Networks) Parse(IConfiguration configuration)
    {
        List<IPAddress> proxies = [];
        List<IPNetwork> networks = [];
        foreach (var entry in AddressListSetting.Read(configuration, Key))
        {
            if (!AddressListSetting.IsSingle(entry))
            {
                networks.Add(entry);
                continue;
            }
            proxies.Add(entry.BaseAddress);
            if (entry.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                proxies.Add(entry.BaseAddress.MapToIPv6()); // Kestrel may report an IPv4 client as IPv4-mapped IPv6
            }
        }
        return (proxies, networks);
    }
}

/// <summary>A setting that cannot work; the message is one line for the console, without a stack trace.</summary>
internal sealed class StartupConfigurationException(string reason) : Exception($"TokenDashboard cannot start: {reason}")
{
    public override string? StackTrace => null;
}
