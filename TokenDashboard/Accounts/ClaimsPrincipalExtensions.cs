using System.Security.Claims;

namespace TokenDashboard.Accounts;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in user's id, as Identity put it in the cookie; services act on nothing else.</summary>
    public static string RequireUserId(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The principal is not signed in.");
}
