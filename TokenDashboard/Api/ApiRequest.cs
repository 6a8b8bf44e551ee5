using Microsoft.Extensions.Primitives;

namespace TokenDashboard.Api;

/// <summary>
/// The parameters of one API call: the query string first, then a form body (POST with
/// <c>application/x-www-form-urlencoded</c> or <c>multipart/form-data</c>). Names are case-insensitive, as the
/// platform's are. A parameter given twice in the same place is refused rather than guessed at.
/// </summary>
internal sealed class ApiRequest
{
    private readonly IQueryCollection query;
    private readonly IFormCollection? form;

    private ApiRequest(IQueryCollection query, IFormCollection? form, bool formUnreadable) =>
        (this.query, this.form, FormUnreadable) = (query, form, formUnreadable);

    /// <summary>The body claimed to be a form but could not be read as one (cut off, too many parameters, a NUL).</summary>
    public bool FormUnreadable { get; }

    public static async Task<ApiRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            return new ApiRequest(request.Query, null, formUnreadable: false);
        }
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return new ApiRequest(request.Query, form, formUnreadable: HoldsNul(form));
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException
            || (ex is IOException && !cancellationToken.IsCancellationRequested))
        {
            // Too many parameters or too long a value (InvalidDataException), a body shorter than announced
            // (BadHttpRequestException), a multipart body cut off before its closing boundary (IOException).
            return new ApiRequest(request.Query, null, formUnreadable: true);
        }
    }

    /// <summary>A NUL is in no parameter of any client: it would be cut or refused further on (PostgreSQL text cannot hold one).</summary>
    private static bool HoldsNul(IFormCollection form) =>
        form.Any(field => field.Key.Contains('\0') || field.Value.Any(value => value?.Contains('\0') == true))
        || form.Files.Any(file => file.Name.Contains('\0') || file.FileName.Contains('\0'));

    /// <summary>The parameter's value as given (untrimmed), or null when it is absent.</summary>
    /// <exception cref="ApiParameterException">The parameter is given more than once.</exception>
    public string? Get(string name) =>
        GetAll(name) switch
        {
            { Count: 0 } => null,
            { Count: 1 } values => values[0],
            _ => throw new ApiParameterException(name, "It is given more than once."),
        };

    /// <summary>Every value given for the parameter where it is first found (query, else form); never throws.</summary>
    public StringValues GetAll(string name)
    {
        if (query.TryGetValue(name, out var values))
        {
            return values;
        }
        return form is not null && form.TryGetValue(name, out values) ? values : StringValues.Empty;
    }
}

/// <summary>
/// A parameter that is missing or invalid: the call answers result 4 naming it. Thrown only while a handler reads
/// its parameters, before it changes anything.
/// </summary>
internal sealed class ApiParameterException(string parameter, string? problem = null)
    : Exception(problem is null ? $"Missing parameter {parameter}." : $"Invalid parameter {parameter}: {problem}")
{
    public string Parameter { get; } = parameter;
}
