using System.Collections.Frozen;
using TokenDashboard.Accounts;
using TokenDashboard.Accounts.Admin;
using TokenDashboard.Api.Handlers;
using TokenDashboard.Tokens;
using TokenDashboard.Tokens.Usage;

namespace TokenDashboard.Api;

/// <summary>
/// Serves <c>/1.0/{service}/{subservice}/rest/{method}</c>. Checks run in the documented order — a body that cannot
/// be read (4, naming <c>body</c>: the credentials may be in it), credentials (702),
/// method exists (6), method in the token's set (8), parameters (4), password (20/21), operation — and every answer
/// is HTTP 200 JSON with <c>Cache-Control: no-store</c>. An unexpected exception answers 99 with a correlation id
/// that the log line carries too; nothing here ever logs the query string or a credential.
/// </summary>
internal sealed class ApiDispatcher
{
    private readonly FrozenDictionary<string, ApiHandler> handlers;
    private readonly ApiCredentials credentials;
    private readonly TokenUseLog uses;
    private readonly ApiCallMetrics metrics;
    private readonly Administrators administrators;
    private readonly ILogger<ApiDispatcher> logger;

    public ApiDispatcher(IEnumerable<IApiHandlerGroup> groups, ApiCredentials credentials, TokenUseLog uses, ApiCallMetrics metrics,
        Administrators administrators, ILogger<ApiDispatcher> logger)
    {
        handlers = BuildHandlers(groups);
        (this.credentials, this.uses, this.metrics, this.administrators, this.logger) = (credentials, uses, metrics, administrators, logger);
    }

    public async Task HandleAsync(HttpContext http, string path)
    {
        var method = ApiRoutes.Find(path);
        if (!IsApiVerb(http.Request.Method))
        {
            // Nothing runs, so there is nothing to authenticate: the answer is the same for every path and caller.
            http.Response.Headers.Allow = AllowedVerbs;
            metrics.Called(method?.FullName, ResultCodes.NoSuchMethod);
            await ApiResponseWriter.WriteAsync(http.Response, ApiResult.Fail(ResultCodes.NoSuchMethod,
                $"API methods are called with GET or POST (a form); {http.Request.Method} is not served. See /api-docs."));
            return;
        }
        ApiResult result;
        try
        {
            result = await DispatchAsync(http, method);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return; // The client went away; nobody is left to answer.
        }
        catch (Exception ex)
        {
            var correlationId = http.TraceIdentifier;
            logger.LogError(ex, "API method {Method} failed unexpectedly; correlation id {CorrelationId}",
                method?.FullName ?? "(unknown)", correlationId);
            result = ApiResult.Fail(ResultCodes.Unexpected,
                $"Unexpected error. Quote correlation id {correlationId} when reporting it.",
                ApiResult.Field("correlationId", correlationId));
        }
        metrics.Called(method?.FullName, result.Result);
        await ApiResponseWriter.WriteAsync(http.Response, result, RetryAfterOf(result));
    }

    private const string AllowedVerbs = "GET, POST";

    private static bool IsApiVerb(string verb) => HttpMethods.IsGet(verb) || HttpMethods.IsPost(verb);

    /// <summary>A refusal under the hourly password cap says how long to wait.</summary>
    private static TimeSpan? RetryAfterOf(ApiResult result) =>
        result.Fields.FirstOrDefault(f => f.Key == "retryAfterSeconds").Value is int seconds ? TimeSpan.FromSeconds(seconds) : null;

    private async Task<ApiResult> DispatchAsync(HttpContext http, ApiMethod? method)
    {
        var request = await ApiRequest.ReadAsync(http.Request, http.RequestAborted);
        if (request.FormUnreadable)
        {
            // Before the credentials: a session sent in such a body cannot be read either, and 702 would blame it.
            return ApiResult.InvalidParameter("body", "The body cannot be read: send a complete form (application/x-www-form-urlencoded or multipart/form-data) of at most 1,024 parameters, without NUL characters.");
        }

        ApiCaller? caller = null;
        if (method is not { Anonymous: true })
        {
            var check = await credentials.ResolveAsync(http.Request, request, http.RequestAborted, method?.FullName);
            if (!check.Succeeded)
            {
                return ApiErrors.From(check.Error!);
            }
            caller = check.Value;
        }
        if (method is null)
        {
            return ApiResult.Fail(ResultCodes.NoSuchMethod,
                "No such API method. Methods are served at /1.0/{service}/{subservice}/rest/{method}; see /api-docs.");
        }
        // Each token call is recorded once (a session is not a token): refused with 8, or run and how it went.
        var tokenId = caller?.TokenId;
        if (caller is not null && !caller.MayCall(method))
        {
            Record(TokenUse.Refused);
            return ApiErrors.From(Error.PermissionDenied($"Permission denied: this token does not include {method.FullName}."));
        }
        // Read from the database on every call: a demoted or disabled administrator's token stops here at once.
        if (method.Administrative && !await administrators.IsAdministratorAsync(caller?.UserId, http.RequestAborted))
        {
            Record(TokenUse.Refused);
            return ApiErrors.From(new Error(ErrorKind.NotAdministrator, null, $"Permission denied: {method.FullName} is for administrators only."));
        }
        var use = TokenUse.Failed;
        try
        {
            var result = await handlers[method.FullName](new ApiCall(method, request, caller, http));
            use = result.Succeeded ? TokenUse.Succeeded : TokenUse.Failed;
            return result;
        }
        catch (ApiParameterException problem)
        {
            return ApiResult.From(problem);
        }
        finally
        {
            Record(use);
        }

        void Record(TokenUse how)
        {
            if (tokenId is { } id)
            {
                uses.Record(id, method.FullName, how, ClientAddress.Of(http));
            }
        }
    }

    private static FrozenDictionary<string, ApiHandler> BuildHandlers(IEnumerable<IApiHandlerGroup> groups)
    {
        var map = new Dictionary<string, ApiHandler>(StringComparer.Ordinal);
        foreach (var (name, handler) in groups.SelectMany(g => g.Handlers))
        {
            if (ApiCatalog.Find(name) is not { } method || method.FullName != name)
            {
                throw new InvalidOperationException($"A handler is registered for '{name}', which the API catalog does not list.");
            }
            if (!map.TryAdd(name, handler))
            {
                throw new InvalidOperationException($"Two handlers are registered for {name}.");
            }
        }
        var missing = ApiCatalog.All.Select(m => m.FullName).Where(n => !map.ContainsKey(n)).ToList();
        return missing.Count == 0
            ? map.ToFrozenDictionary(StringComparer.Ordinal)
            : throw new InvalidOperationException($"API catalog methods without a handler: {string.Join(", ", missing)}.");
    }
}
