using System.Globalization;
using System.Text.Json.Serialization;
using TokenDashboard.Platform;

namespace TokenDashboard.Api;

/// <summary>
/// An item of <c>envs</c> in GetEnvs: this project's earlier, flat shape, kept beside the platform's <c>infos</c> for
/// scripts written against it. <see cref="Status"/> is the platform's number, which its clients map with an enum (a
/// string breaks them); <see cref="StatusName"/> is the same for people reading the JSON.
/// </summary>
internal sealed record EnvironmentView(string EnvName, string DisplayName, int Status, string StatusName, DateTime CreatedAt, int Deployments)
{
    public static EnvironmentView From(EnvironmentSummary e) =>
        new(e.Name, e.DisplayName, StatusCode(e), e.StatusName.ToUpperInvariant(), e.CreatedAt, e.Deployments);

    /// <summary>The platform's numbers: 1 running, 2 stopped ("down"), 4 sleeping.</summary>
    public static int StatusCode(EnvironmentSummary e) =>
        e.IsRunning ? 1
        : e.IsStopped ? 2
        : e.IsSleeping ? 4
        : throw new ArgumentOutOfRangeException(nameof(e), e.StatusName, "An environment status without a platform number.");
}

/// <summary>
/// The platform's <c>env</c> object (GetEnvInfo, each of GetEnvs' <c>infos</c>, and what CreateEnvironment, CloneEnv
/// and Install answer), with the platform's own spellings: <c>shortdomain</c>, <c>appid</c>, <c>ishaenabled</c>, …
/// </summary>
internal sealed record PlatformEnvView(
    string EnvName,
    [property: JsonPropertyName("shortdomain")] string ShortDomain,
    string Domain,
    string DisplayName,
    int Status,
    string StatusName,
    string CreatedOn,
    int CreatorUid,
    int Uid,
    [property: JsonPropertyName("appid")] string AppId,
    string HardwareNodeGroup,
    HostGroupView HostGroup,
    [property: JsonPropertyName("ishaenabled")] bool IsHaEnabled,
    [property: JsonPropertyName("sslstate")] bool SslState,
    bool IsFirewallEnabled,
    bool IsTransferring,
    [property: JsonPropertyName("extdomains")] IReadOnlyList<string> ExtDomains,
    IReadOnlyList<ContextView> Contexts);

/// <summary>The platform's host group (region): <c>{"uniqueName","displayName"}</c>.</summary>
internal sealed record HostGroupView(string UniqueName, string DisplayName);

/// <summary>A deployment as the platform lists it in <c>env.contexts</c>.</summary>
internal sealed record ContextView(
    string Context,
    [property: JsonPropertyName("archivename")] string ArchiveName,
    string Type);

/// <summary>A node as the platform answers it; <see cref="Status"/> follows the environment (1 running, 2 stopped).</summary>
internal sealed record NodeView(
    int Id,
    string NodeGroup,
    string NodeType,
    string Name,
    string DisplayName,
    int Status,
    [property: JsonPropertyName("ismaster")] bool IsMaster,
    string Url,
    [property: JsonPropertyName("intIP")] string IntIp,
    int FixedCloudlets,
    int FlexibleCloudlets,
    string OsType,
    string Version);

/// <summary>A node group present in the environment.</summary>
internal sealed record NodeGroupView(string Name, string DisplayName, string TemplateType, [property: JsonPropertyName("isSLBAccessEnabled")] bool IsSlbAccessEnabled);

/// <summary>One environment with its topology: GetEnvs' <c>infos</c> items, and the fields GetEnvInfo answers beside <c>result</c>.</summary>
internal sealed record EnvInfoView(PlatformEnvView Env, IReadOnlyList<NodeView> Nodes, IReadOnlyList<NodeGroupView> NodeGroups, IReadOnlyList<object> EnvGroups)
{
    /// <summary>The platform's right of the caller on an environment it owns.</summary>
    public const string Owner = "OWNER";

    private const string CreatedOnFormat = "yyyy-MM-dd HH:mm:ss";
    private const string DefaultHostGroup = "default";

    public static EnvInfoView From(EnvironmentSummary e, int ownerUid, PlatformOptions platform)
    {
        var status = EnvironmentView.StatusCode(e);
        var region = e.Region ?? DefaultHostGroup;
        var env = new PlatformEnvView(
            e.Name, e.Name, platform.EnvironmentDomain(e.Name), e.DisplayName, status, e.StatusName.ToUpperInvariant(),
            e.CreatedAt.ToString(CreatedOnFormat, CultureInfo.InvariantCulture), ownerUid, ownerUid, e.AppId,
            region, new HostGroupView(region, e.Region is null ? "Default" : region),
            e.HighAvailability, e.Ssl, IsFirewallEnabled: false, IsTransferring: false, ExtDomains: [],
            e.Contexts.Select(d => new ContextView(d.Context, d.FileName, "ARCHIVE")).ToList());
        // A node runs only while its environment does; a sleeping environment's nodes are down too.
        var nodeStatus = e.IsRunning ? 1 : 2;
        var nodes = e.Nodes.Select(n => new NodeView(
            n.Id, n.NodeGroup, n.NodeType, n.Name, n.DisplayName, nodeStatus, n.IsMaster, $"http://{platform.NodeHost(n.Id, e.Name)}",
            n.InternalIp, n.FixedCloudlets, n.FlexibleCloudlets, n.OsType, n.Version)).ToList();
        var groups = e.NodeGroups.Select(g => new NodeGroupView(
            g, NodeTypes.GroupDisplayName(g),
            e.Nodes.First(n => n.NodeGroup == g).NodeType == NodeTypes.Docker ? "DOCKERIZED" : "NATIVE",
            IsSlbAccessEnabled: true)).ToList();
        return new EnvInfoView(env, nodes, groups, []);
    }

    /// <summary>GetEnvInfo's fields (and CreateEnvironment's, CloneEnv's, Install's) beside <c>result</c>.</summary>
    public KeyValuePair<string, object?>[] Fields() =>
    [
        ApiResult.Field("env", Env),
        ApiResult.Field("nodes", Nodes),
        ApiResult.Field("nodeGroups", NodeGroups),
        ApiResult.Field("envGroups", EnvGroups),
        ApiResult.Field("nodesData", Array.Empty<object>()),
        ApiResult.Field("right", Owner),
    ];
}
