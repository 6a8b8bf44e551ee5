using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TokenDashboard.Api;
using TokenDashboard.Tokens;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Api;

/// <summary>
/// With every category at Trace — the framework's request logging included — no token, session or password
/// reaches any log line: not the message, not a structured value, not a scope, not an exception.
/// </summary>
public sealed class ApiLoggingTests : IAsyncLifetime
{
    private readonly CapturedLogs logs = new();
    private readonly AppFactory factory;
    private HttpClient client = default!;

    public ApiLoggingTests()
    {
        factory = new AppFactory
        {
            TestServices = services => services.AddSingleton<ILoggerProvider>(logs),
            Settings =
            {
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
            },
        };
    }

    [Fact]
    public async Task No_credential_or_password_appears_in_any_log_line_at_trace_level()
    {
        var secrets = new List<string> { AppFactory.DemoPassword, Uri.EscapeDataString(AppFactory.DemoPassword) };

        var signin = await client.GetApiAsync("users.Authentication.Signin", session: null, ("login", AppFactory.DemoEmail), ("password", AppFactory.DemoPassword));
        var session = signin["session"].GetString()!;
        var formSignin = await client.PostApiAsync("users.Authentication.Signin", session: null, ("login", AppFactory.DemoEmail), ("password", AppFactory.DemoPassword));
        var created = await client.GetApiAsync("users.Authentication.CreateToken", session,
            ("description", "ci"), ("tokenTemplate", "Extended Access"), ("password", AppFactory.DemoPassword));
        var token = created["token"].GetProperty("key").GetString()!;
        var regenerated = await client.PostApiAsync("users.Authentication.RegenerateToken", session,
            ("id", created["token"].GetProperty("id").GetInt32().ToString()), ("password", AppFactory.DemoPassword));
        var newToken = regenerated["token"].GetProperty("key").GetString()!;
        secrets.AddRange([session, formSignin["session"].GetString()!, token, newToken]);

        await client.GetApiAsync("environment.Control.StopEnv", newToken, ("envName", "my-project"));
        await client.PostApiAsync("environment.Control.StartEnv", newToken, ("envName", "my-project"));
        await client.BearerApiAsync("environment.Control.GetEnvs", newToken);
        await client.GetApiAsync("environment.Control.GetEnvs", token);                      // revoked: 702
        await client.GetApiAsync("environment.Control.GetEnvs", token[..^1] + "!");          // malformed: 702
        await client.GetApiAsync("environment.Control.DeleteEnv", newToken, ("envName", "shop"), ("password", AppFactory.DemoPassword));
        await client.GetApiAsync("users.Authentication.Signout", session);
        await factory.Get<LastUsedRecorder>().FlushAsync();

        var entries = logs.Entries;
        Assert.Contains(entries, e => e.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && e.Message.Contains("session=[redacted]"));
        Assert.Contains(entries, e => e.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && e.Message.Contains("password=[redacted]"));
        foreach (var entry in entries)
        {
            foreach (var secret in secrets)
            {
                Assert.False(entry.Everything.Contains(secret, StringComparison.Ordinal),
                    $"A secret reached the log ({entry.Category}, {entry.Level}): {entry.Everything.Replace(secret, "<SECRET>")}");
            }
        }
    }

    [Fact]
    public async Task Unexpected_exception_answers_99_with_a_correlation_id_that_the_log_line_carries()
    {
        var token = await NewTokenAsync();
        await using (var db = factory.Database.CreateContext())
        {
            // Break the store under the app's feet: the next query fails with an exception nobody expects.
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Deployments\" RENAME TO \"Deployments_Gone\"");
        }

        var answer = await client.GetApiAsync("environment.Deployment.GetDeployments", token, ("envName", "my-project"));

        Assert.Equal(ResultCodes.Unexpected, answer.Result);
        var correlationId = answer["correlationId"].GetString()!;
        Assert.Contains(correlationId, answer.Error);
        Assert.DoesNotContain("Sqlite", answer.Body);
        Assert.DoesNotContain("Npgsql", answer.Body);
        Assert.DoesNotContain(" at ", answer.Body);
        var logged = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error && e.Category == typeof(ApiDispatcher).FullName);
        Assert.Contains(correlationId, logged.Message);
        Assert.Contains("environment.Deployment.GetDeployments", logged.Message);
        Assert.Matches("no such table|relation \"Deployments\" does not exist", logged.Everything);
        Assert.DoesNotContain(token, logged.Everything);
    }

    private async Task<string> NewTokenAsync()
    {
        var issued = await factory.Get<TokenDashboard.Tokens.TokenService>().GenerateAsync(
            await factory.DemoActorAsync(), new TokenDashboard.Tokens.TokenDraft("t", null, "Extended Access"), AppFactory.DemoPassword);
        return issued.Value!.Value;
    }

    public Task InitializeAsync()
    {
        client = factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await factory.DisposeAsync();
    }
}
