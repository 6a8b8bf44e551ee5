using System.Globalization;
using TokenDashboard.Accounts;
using TokenDashboard.Tokens;

namespace TokenDashboard.Api;

/// <summary>
/// What a handler gets: the method, its parameters, the authenticated caller and the request's context.
/// The parameter readers throw <see cref="ApiParameterException"/> (answered as result 4).
/// </summary>
public sealed class ApiCall(ApiMethod method, ApiRequest request, ApiCaller? caller, HttpContext http)
{
    public ApiMethod Method => method;

    /// <summary>The authenticated caller; every method has one except Signin, which needs no credentials.</summary>
    public ApiCaller Caller => caller ?? throw new InvalidOperationException($"{method.FullName} runs without credentials.");

    public string UserId => Caller.UserId;

    public string? ClientIp => ClientAddress.Of(http);

    /// <summary>The acting user for the audit trail and password checks.</summary>
    public Actor Actor => new(UserId, ClientIp);

    public CancellationToken Aborted => http.RequestAborted;

    /// <summary>The request's services, for the few scoped ones (Identity's user manager).</summary>
    public IServiceProvider Services => http.RequestServices;

    /// <summary>A parameter that must be present and not blank; returned as given (services trim).</summary>
    public string Required(string name)
    {
        var value = request.Get(name);
        return string.IsNullOrWhiteSpace(value) ? throw new ApiParameterException(name) : value;
    }

    /// <summary>A parameter that may be absent; an empty value counts as absent.</summary>
    public string? Optional(string name)
    {
        var value = request.Get(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>A positive whole number, such as a token id.</summary>
    public int RequiredId(string name) => ParseId(name, Required(name));

    /// <summary>A date as <c>yyyy-MM-dd</c>; null when absent.</summary>
    public DateOnly? OptionalDate(string name) =>
        Optional(name) is { } text ? ParseDate(name, text) : null;

    internal static int ParseId(string name, string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new ApiParameterException(name, $"'{Shorten(text)}' is not a token id.");

    internal static DateOnly ParseDate(string name, string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ApiParameterException(name, $"'{Shorten(text)}' is not a date; use yyyy-MM-dd, e.g. 2030-12-31.");

    internal static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
