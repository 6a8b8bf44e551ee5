using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace TokenDashboard.Tests.Api.Compatibility;

/// <summary>One answer read off the socket: status line, headers and the JSON body.</summary>
public sealed record WireAnswer(int StatusCode, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json { get; } = Body.Length == 0 ? default : JsonDocument.Parse(Body).RootElement.Clone();
    public int Result => Json.GetProperty("result").GetInt32();
    public string? Error => Json.TryGetProperty("error", out var error) ? error.GetString() : null;
    public JsonElement this[string name] => Json.GetProperty(name);

    public override string ToString() => $"HTTP {StatusCode} {Body}";
}

/// <summary>
/// Talks to the API byte for byte the way the platform's published clients do (the widely used Python client is the
/// model): every call a <c>GET</c> on <c>/1.0/{service}/{subservice}/rest/{method in lower case}</c> whose query holds
/// the method's parameters plus <c>appid=cluster</c>, a random <c>ruk</c> and <c>session</c>, sorted by name and
/// form-encoded (spaces as '+', everything but letters, digits and <c>_.-~</c> percent-encoded — so <c>*</c> travels
/// as <c>%2A</c> and a datetime as <c>2030-12-31+00%3A00%3A00</c>), with that client's request headers, over a plain
/// socket on one kept-alive connection. Nothing of .NET's HttpClient normalises what goes out.
/// </summary>
public sealed class PlatformClient(Uri server) : IAsyncDisposable
{
    private TcpClient? connection;
    private Stream? stream;

    /// <summary>The credential every call carries as <c>session</c> (a token, or a session from Signin).</summary>
    public string? Session { get; set; }

    /// <summary>The exact bytes of the last request, for failure messages.</summary>
    public string LastRequest { get; private set; } = "";

    /// <summary>"users.Authentication.Signin" with its parameters; null values are left out, as the client does.</summary>
    public Task<WireAnswer> CallAsync(string method, params (string Name, string? Value)[] parameters)
    {
        var parts = method.Split('.');
        var query = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["appid"] = "cluster",
            ["ruk"] = Guid.NewGuid().ToString(),
        };
        if (Session is not null)
        {
            query["session"] = Session;
        }
        foreach (var (name, value) in parameters)
        {
            if (value is not null)
            {
                query[name] = value;
            }
        }
        var target = $"/1.0/{parts[0]}/{parts[1].ToLowerInvariant()}/rest/{parts[2].ToLowerInvariant()}?{Encode(query)}";
        return SendAsync($"GET {target} HTTP/1.1\r\n{Headers()}\r\n");
    }

    /// <summary>The same call as a POST form, as the client's POST variant and hand-written scripts send it.</summary>
    public Task<WireAnswer> PostAsync(string method, params (string Name, string? Value)[] parameters)
    {
        var parts = method.Split('.');
        var form = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["appid"] = "cluster", ["ruk"] = Guid.NewGuid().ToString() };
        if (Session is not null)
        {
            form["session"] = Session;
        }
        foreach (var (name, value) in parameters.Where(p => p.Value is not null))
        {
            form[name] = value!;
        }
        var body = Encode(form);
        var target = $"/1.0/{parts[0]}/{parts[1].ToLowerInvariant()}/rest/{parts[2].ToLowerInvariant()}";
        return SendAsync($"POST {target} HTTP/1.1\r\n{Headers()}Content-Type: application/x-www-form-urlencoded; charset=UTF-8\r\n" +
                         $"Content-Length: {Encoding.ASCII.GetByteCount(body)}\r\n\r\n{body}");
    }

    /// <summary>A raw request line and headers of the caller's making (any verb); the Host header is added.</summary>
    public Task<WireAnswer> SendRawAsync(string verb, string target) =>
        SendAsync($"{verb} {target} HTTP/1.1\r\n{Headers()}{(verb is "POST" or "PUT" or "PATCH" ? "Content-Length: 0\r\n" : "")}\r\n");

    private string Headers() =>
        $"Host: {server.Authority}\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate\r\nConnection: keep-alive\r\nUser-Agent: python-httpx/0.27.0\r\n";

    /// <summary>Python's urlencode(quote_via=quote_plus).</summary>
    public static string Encode(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join("&", parameters.Select(p => $"{QuotePlus(p.Key)}={QuotePlus(p.Value)}"));

    private static string QuotePlus(string text)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '~')
            {
                encoded.Append(c);
            }
            else if (c == ' ')
            {
                encoded.Append('+');
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }

    private async Task<WireAnswer> SendAsync(string request)
    {
        LastRequest = request;
        if (stream is null)
        {
            connection = new TcpClient();
            await connection.ConnectAsync(server.Host, server.Port);
            stream = connection.GetStream();
        }
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        var answer = await ReadAnswerAsync(stream, headOnly: request.StartsWith("HEAD ", StringComparison.Ordinal));
        if (answer.Headers.TryGetValue("connection", out var close) && close.Equals("close", StringComparison.OrdinalIgnoreCase))
        {
            await DisposeAsync();
        }
        return answer;
    }

    private static async Task<WireAnswer> ReadAnswerAsync(Stream stream, bool headOnly)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException($"The server closed the connection after {head.Count} bytes of the answer's head.");
            }
            head.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(h => h[0].Trim().ToLowerInvariant(), h => h[1].Trim());
        if (headOnly)
        {
            return new WireAnswer(status, headers, "");
        }
        if (!headers.TryGetValue("content-length", out var length))
        {
            throw new InvalidOperationException("The answer has no Content-Length; the platform's clients read a sized JSON body.");
        }
        var body = new byte[int.Parse(length, CultureInfo.InvariantCulture)];
        await stream.ReadExactlyAsync(body);
        return new WireAnswer(status, headers, Encoding.UTF8.GetString(body));
    }

    public async ValueTask DisposeAsync()
    {
        if (stream is not null)
        {
            await stream.DisposeAsync();
        }
        connection?.Dispose();
        (stream, connection) = (null, null);
    }
}
