using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Browser;

/// <summary>
/// A person at the browser: a fresh context (own cookies, clipboard permission, downloads) signed in as one account,
/// with the steps the walkthrough repeats. Controls are found by their accessible names, as a person using a screen reader would find them.
/// </summary>
public sealed class DashboardSession : IAsyncDisposable
{
    private readonly List<string> consoleErrors;

    private DashboardSession(IBrowserContext context, IPage page, Uri baseAddress, List<string> consoleErrors)
    {
        this.consoleErrors = consoleErrors;
        Context = context;
        Page = page;
        BaseAddress = baseAddress;
    }

    /// <summary>A phone held upright (390 × 844 CSS pixels, as an iPhone 12–15).</summary>
    public static ViewportSize Phone => new() { Width = 390, Height = 844 };

    /// <summary>A tablet held upright.</summary>
    public static ViewportSize Tablet => new() { Width = 768, Height = 1024 };

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public Uri BaseAddress { get; }

    /// <param name="address">Where the browser opens the app: the fixture's address unless another name for it is wanted
    /// (e.g. http://localhost:PORT for the same server).</param>
    public static async Task<DashboardSession> SignInAsync(BrowserAppFixture fixture, string email, string password = AppFactory.DemoPassword,
        string? userAgent = null, Uri? address = null, ViewportSize? viewport = null)
    {
        var session = await OpenAsync(fixture, userAgent, address, viewport);
        await session.SubmitSignInAsync(email, password);
        await session.WaitInteractiveAsync();
        return session;
    }

    /// <summary>
    /// A fresh context on the sign-in page, not signed in yet (for sign-ins that take a second step).
    /// <paramref name="userAgent"/>: what this browser calls itself, to tell two browsers apart in the Sessions tab.
    /// </summary>
    /// <paramref name="viewport"/>: the window's size; a desktop's 1400 × 900 unless given (<see cref="Phone"/>).
    public static async Task<DashboardSession> OpenAsync(BrowserAppFixture fixture, string? userAgent = null, Uri? address = null,
        ViewportSize? viewport = null)
    {
        var baseAddress = address ?? fixture.BaseAddress;
        var context = await fixture.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1400, Height = 900 },
            AcceptDownloads = true,
            UserAgent = userAgent,
        });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = baseAddress.ToString().TrimEnd('/') });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add(message.Text);
                }
            }
        };
        await page.GotoAsync("/Account/Login");
        return new DashboardSession(context, page, baseAddress, errors);
    }

    /// <summary>The sign-in form: email, password, Sign in (what follows depends on the account).</summary>
    public async Task SubmitSignInAsync(string email, string password = AppFactory.DemoPassword)
    {
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>The layout renders a marker only once the circuit is live; clicking before that does nothing.</summary>
    public Task WaitInteractiveAsync() =>
        Page.Locator("[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public async Task OpenAccessTokensAsync()
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Account" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Access Tokens" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/settings/access-tokens$"));
        await Expect(Toolbar("Generate")).ToBeVisibleAsync();
    }

    public ILocator Toolbar(string name) => Page.Locator(".td-token-toolbar").GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog).Last;

    public ILocator DialogButton(string name) => Dialog.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public ILocator Rows => Page.Locator("tr.td-row");

    public ILocator Row(string description) => Rows.Filter(new() { HasText = description });

    public ILocator SelectedRows => Page.Locator("tr.td-row-selected");

    public async Task ConfirmPasswordAsync(string password = AppFactory.DemoPassword)
    {
        var field = Dialog.GetByLabel("Password", new() { Exact = true });
        await field.FillAsync(password);
        await DialogButton("Confirm").ClickAsync();
    }

    /// <summary>Generate through the dialog, as a person does, and return the value shown once.</summary>
    public async Task<string> GenerateInTheDialogAsync(string description, string preset)
    {
        await Toolbar("Generate").ClickAsync();
        await Dialog.GetByLabel("Description").FillAsync(description);
        await Dialog.GetByLabel("API", new() { Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = preset }).ClickAsync();
        await DialogButton("Generate").ClickAsync();
        await ConfirmPasswordAsync();
        var value = await ShownValueAsync();
        await DialogButton("Download").ClickAsync();
        await DialogButton("Close").ClickAsync();
        return value;
    }

    /// <summary>The show-once dialog's value.</summary>
    public async Task<string> ShownValueAsync()
    {
        var field = Page.GetByRole(AriaRole.Textbox, new() { Name = "Token value" });
        await Expect(field).ToBeVisibleAsync();
        return await field.InputValueAsync();
    }

    /// <summary>Switches the theme with the app bar's button, as a person does, and waits until the page is dark.</summary>
    public async Task SwitchToDarkAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark theme" }).ClickAsync();
        await Page.Mouse.MoveAsync(5, 600); // away from the button, so its tooltip leaves the screenshots
        await Page.WaitForFunctionAsync("() => { const c = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); return c[0] + c[1] + c[2] < 300; }");
    }

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotFolder, $"{name}.png") });

    /// <summary>
    /// The page logged no error: no Content-Security-Policy violation, no failed script, no circuit error.
    /// (Downloads and clipboard are granted, so nothing legitimate logs errors.)
    /// </summary>
    public void AssertNoConsoleErrors()
    {
        lock (consoleErrors)
        {
            Assert.True(consoleErrors.Count == 0, string.Join(Environment.NewLine, consoleErrors));
        }
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
