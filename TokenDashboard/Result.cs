namespace TokenDashboard;

/// <summary>Why an operation was refused. The UI shows the message beside <see cref="Error.Field"/>; the API maps each kind to its result code.</summary>
public enum ErrorKind
{
    /// <summary>A parameter is missing or invalid — a token id that is not the caller's included (API: 4).</summary>
    InvalidParameter,

    /// <summary>No environment of that name for this user — whether it never existed or is someone else's (API: 11).</summary>
    NotFound,

    /// <summary>The user already has an environment of that name (API: 12).</summary>
    AlreadyExists,

    /// <summary>The environment's status does not allow the operation, e.g. deploying to a stopped one (API: 13).</summary>
    InvalidState,

    /// <summary>The confirming password is wrong (API: 20).</summary>
    WrongPassword,

    /// <summary>Too many wrong passwords; <see cref="Error.LockedOutUntil"/> says until when (API: 21).</summary>
    LockedOut,

    /// <summary>Over the hourly cap of failed confirmations; <see cref="Error.RetryAfter"/> says how long to wait (API: 22).</summary>
    TooManyAttempts,

    /// <summary>The account changed (password, or removed) since the caller signed in (API: 702).</summary>
    SessionExpired,

    /// <summary>A two-factor or recovery code that does not match (counts toward the lockout; browser only).</summary>
    WrongCode,

    /// <summary>API Signin for an account that signs in with two factors: it must use an access token (API: 31).</summary>
    TwoFactorAccount,

    /// <summary>The right password for an account whose email address is not confirmed yet (API: 32).</summary>
    EmailNotConfirmed,

    /// <summary>Only an administrator may do this (API: 8; a page answers 403).</summary>
    NotAdministrator,

    /// <summary>An administrator disabled the account: it cannot sign in or use its tokens and sessions (API: 702).</summary>
    AccountDisabled,

    /// <summary>An API call's credential is missing, malformed, unknown, expired or of an account that is gone (API: 702).</summary>
    NotAuthenticated,

    /// <summary>The credential is valid but does not allow this method — not in the token, or the wrong kind of credential (API: 8).</summary>
    PermissionDenied,

    /// <summary>A token limited to other addresses was used from this one (API: 30).</summary>
    AddressNotAllowed,
}

/// <summary>
/// A refused operation: what kind, which field it concerns when one does (as named in the dialogs and the API:
/// description, expiresAt, apiList, tokenTemplate, id, ids, envName, password, …) and a message for a person.
/// </summary>
public sealed record Error(ErrorKind Kind, string? Field, string Message, DateTimeOffset? LockedOutUntil = null, TimeSpan? RetryAfter = null)
{
    public static Error Invalid(string field, string message) => new(ErrorKind.InvalidParameter, field, message);

    public static Error NotAuthenticated(string message) => new(ErrorKind.NotAuthenticated, null, message);

    public static Error PermissionDenied(string message) => new(ErrorKind.PermissionDenied, null, message);
}

/// <summary>Either a value or an <see cref="Error"/>; nothing was changed when it carries an error.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Error? error) => (Value, Error) = (value, error);

    public T? Value { get; }
    public Error? Error { get; }
    public bool Succeeded => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(Error error) => new(default, error);

    /// <summary>One answer for either outcome.</summary>
    public TAnswer Match<TAnswer>(Func<T, TAnswer> succeeded, Func<Error, TAnswer> refused) => Succeeded ? succeeded(Value!) : refused(Error!);
}
