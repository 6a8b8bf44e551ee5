namespace TokenDashboard.Tokens;

/// <summary>
/// When a token's value stops working. A token is valid through the last second of its expiry day (UTC); once that
/// day has passed, its value never works again, whatever is edited later: the way back is a regeneration, which
/// issues a new value with a new date (by default <see cref="DefaultDays"/> from today).
/// </summary>
internal static class TokenLifetime
{
    /// <summary>The lifetime of a new token, and of a regenerated expired one when no date is given.</summary>
    public const int DefaultDays = 90;

    public static bool HasExpired(DateOnly? expiresOn, DateOnly today) => expiresOn is { } last && last < today;

    public static DateOnly DefaultExpiry(DateOnly today) => today.AddDays(DefaultDays);

    /// <summary>What the dialog and the API say about an expired token.</summary>
    public static string ExpiredAdvice(DateOnly expiredOn) =>
        $"Expired on {expiredOn:dd-MM-yyyy} — regenerate to use it again.";
}

/// <summary>The expiry date a regenerated value gets, and whether it is the default lifetime given to an expired token.</summary>
public sealed record RegeneratedExpiry(DateOnly? ExpiresOn, bool Defaulted);

/// <summary>A new expiry asked for: a day, or <see cref="Never"/>. (Null where it is used means "not given".)</summary>
public sealed record TokenExpiry(DateOnly? ExpiresOn)
{
    public static TokenExpiry Never { get; } = new((DateOnly?)null);

    public static TokenExpiry On(DateOnly day) => new(day);
}
