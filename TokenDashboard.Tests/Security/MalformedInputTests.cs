using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Security;

/// <summary>
/// Malformed requests on a real socket, as a stranger sends them: the two-factor step without its first step or with
/// query values it cannot read, a page's query parameter of the wrong type, and API bodies that cannot be read
/// (cut off, a NUL, 10,000 parameters). Each gets a clear answer — the sign-in page, the page itself, or result 4
/// naming the body — never a 500, never 99, and nothing logged as an error.
/// </summary>
public sealed class MalformedInputTests(MalformedInputTests.Fixture fixture) : IClassFixture<MalformedInputTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public CapturedLogs Logs { get; } = new();

        public KestrelAppFactory Factory { get; }

        public Fixture() => Factory = new KestrelAppFactory { TestServices = s => s.AddSingleton<ILoggerProvider>(Logs) };

        public Task InitializeAsync()
        {
            Factory.Start();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    private KestrelAppFactory Factory => fixture.Factory;

    [Fact]
    public async Task Posting_the_two_factor_step_without_the_first_steps_cookie_leads_to_sign_in()
    {
        using var client = Factory.NewClient();

        var response = await client.PostFormAsync("/Account/Login", "login-2fa", new() { ["Input.Code"] = "123456" }, action: "/Account/LoginWith2fa");

        // The page sends the visitor to sign-in before its form exists, so the post names no form on it: a 400.
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/Account/Login", response.RedirectTarget());
        }
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        AssertNothingLoggedAsError();
    }

    [Theory]
    [InlineData("?recovery=maybe")]
    [InlineData("?rememberMe=yes")]
    [InlineData("?recovery=1&rememberMe=%00")]
    public async Task The_two_factor_step_with_query_values_it_cannot_read_leads_to_sign_in(string query)
    {
        using var client = Factory.NewClient();

        var response = await client.GetAsync("/Account/LoginWith2fa" + query);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.RedirectTarget());
        AssertNothingLoggedAsError();
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    [InlineData("-1")]
    public async Task The_tokens_tab_with_a_token_that_is_not_a_number_shows_the_tab(string token)
    {
        using var client = Factory.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostSignInAsync(AppFactory.DemoEmail, AppFactory.DemoPassword)).StatusCode);

        var response = await client.GetAsync($"/settings/access-tokens?token={token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Access Tokens", await response.Content.ReadAsStringAsync());
        AssertNothingLoggedAsError();
    }

    public static TheoryData<string> Methods => new(ApiCatalog.All.Select(m => m.FullName));

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_cut_off_multipart_body_is_result_4_naming_the_body_without_credentials(string method)
    {
        var body = "--XyZ\r\nContent-Disposition: form-data; name=\"envName\"\r\n\r\nmy-pro";

        var answer = await PostRawAsync(method, body, "multipart/form-data; boundary=XyZ");

        AssertBodyRefused(answer);
    }

    [Fact]
    public async Task A_form_body_holding_a_NUL_is_result_4_naming_the_body()
    {
        var answer = await PostRawAsync("environment.Control.GetEnvs", "envName=my\0project&x=1", "application/x-www-form-urlencoded");

        AssertBodyRefused(answer);
    }

    [Fact]
    public async Task A_form_body_of_ten_thousand_parameters_is_result_4_naming_the_body()
    {
        var body = string.Join("&", Enumerable.Range(0, 10_000).Select(i => $"p{i}=1"));

        var answer = await PostRawAsync("users.Authentication.GetTokens", body, "application/x-www-form-urlencoded");

        AssertBodyRefused(answer);
    }

    [Fact]
    public async Task A_form_body_cut_off_by_a_client_that_stops_sending_is_never_a_99_nor_an_error_in_the_log()
    {
        // Half a form: the client promises 200 bytes, sends 20 and closes its side, as a dropped upload does.
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(Factory.Address.Host, Factory.Address.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST {ApiClient.PathOf("environment.Control.GetEnvs")} HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\nenvName=my-project&se"));
        socket.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        string answer;
        try
        {
            answer = await new StreamReader(stream).ReadToEndAsync();
        }
        catch (IOException)
        {
            answer = ""; // the server dropped the connection (a reset rather than a close): no answer either
        }

        // The server sees the client gone and has nobody to answer; if it answers, the body is what it names.
        if (answer.Length > 0)
        {
            Assert.StartsWith("HTTP/1.1 200", answer);
            var json = JsonDocument.Parse(answer[answer.IndexOf('{')..(answer.LastIndexOf('}') + 1)]).RootElement;
            Assert.Equal((4, "body"), (json.GetProperty("result").GetInt32(), json.GetProperty("parameter").GetString()));
        }
        AssertNothingLoggedAsError();
    }

    private void AssertBodyRefused((HttpResponseMessage Response, JsonElement Json) answer)
    {
        Assert.Equal(HttpStatusCode.OK, answer.Response.StatusCode);
        Assert.Equal(4, answer.Json.GetProperty("result").GetInt32());
        Assert.Equal("body", answer.Json.GetProperty("parameter").GetString());
        Assert.Contains("body cannot be read", answer.Json.GetProperty("error").GetString());
        AssertNothingLoggedAsError();
    }

    private void AssertNothingLoggedAsError() =>
        // EF's probe for the migrations table on a fresh PostgreSQL database logs an error at start-up; not a request's.
        Assert.DoesNotContain(fixture.Logs.Entries, e => e.Level >= LogLevel.Error && !e.Message.Contains("__EFMigrationsHistory", StringComparison.Ordinal));

    private async Task<(HttpResponseMessage Response, JsonElement Json)> PostRawAsync(string method, string body, string contentType)
    {
        using var client = Factory.NewClient();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = await client.PostAsync(ApiClient.PathOf(method), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonDocument.Parse(text).RootElement.Clone());
    }
}
