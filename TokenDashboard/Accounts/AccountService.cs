using Microsoft.AspNetCore.Identity;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts;

/// <summary>Changes to the account itself. Pages call this; they do not orchestrate Identity and the session store.</summary>
internal sealed class AccountService(UserManager<AppUser> users, ApiSessionStore apiSessions)
{
    /// <summary>
    /// Changes the password and ends the account's other sign-ins: the security stamp moves, so every other browser
    /// is signed out at its next check (within a minute) and can no longer change tokens at all; API sessions end now.
    /// The caller refreshes its own cookie.
    /// </summary>
    public async Task<IdentityResult> ChangePasswordAsync(AppUser user, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (changed.Succeeded)
        {
            await apiSessions.RevokeAllAsync(user.Id, cancellationToken);
        }
        return changed;
    }
}
