namespace TokenDashboard.Data;

/// <summary>
/// A session opened by users.Authentication.Signin. Like a token, only its SHA-256 is stored;
/// it expires after a period of disuse.
/// </summary>
public sealed class ApiSession
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required byte[] SecretHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastUsedAt { get; set; }

    /// <summary>The client address at Signin, for the Sessions tab.</summary>
    public string? Ip { get; set; }
}
