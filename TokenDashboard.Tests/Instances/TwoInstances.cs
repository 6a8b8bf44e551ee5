using System.Net;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Instances;

/// <summary>
/// Two instances of the app on one database (a SQLite file, or PostgreSQL under TEST_DATABASE=postgres), each with
/// its own memory, change feed and clock — what two processes behind a proxy are, minus the processes. Both clocks
/// stand still, so nothing here can pass by a remembered answer simply ageing out.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public TempDatabase Database { get; } = new();
    public AppFactory A { get; private set; } = default!;
    public AppFactory B { get; private set; } = default!;

    public Task InitializeAsync()
    {
        // One after the other, as an operator starts them: the first migrates and makes the shared key.
        A = new AppFactory(Database).Started();
        B = new AppFactory(Database).Started();
        return Task.CompletedTask;
    }

    /// <summary>Another instance on the same database (e.g. a restart).</summary>
    public AppFactory StartAnother() => new AppFactory(Database).Started();

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        Database.Dispose();
    }
}

/// <summary>
/// One cookie jar for clients of several instances, as a browser behind a proxy has: whatever instance set a cookie,
/// the next request carries it, whichever instance it reaches.
/// </summary>
public sealed class SharedCookies(CookieContainer jar, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private static readonly Uri Site = new("http://localhost/");

    public static HttpClient Client(CookieContainer jar, AppFactory instance) =>
        new(new SharedCookies(jar, instance.Server.CreateHandler())) { BaseAddress = Site };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var cookies = jar.GetCookieHeader(Site);
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                jar.SetCookies(Site, setCookie);
            }
        }
        return response;
    }
}
