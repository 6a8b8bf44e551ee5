using Microsoft.AspNetCore.Identity;

namespace TokenDashboard.Data;

/// <summary>An account of the dashboard. Identity owns the columns; we only add when it was created.</summary>
public sealed class AppUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }
}
