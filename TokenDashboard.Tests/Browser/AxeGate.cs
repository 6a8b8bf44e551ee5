using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace TokenDashboard.Tests.Browser;

/// <summary>
/// axe-core in the page, as a screen-reader user's checklist: WCAG 2.0/2.1 A and AA plus the best practices that
/// decide whether a page can be navigated (one main landmark, one h1, headings in order). A serious or critical
/// violation fails; so do the named moderate structure rules. axe-core is vendored (Browser/axe.min.js, embedded),
/// so the gate needs neither npm nor the network.
/// </summary>
public static class AxeGate
{
    private static readonly Lazy<string> Source = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("axe.min.js")
            ?? throw new InvalidOperationException("axe.min.js is not embedded in the test assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    /// <summary>Moderate by axe's scale, but they decide whether a screen-reader user can find their way.</summary>
    private static readonly HashSet<string> StructureRules =
    [
        "landmark-one-main", "page-has-heading-one", "heading-order", "landmark-no-duplicate-main", "landmark-unique",
        "skip-link", "bypass",
    ];

    /// <summary>
    /// The violations that fail the gate on the page as it is now, each as "where: rule (impact) — help — targets".
    /// Empty when the page passes. Injected through the DevTools protocol, which the app's Content-Security-Policy
    /// (script-src 'self') does not govern, so the policy stays as strict as in production.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string where)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }
        // Animations (dialogs opening, snackbars fading in, ripples) must have finished, or axe measures half-transparent
        // colours: wait until none runs (at most 3 s), then a moment more.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')", null, new() { Timeout = 3000 })
            .ContinueWith(_ => { }, TaskScheduler.Default);
        await page.WaitForTimeoutAsync(200);
        var json = await page.EvaluateAsync<string>("""
            async () => {
                const result = await axe.run(document, {
                    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
                    resultTypes: ['violations'],
                });
                return JSON.stringify(result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.map(n => n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.split('\n').slice(1, 2).join('').trim() + ']' : '')),
                })));
            }
            """);
        using var document = JsonDocument.Parse(json);
        var found = new List<string>();
        foreach (var violation in document.RootElement.EnumerateArray())
        {
            var id = violation.GetProperty("id").GetString()!;
            var impact = violation.GetProperty("impact").GetString();
            if (impact is "serious" or "critical" || StructureRules.Contains(id))
            {
                var targets = violation.GetProperty("targets").EnumerateArray().Select(t => t.GetString()).Take(6);
                found.Add($"{where}: {id} ({impact}) — {violation.GetProperty("help").GetString()} — {string.Join(" | ", targets)}");
            }
        }
        return found;
    }
}
