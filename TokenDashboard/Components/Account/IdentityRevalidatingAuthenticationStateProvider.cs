using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TokenDashboard.Accounts;
using TokenDashboard.Data;

namespace TokenDashboard.Components.Account;

// A server-side AuthenticationStateProvider that revalidates the connected user every minute (Accounts:
// OpenPageRevalidationSeconds) while an interactive circuit is connected: the browser sign-in must still exist (Sign
// out, a password change or ending the session elsewhere deletes it) and the security stamp must be unchanged. Either
// failing signs this circuit out within that time (token changes check the stamp at once, see PasswordConfirmation).
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        BrowserSessions browserSessions,
        IOptions<IdentityOptions> options,
        IOptions<AccountOptions> accountOptions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => accountOptions.Value.OpenPageRevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        if (principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId
            || principal.FindFirstValue(BrowserSessions.ClaimType) is not { } sessionId
            // Not cancelled with the circuit: a revalidation cut short would be logged as a failure.
            || !await browserSessions.IsActiveAsync(userId, sessionId, CancellationToken.None))
        {
            return false;
        }
        // Get the user manager from a new scope to ensure it fetches fresh data
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await ValidateSecurityStampAsync(userManager, authenticationState.User);
    }

    private async Task<bool> ValidateSecurityStampAsync(UserManager<AppUser> userManager, ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }
        else if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }
        else
        {
            var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
            var userStamp = await userManager.GetSecurityStampAsync(user);
            return principalStamp == userStamp;
        }
    }
}
