using System.Text;
using System.Text.RegularExpressions;

namespace TokenDashboard.Hosting.Logging;

/// <summary>
/// Removes credentials from text bound for a log: the values of <c>session=</c>, <c>password=</c>, <c>token=</c> and
/// <c>tokens=</c> in URLs and forms, <c>Bearer …</c>, anything shaped like a token (<c>tdt_…</c>) or a
/// session (<c>tds_…</c>) wherever it appears, and the parameter values of database commands (<c>@p0='…'</c>, should
/// anyone turn on EF Core's sensitive data logging). The framework logs request URLs with their query strings (at
/// Information), and the platform's clients put the token there; this is what keeps it out of every sink.
/// A credential parameter's value runs to the next <c>&amp;</c> or the end of the text, whatever it holds: a quote,
/// a bracket or a space a client left unescaped is part of the password, not the end of it.
/// A URL part holding percent-escapes is judged on its decoded form, as the server reads it: <c>%73ession=%74dt_…</c>
/// is a session parameter, and is written decoded and redacted.
/// </summary>
internal static partial class SecretRedactor
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
            text = RedactEncoded(text);
        }
        return Pattern().Replace(text, m => m.Groups["name"].Success ? m.Groups["name"].Value + Mask : m.Groups["prefix"].Value + Mask);
    }

    /// <summary>
    /// A log line built around a value already redacted on its own (the framework's request line around its query
    /// string) keeps what follows that value: the value's own end is known, so the line needs no cut to the end.
    /// </summary>
    internal static string RedactAround(string text, IEnumerable<string> secretValues)
    {
        foreach (var value in secretValues.Where(v => v.Length > 0).OrderByDescending(v => v.Length))
        {
            text = text.Replace(value, Redact(value), StringComparison.Ordinal);
        }
        return Redact(text);
    }

    /// <summary>
    /// Each percent-escaped part is decoded; a credential parameter among them is written as its name and the mask,
    /// and everything up to the next separator goes with it, so a raw character after an escape cannot survive.
    /// </summary>
    private static string RedactEncoded(string text)
    {
        var result = new StringBuilder(text.Length);
        var position = 0;
        foreach (Match part in EncodedPart().Matches(text))
        {
            if (part.Index < position || Decode(part.Value) is not { } decoded || !IsSecret(decoded))
            {
                continue;
            }
            result.Append(text, position, part.Index - position);
            if (CredentialName().Match(decoded) is { Success: true } name)
            {
                result.Append(Printable(decoded[..(name.Index + name.Length)])).Append(Mask);
                position = EndOfValue(text, part.Index);
            }
            else
            {
                result.Append(Printable(decoded));
                position = part.Index + part.Length;
            }
        }
        return result.Append(text, position, text.Length - position).ToString();
    }

    private static int EndOfValue(string text, int start)
    {
        var end = text.IndexOf('&', start);
        return end < 0 ? text.Length : end;
    }

    /// <summary>A decoded parameter is secret when its name is, whatever its value (spaces, line breaks), or it holds one.</summary>
    private static bool IsSecret(string decoded) => CredentialName().IsMatch(decoded) || Pattern().IsMatch(decoded);

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

    /// <summary>
    /// A credential parameter's value is everything to the next '&amp;' — except a value that is already the mask
    /// (followed by a separator or the end), which is what <see cref="RedactAround"/> leaves in a line.
    /// </summary>
    [GeneratedRegex(
        """(?<name>(?<![A-Za-z0-9_])(?:session|password|tokens?)=)(?!\[redacted\](?:[&\s]|$))[^&]*|(?<name>(?<![A-Za-z0-9_])bearer\s+)[^\s"'<>,;]+|(?<prefix>(?<![A-Za-z0-9_])td[ts]_)[A-Za-z0-9]+|(?<name>@\w+=)'(?:[^']|'')*'""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex("(?<![A-Za-z0-9_])(?:session|password|tokens?)=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialName();

    /// <summary>One parameter of a query or form (between separators) that holds a percent-escape.</summary>
    [GeneratedRegex("""[^\s&?]*%[0-9A-Fa-f]{2}[^\s&?]*""", RegexOptions.CultureInvariant)]
    private static partial Regex EncodedPart();
}
