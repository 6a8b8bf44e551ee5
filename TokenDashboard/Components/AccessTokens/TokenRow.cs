using System.Globalization;
using TokenDashboard.Tokens;
using TokenDashboard.Tokens.Reminders;
using TokenDashboard.Tokens.Usage;
namespace TokenDashboard.Components.AccessTokens;

/// <summary>One grid row: the token and how each column shows it at a given moment. (Public: a parameter of TokenGrid.)</summary>
public sealed record TokenRow(TokenSummary Token, string Api, string ExpiresAt, string LastUsed, string? LastUsedExact, string Status, MudBlazor.Color StatusColor,
    TokenHints Hints, int? DaysLeft)
{
    /// <summary>
    /// "01 Dec 2026": a date no reader can take for another (01-12 is January 12th to half the world), in English
    /// whatever the server's culture. The Generate/Edit dialog's date field keeps dd-MM-yyyy, as the original does.
    /// </summary>
    public const string DateFormat = "dd MMM yyyy";

    public static string ShowDate(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static string ShowDate(DateTime at) => at.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>"01 Dec 2026 14:03:12 UTC": the moment, with its time zone said.</summary>
    public static string ShowMoment(DateTime at) => $"{at.ToString(DateFormat + " HH:mm:ss", CultureInfo.InvariantCulture)} UTC";

    public int Id => Token.Id;

    /// <summary>Expires within the reminders' window (the bell's 7 days) or has expired: the Dashboard lists it.</summary>
    public bool ExpiresSoon => DaysLeft <= ExpiryReminders.Window;

    /// <summary>"…" and the value's last characters, as stored (the value itself never is).</summary>
    public string Hint => $"…{Token.Hint}";

    public string Created => ShowDate(Token.CreatedAt);

    public string CreatedExact => ShowMoment(Token.CreatedAt);

    /// <summary>A token works through its last day, a day in UTC: said where the date is shown.</summary>
    public string ExpiresExact => Token.ExpiresOn is { } last ? $"Valid through {ShowDate(last)}, until midnight UTC" : "Never expires";

    /// <summary>
    /// The grid's text filter: whether the description, the value's last characters, the API (preset) or one of the
    /// methods contains <paramref name="text"/>, ignoring case.
    /// </summary>
    public bool Matches(string text) =>
        Token.Description.Contains(text, StringComparison.OrdinalIgnoreCase)
        || Hint.Contains(text, StringComparison.OrdinalIgnoreCase)
        || Api.Contains(text, StringComparison.OrdinalIgnoreCase)
        || Token.Methods.Any(m => m.Contains(text, StringComparison.OrdinalIgnoreCase));

    /// <summary>Shown by the "needs attention" filter: a usage badge, or expired.</summary>
    public bool NeedsAttention => Hints.NeedAttention || Token.Status == TokenStatus.Expired;

    public string? UnusedBadge => Hints.Unused ? $"unused {Hints.UnusedForDays} days" : null;

    public string UnusedWhy => Token.LastUsedAt is null
        ? $"Never used since it was created {Hints.UnusedForDays} days ago. Remove it if nothing needs it."
        : $"Not used for {Hints.UnusedForDays} days. Remove it if nothing needs it any more.";

    public string? BroadBadge => Hints.Broad ? $"uses {Hints.UsedMethods} of {Hints.HeldMethods}" : null;

    public string BroadWhy =>
        $"In the last {TokenHints.UnusedAfterDays} days it called {Hints.UsedMethods} of the {Hints.HeldMethods} methods it holds. " +
        "Open its details to narrow it to what it uses.";

    /// <summary>
    /// Whether this row reads exactly as <paramref name="other"/> on the screen: a live update that changes no row's
    /// text renders nothing (most recorded uses change nothing a person sees: last use is taken once a minute).
    /// </summary>
    public bool ShowsSameAs(TokenRow other) =>
        Id == other.Id && Token.Description == other.Token.Description && Token.Hint == other.Token.Hint && Api == other.Api
        && Token.CreatedAt == other.Token.CreatedAt && ExpiresAt == other.ExpiresAt && LastUsed == other.LastUsed
        && LastUsedExact == other.LastUsedExact && Status == other.Status && StatusColor == other.StatusColor && Hints == other.Hints;

    /// <summary>Whether two lists of rows read the same, row by row in the same order.</summary>
    public static bool ShowSame(IReadOnlyList<TokenRow> a, IReadOnlyList<TokenRow> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }
        for (var i = 0; i < a.Count; i++)
        {
            if (!a[i].ShowsSameAs(b[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <param name="usedMethods">Distinct methods the token called in the last 30 days.</param>
    public static TokenRow From(TokenSummary token, DateTime now, int usedMethods = 0)
    {
        var today = DateOnly.FromDateTime(now);
        var api = token.Preset?.Name ?? $"Custom ({token.Methods.Count} method{(token.Methods.Count == 1 ? "" : "s")})";
        var expires = token.ExpiresOn is { } last ? ShowDate(last) : "Never";
        var daysLeft = token.DaysLeft(today);
        var (status, color) = daysLeft switch
        {
            < 0 => ("Expired", MudBlazor.Color.Error),
            0 => ("Expires today", MudBlazor.Color.Warning),
            <= ExpiryReminders.Window and var days => ($"Expires in {days} day{(days == 1 ? "" : "s")}", MudBlazor.Color.Warning),
            _ => ("Active", MudBlazor.Color.Success),
        };
        var lastUsed = token.LastUsedAt is { } at ? Relative(now - at) : "Never";
        var exact = token.LastUsedAt is { } when
            ? $"{ShowMoment(when)}{(token.LastUsedIp is null ? "" : $" from {token.LastUsedIp}")}{(token.LastUsedMethod is null ? "" : $" · {token.LastUsedMethod}")}"
            : null;
        return new TokenRow(token, api, expires, lastUsed, exact, status, color, TokenHints.For(token, usedMethods, now), daysLeft);
    }

    private static string Relative(TimeSpan ago) => ago switch
    {
        { TotalMinutes: < 1 } => "just now",
        { TotalHours: < 1 } => Plural((int)ago.TotalMinutes, "minute"),
        { TotalDays: < 1 } => Plural((int)ago.TotalHours, "hour"),
        { TotalDays: < 30 } => Plural((int)ago.TotalDays, "day"),
        { TotalDays: < 365 } => Plural((int)(ago.TotalDays / 30), "month"),
        _ => Plural((int)(ago.TotalDays / 365), "year"),
    };

    private static string Plural(int n, string unit) => $"{n} {unit}{(n == 1 ? "" : "s")} ago";
}

/// <summary>What a row offers: its details, and the actions of its menu.</summary>
public enum TokenAction
{
    Details,
    Regenerate,
    Edit,
    Duplicate,
    Remove,
}
