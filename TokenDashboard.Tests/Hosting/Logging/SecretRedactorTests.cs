using TokenDashboard.Hosting.Logging;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Hosting.Logging;

public sealed class SecretRedactorTests
{
    private static readonly string Token = TokenFormat.Generate();

    [Theory]
    [InlineData("GET /1.0/environment/control/rest/stopenv?envName=my-project&session={0}", "GET /1.0/environment/control/rest/stopenv?envName=my-project&session=[redacted]")]
    [InlineData("?SESSION={0}&x=1", "?SESSION=[redacted]&x=1")]
    [InlineData("Authorization: Bearer {0}", "Authorization: Bearer [redacted]")]
    [InlineData("a token {0} in prose", "a token tdt_[redacted] in prose")]
    [InlineData("login=me&password=Hunter2%21", "login=me&password=[redacted]")]
    [InlineData("GET /1.0/environment/control/rest/getenvs?%73ession={0}", "GET /1.0/environment/control/rest/getenvs?session=[redacted]")]
    [InlineData("GET /1.0/environment/control/rest/getenvs?%73ession=%74{1}&x=1", "GET /1.0/environment/control/rest/getenvs?session=[redacted]&x=1")]
    [InlineData("?envName=shop&%70assword=Hunter2%21", "?envName=shop&password=[redacted]")]
    [InlineData("?envName=shop&%2570assword=Hunter2", "?envName=shop&password=[redacted]")]
    [InlineData("?x=%74{1}", "?x=tdt_[redacted]")]
    [InlineData("?%73ession=%0Aforged%20line", "?session=[redacted]")]
    [InlineData("Executed DbCommand (1ms) [Parameters=[@p0='Hunter2' (Size = 7), @__hash_0='0x1234'], CommandType='Text']",
        "Executed DbCommand (1ms) [Parameters=[@p0=[redacted] (Size = 7), @__hash_0=[redacted]], CommandType='Text']")]
    // A raw character a client left unescaped is part of the value: nothing of it survives, up to the next '&'.
    [InlineData("login=x&password=Ab%23Quote'TailSecret-2026", "login=x&password=[redacted]")]
    [InlineData("?password=Ab\"Dq<Lt>Gt'Sq&envName=shop", "?password=[redacted]&envName=shop")]
    [InlineData("login=x&password=two words and more", "login=x&password=[redacted]")]
    [InlineData("?%70assword=Ab%23c'Tail\"Dq&x=1", "?password=[redacted]&x=1")]
    [InlineData("'password=Ab%26Tail'", "'password=[redacted]")]
    [InlineData("bad request line: 'GET /x?session=abc def HTTP/1.1'", "bad request line: 'GET /x?session=[redacted]")]
    [InlineData("tokens=aaa,bbb;ccc&x=1", "tokens=[redacted]&x=1")]
    public void Credentials_are_replaced_and_the_rest_is_kept(string template, string expected)
    {
        Assert.Equal(expected, SecretRedactor.Redact(string.Format(template, Token, Token[1..])));
    }

    [Fact]
    public void Session_values_are_redacted_anywhere()
    {
        Assert.Equal("closed tds_[redacted].", SecretRedactor.Redact("closed tds_" + new string('A', 40) + "."));
    }

    [Theory]
    [InlineData("Request finished HTTP/1.1 GET /api-docs - 200")]
    [InlineData("sessions=3 passwords are hashed")]
    [InlineData("environment.Control.StopEnv")]
    [InlineData("GET /1.0/environment/control/rest/getenvs?envName=my%20project")]
    public void Text_without_credentials_is_left_alone(string text)
    {
        Assert.Same(text, SecretRedactor.Redact(text));
    }

    [Fact]
    public void A_line_around_a_redacted_value_keeps_what_follows_the_value()
    {
        const string query = "?login=x&password=Ab%23Quote'TailSecret-2026";
        var line = $"Request finished HTTP/1.1 GET http://h/1.0/users/authentication/rest/signin{query} - 200 43 application/json 5.1ms";

        var redacted = SecretRedactor.RedactAround(line, [query]);

        Assert.Equal("Request finished HTTP/1.1 GET http://h/1.0/users/authentication/rest/signin?login=x&password=[redacted] - 200 43 application/json 5.1ms", redacted);
    }
}
