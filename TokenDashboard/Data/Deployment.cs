namespace TokenDashboard.Data;

/// <summary>An application deployed into an environment under a context (e.g. "ROOT").</summary>
public sealed class Deployment
{
    public int Id { get; set; }
    public int EnvironmentId { get; set; }
    public AppEnvironment? Environment { get; set; }
    public required string FileName { get; set; }
    public required string Context { get; set; }
    public DateTime DeployedAt { get; set; }
}
