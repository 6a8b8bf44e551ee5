using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using TokenDashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TokenDashboard.Tests.Browser;

/// <summary>The app with every log category at Trace, capturing everything it logs.</summary>
public sealed class TraceLoggingBrowserFixture : BrowserAppFixture
{
    public TraceLoggingBrowserFixture()
        : this(new CapturedLogs())
    {
    }

    private TraceLoggingBrowserFixture(CapturedLogs logs)
        : base(NewApp(logs)) => Logs = logs;

    public CapturedLogs Logs { get; }

    private static KestrelAppFactory NewApp(CapturedLogs logs)
    {
        var app = NewApp(services => services.AddSingleton<ILoggerProvider>(logs));
        app.Settings["Logging:LogLevel:Default"] = "Trace";
        app.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        app.Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace";
        return app;
    }
}

/// <summary>
/// What a person types into the dashboard travels over the circuit (SignalR), whose dispatcher logs every invocation
/// with its arguments at Debug. With every category at Trace, typed passwords and shown token values still reach no
/// log line.
/// </summary>
public sealed class TraceLoggingWalkthroughTests(TraceLoggingBrowserFixture fixture) : IClassFixture<TraceLoggingBrowserFixture>
{
    [BrowserFact]
    public async Task Passwords_typed_into_the_confirm_dialog_reach_no_log_line_at_trace()
    {
        const string typedWrong = "Typed-Wrong-Secret-7391";
        var (session, _) = await fixture.SignInNewAccountAsync();
        await using var _ = session;
        await session.OpenAccessTokensAsync();

        await session.Toolbar("Generate").ClickAsync();
        await session.Dialog.GetByLabel("Description").FillAsync("Logged nowhere");
        await session.DialogButton("Generate").ClickAsync();
        await Expect(session.Dialog).ToContainTextAsync("Confirm with your password");
        await session.ConfirmPasswordAsync(typedWrong);
        await Expect(session.Dialog).ToContainTextAsync("Wrong password");
        await session.ConfirmPasswordAsync();
        var value = await session.ShownValueAsync();

        var entries = fixture.Logs.Entries;
        // The circuit really was logged at Trace (the filter is what keeps the typed values out, not a quiet logger).
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && e.Level == LogLevel.Trace);
        foreach (var secret in new[] { typedWrong, AppFactory.DemoPassword, value, value[4..] })
        {
            Assert.DoesNotContain(entries, e => e.Everything.Contains(secret, StringComparison.Ordinal));
        }
    }
}
