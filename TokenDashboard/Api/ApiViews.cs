using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using TokenDashboard.Accounts;
using TokenDashboard.Platform;
using TokenDashboard.Tokens;

namespace TokenDashboard.Api;

/// <summary>The JSON the API speaks: camelCase names, ISO 8601 UTC times, dates as yyyy-MM-dd.</summary>
internal static class ApiJson
{
    /// <summary>Answers are JSON read by scripts and people, never embedded in HTML: apostrophes stay apostrophes.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The account in GetUserInfo and Signin, as the platform answers it: its number <c>uid</c> (never the Identity id),
/// <c>email</c>, <c>name</c> and <c>status</c> 1 (active: a disabled account cannot call at all), then our <c>createdAt</c>.
/// Fields rather than an object because the platform puts them beside <c>result</c>.
/// </summary>
internal static class AccountFields
{
    public const int Active = 1;

    public static KeyValuePair<string, object?>[] Of(AccountProfile profile, params KeyValuePair<string, object?>[] first) =>
    [
        .. first,
        ApiResult.Field("uid", profile.Uid),
        ApiResult.Field("email", profile.Email),
        ApiResult.Field("name", profile.Name),
        ApiResult.Field("status", Active),
        ApiResult.Field("createdAt", profile.CreatedAt),
    ];
}

internal sealed record DeploymentView(string FileName, string Context, DateTime DeployedAt)
{
    public static DeploymentView From(DeploymentSummary d) => new(d.FileName, d.Context, d.DeployedAt);
}

internal sealed record AppView(string Id, string Name, string Description)
{
    public static AppView From(MarketplaceApp a) => new(a.Id, a.Name, a.Description);
}

/// <summary>
/// A token in answers. <see cref="Key"/> — the value — is present only in the answers of CreateToken and
/// RegenerateToken, the one time it exists outside the caller's hands.
/// </summary>
internal sealed record TokenView(
    int Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Key,
    string Description,
    string? TokenTemplate,
    IReadOnlyList<string> ApiList,
    string? ExpiresAt,
    DateTime? LastUsed,
    string? LastUsedIp,
    string? LastUsedMethod,
    string Status,
    string Hint,
    DateTime CreatedAt,
    IReadOnlyList<string> IpList)
{
    public static TokenView From(TokenSummary t, string? key = null) =>
        new(t.Id, key, t.Description, t.Preset?.Name, t.Methods, ApiJson.Date(t.ExpiresOn), t.LastUsedAt, t.LastUsedIp,
            t.LastUsedMethod, t.Status.ToString().ToUpperInvariant(), t.Hint, t.CreatedAt, t.AllowedAddresses);

    public static TokenView From(IssuedToken issued) => From(issued.Token, issued.Value);
}

internal sealed record MethodView(string Name, string Summary, string Docs)
{
    public static MethodView From(ApiMethod m) => new(m.FullName, m.Summary, m.DocsHref);
}

/// <summary>A preset in GetTokenTemplates; <see cref="AlwaysAllowed"/> lists what every token may call on top of its methods.</summary>
internal sealed record TemplateView(string Key, string Name, string Description, IReadOnlyList<string> ApiList, IReadOnlyList<string> AlwaysAllowed)
{
    private static readonly IReadOnlyList<string> AlwaysAllowedNames = ApiCatalog.AlwaysAllowed.Select(m => m.FullName).ToArray();

    public static TemplateView From(ApiPreset p) =>
        new(p.Key, p.Name, p.Description, ApiCatalog.Grantable.Select(m => m.FullName).Where(p.Methods.Contains).ToList(), AlwaysAllowedNames);
}

/// <summary>
/// A session in GetSessions: <c>kind</c> BROWSER or API, <c>client</c> the browser's user agent or "API session",
/// <c>current</c> for the session making the call. Never the session's secret (the id is not a credential).
/// </summary>
internal sealed record SessionView(string Id, string Kind, DateTime CreatedAt, DateTime LastSeen, string? Ip, string Client, bool Current)
{
    public static SessionView From(AccountSession s) =>
        new(s.Id, s.Kind == SessionKind.Api ? "API" : "BROWSER", s.CreatedAt, s.LastSeenAt, s.Ip, s.Client, s.Current);
}
