using System.Security.Cryptography;
using System.Text;
using TokenDashboard.Data;

namespace TokenDashboard.Platform;

/// <summary>An environment as the page and the API show it, with its topology and what is deployed in it.</summary>
public sealed record EnvironmentSummary(
    int Id,
    string Name,
    string DisplayName,
    EnvironmentStatus Status,
    DateTime CreatedAt,
    string? Region,
    bool HighAvailability,
    bool Ssl,
    IReadOnlyList<NodeSummary> Nodes,
    IReadOnlyList<DeploymentSummary> Contexts)
{
    // Pages read the status through these, so the UI never names the stored enum.
    public bool IsRunning => Status == EnvironmentStatus.Running;
    public bool IsStopped => Status == EnvironmentStatus.Stopped;
    public bool IsSleeping => Status == EnvironmentStatus.Sleeping;

    /// <summary>"Running", "Stopped" or "Sleeping", as the dashboard shows it.</summary>
    public string StatusName => Status.ToString();

    public int Deployments => Contexts.Count;

    /// <summary>
    /// The environment's application id: 32 hex digits, the same on every read and every instance for as long as the
    /// environment exists (derived from its row, so nothing more is stored), different for a re-created one.
    /// </summary>
    public string AppId => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"environment:{Id}")))[..32];

    /// <summary>The nodes' groups in the order they first appear (balancer, application servers, databases, …).</summary>
    public IReadOnlyList<string> NodeGroups => Nodes.Select(n => n.NodeGroup).Distinct().ToList();

    /// <summary>"nginx, tomcat ×2, mysql": the topology at a glance.</summary>
    public string NodesAtAGlance => string.Join(", ", Nodes.GroupBy(n => n.Name)
        .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ×{g.Count()}"));
}

/// <summary>A node of an environment; its status is the environment's.</summary>
public sealed record NodeSummary(
    int Id,
    string NodeGroup,
    string NodeType,
    string Name,
    string DisplayName,
    int FixedCloudlets,
    int FlexibleCloudlets,
    bool IsMaster,
    bool ExternalIp,
    string OsType,
    string Version,
    string InternalIp)
{
    public static NodeSummary From(Node node)
    {
        var type = NodeTypes.Find(node.NodeType);
        var (name, version) = node.Image is { } image ? ImageNameAndTag(image) : (type?.Name ?? node.NodeType, type?.Version ?? "");
        return new(node.Id, node.NodeGroup, node.NodeType, name, node.DisplayName ?? NodeTypes.GroupDisplayName(node.NodeGroup),
            node.FixedCloudlets, node.FlexibleCloudlets, node.IsMaster, node.ExternalIp, type?.OsType ?? "LINUX", version, InternalIpOf(node.Id));
    }

    /// <summary>A private address of the platform's internal network, one per node id.</summary>
    public static string InternalIpOf(int id) => $"10.{(id >> 16) & 255}.{(id >> 8) & 255}.{id & 255}";

    /// <summary>"gitea/gitea:1.22" → ("gitea/gitea", "1.22"); no tag means latest.</summary>
    private static (string, string) ImageNameAndTag(string image)
    {
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }
}

/// <summary>An application deployed into an environment.</summary>
public sealed record DeploymentSummary(string FileName, string Context, DateTime DeployedAt);

/// <summary>A marketplace app installed into its new environment.</summary>
internal sealed record Installation(EnvironmentSummary Environment, MarketplaceApp App);
