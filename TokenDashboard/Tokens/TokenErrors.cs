namespace TokenDashboard.Tokens;

/// <summary>Why a token operation was refused. The UI maps it to a field, the API to a result code.</summary>
public enum TokenErrorKind
{
    InvalidDescription,
    NoMethods,
    UnknownMethod,
    DuplicateMethod,
    UnknownPreset,
    ExpiryInPast,
    /// <summary>The IP allow-list has a malformed entry, a duplicate, or too many entries.</summary>
    InvalidAddressList,
    NotFound,
    DuplicateId,
    NoIds,
    PasswordMissing,
    WrongPassword,
    LockedOut,
    /// <summary>Over the hourly cap of failed confirmations (on top of the lockout).</summary>
    TooManyAttempts,
    /// <summary>The account changed (password, or removed) since the caller signed in.</summary>
    SessionExpired,
    /// <summary>A two-factor or recovery code that does not match (counts toward the lockout).</summary>
    WrongCode,
    TwoFactorAlreadyOn,
    /// <summary>API Signin for an account that signs in with two factors: it must use an access token.</summary>
    TwoFactorAccount,
}

/// <summary>
/// A refused operation: what kind, which field it concerns (as named in the dialog and the API:
/// description, expiresAt, apiList, tokenTemplate, ipList, id, ids, password) and a message for a person.
/// </summary>
public sealed record TokenError(TokenErrorKind Kind, string Field, string Message, DateTimeOffset? LockedOutUntil = null, TimeSpan? RetryAfter = null)
{
    public static TokenError NotFound(string field = "id") =>
        new(TokenErrorKind.NotFound, field, "No such token.");
}

/// <summary>Either a value or a <see cref="TokenError"/>; nothing was changed when it carries an error.</summary>
public readonly record struct TokenResult<T>
{
    private TokenResult(T? value, TokenError? error) => (Value, Error) = (value, error);

    public T? Value { get; }
    public TokenError? Error { get; }
    public bool Succeeded => Error is null;

    public static implicit operator TokenResult<T>(T value) => new(value, null);
    public static implicit operator TokenResult<T>(TokenError error) => new(default, error);
}
