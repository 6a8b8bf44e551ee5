namespace TokenDashboard.Accounts;

/// <summary>Why a password confirmation was refused; every caller (tokens, environments, API Signin) answers alike.</summary>
public enum PasswordRefusalKind
{
    /// <summary>No password, or one no account could have.</summary>
    Missing,
    Wrong,
    LockedOut,
    /// <summary>Over the hourly cap of failed confirmations (on top of the lockout).</summary>
    TooManyAttempts,
    /// <summary>The account changed (password, or removed) since the caller signed in.</summary>
    SessionExpired,
    /// <summary>The right password, for an account whose email address is not confirmed yet (said only after the password).</summary>
    EmailNotConfirmed,
    /// <summary>The right password, for an account an administrator disabled (said only after the password).</summary>
    AccountDisabled,
}

/// <summary>A refused confirmation: what kind, a message for a person, and until when / how long to wait where it applies.</summary>
public sealed record PasswordRefusal(PasswordRefusalKind Kind, string Message, DateTimeOffset? LockedOutUntil = null, TimeSpan? RetryAfter = null)
{
    /// <summary>The refusal as the operation that asked for the password reports it, always about the password field.</summary>
    public Error ToError() => new(Kind switch
    {
        PasswordRefusalKind.Missing => ErrorKind.InvalidParameter,
        PasswordRefusalKind.Wrong => ErrorKind.WrongPassword,
        PasswordRefusalKind.LockedOut => ErrorKind.LockedOut,
        PasswordRefusalKind.TooManyAttempts => ErrorKind.TooManyAttempts,
        PasswordRefusalKind.SessionExpired => ErrorKind.SessionExpired,
        PasswordRefusalKind.EmailNotConfirmed => ErrorKind.EmailNotConfirmed,
        PasswordRefusalKind.AccountDisabled => ErrorKind.AccountDisabled,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unmapped password refusal."),
    }, Kind is PasswordRefusalKind.EmailNotConfirmed or PasswordRefusalKind.AccountDisabled ? "login" : "password", Message, LockedOutUntil, RetryAfter);
}
