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

    /// <summary>Where it runs (the platform's region, or host group); null for the default one.</summary>
    public string? Region { get; set; }

    /// <summary>High availability (session replication between application servers) was asked for.</summary>
    public bool HighAvailability { get; set; }

    /// <summary>The platform's built-in SSL is on.</summary>
    public bool Ssl { get; set; }

    public List<Deployment> Deployments { get; set; } = [];

    /// <summary>Its topology, in the order the nodes were made.</summary>
    public List<Node> Nodes { get; set; } = [];
}

public enum EnvironmentStatus
{
    Running,
    Stopped,
    Sleeping,
}
