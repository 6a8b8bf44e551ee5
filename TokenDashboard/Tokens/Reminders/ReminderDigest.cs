using System.Text;

namespace TokenDashboard.Tokens.Reminders;

/// <summary>
/// The text of one day's reminder mail. A description is whatever someone typed — on a shared or squatted address
/// possibly a phishing line — so it appears only in the body, shortened, on a line of its own, in quotes and marked as
/// the token's description, with everything a mail program would turn into a link broken up ("hxxp", "[.]", "[@]").
/// The only link is the dashboard's own.
/// </summary>
internal static class ReminderDigest
{
    public const int DescriptionLength = 60;

    public static string Body(IReadOnlyList<ExpiryNotice> tokens, string? dashboardUrl)
    {
        var text = new StringBuilder();
        text.AppendLine(tokens.Count == 1
            ? "An access token of your TokenDashboard account expires soon; after its last valid day every call with it is refused."
            : $"{tokens.Count} access tokens of your TokenDashboard account expire soon; after its last valid day every call with a token is refused.");
        text.AppendLine();
        foreach (var token in tokens)
        {
            text.AppendLine($"- Token #{token.TokenId}, valid through {token.ExpiresOn:dd-MM-yyyy} (UTC): {When(token.DaysLeft)}");
            text.AppendLine($"  Its description: \"{Quoted(token.Description)}\"");
        }
        text.AppendLine();
        text.AppendLine("If a script still needs one, open it in the dashboard, give it a new expiry date and regenerate it:");
        text.AppendLine($"{(dashboardUrl ?? "").TrimEnd('/')}/settings/access-tokens");
        text.AppendLine();
        text.AppendLine("If nothing uses it any more, let it expire or remove it.");
        text.AppendLine();
        text.AppendLine("-- TokenDashboard (7 days and 1 day before a token expires; one message a day at most)");
        return text.ToString();
    }

    private static string When(int daysLeft) => daysLeft switch
    {
        0 => "expires today",
        1 => "expires tomorrow",
        _ => $"expires in {daysLeft} days",
    };

    /// <summary>The description as inert data: one line, at most <see cref="DescriptionLength"/> characters, nothing a mail program links.</summary>
    public static string Quoted(string description)
    {
        var oneLine = new string([.. description.Select(c => char.IsControl(c) || char.IsSeparator(c) && c != ' ' ? ' ' : c)]).Trim();
        var shortened = oneLine.Length > DescriptionLength ? oneLine[..DescriptionLength].TrimEnd() + "…" : oneLine;
        return shortened
            .Replace("\"", "'", StringComparison.Ordinal)
            .Replace("http", "hxxp", StringComparison.OrdinalIgnoreCase)
            .Replace("ftp", "fxp", StringComparison.OrdinalIgnoreCase)
            .Replace("www", "w-w-w", StringComparison.OrdinalIgnoreCase)
            .Replace(":", "[:]", StringComparison.Ordinal)
            .Replace(".", "[.]", StringComparison.Ordinal)
            .Replace("@", "[@]", StringComparison.Ordinal);
    }
}
