using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using TokenDashboard.Components.Account;
using TokenDashboard.Data;

namespace Microsoft.AspNetCore.Routing;

internal static class IdentityComponentsEndpointRouteBuilderExtensions
{
    /// <summary>Endpoints the static Identity pages post to (sign-out needs a real HTTP response to clear the cookie).</summary>
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var accountGroup = endpoints.MapGroup("/Account");

        // Antiforgery is checked here rather than by the framework, whose refusal surfaces as an exception (a 500
        // whose error page cannot render a POST): a post without a valid token gets a plain 400 page instead.
        accountGroup.MapPost("/Logout", async (HttpContext http, SignInManager<AppUser> signInManager, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Content(BadRequestPage, "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            // Ends this browser's session record too, so a copy of the cookie opens nothing afterwards.
            await signInManager.SignOutAsync();
            return Results.LocalRedirect("~/" + ReturnUrl.ToLocalPath(form["ReturnUrl"]));
        }).DisableAntiforgery();

        return accountGroup;
    }

    private const string BadRequestPage =
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bad request · TokenDashboard</title></head>" +
        "<body><h1>Bad request</h1><p>The form was missing its security token or it had expired. Go back, reload the page and try again.</p>" +
        "<p><a href=\"/\">Home</a></p></body></html>";
}
