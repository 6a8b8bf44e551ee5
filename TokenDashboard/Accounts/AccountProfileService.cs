using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts;

public sealed record AccountProfile(string Email, DateTime CreatedAt);

/// <summary>What the Account tab (and users.Account.GetUserInfo) shows about a user.</summary>
public sealed class AccountProfileService(UserManager<AppUser> users)
{
    public async Task<AccountProfile?> GetAsync(ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        return user is null ? null : Profile(user);
    }

    /// <summary>The profile of the user a validated API credential belongs to.</summary>
    public async Task<AccountProfile?> GetByIdAsync(string userId)
    {
        var user = await users.FindByIdAsync(userId);
        return user is null ? null : Profile(user);
    }

    private static AccountProfile Profile(AppUser user) => new(user.Email ?? user.UserName ?? "", user.CreatedAt);
}
