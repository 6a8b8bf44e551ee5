using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace TokenDashboard.Accounts;

internal static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in user's id, as Identity put it in the cookie; services act on nothing else.</summary>
    public static string RequireUserId(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The principal is not signed in.");

    /// <summary>The signed-in user as the services see them, with the security stamp the cookie was issued for.</summary>
    public static Actor ToActor(this ClaimsPrincipal principal, string? ip = null) =>
        new(principal.RequireUserId(), ip, principal.FindFirstValue(new ClaimsIdentityOptions().SecurityStampClaimType));
}
