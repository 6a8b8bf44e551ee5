using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>Signs in over HTTP the way a browser does: GET the form, post it back with its antiforgery token.</summary>
public static partial class SignInClient
{
    public static HttpClient CreateBrowserLikeClient(this AppFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpResponseMessage> PostSignInAsync(this HttpClient client, string email, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var form = await client.GetStringAsync(path);
        return await client.PostAsync(path, LoginForm(form, email, password));
    }

    /// <summary>The sign-in form's fields, with the antiforgery token of the page <paramref name="formHtml"/>.</summary>
    public static FormUrlEncodedContent LoginForm(string formHtml, string email, string password) =>
        new(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(formHtml).Groups[1].Value),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    /// <summary>
    /// Posts a static-SSR form the way a browser does: GET it, then post the fields with its antiforgery token — to the
    /// page itself, or to <paramref name="action"/> (a form whose action is another endpoint, such as Sign out).
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, string handler, Dictionary<string, string> fields,
        string? action = null)
    {
        var form = await client.GetStringAsync(path);
        var antiforgery = AntiforgeryField().Match(form).Groups[1].Value;
        return await client.PostAsync(action ?? path, new FormUrlEncodedContent(new Dictionary<string, string>(fields)
        {
            ["_handler"] = handler,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery),
        }));
    }

    /// <summary>Where a redirect points, as a path and query (the test server answers with absolute URLs).</summary>
    public static string RedirectTarget(this HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
