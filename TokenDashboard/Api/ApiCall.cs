using System.Globalization;
using TokenDashboard.Accounts;
using TokenDashboard.Tokens;

namespace TokenDashboard.Api;

/// <summary>
/// What a handler gets: the method, its parameters, the authenticated caller and the request's context.
/// The parameter readers throw <see cref="ApiParameterException"/> (answered as result 4).
/// </summary>
internal sealed class ApiCall(ApiMethod method, ApiRequest request, ApiCaller? caller, HttpContext http)
{
    /// <summary>The authenticated caller; every method has one except Signin, which needs no credentials.</summary>
    public ApiCaller Caller => caller ?? throw new InvalidOperationException($"{method.FullName} runs without credentials.");

    public string UserId => Caller.UserId;

    public string? ClientIp => ClientAddress.Of(http);

    /// <summary>The acting user for the audit trail and password checks.</summary>
    public Actor Actor => new(UserId, ClientIp);

    public CancellationToken Aborted => http.RequestAborted;

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

    /// <summary>A positive whole number that may be absent, such as a node id; null when it is.</summary>
    public int? OptionalNumber(string name) =>
        Optional(name) is { } text
            ? int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
                ? number
                : throw new ApiParameterException(name, $"'{Shorten(text)}' is not a positive whole number.")
            : null;

    /// <summary>A whole number of 0 or more (a count to skip or take) that may be absent; null when it is.</summary>
    public int? OptionalCount(string name) =>
        Optional(name) is { } text
            ? int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new ApiParameterException(name, $"'{Shorten(text)}' is not a whole number of 0 or more.")
            : null;

    /// <summary>A positive whole number, such as a token id.</summary>
    public int RequiredId(string name) => ParseId(name, Required(name));

    /// <summary>A date in one of the platform's forms (<see cref="ApiFormats.ParseDate"/>); null when absent.</summary>
    public DateOnly? OptionalDate(string name) =>
        Optional(name) is { } text ? ApiFormats.ParseDate(name, text) : null;

    /// <summary>
    /// An expiry date that may also be <c>never</c> (no expiry): null when absent, else the new expiry
    /// (<see cref="TokenExpiry.Never"/> for <c>never</c>).
    /// </summary>
    public TokenExpiry? OptionalExpiry(string name) => Optional(name) switch
    {
        null => null,
        var text when text.Trim().Equals("never", StringComparison.OrdinalIgnoreCase) => TokenExpiry.Never,
        var text => TokenExpiry.On(ApiFormats.ParseDate(name, text)),
    };

    /// <summary>
    /// Token ids as <c>ids</c> (',' or ';' separated, '*' for all) and, where one id is meant, <c>id</c> too:
    /// both may be given, and together they name every id in either. Null when neither is given.
    /// </summary>
    public TokenScope? OptionalIds(string name = "ids", string? alias = null)
    {
        var listed = Optional(name) is { } text ? ApiFormats.ParseIds(name, text) : null;
        var single = alias is not null && Optional(alias) is { } one ? ParseId(alias, one) : (int?)null;
        return (listed, single) switch
        {
            (null, null) => null,
            (null, { } id) => TokenScope.Of([id], alias!),
            ({ All: true }, _) => listed,
            (_, { } id) => TokenScope.Of([.. listed.Ids, .. listed.Ids.Contains(id) ? Array.Empty<int>() : [id]]),
            _ => listed,
        };
    }

    /// <summary>Like <see cref="OptionalIds"/>, but one of the parameters must be given.</summary>
    public TokenScope RequiredIds(string name = "ids", string? alias = null) =>
        OptionalIds(name, alias) ?? throw new ApiParameterException(name);

    internal static int ParseId(string name, string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new ApiParameterException(name, $"'{Shorten(text)}' is not a token id.");

    internal static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
