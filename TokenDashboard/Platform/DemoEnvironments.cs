using TokenDashboard.Accounts;

namespace TokenDashboard.Platform;

/// <summary>The demo account's three running environments, so the first API call has something to stop.</summary>
internal sealed class DemoEnvironments(EnvironmentService environments) : IDemoAccountContent
{
    public static readonly string[] Names = ["my-project", "staging", "shop"];

    /// <summary>Topologies a real account might have: a balanced Java app, its staging copy, a Node.js shop.</summary>
    private static readonly Dictionary<string, NodeRequest[]> Topologies = new()
    {
        ["my-project"] = [new("nginx"), new("tomcat", Count: 2, FlexibleCloudlets: 16), new("mysql", FixedCloudlets: 2, FlexibleCloudlets: 16)],
        ["staging"] = [new("tomcat"), new("mysql")],
        ["shop"] = [new("nginx"), new("nodejs", Count: 2), new("postgresql", FixedCloudlets: 2, FlexibleCloudlets: 16), new("redis")],
    };

    public async Task AddToAsync(string userId, CancellationToken cancellationToken)
    {
        foreach (var name in Names)
        {
            await environments.CreateAsync(userId, new EnvironmentDraft(name, Nodes: Topologies[name]), cancellationToken);
        }
    }
}
