namespace TokenDashboard.Accounts.Policies;

/// <summary>Who may create an account.</summary>
public enum RegistrationMode
{
    Open,
    Closed,
    /// <summary>Only through a one-time link an administrator mailed to the address.</summary>
    Invitation,
}

/// <summary>
/// The administrators' policies as the app reads them. <see cref="None"/> is the site before any was saved.
/// <paramref name="AllowedPresets"/> holds preset keys and <see cref="Custom"/> (a Custom method list); null: any.
/// Which keys exist is the token catalog's business (Tokens checks them before a save); here only what a policy
/// says about itself.
/// </summary>
public sealed record SitePolicies(
    int? MaxLifetimeDays = null,
    bool RequireExpiry = false,
    IReadOnlyList<string>? AllowedPresets = null,
    bool RequireIpList = false,
    bool RequireTwoFactor = false,
    RegistrationMode Registration = RegistrationMode.Open)
{
    public static SitePolicies None { get; } = new();

    /// <summary>The key that stands for a Custom method list among <see cref="AllowedPresets"/>.</summary>
    public const string Custom = "custom";

    /// <summary>Ten years: a longer "maximum" is no limit, and a typo of 36500 should be said, not stored.</summary>
    public const int MaxLifetimeLimit = 3650;

    /// <summary>What contradicts itself — a lifetime of 0 days or less (or absurdly long), an empty allowed set — as the field's error; null if it holds.</summary>
    public Error? Contradiction()
    {
        if (MaxLifetimeDays is { } days && (days < 1 || days > MaxLifetimeLimit))
        {
            return Error.Invalid("maxLifetimeDays", days < 1
                ? $"A maximum lifetime of {days} days would allow no token at all: give 1 to {MaxLifetimeLimit} days, or leave it empty for no limit."
                : $"A maximum lifetime of {days} days is more than {MaxLifetimeLimit} (ten years): give 1 to {MaxLifetimeLimit} days, or leave it empty for no limit.");
        }
        if (AllowedPresets is { Count: 0 })
        {
            return Error.Invalid("allowedPresets",
                "Allowing no preset and no Custom list would allow no token at all: choose at least one, or allow any.");
        }
        return null;
    }

    /// <summary>The policies in one line, for the audit trail (at most 400 characters).</summary>
    public string Describe()
    {
        var text = $"max lifetime {(MaxLifetimeDays is { } d ? $"{d} days" : "none")}; expiry {(RequireExpiry ? "required" : "optional")}; " +
                   $"allowed {(AllowedPresets is null ? "any" : string.Join(", ", AllowedPresets))}; IP list {(RequireIpList ? "required" : "optional")}; " +
                   $"two-factor {(RequireTwoFactor ? "required" : "optional")}; registration {Registration.ToString().ToLowerInvariant()}";
        return text.Length <= 400 ? text : text[..397] + "...";
    }
}
