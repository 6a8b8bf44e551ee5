using TokenDashboard.Data;

namespace TokenDashboard.Platform;

/// <summary>An environment as the page and the API show it.</summary>
public sealed record EnvironmentSummary(string Name, string DisplayName, EnvironmentStatus Status, DateTime CreatedAt, int Deployments);

/// <summary>An application deployed into an environment.</summary>
public sealed record DeploymentSummary(string FileName, string Context, DateTime DeployedAt);

/// <summary>A marketplace app installed into its new environment.</summary>
public sealed record Installation(EnvironmentSummary Environment, MarketplaceApp App);
