namespace TokenDashboard.Data;

/// <summary>
/// An administrator's invitation to register, while registration is by invitation: the address it was sent to and
/// the SHA-256 of the one-time code its link carries (the code itself is only ever in the mail). Used once.
/// </summary>
public sealed class Invitation
{
    public long Id { get; set; }

    /// <summary>The address, normalised as Identity normalises emails: the account registered with it must have it.</summary>
    public required string NormalizedEmail { get; set; }

    public required byte[] CodeHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    public string? InvitedBy { get; set; }
}
