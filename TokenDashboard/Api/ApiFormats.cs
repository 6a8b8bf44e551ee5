using System.Globalization;
using TokenDashboard.Tokens;

namespace TokenDashboard.Api;

/// <summary>
/// The platform's parameter formats, as its published clients send them: dates with or without a time, id lists
/// separated by ',' or ';' with '*' for all, method names in any case with the platform's short group alias.
/// Each parser throws <see cref="ApiParameterException"/> naming the parameter (result 4) for anything else.
/// </summary>
internal static class ApiFormats
{
    /// <summary>The accepted forms of a date, as every refusal quotes them.</summary>
    public const string DateForms =
        "use yyyy-MM-dd (2030-12-31), yyyy-MM-dd HH:mm:ss in UTC (2030-12-31 00:00:00) or ISO 8601 (2030-12-31T00:00:00Z)";

    /// <summary>"All of the caller's tokens" in an id list.</summary>
    public const string AllIds = "*";

    private static readonly string[] DateTimeForms =
    [
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>
    /// A day from <c>yyyy-MM-dd</c>, <c>yyyy-MM-dd HH:mm:ss</c> (UTC, the platform's own) or ISO 8601 with a
    /// <c>T</c> and an optional <c>Z</c> or offset. Expiry is a whole day, so a time only places the moment on a
    /// UTC day: <c>2030-12-31 00:00:00</c> and <c>2030-12-31T23:59:59Z</c> both mean valid through 31 December.
    /// </summary>
    public static DateOnly ParseDate(string name, string text)
    {
        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        if (DateTimeOffset.TryParseExact(trimmed, DateTimeForms, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment))
        {
            return DateOnly.FromDateTime(moment.UtcDateTime);
        }
        throw new ApiParameterException(name, $"'{ApiCall.Shorten(text)}' is not a date; {DateForms}.");
    }

    /// <summary>
    /// Token ids separated by ',' or ';' (spaces allowed), or '*' alone for all of the caller's tokens.
    /// Null when nothing but separators and blanks is given.
    /// </summary>
    public static TokenScope? ParseIds(string name, string text)
    {
        var parts = text.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return null;
        }
        if (parts.Contains(AllIds))
        {
            return parts.Length == 1
                ? TokenScope.AllTokens
                : throw new ApiParameterException(name, "'*' selects all your tokens; give it alone, or list ids.");
        }
        return TokenScope.Of(parts.Select(part => ApiCall.ParseId(name, part)).ToList());
    }

    /// <summary>The platform writes the environment group as <c>env.</c> (<c>env.control.StopEnv</c>); the catalog as <c>environment.</c>.</summary>
    public static string MethodName(string text) =>
        text.StartsWith("env.", StringComparison.OrdinalIgnoreCase) ? "environment." + text["env.".Length..] : text;
}
