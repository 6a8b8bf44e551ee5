using System.Text;
using System.Text.RegularExpressions;

namespace TokenDashboard.Hosting.Logging;

/// <summary>
/// Removes credentials from text bound for a log: the values of <c>session=</c>, <c>password=</c> and
/// <c>token=</c> in URLs and forms, <c>Bearer …</c>, anything shaped like a token (<c>tdt_…</c>) or a
/// session (<c>tds_…</c>) wherever it appears, and the parameter values of database commands (<c>@p0='…'</c>, should
/// anyone turn on EF Core's sensitive data logging). The framework logs request URLs with their query strings (at
/// Information), and the platform's clients put the token there; this is what keeps it out of every sink.
/// A URL part holding percent-escapes is judged on its decoded form, as the server reads it: <c>%73ession=%74dt_…</c>
/// is a session parameter, and is written decoded and redacted.
/// </summary>
public static partial class SecretRedactor
{
    public const string Mask = "[redacted]";

    /// <summary>Decoding more often than this is not something the server does either.</summary>
    private const int MaxDecodings = 3;

    public static bool ContainsSecret(string? text) =>
        text is not null && (Pattern().IsMatch(text) || (text.Contains('%') && EncodedPart().Matches(text).Any(m => IsSecret(Decode(m.Value)))));

    public static string Redact(string text)
    {
        if (!ContainsSecret(text))
        {
            return text;
        }
        if (text.Contains('%'))
        {
            text = EncodedPart().Replace(text, m => Decode(m.Value) is var decoded && IsSecret(decoded)
                ? SecretName().Match(decoded) is { Success: true } name ? name.Value + Mask : Printable(decoded)
                : m.Value);
        }
        return Pattern().Replace(text, m => m.Groups["name"].Success ? m.Groups["name"].Value + Mask : m.Groups["prefix"].Value + Mask);
    }

    /// <summary>A decoded parameter is secret when its name is, whatever its value (spaces, line breaks), or it holds one.</summary>
    private static bool IsSecret(string decoded) => SecretName().IsMatch(decoded) || Pattern().IsMatch(decoded);

    /// <summary>Percent-decoded (and '+' as a space, as in a query string) until nothing changes.</summary>
    private static string Decode(string part)
    {
        var decoded = part.Replace('+', ' ');
        for (var i = 0; i < MaxDecodings && decoded.Contains('%'); i++)
        {
            var next = Uri.UnescapeDataString(decoded);
            if (next == decoded)
            {
                break;
            }
            decoded = next;
        }
        return decoded;
    }

    /// <summary>Decoding must not let a URL write line breaks or other control characters into the log.</summary>
    private static string Printable(string decoded)
    {
        if (!decoded.Any(char.IsControl))
        {
            return decoded;
        }
        var text = new StringBuilder(decoded.Length + 8);
        foreach (var c in decoded)
        {
            text.Append(char.IsControl(c) ? $"%{(int)c:X2}" : c);
        }
        return text.ToString();
    }

    [GeneratedRegex(
        """(?<name>(?<![A-Za-z0-9_])(?:session|password|token)=)[^&\s"'<>]+|(?<name>(?<![A-Za-z0-9_])bearer\s+)[^\s"'<>,;]+|(?<prefix>(?<![A-Za-z0-9_])td[ts]_)[A-Za-z0-9]+|(?<name>@\w+=)'(?:[^']|'')*'""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex("^(?:session|password|token)=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    /// <summary>One parameter of a query or form (between separators) that holds a percent-escape.</summary>
    [GeneratedRegex("""[^\s"'<>&?]*%[0-9A-Fa-f]{2}[^\s"'<>&?]*""", RegexOptions.CultureInvariant)]
    private static partial Regex EncodedPart();
}
