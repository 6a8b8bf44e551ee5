using TokenDashboard.Tokens;
namespace TokenDashboard.Api;

/// <summary>
/// One answer of the API: <c>result</c>, <c>error</c> when it is not 0, then the method's own fields in order.
/// Always sent as HTTP 200 JSON (see <see cref="ApiResponseWriter"/>).
/// </summary>
internal sealed class ApiResult
{
    private ApiResult(int result, string? error, IReadOnlyList<KeyValuePair<string, object?>> fields) =>
        (Result, Error, Fields) = (result, error, fields);

    public int Result { get; }
    public string? Error { get; }
    public IReadOnlyList<KeyValuePair<string, object?>> Fields { get; }

    public bool Succeeded => Result == ResultCodes.Ok;

    public static ApiResult Ok() => new(ResultCodes.Ok, null, []);

    public static ApiResult Ok(string name, object? value) => new(ResultCodes.Ok, null, [new(name, value)]);

    public static ApiResult Ok(params KeyValuePair<string, object?>[] fields) => new(ResultCodes.Ok, null, fields);

    public static ApiResult Fail(int code, string error, params KeyValuePair<string, object?>[] fields) =>
        code == ResultCodes.Ok ? throw new ArgumentOutOfRangeException(nameof(code), "A failure needs a non-zero code.") : new(code, error, fields);

    /// <summary>Result 4: <c>error</c> names the parameter and <c>parameter</c> holds its name for scripts.</summary>
    public static ApiResult InvalidParameter(string parameter, string message) =>
        Fail(ResultCodes.InvalidParameter, $"Invalid parameter {parameter}: {message}", Field("parameter", parameter));

    public static ApiResult From(ApiParameterException problem) =>
        Fail(ResultCodes.InvalidParameter, problem.Message, Field("parameter", problem.Parameter));

    public static KeyValuePair<string, object?> Field(string name, object? value) => new(name, value);
}
