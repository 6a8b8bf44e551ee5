using Microsoft.AspNetCore.Identity;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts.Policies;

/// <summary>
/// The policy "two-factor required for every account", for an account that is signed in: whether it must set two
/// factors up before it may use anything else. Read on every page the account opens (the policy is remembered; the
/// account's own flag is one indexed read), so turning it on reaches open pages at their next step.
/// </summary>
internal sealed class TwoFactorRequirement(PolicyStore policies, IServiceScopeFactory scopes)
{
    /// <summary>Where the account goes to set it up: the Account tab of Settings, with its two-factor section.</summary>
    public const string SetupPath = "/settings/account";

    public async Task<bool> MustSetUpAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (!(await policies.GetAsync(cancellationToken)).RequireTwoFactor)
        {
            return false;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.FindByIdAsync(userId) is { } user && !await users.GetTwoFactorEnabledAsync(user);
    }
}
