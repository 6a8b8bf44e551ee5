namespace TokenDashboard.Tokens;

/// <summary>A draft that passed validation: trimmed description, a preset key or a catalog-cased method list.</summary>
internal sealed record TokenSettings(string Description, DateOnly? ExpiresOn, string? PresetKey, List<string> Methods);

/// <summary>The rules every token obeys, whichever door (dialog or API) it came through.</summary>
internal static class TokenDraftValidator
{
    public const int MaxDescriptionLength = 100;

    public static Result<TokenSettings> Validate(TokenDraft draft, DateOnly today)
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
            return Error.Invalid("expiresAt",
                $"The expiry date {expiresOn:dd-MM-yyyy} is in the past; choose today or later.");
        }

        if (draft.Preset is not null)
        {
            var preset = ApiCatalog.FindPreset(draft.Preset);
            return preset is null
                ? Error.Invalid("tokenTemplate",
                    $"There is no preset named '{Shorten(draft.Preset)}'. Choose one of: {string.Join(", ", ApiCatalog.Presets.Select(p => p.Name))}.")
                : new TokenSettings(description, draft.ExpiresOn, preset.Key, []);
        }

        var methods = ValidateMethods(draft.Methods ?? []);
        return methods.Succeeded
            ? new TokenSettings(description, draft.ExpiresOn, null, methods.Value!)
            : methods.Error!;
    }

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
