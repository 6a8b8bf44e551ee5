using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TokenDashboard.Tokens.Usage;
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
        await factory.Get<TokenUseLog>().FlushAsync();

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
    public async Task Percent_encoded_credential_names_are_redacted_like_plain_ones()
    {
        var token = await NewTokenAsync();
        // %73ession is "session" and %74dt_ is "tdt_" once decoded: the API takes them as such, so must the redactor.
        var encoded = "%74" + token[1..];

        // Sent exactly as written: HttpClient would normalise %73 to "s" before it left, as no attacker's tool does.
        var envs = await RawGetAsync("/1.0/environment/control/rest/getenvs", $"?%73ession={encoded}");
        var delete = await RawGetAsync("/1.0/environment/control/rest/deleteenv",
            $"?envName=shop&%73ession={encoded}&%70assword={Uri.EscapeDataString(AppFactory.DemoPassword)}");

        Assert.Contains("\"result\":0", envs);
        Assert.Contains("\"result\":0", delete);
        var entries = logs.Entries;
        Assert.Contains(entries, e => e.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && e.Message.Contains("session=[redacted]"));
        Assert.Contains(entries, e => e.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && e.Message.Contains("password=[redacted]"));
        foreach (var secret in new[] { token[4..], AppFactory.DemoPassword, Uri.EscapeDataString(AppFactory.DemoPassword) })
        {
            Assert.DoesNotContain(entries, e => e.Everything.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Hub_invocations_and_database_parameters_never_reach_a_sink_whatever_the_level()
    {
        var loggers = factory.Services.GetRequiredService<ILoggerFactory>();
        const string typed = "Typed-Into-A-Field-5521";

        // SignalR's dispatcher logs each invocation with its arguments at Debug: a Blazor event carries the field's value.
        loggers.CreateLogger("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher")
            .LogDebug("Received hub invocation: {InvocationMessage}.", $"InvocationMessage {{ Target: \"DispatchBrowserEvent\", Arguments: [ {{\"value\":\"{typed}\"}} ] }}");
        loggers.CreateLogger("Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost").LogTrace("Event args {Args}", typed);
        // EF Core writes parameter values when sensitive data logging is on.
        loggers.CreateLogger("Microsoft.EntityFrameworkCore.Database.Command")
            .LogInformation("Executed DbCommand ({Elapsed}ms) [Parameters=[{Parameters}]]", 1, $"@p0='{typed}' (Size = 23)");

        Assert.DoesNotContain(logs.Entries, e => e.Everything.Contains(typed, StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Category == "Microsoft.EntityFrameworkCore.Database.Command" && e.Message.Contains("@p0=[redacted]"));
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

    private async Task<string> RawGetAsync(string path, string query)
    {
        var context = await factory.Server.SendAsync(http =>
        {
            http.Request.Method = "GET";
            http.Request.Path = path;
            http.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString(query);
        });
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
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
