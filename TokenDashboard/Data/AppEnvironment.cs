namespace TokenDashboard.Data;

/// <summary>
/// An environment of the platform that the API drives. (Named AppEnvironment so it never shadows
/// <see cref="System.Environment"/>.)
/// </summary>
public sealed class AppEnvironment
{
    public int Id { get; set; }
    public required string UserId { get; set; }

    /// <summary>2–40 characters of a–z, 0–9 and '-'; unique per user.</summary>
    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public EnvironmentStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<Deployment> Deployments { get; set; } = [];
}

public enum EnvironmentStatus
{
    Running,
    Stopped,
    Sleeping,
}
