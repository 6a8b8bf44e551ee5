using System.Text.RegularExpressions;

namespace TokenDashboard.Hosting.Logging;

/// <summary>
/// Removes credentials from text bound for a log: the values of <c>session=</c>, <c>password=</c> and
/// <c>token=</c> in URLs and forms, <c>Bearer …</c>, and anything shaped like a token (<c>tdt_…</c>) or a
/// session (<c>tds_…</c>) wherever it appears. The framework logs request URLs with their query strings (at
/// Information), and the platform's clients put the token there; this is what keeps it out of every sink.
/// </summary>
public static partial class SecretRedactor
{
    public const string Mask = "[redacted]";

    public static bool ContainsSecret(string? text) => text is not null && Pattern().IsMatch(text);

    public static string Redact(string text) =>
        ContainsSecret(text) ? Pattern().Replace(text, m => m.Groups["name"].Success ? m.Groups["name"].Value + Mask : m.Groups["prefix"].Value + Mask) : text;

    [GeneratedRegex(
        """(?<name>(?<![A-Za-z0-9_])(?:session|password|token)=)[^&\s"'<>]+|(?<name>(?<![A-Za-z0-9_])bearer\s+)[^\s"'<>,;]+|(?<prefix>(?<![A-Za-z0-9_])td[ts]_)[A-Za-z0-9]+""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
