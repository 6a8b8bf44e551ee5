using TokenDashboard.Data;

namespace TokenDashboard.Platform;

/// <summary>
/// Nodes asked for in one entry of a new environment's topology: <see cref="Count"/> nodes of one type. A Docker
/// node names its <see cref="Image"/> and may name its own <see cref="NodeGroup"/>.
/// </summary>
internal sealed record NodeRequest(
    string? NodeType,
    int Count = 1,
    int FixedCloudlets = Topology.DefaultFixedCloudlets,
    int FlexibleCloudlets = Topology.DefaultFlexibleCloudlets,
    string? DisplayName = null,
    bool ExternalIp = false,
    string? Image = null,
    string? NodeGroup = null);

/// <summary>What a new environment is made of; null <see cref="Nodes"/> means the default topology.</summary>
internal sealed record EnvironmentDraft(
    string? Name,
    string? DisplayName = null,
    string? Region = null,
    bool HighAvailability = false,
    bool Ssl = false,
    IReadOnlyList<NodeRequest>? Nodes = null);

/// <summary>
/// The rules for an environment's topology: which node types, how many nodes, how many cloudlets. Every refusal
/// names the <c>nodes</c> field and says which entry (nodes[2].count) is at fault; nothing is made until all pass.
/// </summary>
internal static class Topology
{
    public const int DefaultFixedCloudlets = 1;
    public const int DefaultFlexibleCloudlets = 8;
    public const int MaxCloudlets = 128;
    public const int MaxCountPerEntry = 16;
    public const int MaxNodes = 32;
    public const int MaxImageLength = 200;
    public const int MaxGroupLength = 40;
    public const int MaxRegionLength = 40;
    private const string Field = "nodes";

    /// <summary>An environment made by name alone: one application server.</summary>
    public static readonly IReadOnlyList<NodeRequest> Default = [new("tomcat")];

    /// <summary>Builds the nodes, in order, with the first of each group its master; or the first rule broken.</summary>
    public static Result<List<Node>> Build(IReadOnlyList<NodeRequest> requests)
    {
        if (requests.Count == 0)
        {
            return Error.Invalid(Field, "Give at least one node.");
        }
        if (requests.Count > MaxNodes)
        {
            return Error.Invalid(Field, $"{requests.Count} entries; an environment has at most {MaxNodes} nodes.");
        }
        var nodes = new List<Node>();
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var where = $"nodes[{i}]";
            var type = NodeTypes.Find(request.NodeType);
            if (type is null)
            {
                return Error.Invalid(Field, string.IsNullOrWhiteSpace(request.NodeType)
                    ? $"{where}.nodeType: give a node type, one of: {NodeTypes.Known}."
                    : $"{where}.nodeType: there is no node type '{EnvironmentName.Shorten(request.NodeType)}'. Choose one of: {NodeTypes.Known}.");
            }
            if (request.Count is < 1 or > MaxCountPerEntry)
            {
                return Error.Invalid(Field, $"{where}.count: {request.Count} is not a node count; give 1–{MaxCountPerEntry}.");
            }
            if (request.FixedCloudlets is < 0 or > MaxCloudlets)
            {
                return Error.Invalid(Field, $"{where}.fixedCloudlets: {request.FixedCloudlets} is out of range; give 0–{MaxCloudlets}.");
            }
            if (request.FlexibleCloudlets is < 1 or > MaxCloudlets)
            {
                return Error.Invalid(Field, $"{where}.flexibleCloudlets: {request.FlexibleCloudlets} is out of range; give 1–{MaxCloudlets}.");
            }
            string? displayName = null;
            if (request.DisplayName is not null)
            {
                var parsed = EnvironmentName.ParseDisplayName(request.DisplayName, Field);
                if (!parsed.Succeeded)
                {
                    return Error.Invalid(Field, $"{where}.displayName: {parsed.Error!.Message}");
                }
                displayName = parsed.Value;
            }
            var image = request.Image?.Trim();
            var group = request.NodeGroup?.Trim().ToLowerInvariant();
            if (type.Key == NodeTypes.Docker)
            {
                if (string.IsNullOrEmpty(image) || image.Length > MaxImageLength || !image.All(IsImageCharacter))
                {
                    return Error.Invalid(Field, $"{where}.docker.image: give the image to run, e.g. nginx:1.27 (at most {MaxImageLength} characters of a–z, 0–9, '.', '/', ':', '@', '_' and '-').");
                }
            }
            else
            {
                image = null;
            }
            if (string.IsNullOrEmpty(group))
            {
                group = type.NodeGroup;
            }
            else if (group.Length > MaxGroupLength || !group.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
            {
                return Error.Invalid(Field, $"{where}.docker.nodeGroup: '{EnvironmentName.Shorten(group)}' is not a node group; use up to {MaxGroupLength} characters of a–z, 0–9, '-' and '_'.");
            }
            if (nodes.Count + request.Count > MaxNodes)
            {
                return Error.Invalid(Field, $"{where}.count: an environment has at most {MaxNodes} nodes.");
            }
            for (var n = 0; n < request.Count; n++)
            {
                nodes.Add(new Node
                {
                    NodeGroup = group,
                    NodeType = type.Key,
                    DisplayName = displayName,
                    Image = image,
                    FixedCloudlets = request.FixedCloudlets,
                    FlexibleCloudlets = request.FlexibleCloudlets,
                    ExternalIp = request.ExternalIp,
                    IsMaster = nodes.All(other => other.NodeGroup != group),
                });
            }
        }
        return nodes;
    }

    /// <summary>Copies of <paramref name="nodes"/> for a clone: the same topology, new nodes.</summary>
    public static List<Node> Copy(IEnumerable<Node> nodes) =>
        nodes.OrderBy(n => n.Id).Select(n => new Node
        {
            NodeGroup = n.NodeGroup,
            NodeType = n.NodeType,
            DisplayName = n.DisplayName,
            Image = n.Image,
            FixedCloudlets = n.FixedCloudlets,
            FlexibleCloudlets = n.FlexibleCloudlets,
            ExternalIp = n.ExternalIp,
            IsMaster = n.IsMaster,
        }).ToList();

    /// <summary>A region name as stored: up to 40 characters of a–z, 0–9, '-' and '_'; blank means the default region.</summary>
    public static Result<string?> ParseRegion(string? value, string field)
    {
        var region = value?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(region))
        {
            return (string?)null;
        }
        return region.Length <= MaxRegionLength && region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_')
            ? region
            : Error.Invalid(field, $"'{EnvironmentName.Shorten(region)}' is not a region; use up to {MaxRegionLength} characters of a–z, 0–9, '-' and '_'.");
    }

    private static bool IsImageCharacter(char c) =>
        char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '/' or ':' or '@' or '_' or '-';
}
