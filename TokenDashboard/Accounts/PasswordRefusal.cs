namespace TokenDashboard.Accounts;

public enum PasswordRefusalKind
{
    /// <summary>No password, or one longer than any this account could have: refused without a check.</summary>
    Missing,
    Wrong,
    LockedOut,
    /// <summary>Over the hourly confirmation cap, or the sign-in back-off (per address or per login).</summary>
    TooManyAttempts,
    /// <summary>The account changed (password, or removed) since the caller signed in.</summary>
    SessionExpired,
}

/// <summary>Why a password check said no, with a message for a person (never telling whether a login exists).</summary>
public sealed record PasswordRefusal(PasswordRefusalKind Kind, string Message, DateTimeOffset? LockedOutUntil = null, TimeSpan? RetryAfter = null);
