namespace TokenDashboard.Tokens;

/// <summary>
/// A draft that passed validation: trimmed description, a preset key or a catalog-cased method list — and, for a
/// regeneration, whether the expiry date is the default lifetime given to an expired token.
/// </summary>
internal sealed record TokenSettings(string Description, DateOnly? ExpiresOn, string? PresetKey, List<string> Methods, List<string> AllowedAddresses, bool ExpiryDefaulted = false);

/// <summary>
/// The rules every token obeys, whichever door (dialog or API) it came through: its own fields' rules, then the
/// administrators' <see cref="TokenPolicy"/> on the settings it would end up with.
/// </summary>
internal static class TokenDraftValidator
{
    public const int MaxDescriptionLength = 100;

    public static Result<TokenSettings> Validate(TokenDraft draft, DateOnly today, TokenPolicy policy) =>
        WithinPolicy(ValidateFields(draft, today), today, policy);

    private static Result<TokenSettings> WithinPolicy(Result<TokenSettings> settings, DateOnly today, TokenPolicy policy) =>
        settings.Succeeded && policy.Check(settings.Value!, today) is { } broken ? broken : settings;

    private static Result<TokenSettings> ValidateFields(TokenDraft draft, DateOnly today)
    {
        var description = draft.Description?.Trim() ?? "";
        if (description.Length == 0)
        {
            return Error.Invalid("description", "Enter a description.");
        }
        if (description.Length > MaxDescriptionLength)
        {
            return Error.Invalid("description",
                $"The description is {description.Length} characters long; at most {MaxDescriptionLength} are allowed.");
        }
        if (description.Any(char.IsControl))
        {
            return Error.Invalid("description", "The description contains control characters.");
        }

        if (draft.ExpiresOn is { } expiresOn && expiresOn < today)
        {
            return PastDate(expiresOn);
        }

        var addresses = AddressAllowList.Normalize(draft.AllowedAddresses ?? []);
        if (!addresses.Succeeded)
        {
            return addresses.Error!;
        }

        if (draft.Preset is not null)
        {
            var preset = ApiCatalog.FindPreset(draft.Preset);
            return preset is null
                ? Error.Invalid("tokenTemplate",
                    $"There is no preset named '{Shorten(draft.Preset)}'. Choose one of: {string.Join(", ", ApiCatalog.Presets.Select(p => p.Name))}.")
                : new TokenSettings(description, draft.ExpiresOn, preset.Key, [], addresses.Value!);
        }

        var methods = ValidateMethods(draft.Methods ?? []);
        return methods.Succeeded
            ? new TokenSettings(description, draft.ExpiresOn, null, methods.Value!, addresses.Value!)
            : methods.Error!;
    }

    /// <summary>
    /// An edit keeps the token's value, so an expired token keeps its date: the dead value must not come back to
    /// life. Its description and methods may change; a new date comes only with a new value (a regeneration).
    /// </summary>
    public static Result<TokenSettings> ValidateEdit(TokenDraft current, TokenDraft edited, DateOnly today, TokenPolicy policy)
    {
        if (current.ExpiresOn is not { } expiredOn || !TokenLifetime.HasExpired(expiredOn, today))
        {
            return Validate(edited, today, policy);
        }
        var settings = ValidateFields(edited with { ExpiresOn = null }, today);
        if (!settings.Succeeded)
        {
            return settings;
        }
        return edited.ExpiresOn == expiredOn
            ? WithinPolicy(settings.Value! with { ExpiresOn = expiredOn }, today, policy)
            : Error.Invalid("expiresAt", $"{TokenLifetime.ExpiredAdvice(expiredOn)} A new expiry date applies only with a new value: " +
                                         "regenerate the token with that date (RegenerateToken with expiresAt in the API).");
    }

    /// <summary>
    /// A regeneration gives the token a new value with <paramref name="edited"/>'s settings; its date is the one
    /// chosen (changed from <paramref name="current"/>'s), else the current one — or the default lifetime when the
    /// token has expired, since an unchanged past date would give a value that is dead on arrival.
    /// </summary>
    public static Result<TokenSettings> ValidateRegeneration(TokenDraft current, TokenDraft edited, DateOnly today, TokenPolicy policy)
    {
        var requested = edited.ExpiresOn == current.ExpiresOn ? null : new TokenExpiry(edited.ExpiresOn);
        var expiry = RegeneratedExpiry(current.ExpiresOn, requested, today, policy);
        if (!expiry.Succeeded)
        {
            return expiry.Error!;
        }
        var settings = Validate(edited with { ExpiresOn = expiry.Value!.ExpiresOn }, today, policy);
        return settings.Succeeded ? settings.Value! with { ExpiryDefaulted = expiry.Value.Defaulted } : settings;
    }

    /// <summary>
    /// The expiry of a regenerated value: <paramref name="requested"/> when given, else as it was — or the default
    /// lifetime (the policy's maximum when shorter) when that has passed; refused when the policy does not allow it.
    /// </summary>
    public static Result<RegeneratedExpiry> RegeneratedExpiry(DateOnly? current, TokenExpiry? requested, DateOnly today, TokenPolicy policy)
    {
        RegeneratedExpiry expiry;
        if (requested is not null)
        {
            if (requested.ExpiresOn is { } day && day < today)
            {
                return PastDate(day);
            }
            expiry = new RegeneratedExpiry(requested.ExpiresOn, Defaulted: false);
        }
        else
        {
            expiry = TokenLifetime.HasExpired(current, today)
                ? new RegeneratedExpiry(policy.DefaultExpiry(today), Defaulted: true)
                : new RegeneratedExpiry(current, Defaulted: false);
        }
        return policy.CheckExpiry(expiry.ExpiresOn, today) is { } broken ? broken : expiry;
    }

    private static Error PastDate(DateOnly day) =>
        Error.Invalid("expiresAt", $"The expiry date {day:dd-MM-yyyy} is in the past; choose today or later.");

    private static Result<List<string>> ValidateMethods(IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            return Error.Invalid("apiList", "Choose at least one API method, or a preset.");
        }
        var methods = new List<string>(names.Count);
        foreach (var name in names)
        {
            var method = ApiCatalog.Find(name.Trim());
            if (method is null || !method.Grantable)
            {
                return Error.Invalid("apiList",
                    method is null
                        ? $"There is no API method named '{Shorten(name)}'."
                        : method.AlwaysAllowed
                            ? $"{method.FullName} is always allowed to every token; it need not be granted."
                            : $"{method.FullName} is the session-based method and cannot be granted to a token.");
            }
            if (methods.Contains(method.FullName))
            {
                return Error.Invalid("apiList", $"{method.FullName} is listed twice.");
            }
            methods.Add(method.FullName);
        }
        return methods;
    }

    /// <summary>Echo user input in messages without echoing 10,000 characters of it.</summary>
    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
