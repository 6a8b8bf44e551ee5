namespace TokenDashboard.Data;

/// <summary>
/// A personal access token as stored. The value itself is never stored: only its SHA-256
/// (<see cref="SecretHash"/>) and its last four characters (<see cref="Hint"/>) for display.
/// </summary>
public sealed class AccessToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Description { get; set; }

    /// <summary>The preset's key (e.g. "ide-plugins"), or null for a Custom token whose set is <see cref="Methods"/>.</summary>
    public string? Preset { get; set; }

    /// <summary>Full method names of a Custom token; empty for a preset token (which follows its preset).</summary>
    public List<string> Methods { get; set; } = [];

    /// <summary>Last day (UTC) on which the token is valid; null means it never expires.</summary>
    public DateOnly? ExpiresOn { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public required byte[] SecretHash { get; set; }
    public required string Hint { get; set; }

    /// <summary>Client addresses and CIDR ranges (canonical text) the token may be used from; empty means anywhere.</summary>
    public List<string> AllowedAddresses { get; set; } = [];

    public DateTime? LastUsedAt { get; set; }
    public string? LastUsedIp { get; set; }
    public string? LastUsedMethod { get; set; }
}
