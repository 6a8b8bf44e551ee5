using TokenDashboard.Data;

namespace TokenDashboard.Platform;

/// <summary>An environment as the page and the API show it.</summary>
public sealed record EnvironmentSummary(string Name, string DisplayName, EnvironmentStatus Status, DateTime CreatedAt, int Deployments)
{
    // Pages read the status through these, so the UI never names the stored enum.
    public bool IsRunning => Status == EnvironmentStatus.Running;
    public bool IsStopped => Status == EnvironmentStatus.Stopped;
    public bool IsSleeping => Status == EnvironmentStatus.Sleeping;

    /// <summary>"Running", "Stopped" or "Sleeping", as the dashboard shows it.</summary>
    public string StatusName => Status.ToString();
}

/// <summary>An application deployed into an environment.</summary>
public sealed record DeploymentSummary(string FileName, string Context, DateTime DeployedAt);

/// <summary>A marketplace app installed into its new environment.</summary>
public sealed record Installation(EnvironmentSummary Environment, MarketplaceApp App);
