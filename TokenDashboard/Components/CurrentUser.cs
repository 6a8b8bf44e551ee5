using System.Security.Claims;

namespace TokenDashboard.Components;

/// <summary>The signed-in user's id as Identity puts it in the principal (its default user-id claim).</summary>
public static class CurrentUser
{
    public static string Id(ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The signed-in principal carries no user id.");
}
