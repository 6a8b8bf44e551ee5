using TokenDashboard.Platform;
using TokenDashboard.Tokens;

namespace TokenDashboard.Api;

/// <summary>Typed refusals of the services, as result codes.</summary>
internal static class ApiErrors
{
    public static ApiResult From(PlatformError error) => error.Kind switch
    {
        PlatformErrorKind.InvalidParameter => ApiResult.InvalidParameter(error.Field ?? "?", error.Message),
        PlatformErrorKind.NotFound => ApiResult.Fail(ResultCodes.EnvironmentNotFound, error.Message),
        PlatformErrorKind.AlreadyExists => ApiResult.Fail(ResultCodes.EnvironmentExists, error.Message),
        PlatformErrorKind.InvalidState => ApiResult.Fail(ResultCodes.InvalidState, error.Message),
        PlatformErrorKind.PasswordRefused => From(error.Password!),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error.Kind, "Unmapped platform error."),
    };

    /// <summary>Input errors (a missing token id included) are result 4 naming the parameter.</summary>
    public static ApiResult From(TokenError error) => error.Kind switch
    {
        TokenErrorKind.WrongPassword => ApiResult.Fail(ResultCodes.WrongPassword, error.Message),
        TokenErrorKind.LockedOut => LockedOut(error.Message, error.LockedOutUntil),
        TokenErrorKind.TooManyAttempts => ApiResult.Fail(ResultCodes.TooManyRequests, error.Message,
            ApiResult.Field("retryAfterSeconds", (int)(error.RetryAfter ?? TimeSpan.FromHours(1)).TotalSeconds)),
        TokenErrorKind.SessionExpired => ApiResult.Fail(ResultCodes.NotAuthenticated, error.Message),
        TokenErrorKind.TwoFactorAccount => ApiResult.Fail(ResultCodes.TwoFactorAccount, error.Message),
        _ => ApiResult.InvalidParameter(error.Field, error.Message),
    };

    public static ApiResult ToApi<T>(this PlatformResult<T> result, Func<T, ApiResult> success) =>
        result.Succeeded ? success(result.Value!) : From(result.Error!);

    public static ApiResult ToApi<T>(this TokenResult<T> result, Func<T, ApiResult> success) =>
        result.Succeeded ? success(result.Value!) : From(result.Error!);

    private static ApiResult LockedOut(string message, DateTimeOffset? until) =>
        until is { } end
            ? ApiResult.Fail(ResultCodes.LockedOut, message, ApiResult.Field("lockedOutUntil", end.UtcDateTime))
            : ApiResult.Fail(ResultCodes.LockedOut, message);
}
