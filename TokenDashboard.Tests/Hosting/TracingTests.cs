using System.Collections.Concurrent;
using System.Net;
using System.Text;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Hosting;

/// <summary>
/// Traces by OTLP, as a collector receives them: the app as a process with the standard OTEL_EXPORTER_OTLP_* variables
/// pointed at a listener here, which keeps every export it is sent. The spans of API calls and of EF Core arrive, and
/// none of them carries the token, the session or the password that went over the wire in query strings and forms.
/// </summary>
public sealed class TracingTests
{
    [Fact]
    public async Task Traces_go_out_by_OTLP_with_request_and_EF_Core_spans_and_no_credential()
    {
        var port = AppInstance.FreePort();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var exports = new ConcurrentQueue<byte[]>();
        var receiving = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await collector.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                exports.Enqueue(body.ToArray());
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        using var database = new TempDatabase(DatabaseProvider.Sqlite);
        using var app = await AppInstance.StartAsync(database, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        var session = await app.SigninAsync();
        var created = await app.Client.PostApiAsync("users.Authentication.CreateToken", session,
            ("description", "traced"), ("tokenTemplate", "ide plugins"), ("password", AppFactory.DemoPassword));
        var token = created["token"].GetProperty("key").GetString()!;
        Assert.Equal(0, (await app.Client.GetApiAsync("users.Account.GetUserInfo", token)).Result);
        Assert.Equal(0, (await app.Client.GetApiAsync("environment.Control.GetEnvs", session)).Result);

        string everything;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await Task.Delay(250);
            // Protobuf keeps strings as UTF-8 bytes: a credential in any attribute would appear as such.
            everything = string.Join("\n", exports.Select(e => Encoding.UTF8.GetString(e)));
        }
        while (!(everything.Contains("getuserinfo", StringComparison.OrdinalIgnoreCase) && everything.Contains("getenvs", StringComparison.OrdinalIgnoreCase)
                 && everything.Contains("EntityFrameworkCore", StringComparison.Ordinal)) && DateTime.UtcNow < deadline);
        collector.Stop();
        await receiving;

        Assert.Contains("getuserinfo", everything, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("EntityFrameworkCore", everything);
        foreach (var secret in new[] { token[4..], session[4..], AppFactory.DemoPassword, Uri.EscapeDataString(AppFactory.DemoPassword) })
        {
            Assert.DoesNotContain(secret, everything);
        }
    }
}
