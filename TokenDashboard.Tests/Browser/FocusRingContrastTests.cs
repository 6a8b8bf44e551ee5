using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using TokenDashboard.Platform;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using static Microsoft.Playwright.Assertions;

namespace TokenDashboard.Tests.Browser;

/// <summary>
/// The focus ring, measured: the sign-in page, the top bar, the token toolbar, the Environments row buttons (Stop, Start, Sleep) and the
/// dialog buttons are reached with Tab, as a keyboard user reaches them, and each one's ring (its outline, else its
/// box-shadow, from getComputedStyle) must stand at least 3:1 against the colour behind it (WCAG 1.4.11), in the light
/// and the dark theme. axe-core does not check this: it sees no :focus-visible state.
/// </summary>
public sealed class FocusRingContrastTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    /// <summary>One focused control: its name, where it is, the ring's colour, the colour behind it and their contrast.</summary>
    private sealed record Ring(string Name, string Area, string Color, string Behind, double Ratio);

    /// <summary>
    /// Measures the focused element. The ring is the outline when one is drawn, else the first colour of the
    /// box-shadow; a translucent ring is blended over what lies behind. Behind an outline drawn outside the element
    /// (offset ≥ 0) lies the nearest ancestor's background; behind one drawn inside, the element's own. Backgrounds
    /// are blended up the ancestors until opaque (a translucent hover tint over the page is what the eye sees).
    /// </summary>
    private const string Measure = """
        async () => {
            const e = document.activeElement;
            if (!e || e === document.body || !e.matches(':focus-visible')) { return null; }
            const area = e.closest('.mud-dialog') ? 'dialog' : e.closest('.mud-appbar') ? 'top bar'
                : e.closest('.td-token-toolbar') ? 'toolbar' : e.closest('.td-environments') ? 'environments'
                : e.closest('.td-account-card') ? 'sign-in' : null;
            // MudBlazor's focus trap bumpers (empty, they pass the focus straight on) are no stop of their own.
            if (!area || e.matches('.mud-focus-trap > .fixed')) { return null; }
            // A check box or switch is an invisible input (opacity 0): its ring is drawn on a visible ancestor. A text
            // field shows its focus as the outlined border, thickened and coloured.
            let holder = e;
            if (getComputedStyle(e).opacity === '0') {
                for (let n = e.parentElement, up = 0; n && up < 4; n = n.parentElement, up++) {
                    if (getComputedStyle(n).outlineStyle !== 'none') { holder = n; break; }
                }
            }
            const field = e.matches('.mud-input-slot') ? e.parentElement.querySelector('.mud-input-outlined-border') : null;
            // A ring that fades in (MudBlazor's field border has a transition) is measured once it has (1 s at most).
            const settling = [holder, field].filter(Boolean).flatMap(n => n.getAnimations());
            await Promise.race([Promise.all(settling.map(a => a.finished.catch(() => null))), new Promise(r => setTimeout(r, 1000))]);
            const parse = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) { return null; }
                const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
            const over = (top, below) => { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + below[i] * (1 - a)).concat([1]); };
            const behind = (start) => {
                const layers = [];
                for (let n = start; n; n = n.parentElement) {
                    const c = parse(getComputedStyle(n).backgroundColor);
                    if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) { break; } }
                }
                let colour = [255, 255, 255, 1];
                for (let i = layers.length - 1; i >= 0; i--) { colour = over(layers[i], colour); }
                return colour;
            };
            const s = getComputedStyle(holder);
            let ring = null, inside = false;
            if (field) {
                const b = getComputedStyle(field);
                ring = parseFloat(b.borderTopWidth) >= 2 ? parse(b.borderTopColor) : null;
            } else if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) {
                ring = parse(s.outlineColor); inside = parseFloat(s.outlineOffset) < 0;
            } else if (s.boxShadow && s.boxShadow !== 'none') {
                ring = parse(s.boxShadow); inside = s.boxShadow.includes('inset');
            }
            const back = behind(inside || field ? holder : holder.parentElement);
            const name = (e.getAttribute('aria-label') || e.textContent.trim() || e.tagName).trim().split('\n')[0].slice(0, 40);
            const css = (c) => `rgb(${c.slice(0, 3).map(Math.round).join(', ')})`;
            if (!ring || ring[3] === 0) { return { name, area, color: 'none', behind: css(back), ratio: 1 }; }
            const seen = over(ring, back);
            const lum = (c) => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
                return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const [hi, lo] = [lum(seen), lum(back)].sort((a, b) => b - a);
            return { name, area, color: css(seen), behind: css(back), ratio: (hi + 0.05) / (lo + 0.05) };
        }
        """;

    [BrowserFact]
    public Task Every_focus_ring_of_the_bar_toolbar_environments_and_dialogs_stands_3_to_1_in_the_light_theme() => TourAsync(dark: false);

    [BrowserFact]
    public Task Every_focus_ring_of_the_bar_toolbar_environments_and_dialogs_stands_3_to_1_in_the_dark_theme() => TourAsync(dark: true);

    private static async Task<Ring?> MeasureAsync(IPage page) =>
        await page.EvaluateAsync<string?>($"async () => JSON.stringify(await ({Measure})())") is { } json && json != "null"
            ? JsonSerializer.Deserialize<Ring>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            : null;

    /// <summary>Presses <paramref name="key"/> <paramref name="times"/> times, measuring each control the focus lands on.</summary>
    private static async Task WalkAsync(IPage page, List<Ring> rings, int times, string key = "Tab")
    {
        for (var i = 0; i < times; i++)
        {
            await page.Keyboard.PressAsync(key);
            var ring = await MeasureAsync(page);
            if (ring is { Ratio: < 3 })
            {
                // A ring caught while its style was still settling (a transition not yet started, a ripple) is read
                // again once settled: what a person sees. A ring that is faint by its CSS stays faint.
                await page.WaitForTimeoutAsync(400);
                ring = await MeasureAsync(page);
            }
            if (ring is not null)
            {
                rings.Add(ring);
            }
        }
    }

    private async Task TourAsync(bool dark)
    {
        var (session, actor) = await fixture.SignInNewAccountAsync("running-one", "stopped-one");
        await using var _ = session;
        var page = session.Page;
        Assert.True((await fixture.App.Get<EnvironmentService>().StopAsync(actor.UserId, "stopped-one")).Succeeded);
        Assert.True((await fixture.App.Get<TokenService>().GenerateAsync(actor, new TokenDraft("Ringed", null, "ide-plugins"), AppFactory.DemoPassword)).Succeeded);
        if (dark)
        {
            await session.SwitchToDarkAsync();
        }
        var rings = new List<Ring>();

        // The sign-in page (static, its own styles), before anyone signs in.
        await using (var visitor = await DashboardSession.OpenAsync(fixture))
        {
            if (dark)
            {
                await visitor.Context.AddCookiesAsync([new Cookie { Name = "td-theme", Value = "dark", Url = fixture.BaseAddress.ToString() }]);
                await visitor.Page.ReloadAsync();
                await Expect(visitor.Page.Locator(".td-account-shell.td-dark")).ToBeVisibleAsync();
            }
            await WalkAsync(visitor.Page, rings, 8);
        }

        // The top bar and the Environments rows: Tab from the top of the page through all of it.
        await page.GotoAsync("/environments");
        await session.WaitInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start stopped-one", Exact = true })).ToBeEnabledAsync();
        await WalkAsync(page, rings, 30);

        // The token toolbar (with a row selected, so Edit, Duplicate and Remove take the focus too), then the dialogs
        // opened from the keyboard: Remove, its password step, and Generate (forward through its first controls, and
        // backward from its start round to its action buttons).
        await page.GotoAsync("/settings/access-tokens");
        await session.WaitInteractiveAsync();
        await Expect(session.Rows).ToHaveCountAsync(1);
        await session.Row("Ringed").ClickAsync(); // the pointer chooses the row; the rings are measured from the keyboard
        await Expect(session.SelectedRows).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Delete");
        await Expect(session.Dialog).ToContainTextAsync("Remove 1 token?");
        await WalkAsync(page, rings, 4);
        await session.DialogButton("Remove").FocusAsync(); // the step after is what is measured here; the walkthrough covers the keys
        await page.Keyboard.PressAsync("Enter");
        await Expect(session.Dialog.GetByLabel("Password", new() { Exact = true })).ToBeFocusedAsync();
        await WalkAsync(page, rings, 4);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        // From the filter back through the toolbar, the tabs and the bar (the filter is only where the walk starts).
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Filter tokens" }).FocusAsync();
        await WalkAsync(page, rings, 30, "Shift+Tab");
        await session.Toolbar("Generate").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(session.Dialog.GetByLabel("Description")).ToBeFocusedAsync();
        await WalkAsync(page, rings, 8);
        await session.Dialog.GetByLabel("Description").FocusAsync();
        await WalkAsync(page, rings, 4, "Shift+Tab");

        var report = string.Join(Environment.NewLine, rings.Select(r =>
            $"{r.Area} \"{r.Name}\": ring {r.Color} on {r.Behind} = {r.Ratio.ToString("0.00", CultureInfo.InvariantCulture)}:1"));
        foreach (var area in new[] { "sign-in", "top bar", "toolbar", "environments", "dialog" })
        {
            Assert.True(rings.Any(r => r.Area == area), $"no control of the {area} was reached:{Environment.NewLine}{report}");
        }
        foreach (var name in new[] { "Sign in", "Stop running-one", "Sleep running-one", "Start stopped-one", "Settings", "User menu", "Edit", "Remove", "Cancel", "Confirm", "Generate" })
        {
            Assert.True(rings.Any(r => r.Name.StartsWith(name, StringComparison.Ordinal)), $"\"{name}\" was not reached:{Environment.NewLine}{report}");
        }
        var faint = rings.Where(r => r.Ratio < 3).ToList();
        Assert.True(faint.Count == 0, $"{(dark ? "dark" : "light")}: focus rings under 3:1:{Environment.NewLine}" +
            string.Join(Environment.NewLine, faint.Select(r => $"{r.Area} \"{r.Name}\": ring {r.Color} on {r.Behind} = {r.Ratio.ToString("0.00", CultureInfo.InvariantCulture)}:1")) +
            $"{Environment.NewLine}all:{Environment.NewLine}{report}");
        session.AssertNoConsoleErrors();
    }
}
