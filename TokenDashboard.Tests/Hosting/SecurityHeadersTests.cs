using TokenDashboard.Hosting;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Hosting;

public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private readonly AppFactory factory = new();

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/healthz")]
    [InlineData("/settings")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync(path);

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Pages_contain_no_inline_script_the_policy_would_block()
    {
        var html = await factory.CreateBrowserLikeClient().GetStringAsync("/Account/Login");

        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script(?<attributes>[^>]*)>");
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Contains("src=", s.Groups["attributes"].Value));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();
}
