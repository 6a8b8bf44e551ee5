using TokenDashboard.Accounts.Policies;
using TokenDashboard.Tokens;

namespace TokenDashboard.Api.Handlers;

/// <summary>
/// admin.Policies.*: the administrators' policies on the wire. The dispatcher has already refused anyone who is not
/// an administrator (8) and the service checks again; handlers only read the parameters — each one absent keeps the
/// policy as it is, so a script can change one without knowing the others.
/// </summary>
internal sealed class PolicyHandlers(PolicyAdministration policies) : IApiHandlerGroup
{
    public IEnumerable<KeyValuePair<string, ApiHandler>> Handlers =>
    [
        new("admin.Policies.GetPolicies", GetPoliciesAsync),
        new("admin.Policies.SetPolicies", SetPoliciesAsync),
    ];

    private async Task<ApiResult> GetPoliciesAsync(ApiCall call)
    {
        var current = await policies.GetForAdministratorAsync(call.Actor, call.Aborted);
        return current.ToApi(p => ApiResult.Ok("policies", PoliciesView.From(p)));
    }

    private async Task<ApiResult> SetPoliciesAsync(ApiCall call)
    {
        var current = await policies.GetForAdministratorAsync(call.Actor, call.Aborted);
        if (!current.Succeeded)
        {
            return ApiErrors.From(current.Error!);
        }
        var was = current.Value!;
        var changed = new SitePolicies(
            call.Optional("maxLifetimeDays") is { } days ? ReadDays(days) : was.MaxLifetimeDays,
            ReadBool(call, "requireExpiry") ?? was.RequireExpiry,
            call.Optional("allowedPresets") is { } presets ? ReadPresets(presets) : was.AllowedPresets,
            ReadBool(call, "requireIpList") ?? was.RequireIpList,
            ReadBool(call, "requireTwoFactor") ?? was.RequireTwoFactor,
            call.Optional("registration") is { } registration ? ReadRegistration(registration) : was.Registration);
        var saved = await policies.SetAsync(call.Actor, changed, call.Optional("password"), ReadBool(call, "applyToExisting") ?? false, call.Aborted);
        return saved.ToApi(s => ApiResult.Ok(
            ApiResult.Field("policies", PoliciesView.From(s.Policies)),
            ApiResult.Field("tokensShortened", s.TokensShortened),
            ApiResult.Field("ownersTold", s.OwnersTold)));
    }

    /// <summary>A number of days, or 'none' (or empty) for no limit; a number out of range is the service's to refuse.</summary>
    private static int? ReadDays(string text) =>
        text.Trim() is "" or "none" or "null" ? null
            : int.TryParse(text.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var days) ? days
            : throw new ApiParameterException("maxLifetimeDays", "give a whole number of days, or none for no limit.");

    private static bool? ReadBool(ApiCall call, string name) => call.Optional(name)?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new ApiParameterException(name, "give true or false."),
    };

    private static IReadOnlyList<string>? ReadPresets(string text)
    {
        var parsed = PolicyAdministration.ParsePresets(text);
        return parsed.Succeeded ? parsed.Value : throw new ApiParameterException("allowedPresets", parsed.Error!.Message);
    }

    private static RegistrationMode ReadRegistration(string text) =>
        Enum.TryParse<RegistrationMode>(text.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !int.TryParse(text, out _)
            ? mode
            : throw new ApiParameterException("registration", "give open, closed or invitation.");
}

/// <summary>The policies as the API answers them: allowed presets by their names as shown, "Custom" for a method list; null for any.</summary>
internal sealed record PoliciesView(int? MaxLifetimeDays, bool RequireExpiry, IReadOnlyList<string>? AllowedPresets, bool RequireIpList, bool RequireTwoFactor, string Registration)
{
    public static PoliciesView From(SitePolicies p) => new(
        p.MaxLifetimeDays,
        p.RequireExpiry,
        p.AllowedPresets?.Select(k => k == SitePolicies.Custom ? "Custom" : ApiCatalog.FindPreset(k)?.Name ?? k).ToList(),
        p.RequireIpList,
        p.RequireTwoFactor,
        p.Registration.ToString().ToLowerInvariant());
}
