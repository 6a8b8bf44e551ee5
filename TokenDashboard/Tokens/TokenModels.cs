namespace TokenDashboard.Tokens;

/// <summary>
/// What a person asks a token to be: the fields of the token dialog.
/// <paramref name="Preset"/> is a preset's key or name; null means Custom with <paramref name="Methods"/>.
/// <paramref name="AllowedAddresses"/>: addresses and CIDR ranges the token may be used from; null or empty: anywhere.
/// </summary>
public sealed record TokenDraft(string? Description, DateOnly? ExpiresOn, string? Preset, IReadOnlyCollection<string>? Methods = null,
    IReadOnlyCollection<string>? AllowedAddresses = null);

public enum TokenStatus
{
    Active,
    Expired,
}

/// <summary>A token as lists show it: everything but the value, which is never stored.</summary>
public sealed record TokenSummary(
    int Id,
    string Description,
    ApiPreset? Preset,
    IReadOnlyList<string> Methods,
    DateOnly? ExpiresOn,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? LastUsedAt,
    string? LastUsedIp,
    string? LastUsedMethod,
    TokenStatus Status,
    string Hint,
    IReadOnlyList<string> AllowedAddresses)
{
    /// <summary>Days left until expiry counting today as day 0, or null when it never expires.</summary>
    public int? DaysLeft(DateOnly today) => ExpiresOn is { } last ? last.DayNumber - today.DayNumber : null;

    /// <summary>The token's settings as a draft: what the Edit and Copy dialogs start from and what a partial edit changes.</summary>
    public TokenDraft ToDraft() => new(Description, ExpiresOn, Preset?.Key, Preset is null ? Methods : null, AllowedAddresses);
}

/// <summary>
/// A token together with its value: returned once by Generate, Copy and Regenerate, and never again.
/// <paramref name="ExpiryDefaulted"/>: a regenerated expired token was given the default lifetime (no date was chosen).
/// </summary>
public sealed record IssuedToken(TokenSummary Token, string Value, bool ExpiryDefaulted = false);

/// <summary>
/// What a valid token may do; <see cref="Methods"/> is the effective set (a preset's as it is today), and
/// <see cref="AllowedNetworks"/> where it may be used from (empty: anywhere).
/// </summary>
public sealed record ValidatedToken(int TokenId, string UserId, IReadOnlySet<string> Methods, IReadOnlyList<System.Net.IPNetwork> AllowedNetworks)
{
    public bool AllowsAddress(System.Net.IPAddress? address) => AddressAllowList.Allows(AllowedNetworks, address);
}

public enum TokenRejection
{
    Malformed,
    Unknown,
    Expired,
    /// <summary>The token is fine, but an administrator disabled its account.</summary>
    AccountDisabled,
}

public sealed record TokenValidation(ValidatedToken? Token, TokenRejection? Rejection)
{
    public static TokenValidation Valid(ValidatedToken token) => new(token, null);
    public static TokenValidation Rejected(TokenRejection why) => new(null, why);
}

/// <summary>How <see cref="TokenService.SetMethodsAsync"/> changes a token's methods, for the audit trail.</summary>
public enum MethodsChange
{
    /// <summary>Down to the methods it used.</summary>
    Narrow,
    /// <summary>Adding the methods it tried and was refused.</summary>
    AddRefused,
}
