using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts;

public sealed record AccountProfile(string Email, DateTime CreatedAt);

/// <summary>What the Account tab shows about the signed-in user (the API reads profiles through <see cref="AccountDirectory"/>).</summary>
public sealed class AccountProfileService(UserManager<AppUser> users)
{
    public async Task<AccountProfile?> GetAsync(ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        return user is null ? null : Profile(user);
    }

    private static AccountProfile Profile(AppUser user) => new(user.Email ?? user.UserName ?? "", user.CreatedAt);
}
