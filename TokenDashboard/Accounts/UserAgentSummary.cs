using System.Text.RegularExpressions;

namespace TokenDashboard.Accounts;

/// <summary>
/// "Firefox 130 on macOS" for a browser's user agent, so that a person recognises their own devices in the Sessions
/// tab (the full string stays available beside it). Only the common browsers and systems are named; anything else is
/// shown as sent, shortened. A user agent is whatever the client claims: this is a label, never a security check.
/// </summary>
internal static class UserAgentSummary
{
    private const int MaxRawLength = 60;

    // Order matters: Edge and Opera also say Chrome, Chrome also says Safari, iPads also say Mac OS X.
    private static readonly (Regex Version, string Name)[] Browsers =
    [
        .. new (string Token, string Name)[]
        {
            ("Edg[A-Za-z]*", "Edge"), ("OPR", "Opera"), ("Firefox", "Firefox"), ("FxiOS", "Firefox"), ("HeadlessChrome", "Headless Chrome"),
            ("CriOS", "Chrome"), ("Chrome", "Chrome"), ("Version", "Safari"),
        }.Select(b => (new Regex($@"\b{b.Token}/(\d+)", RegexOptions.CultureInvariant), b.Name)),
    ];

    private static readonly (string Marker, string Name)[] Systems =
    [
        ("Windows", "Windows"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Android", "Android"), ("CrOS", "ChromeOS"),
        ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"), ("X11", "Linux"),
    ];

    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "Unknown browser";
        }
        var browser = Browsers.Select(b => (b.Name, Match: b.Version.Match(userAgent)))
            .FirstOrDefault(b => b.Match.Success && (b.Name != "Safari" || userAgent.Contains("Safari/", StringComparison.Ordinal)));
        if (browser.Name is null)
        {
            return userAgent.Length <= MaxRawLength ? userAgent : userAgent[..(MaxRawLength - 1)] + "…";
        }
        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Marker, StringComparison.Ordinal)).Name;
        var name = $"{browser.Name} {browser.Match.Groups[1].Value}";
        return system is null ? name : $"{name} on {system}";
    }
}
