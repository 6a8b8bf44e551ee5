using Microsoft.AspNetCore.Authorization;

namespace TokenDashboard.Accounts.Admin;

/// <summary>The <see cref="AdminRole.Policy"/> requirement: the signed-in account is an administrator now.</summary>
internal sealed class AdministratorRequirement : IAuthorizationRequirement;

/// <summary>
/// Checks the requirement against the database (<see cref="Administrators"/>), not the cookie's role claims, so that a
/// demoted or disabled administrator is refused at the next page, whatever cookie they still hold.
/// </summary>
internal sealed class AdministratorRequirementHandler(Administrators administrators) : AuthorizationHandler<AdministratorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdministratorRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && await administrators.IsAdministratorAsync(context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value))
        {
            context.Succeed(requirement);
        }
    }
}
