using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>
/// The app on a real Kestrel port (127.0.0.1, chosen by the OS), optionally over HTTPS, for clients that speak HTTP
/// over a socket — browsers, the platform's own API clients, and attackers: requests really arrive in parallel and
/// carry a client address. Several factories may share one <see cref="TempDatabase"/>, like instances of the app
/// sharing a database.
/// </summary>
public sealed class KestrelAppFactory : AppFactory
{
    private readonly bool development;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, CookieContainer> jars = new();
    private Uri? address;

    /// <param name="development">
    /// Run as Development, which serves the static web assets (MudBlazor's CSS and JS) straight from the build
    /// output — what a browser needs.
    /// </param>
    /// <param name="database">A database shared with other factories; by default one of its own.</param>
    /// <param name="certificate">Listen over HTTPS with this certificate.</param>
    public KestrelAppFactory(bool development = false, TempDatabase? database = null, X509Certificate2? certificate = null)
        : base(database)
    {
        this.development = development;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
    }

    /// <summary>Starts the server (once) and answers its address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Start()
    {
        if (address is null)
        {
            StartServer();
            address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
        return address;
    }

    /// <summary>Where the server listens (starts it on first use).</summary>
    public Uri Address => Start();

    /// <summary>A client of its own (cookies like a browser, redirects not followed), as a separate person or tab would have.</summary>
    public HttpClient NewClient()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies,
            // The test certificate is self-signed.
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        })
        { BaseAddress = Address };
        jars.Add(client, cookies);
        return client;
    }

    /// <summary>The cookies a client of <see cref="NewClient"/> holds for this app.</summary>
    public CookieCollection CookiesOf(HttpClient client) =>
        jars.TryGetValue(client, out var cookies) ? cookies.GetCookies(Address) : [];

    /// <summary>A copy of a client's cookies as a Cookie header, as someone who stole them would replay it.</summary>
    public string CookieHeaderOf(HttpClient client) =>
        string.Join("; ", CookiesOf(client).Select(c => $"{c.Name}={c.Value}"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (development)
        {
            builder.UseEnvironment("Development");
        }
    }
}
