using TokenDashboard.Tokens;
namespace TokenDashboard.Api;

/// <summary>The services' refusals as result codes: the one mapping from <see cref="Error"/> to the wire.</summary>
internal static class ApiErrors
{
    /// <summary>Input errors (a token id that is not the caller's included) are result 4 naming the parameter.</summary>
    public static ApiResult From(Error error) => error.Kind switch
    {
        ErrorKind.InvalidParameter => ApiResult.InvalidParameter(error.Field ?? "?", error.Message),
        ErrorKind.NotFound => ApiResult.Fail(ResultCodes.EnvironmentNotFound, error.Message),
        ErrorKind.AlreadyExists => ApiResult.Fail(ResultCodes.EnvironmentExists, error.Message),
        ErrorKind.InvalidState => ApiResult.Fail(ResultCodes.InvalidState, error.Message),
        ErrorKind.WrongPassword => ApiResult.Fail(ResultCodes.WrongPassword, error.Message),
        ErrorKind.LockedOut => LockedOut(error.Message, error.LockedOutUntil),
        ErrorKind.TooManyAttempts => ApiResult.Fail(ResultCodes.TooManyRequests, error.Message,
            ApiResult.Field("retryAfterSeconds", (int)(error.RetryAfter ?? TimeSpan.FromHours(1)).TotalSeconds)),
        ErrorKind.SessionExpired => ApiResult.Fail(ResultCodes.NotAuthenticated, error.Message),
        ErrorKind.TwoFactorAccount => ApiResult.Fail(ResultCodes.TwoFactorAccount, error.Message),
        ErrorKind.EmailNotConfirmed => ApiResult.Fail(ResultCodes.EmailNotConfirmed, error.Message),
        ErrorKind.NotAdministrator => ApiResult.Fail(ResultCodes.PermissionDenied, error.Message),
        ErrorKind.AccountDisabled => ApiResult.Fail(ResultCodes.NotAuthenticated, error.Message),
        ErrorKind.NotAuthenticated => ApiResult.Fail(ResultCodes.NotAuthenticated, error.Message),
        ErrorKind.PermissionDenied => ApiResult.Fail(ResultCodes.PermissionDenied, error.Message),
        ErrorKind.AddressNotAllowed => ApiResult.Fail(ResultCodes.AddressNotAllowed, error.Message),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error.Kind, "Unmapped error."),
    };

    public static ApiResult ToApi<T>(this Result<T> result, Func<T, ApiResult> success) => result.Match(success, From);

    private static ApiResult LockedOut(string message, DateTimeOffset? until) =>
        until is { } end
            ? ApiResult.Fail(ResultCodes.LockedOut, message, ApiResult.Field("lockedOutUntil", end.UtcDateTime))
            : ApiResult.Fail(ResultCodes.LockedOut, message);
}
