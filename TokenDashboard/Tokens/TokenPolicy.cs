using TokenDashboard.Accounts.Policies;

namespace TokenDashboard.Tokens;

/// <summary>
/// What the administrators' policies say about tokens: the part of <see cref="SitePolicies"/> that
/// <see cref="TokenDraftValidator"/> applies to every token created or changed, whichever door it came through.
/// Each refusal names its field (as the dialog and the API do) and the policy, so a person knows it is the site's
/// rule and not a mistake of theirs.
/// </summary>
public sealed record TokenPolicy(int? MaxLifetimeDays, bool RequireExpiry, IReadOnlySet<string>? AllowedPresets, bool RequireIpList)
{
    public static TokenPolicy None { get; } = new(null, false, null, false);

    /// <summary>
    /// Whether the token's holder is an administrator: only then may it hold the <c>admin.*</c> methods. Anyone
    /// else's token holding one would only ever be refused (result 8), so the dialog does not offer them and a
    /// change naming one is refused here, the one place both doors read.
    /// </summary>
    public bool HolderIsAdministrator { get; init; }

    /// <summary>The methods the holder may pick: what the method list shows, and all a Custom list may name.</summary>
    public IReadOnlyList<ApiMethod> Offered => HolderIsAdministrator ? ApiCatalog.Grantable : ApiCatalog.GrantableToAnyone;

    public static TokenPolicy From(SitePolicies policies) => new(
        policies.MaxLifetimeDays,
        policies.RequireExpiry,
        policies.AllowedPresets?.ToHashSet(StringComparer.OrdinalIgnoreCase),
        policies.RequireIpList);

    /// <summary>"Never" is refused: a date is required, or a maximum lifetime implies one.</summary>
    public bool ExpiryRequired => RequireExpiry || MaxLifetimeDays is not null;

    /// <summary>The last expiry date a token may get when set on <paramref name="today"/>; null: no limit.</summary>
    public DateOnly? LatestExpiry(DateOnly today) => MaxLifetimeDays is { } days ? today.AddDays(days) : null;

    /// <summary>The date a new token starts with (and an expired one gets when regenerated without one): the default lifetime, or the maximum when that is shorter.</summary>
    public DateOnly DefaultExpiry(DateOnly today) => today.AddDays(Math.Min(TokenLifetime.DefaultDays, MaxLifetimeDays ?? int.MaxValue));

    /// <summary>Whether a quick choice of <paramref name="days"/> from today (null: never) is allowed.</summary>
    public bool AllowsDays(int? days) => days is null ? !ExpiryRequired : MaxLifetimeDays is not { } max || days <= max;

    public bool AllowsPreset(ApiPreset preset) => AllowedPresets is null || AllowedPresets.Contains(preset.Key);

    public bool AllowsCustom => AllowedPresets is null || AllowedPresets.Contains(SitePolicies.Custom);

    /// <summary>What the date field says under it, so the limit is known before anything is refused; null without one.</summary>
    public string? ExpiryRule(DateOnly today) => (MaxLifetimeDays, RequireExpiry) switch
    {
        ({ } days, _) => $"Token policy: at most {days} days (until {LatestExpiry(today):dd-MM-yyyy}).",
        (null, true) => "Token policy: an expiry date is required.",
        _ => null,
    };

    /// <summary>What the API and the dialog say the policy allows, for messages.</summary>
    public string AllowedText() =>
        AllowedPresets is null ? "any preset or a Custom list"
            : string.Join(", ", ApiCatalog.Presets.Where(AllowsPreset).Select(p => p.Name).Concat(AllowsCustom ? ["Custom"] : []));

    /// <summary>The first rule of the policy that <paramref name="settings"/> break, as the field's error; null if none.</summary>
    internal Error? Check(TokenSettings settings, DateOnly today)
    {
        if (CheckExpiry(settings.ExpiresOn, today) is { } expiry)
        {
            return expiry;
        }
        if (settings.PresetKey is { } key && ApiCatalog.FindPreset(key) is { } preset && !AllowsPreset(preset))
        {
            return Error.Invalid("tokenTemplate", $"The token policy does not allow the preset {preset.Name}; allowed: {AllowedText()}.");
        }
        if (settings.PresetKey is null && !AllowsCustom)
        {
            return Error.Invalid("apiList", $"The token policy does not allow a Custom method list; allowed: {AllowedText()}.");
        }
        if (!HolderIsAdministrator && settings.Methods.FirstOrDefault(m => ApiCatalog.Find(m) is { Administrative: true }) is { } administrative)
        {
            return Error.Invalid("apiList", $"{administrative} is for administrators only, and this account is not one.");
        }
        if (RequireIpList && settings.AllowedAddresses.Count == 0)
        {
            return Error.Invalid("ipList", "The token policy requires an IP allow-list: name the addresses or ranges the token may be used from.");
        }
        return null;
    }

    /// <summary>Whether the policy allows a token to expire on <paramref name="expiresOn"/> (null: never), set on <paramref name="today"/>.</summary>
    internal Error? CheckExpiry(DateOnly? expiresOn, DateOnly today)
    {
        if (expiresOn is null && ExpiryRequired)
        {
            return Error.Invalid("expiresAt", MaxLifetimeDays is { } days
                ? $"The token policy requires an expiry date at most {days} days away (until {LatestExpiry(today):dd-MM-yyyy}); 'never' is not allowed."
                : "The token policy requires an expiry date; 'never' is not allowed.");
        }
        if (expiresOn is { } day && LatestExpiry(today) is { } latest && day > latest)
        {
            return Error.Invalid("expiresAt",
                $"The expiry date {day:dd-MM-yyyy} is {day.DayNumber - today.DayNumber} days away; the token policy allows at most {MaxLifetimeDays} days (until {latest:dd-MM-yyyy}).");
        }
        return null;
    }
}
