using System.Text.Json;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Hosting.Logging;

/// <summary>
/// <c>Logging:Console:FormatterName=json</c>, as an operator feeding a log collector sets it: the process writes one
/// JSON object per line on stdout (the start-up banner goes to stderr), and the redaction holds in that shape too (request URLs with the token in the query logged
/// at Information, the credential's value nowhere).
/// </summary>
public sealed class JsonConsoleLogTests
{
    [Fact]
    public async Task Json_console_logs_are_one_object_per_line_and_carry_no_secret()
    {
        using var database = new TempDatabase(DatabaseProvider.Sqlite);
        using var app = await AppInstance.StartAsync(database, new Dictionary<string, string>
        {
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Information",
        });
        var session = await app.SigninAsync();
        var created = await app.Client.PostApiAsync("users.Authentication.CreateToken", session,
            ("description", "json logs"), ("tokenTemplate", "ide plugins"), ("password", AppFactory.DemoPassword));
        var token = created["token"].GetProperty("key").GetString()!;
        Assert.Equal(0, (await app.Client.GetApiAsync("users.Account.GetUserInfo", token)).Result);
        Assert.Equal(0, (await app.Client.GetApiAsync("users.Account.GetUserInfo", session)).Result);
        await Task.Delay(500); // the console logger writes from a queue of its own

        var lines = app.Output.Where(l => l.Length > 0).ToList();
        Assert.Contains(lines, l => l.Contains("getuserinfo", StringComparison.OrdinalIgnoreCase));
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line); // throws on anything but one JSON object per line
            Assert.Equal(JsonValueKind.Object, entry.RootElement.ValueKind);
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _), line);
            Assert.DoesNotContain(token[4..], line);
            Assert.DoesNotContain(session[4..], line);
            Assert.DoesNotContain(AppFactory.DemoPassword, line);
        }
        Assert.All(app.Errors, line => Assert.DoesNotContain(token[4..], line));
    }
}
