using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>
/// The app on a real Kestrel port (127.0.0.1, chosen by the OS), optionally over HTTPS, reached by real HTTP clients:
/// requests really arrive in parallel and carry a client address, as an attacker's would. Several factories may share
/// one <see cref="TempDatabase"/>, like instances of the app sharing a database.
/// </summary>
public class KestrelAppFactory : AppFactory
{
    public KestrelAppFactory(TempDatabase? database = null, X509Certificate2? certificate = null)
        : base(database)
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
    }

    private Uri? address;

    /// <summary>Where the server listens (starts it on first use).</summary>
    public Uri Address => address ??= StartAndGetAddress();

    private Uri StartAndGetAddress()
    {
        StartServer();
        return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

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

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, CookieContainer> jars = new();

    /// <summary>The cookies a client of <see cref="NewClient"/> holds for this app.</summary>
    public CookieCollection CookiesOf(HttpClient client) =>
        jars.TryGetValue(client, out var cookies) ? cookies.GetCookies(Address) : [];

    /// <summary>A copy of a client's cookies as a Cookie header, as someone who stole them would replay it.</summary>
    public string CookieHeaderOf(HttpClient client) =>
        string.Join("; ", CookiesOf(client).Select(c => $"{c.Name}={c.Value}"));
}
