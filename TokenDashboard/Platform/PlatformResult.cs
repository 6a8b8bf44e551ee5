using TokenDashboard.Tokens;

namespace TokenDashboard.Platform;

/// <summary>Why a platform operation was refused. The API maps each kind to its result code.</summary>
public enum PlatformErrorKind
{
    /// <summary>A parameter is missing or invalid; <see cref="PlatformError.Field"/> names it (API: 4).</summary>
    InvalidParameter,

    /// <summary>No environment of that name for this user — whether it never existed or is someone else's (API: 11).</summary>
    NotFound,

    /// <summary>The user already has an environment of that name (API: 12).</summary>
    AlreadyExists,

    /// <summary>The environment's status does not allow the operation, e.g. deploying to a stopped one (API: 13).</summary>
    InvalidState,

    /// <summary>
    /// The confirming password was refused; <see cref="PlatformError.Password"/> says how (wrong, locked out, over the
    /// hourly cap, stale sign-in), so every caller answers exactly as it does for a token change.
    /// </summary>
    PasswordRefused,
}

/// <summary>A refused operation: what kind, which parameter it concerns (when one does) and a message for a person.</summary>
public sealed record PlatformError(PlatformErrorKind Kind, string? Field, string Message, TokenError? Password = null)
{
    public static PlatformError PasswordRefused(TokenError refusal) =>
        new(PlatformErrorKind.PasswordRefused, refusal.Field, refusal.Message, refusal);

    public static PlatformError Invalid(string field, string message) => new(PlatformErrorKind.InvalidParameter, field, message);

    /// <summary>The same words whether the environment never existed or belongs to another user.</summary>
    public static PlatformError NotFound(string name) => new(PlatformErrorKind.NotFound, null, $"There is no environment named '{name}'.");
}

/// <summary>Either a value or a <see cref="PlatformError"/>; nothing was changed when it carries an error.</summary>
public readonly record struct PlatformResult<T>
{
    private PlatformResult(T? value, PlatformError? error) => (Value, Error) = (value, error);

    public T? Value { get; }
    public PlatformError? Error { get; }
    public bool Succeeded => Error is null;

    public static implicit operator PlatformResult<T>(T value) => new(value, null);
    public static implicit operator PlatformResult<T>(PlatformError error) => new(default, error);
}
