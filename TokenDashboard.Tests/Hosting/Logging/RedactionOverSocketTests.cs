using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Hosting.Logging;

/// <summary>
/// Credentials written raw on a real socket — quotes, brackets and spaces a client left unescaped — never reach a
/// log in part: the framework's request lines (Information) and Kestrel's bad-request detail (Debug) alike.
/// </summary>
public sealed class RedactionOverSocketTests : IAsyncLifetime
{
    private readonly CapturedLogs logs = new();
    private readonly KestrelAppFactory factory;

    public RedactionOverSocketTests()
    {
        factory = new KestrelAppFactory
        {
            TestServices = services => services.AddSingleton<ILoggerProvider>(logs),
            Settings =
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
            },
        };
    }

    [Theory]
    [InlineData("Ab%23Quote'TailSecret-2026", "TailSecret-2026")]
    [InlineData("Ab\"DoubleTail-77", "DoubleTail-77")]
    [InlineData("Ab<AngleTail-88>", "AngleTail-88")]
    [InlineData("%41b'Enc<Tail-99", "Tail-99")]
    public async Task A_password_with_raw_quotes_or_brackets_is_redacted_whole_in_the_request_log(string password, string tail)
    {
        var answer = await RawAsync($"GET /1.0/users/authentication/rest/signin?login=x&password={password} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200", answer);
        Assert.Contains("\"result\":", answer);
        var requestLines = logs.Entries.Where(e => e.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && e.Message.Contains("/signin")).ToList();
        Assert.NotEmpty(requestLines);
        Assert.All(requestLines, e => Assert.Contains("password=[redacted]", e.Message));
        // What follows the query string in the line (the status of the finished request) is kept.
        Assert.Contains(requestLines, e => e.Message.Contains("password=[redacted] - 200", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Everything.Contains(tail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_line_broken_inside_a_password_is_redacted_in_kestrels_bad_request_detail()
    {
        var answer = await RawAsync("GET /1.0/users/authentication/rest/signin?login=x&password=Ab'Split Tail-Secret-31 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400", answer);
        Assert.Contains(logs.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) && e.Everything.Contains("password=[redacted]"));
        Assert.DoesNotContain(logs.Entries, e => e.Everything.Contains("Tail-Secret-31", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Everything.Contains("Ab'Split", StringComparison.Ordinal));
    }

    /// <summary>Written byte for byte: HttpClient would escape the very characters under test.</summary>
    private async Task<string> RawAsync(string request)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(factory.Address.Host, factory.Address.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync();
        // The request's log lines are written as it finishes; give the finished line its moment.
        for (var i = 0; i < 50 && !logs.Entries.Any(e => e.Message.StartsWith("Request finished", StringComparison.Ordinal) || e.Category.Contains("Kestrel.BadRequests")); i++)
        {
            await Task.Delay(20);
        }
        return answer;
    }

    public Task InitializeAsync()
    {
        factory.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();
}
