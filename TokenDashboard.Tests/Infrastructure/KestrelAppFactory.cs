using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>
/// The app on a real Kestrel port (127.0.0.1, chosen by the OS) over a temp database, for clients that speak HTTP
/// over a socket — browsers and the platform's own API clients.
/// </summary>
public sealed class KestrelAppFactory : AppFactory
{
    private readonly bool development;

    /// <param name="development">
    /// Run as Development, which serves the static web assets (MudBlazor's CSS and JS) straight from the build
    /// output — what a browser needs.
    /// </param>
    public KestrelAppFactory(bool development = false)
    {
        this.development = development;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Starts the server (once) and answers its address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Start()
    {
        StartServer();
        return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (development)
        {
            builder.UseEnvironment("Development");
        }
    }
}
