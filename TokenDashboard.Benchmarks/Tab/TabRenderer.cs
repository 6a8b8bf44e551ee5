using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor;
using TokenDashboard.Benchmarks.Infrastructure;
using TokenDashboard.Components.AccessTokens;

namespace TokenDashboard.Benchmarks.Tab;

/// <summary>One measured render: how long, and what came out.</summary>
internal sealed record RenderTiming(double MedianMs, double P90Ms, double MinMs, int Renders, int HtmlChars, int RowsInHtml);

/// <summary>
/// Server-side render time of the Access Tokens tab: <see cref="HtmlRenderer"/> (the shared framework's static
/// renderer) over the app's real services — TokenService on the seeded SQLite file, MudBlazor — as the demo user,
/// with a fresh DI scope and renderer per render, as a new page would get. The time includes loading the user's
/// tokens (OnInitializedAsync) and rendering the grid; the median of N renders after a few warm-ups.
/// </summary>
internal static class TabRenderer
{
    public static async Task<RenderTiming> MeasureTabAsync(InProcessApp app, string userId, int renders) =>
        await MeasureAsync(app, "tab", renders, builder =>
        {
            var state = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, InProcessApp.DemoEmail)], "Bench"))));
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<CascadingValue<Task<AuthenticationState>>>(1);
            builder.AddComponentParameter(2, "Value", state);
            builder.AddComponentParameter(3, "ChildContent", (RenderFragment)(child =>
            {
                child.OpenComponent<AccessTokensTab>(0);
                child.CloseComponent();
            }));
            builder.CloseComponent();
        });

    /// <summary>The permission picker as the token dialog shows it: the whole catalog, nothing checked yet.</summary>
    public static async Task<RenderTiming> MeasurePickerAsync(InProcessApp app, int renders) =>
        await MeasureAsync(app, "picker", renders, builder =>
        {
            builder.OpenComponent<MethodPicker>(0);
            builder.AddComponentParameter(1, nameof(MethodPicker.Checked), (IReadOnlySet<string>)new HashSet<string>());
            builder.CloseComponent();
        });

    internal static async Task<RenderTiming> MeasureAsync(InProcessApp app, string name, int renders, RenderFragment content)
    {
        var loggers = app.Get<ILoggerFactory>();
        string html = "";
        var times = new List<double>();
        const int warmups = 3;
        for (var i = 0; i < warmups + renders; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await using (var scope = app.Services.CreateAsyncScope())
            await using (var renderer = new HtmlRenderer(scope.ServiceProvider, loggers))
            {
                // What the static-rendering endpoint does for each request before rendering.
                if (scope.ServiceProvider.GetRequiredService<NavigationManager>() is IHostEnvironmentNavigationManager navigation)
                {
                    navigation.Initialize("http://127.0.0.1/", "http://127.0.0.1/settings/access-tokens");
                }
                html = await renderer.Dispatcher.InvokeAsync(async () =>
                {
                    var output = await renderer.RenderComponentAsync<Host>(ParameterView.FromDictionary(
                        new Dictionary<string, object?> { [nameof(Host.Content)] = content }));
                    return output.ToHtmlString();
                });
            }
            stopwatch.Stop();
            if (i >= warmups)
            {
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }
        times.Sort();
        if (Environment.GetEnvironmentVariable("BENCH_DUMP_HTML") is { Length: > 0 } dump) // a folder
        {
            File.WriteAllText(Path.Combine(dump, name + ".html"), html); // to look at what was rendered
        }
        var rows = CountOccurrences(html, "<tr class=\"mud-table-row td-row");
        return new RenderTiming(Percentile(times, 0.5), Percentile(times, 0.9), times[0], renders, html.Length, rows);
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        var position = (sorted.Count - 1) * p;
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }

    private static int CountOccurrences(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    /// <summary>A root that renders whatever it is given (HtmlRenderer renders one root component).</summary>
    private sealed class Host : ComponentBase
    {
        [Parameter] public RenderFragment? Content { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, Content);
    }
}
