using TokenDashboard.Tokens;
namespace TokenDashboard.Components.AccessTokens;

/// <summary>One grid row: the token and how each column shows it at a given moment.</summary>
public sealed record TokenRow(TokenSummary Token, string Api, string ExpiresAt, string LastUsed, string? LastUsedExact, string Status, MudBlazor.Color StatusColor)
{
    public const string DateFormat = "dd-MM-yyyy";

    public int Id => Token.Id;

    public static TokenRow From(TokenSummary token, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        var api = token.Preset?.Name ?? $"Custom ({token.Methods.Count} method{(token.Methods.Count == 1 ? "" : "s")})";
        var expires = token.ExpiresOn?.ToString(DateFormat) ?? "Never";
        var (status, color) = token.DaysLeft(today) switch
        {
            < 0 => ("Expired", MudBlazor.Color.Error),
            0 => ("Expires today", MudBlazor.Color.Warning),
            <= 7 and var days => ($"Expires in {days} day{(days == 1 ? "" : "s")}", MudBlazor.Color.Warning),
            _ => ("Active", MudBlazor.Color.Success),
        };
        var lastUsed = token.LastUsedAt is { } at ? Relative(now - at) : "Never";
        var exact = token.LastUsedAt is { } when
            ? $"{when:dd-MM-yyyy HH:mm:ss} UTC{(token.LastUsedIp is null ? "" : $" from {token.LastUsedIp}")}{(token.LastUsedMethod is null ? "" : $" · {token.LastUsedMethod}")}"
            : null;
        return new TokenRow(token, api, expires, lastUsed, exact, status, color);
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
