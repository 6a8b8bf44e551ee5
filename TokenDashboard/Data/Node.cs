namespace TokenDashboard.Data;

/// <summary>
/// A node (container) of an environment's topology. Its status is the environment's, so it is not stored; its
/// internal address and name come from its id and type (see the Platform's node types).
/// </summary>
public sealed class Node
{
    /// <summary>Numeric and unique across all environments, as the platform's node ids are.</summary>
    public int Id { get; set; }
    public int EnvironmentId { get; set; }
    public AppEnvironment? Environment { get; set; }

    /// <summary>The node's group in its environment: bl, cp, sqldb, nosqldb, cache, storage, extra or a Docker node's own.</summary>
    public required string NodeGroup { get; set; }

    /// <summary>What runs on it: nginx, tomcat, mysql, … or docker.</summary>
    public required string NodeType { get; set; }

    /// <summary>The name the user gave it, or null for its group's.</summary>
    public string? DisplayName { get; set; }

    /// <summary>For a Docker node, its image (e.g. <c>gitea/gitea:1.22</c>).</summary>
    public string? Image { get; set; }

    public int FixedCloudlets { get; set; }
    public int FlexibleCloudlets { get; set; }

    /// <summary>The first node of its group, which the group's settings follow.</summary>
    public bool IsMaster { get; set; }

    /// <summary>Asked for a public address.</summary>
    public bool ExternalIp { get; set; }
}
