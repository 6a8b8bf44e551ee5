using System.Net.Http.Headers;
using System.Text.Json;
using TokenDashboard.Api;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>One answer of the platform API, parsed.</summary>
public sealed record ApiAnswer(JsonElement Json, HttpResponseMessage Response, string Body)
{
    public int Result => Json.GetProperty("result").GetInt32();
    public string? Error => Json.TryGetProperty("error", out var error) ? error.GetString() : null;
    public string? Parameter => Json.TryGetProperty("parameter", out var parameter) ? parameter.GetString() : null;
    public JsonElement this[string name] => Json.GetProperty(name);

    public override string ToString() => Body;
}

/// <summary>Calls the platform API the way scripts do: GET with a query, POST with a form, or a Bearer header.</summary>
public static class ApiClient
{
    /// <summary>"/1.0/environment/control/rest/stopenv" for "environment.Control.StopEnv".</summary>
    public static string PathOf(string method) =>
        "/1.0/" + (ApiCatalog.Find(method) ?? throw new ArgumentException($"Not in the catalog: {method}", nameof(method))).Path;

    public static Task<ApiAnswer> GetApiAsync(this HttpClient client, string method, string? session, params (string Name, string Value)[] parameters) =>
        client.SendApiAsync(HttpMethod.Get, PathOf(method), session, bearer: null, parameters);

    public static Task<ApiAnswer> PostApiAsync(this HttpClient client, string method, string? session, params (string Name, string Value)[] parameters) =>
        client.SendApiAsync(HttpMethod.Post, PathOf(method), session, bearer: null, parameters);

    public static Task<ApiAnswer> BearerApiAsync(this HttpClient client, string method, string token, params (string Name, string Value)[] parameters) =>
        client.SendApiAsync(HttpMethod.Get, PathOf(method), session: null, bearer: token, parameters);

    /// <summary>Any path, for routing tests; the session (when given) goes in the query or the form.</summary>
    public static async Task<ApiAnswer> SendApiAsync(this HttpClient client, HttpMethod verb, string path, string? session, string? bearer,
        params (string Name, string Value)[] parameters)
    {
        var all = session is null ? parameters : [.. parameters, ("session", session)];
        using var request = new HttpRequestMessage(verb, verb == HttpMethod.Get && all.Length > 0 ? $"{path}?{Query(all)}" : path);
        if (verb == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent(all.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
        }
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new ApiAnswer(JsonDocument.Parse(body).RootElement.Clone(), response, body);
    }

    public static string Query(IEnumerable<(string Name, string Value)> parameters) =>
        string.Join("&", parameters.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));
}
