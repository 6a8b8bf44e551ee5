using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TokenDashboard.Accounts;
using TokenDashboard.Platform;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Browser;

/// <summary>
/// The app on a real Kestrel port (127.0.0.1, port chosen by the OS) over a temp database, and one headless
/// Chromium shared by the tests of a class. Each test gets its own browser context (cookies, clipboard, downloads).
/// </summary>
public class BrowserAppFixture : IAsyncLifetime
{
    private readonly KestrelAppFactory app;

    public BrowserAppFixture()
        : this(NewApp())
    {
    }

    /// <summary>For fixtures that need the app set up differently (settings, extra services): start from <see cref="NewApp"/>.</summary>
    protected BrowserAppFixture(KestrelAppFactory app) => this.app = app;

    /// <summary>The real clock: debounce timers and animations must run by themselves.</summary>
    protected static KestrelAppFactory NewApp(Action<IServiceCollection>? services = null) =>
        new(development: true) { UseFakeClock = false, TestServices = services };

    public AppFactory App => app;
    public IPlaywright? Playwright { get; private set; }
    public IBrowser? Browser { get; private set; }
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Where the tests leave screenshots of the main screens (copied to docs/screenshots by hand).</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        BaseAddress = app.Start();

        if (BrowserEnvironment.ChromiumPath is null)
        {
            if (BrowserEnvironment.IsCi)
            {
                throw new InvalidOperationException($"CI=true and the browser tests cannot run. {BrowserEnvironment.InstallHint}");
            }
            return;
        }
        // A loaded CI machine (2 cores, the app, Chromium and the test runner) can take longer than the 5 s default to
        // re-render; waiting assertions still pass the moment the condition holds.
        Assertions.SetDefaultExpectTimeout(15_000);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserEnvironment.ChromiumPath,
            Headless = true,
            Args = BrowserEnvironment.LaunchArgs,
        });
    }

    private int accounts;

    /// <summary>
    /// A new account with the given environments, signed in in a fresh browser context. Each test works in an
    /// account of its own, so the order of tests never matters.
    /// </summary>
    public Task<(DashboardSession Session, Actor Actor)> SignInNewAccountAsync(params string[] environments) =>
        SignInNewAccountAsync(null, environments);

    /// <summary>The same in a window of the given size (<see cref="DashboardSession.Phone"/>, <see cref="DashboardSession.Tablet"/>).</summary>
    public async Task<(DashboardSession Session, Actor Actor)> SignInNewAccountAsync(ViewportSize? viewport, params string[] environments)
    {
        var email = $"browser{Interlocked.Increment(ref accounts)}@example.com";
        var actor = await App.CreateUserAsync(email);
        foreach (var name in environments)
        {
            Assert.True((await App.Get<EnvironmentService>().CreateAsync(actor.UserId, name, null)).Succeeded);
        }
        return (await DashboardSession.SignInAsync(this, email, viewport: viewport), actor);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        Playwright?.Dispose();
        await App.DisposeAsync();
    }
}
