using Microsoft.AspNetCore.Identity;

namespace TokenDashboard.Data;

/// <summary>An account of the dashboard. Identity owns the columns; we add when it was created and its number.</summary>
public sealed class AppUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// The account's number, as the platform's clients know an account (<c>uid</c>): given by the database when the
    /// account is inserted (see the provider contexts), unique, never changed, and unrelated to <see cref="IdentityUser.Id"/>.
    /// </summary>
    public int Uid { get; set; }

    /// <summary>
    /// When an administrator disabled the account; null while it is enabled. A disabled account cannot sign in, and
    /// its tokens and sessions are refused (702).
    /// </summary>
    public DateTime? DisabledAt { get; set; }
}
