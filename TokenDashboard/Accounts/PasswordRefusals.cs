namespace TokenDashboard.Accounts;

/// <summary>
/// The refusals of <see cref="PasswordConfirmation"/>, made once here as the <see cref="Error"/> that every caller
/// reports unchanged — token and environment changes, API Signin and the sign-in page alike. Each concerns the
/// password field, but for those said only after the right password (not confirmed, disabled): the login.
/// </summary>
internal static class PasswordRefusals
{
    /// <summary>No password, or one no account could have.</summary>
    public static Error Missing(string message) => new(ErrorKind.InvalidParameter, "password", message);

    public static Error Wrong(string message) => new(ErrorKind.WrongPassword, "password", message);

    public static Error LockedOut(string message, DateTimeOffset? until) => new(ErrorKind.LockedOut, "password", message, LockedOutUntil: until);

    /// <summary>Over the hourly cap of failed confirmations, or a sign-in back-off (on top of the lockout).</summary>
    public static Error TooManyAttempts(string message, TimeSpan retryAfter) => new(ErrorKind.TooManyAttempts, "password", message, RetryAfter: retryAfter);

    /// <summary>The account changed (password, or removed) since the caller signed in.</summary>
    public static Error SessionExpired(string message) => new(ErrorKind.SessionExpired, "password", message);

    public static Error EmailNotConfirmed(string message) => new(ErrorKind.EmailNotConfirmed, "login", message);

    public static Error AccountDisabled(string message) => new(ErrorKind.AccountDisabled, "login", message);
}
