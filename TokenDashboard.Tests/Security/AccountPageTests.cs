using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Security;

/// <summary>
/// The account pages under hostile input, over a real port outside Development: foreign return URLs, sign-out with a
/// return URL or without its form token, and the antiforgery cookie over HTTPS. None of it may answer 500. One app
/// for the class; each test signs in as an account of its own.
/// </summary>
public sealed class AccountPageTests(KestrelApiFixture fixture) : IClassFixture<KestrelApiFixture>, IAsyncLifetime
{
    private readonly KestrelAppFactory app = (KestrelAppFactory)fixture.Factory;
    private readonly string email = $"pages-{Guid.NewGuid():N}@example.com";

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example")]
    public async Task Sign_in_with_a_foreign_return_url_signs_in_and_goes_home(string returnUrl)
    {
        var browser = app.NewClient();

        var signin = await browser.PostSignInAsync(email, AppFactory.DemoPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, signin.StatusCode);
        Assert.Equal("/", signin.RedirectTarget());
        Assert.Contains(app.CookiesOf(browser), c => c.Name == ".AspNetCore.Identity.Application");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/settings/account")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_with_a_local_return_url_goes_there()
    {
        var signin = await app.NewClient().PostSignInAsync(email, AppFactory.DemoPassword, "/settings/access-tokens");

        Assert.Equal("/settings/access-tokens", signin.RedirectTarget());
    }

    [Fact]
    public async Task Registration_with_a_foreign_return_url_registers_and_goes_to_the_check_your_inbox_page()
    {
        var browser = app.NewClient();

        var register = await browser.PostFormAsync("/Account/Register?ReturnUrl=https%3A%2F%2Fevil.example%2F", "register", new()
        {
            ["Input.Email"] = $"new-{Guid.NewGuid():N}@example.com",
            ["Input.Password"] = "New-Password-1!",
            ["Input.ConfirmPassword"] = "New-Password-1!",
        });

        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);
        Assert.Equal("/Account/RegisterConfirmation", register.RedirectTarget());
        // Nobody is signed in before the address is confirmed.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/settings/account")).StatusCode);
    }

    [Theory]
    [InlineData("/settings", "/settings")]
    [InlineData("settings/access-tokens", "/settings/access-tokens")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("", "/")]
    public async Task Sign_out_with_a_return_url_signs_out_and_goes_back_only_within_the_site(string returnUrl, string expected)
    {
        var browser = app.NewClient();
        await browser.PostSignInAsync(email, AppFactory.DemoPassword);

        var logout = await browser.PostFormAsync("/Account/Manage/ChangePassword", "", new() { ["ReturnUrl"] = returnUrl }, "/Account/Logout");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(expected, logout.RedirectTarget());
        Assert.StartsWith("/Account/Login", (await browser.GetAsync("/settings/account")).RedirectTarget());
    }

    [Theory]
    [InlineData("/Account/Logout")]
    [InlineData("/Account/Login")]
    public async Task A_post_without_its_form_token_gets_a_400_page_with_the_security_headers(string path)
    {
        var browser = app.NewClient();
        await browser.PostSignInAsync(email, AppFactory.DemoPassword);

        var post = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["ReturnUrl"] = "/settings",
            ["Input.Email"] = email,
            ["Input.Password"] = AppFactory.DemoPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(TokenDashboard.Hosting.SecurityHeaders.ContentSecurityPolicy, post.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", post.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.NotEmpty(await post.Content.ReadAsStringAsync());
        // Nothing happened: still signed in.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/settings/account")).StatusCode);
    }

    [Fact]
    public async Task Over_https_the_antiforgery_cookie_is_secure()
    {
        using var certificate = SelfSignedCertificate();
        await using var https = new KestrelAppFactory(certificate: certificate);
        Assert.Equal("https", https.Address.Scheme);

        var page = await https.NewClient().GetAsync("/Account/Login");

        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel needs the private key in a form it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async Task InitializeAsync() => await app.CreateUserAsync(email);

    public Task DisposeAsync() => Task.CompletedTask;
}
