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

        // The form is read by hand (a [FromForm] parameter would turn a bad token into an exception); the token is
        // checked by UseAntiforgery and a bad one answered by the 400 page (Hosting/AntiforgeryRefusal).
        accountGroup.MapPost("/Logout", async (HttpContext http, SignInManager<AppUser> signInManager) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            // Ends this browser's session record too, so a copy of the cookie opens nothing afterwards.
            await signInManager.SignOutAsync();
            // Only a path of this site; anything else (another site, "//host") goes home rather than failing.
            return Results.LocalRedirect("~/" + ReturnUrl.ToLocalPath(form["ReturnUrl"]));
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());

        return accountGroup;
    }
}
