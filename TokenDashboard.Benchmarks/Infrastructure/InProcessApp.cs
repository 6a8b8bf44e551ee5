using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TokenDashboard.Accounts;
using TokenDashboard.Data;
using TokenDashboard.Hosting;

namespace TokenDashboard.Benchmarks.Infrastructure;

/// <summary>
/// The app's own service container (<c>AddTokenDashboard</c>, exactly as Program.cs wires it: pooled DbContext
/// factory, SQLite pragmas, singleton TokenService and TokenValidator) over a given database file, without starting
/// the web server. In-process benchmarks and the tab render use the real services from here.
/// </summary>
internal sealed class InProcessApp : IAsyncDisposable
{
    public const string DemoEmail = "demo@tokendashboard.local";
    public const string DemoPassword = "Bench-Password-1!";

    private readonly WebApplication app;

    private InProcessApp(WebApplication app) => this.app = app;

    public IServiceProvider Services => app.Services;

    public T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    /// <summary>
    /// Builds the container and runs the app's database initializer (WAL, migrations, demo account on an empty file),
    /// as start-up would.
    /// </summary>
    public static Task<InProcessApp> OpenAsync(string databaseFile, Action<IServiceCollection>? extraServices = null) =>
        OpenAsync(new Dictionary<string, string> { ["ConnectionStrings:TokenDashboard"] = $"Data Source={databaseFile}" }, extraServices);

    /// <summary>The same over any database the app supports, given as its settings (<see cref="BenchStore.Settings"/>).</summary>
    public static async Task<InProcessApp> OpenAsync(IReadOnlyDictionary<string, string> database, Action<IServiceCollection>? extraServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Configuration.AddInMemoryCollection(database.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DemoAccount:Email"] = DemoEmail,
            ["DemoAccount:Password"] = DemoPassword,
            // As a production operator would run it; Information would put console I/O into the timings.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddTokenDashboard();
        extraServices?.Invoke(builder.Services);
        var app = builder.Build();

        foreach (var initializer in app.Services.GetServices<IHostedService>().Where(s => s is DatabaseInitializer or DemoAccountSeeder))
        {
            await initializer.StartAsync(CancellationToken.None);
        }
        // The change feed too: without it the validator trusts nothing it remembers (as when its connection is lost).
        var feed = app.Services.GetRequiredService<TokenDashboard.Data.Changes.ChangeFeed>();
        await feed.StartAsync(CancellationToken.None);
        while (!feed.IsCurrent)
        {
            await Task.Delay(20);
        }
        return new InProcessApp(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.Services.GetRequiredService<TokenDashboard.Data.Changes.ChangeFeed>().StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}
