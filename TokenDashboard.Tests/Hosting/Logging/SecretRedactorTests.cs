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
    public void Credentials_are_replaced_and_the_rest_is_kept(string template, string expected)
    {
        Assert.Equal(expected, SecretRedactor.Redact(string.Format(template, Token)));
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
    public void Text_without_credentials_is_left_alone(string text)
    {
        Assert.Same(text, SecretRedactor.Redact(text));
    }
}
