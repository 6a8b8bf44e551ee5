using System.Globalization;
using System.Text.Json;
using TokenDashboard.Platform;

namespace TokenDashboard.Api;

/// <summary>
/// CreateEnvironment's parameters in the platform's form — <c>env</c> and <c>nodes</c> as JSON, as its clients send
/// them — or in this project's earlier one (<c>envName</c>, <c>displayName</c>). Anything malformed throws
/// <see cref="ApiParameterException"/> naming <c>env</c> or <c>nodes</c> and the field inside it (result 4), before
/// anything is made. The platform's <c>engine</c> and unknown fields are ignored, as unknown parameters are.
/// </summary>
internal static class CreateEnvironmentForm
{
    /// <summary>A real <c>env</c> is a few hundred characters; a real <c>nodes</c> a few thousand.</summary>
    public const int MaxEnvLength = 10_000;
    public const int MaxNodesLength = 100_000;

    private static readonly JsonDocumentOptions Parsing = new() { MaxDepth = 8 };

    /// <summary>The draft, and whether it came from <c>env</c> (so a refusal of its name names <c>env</c>).</summary>
    public static (EnvironmentDraft Draft, bool FromEnvJson) Read(ApiCall call)
    {
        var envJson = call.Optional("env");
        var nodes = call.Optional("nodes") is { } nodesJson ? ReadNodes(nodesJson) : null;
        if (envJson is null)
        {
            return (new EnvironmentDraft(call.Required("envName"), call.Optional("displayName"), Nodes: nodes), false);
        }
        using var env = Parse("env", envJson, MaxEnvLength, JsonValueKind.Object, "an object such as {\"shortdomain\":\"my-new-env\"}");
        var root = env.RootElement;
        var name = Text(root, "env", "shortdomain") ?? call.Optional("envName") ?? throw new ApiParameterException("env", "env.shortdomain: give the new environment's name.");
        var draft = new EnvironmentDraft(
            name,
            Text(root, "env", "displayName") ?? call.Optional("displayName"),
            Text(root, "env", "region"),
            Flag(root, "env", "ishaenabled"),
            Flag(root, "env", "sslstate"),
            nodes);
        return (draft, true);
    }

    /// <summary>A refusal of a field that came inside <c>env</c> names <c>env</c> and the field in it.</summary>
    public static ApiResult Refusal(Error error, bool fromEnvJson) =>
        fromEnvJson && error.Field is "envName" or "displayName" or "region"
            ? ApiResult.InvalidParameter("env", $"env.{(error.Field == "envName" ? "shortdomain" : error.Field)}: {error.Message}")
            : ApiErrors.From(error);

    private static List<NodeRequest> ReadNodes(string json)
    {
        using var nodes = Parse("nodes", json, MaxNodesLength, JsonValueKind.Array, "an array such as [{\"nodeType\":\"tomcat\",\"count\":1}]");
        var root = nodes.RootElement;
        if (root.GetArrayLength() > Topology.MaxNodes)
        {
            throw new ApiParameterException("nodes", $"{root.GetArrayLength()} entries; an environment has at most {Topology.MaxNodes} nodes.");
        }
        var requests = new List<NodeRequest>();
        var index = 0;
        foreach (var node in root.EnumerateArray())
        {
            var where = $"nodes[{index++}]";
            if (node.ValueKind != JsonValueKind.Object)
            {
                throw new ApiParameterException("nodes", $"{where}: each node is an object such as {{\"nodeType\":\"tomcat\"}}.");
            }
            var docker = node.TryGetProperty("docker", out var d) && d.ValueKind != JsonValueKind.Null ? d : (JsonElement?)null;
            if (docker is { ValueKind: not JsonValueKind.Object })
            {
                throw new ApiParameterException("nodes", $"{where}.docker: an object such as {{\"image\":\"nginx:1.27\"}}.");
            }
            var nodeType = Text(node, where, "nodeType") ?? (docker is not null ? NodeTypes.Docker : null);
            requests.Add(new NodeRequest(
                nodeType,
                Number(node, where, "count") ?? 1,
                Number(node, where, "fixedCloudlets") ?? Topology.DefaultFixedCloudlets,
                Number(node, where, "flexibleCloudlets") ?? Topology.DefaultFlexibleCloudlets,
                Text(node, where, "displayName"),
                Flag(node, where, "extip"),
                docker is { } image ? Text(image, where + ".docker", "image") : null,
                (docker is { } group ? Text(group, where + ".docker", "nodeGroup") : null) ?? Text(node, where, "nodeGroup")));
        }
        return requests;
    }

    private static JsonDocument Parse(string parameter, string json, int maxLength, JsonValueKind expected, string example)
    {
        if (json.Length > maxLength)
        {
            throw new ApiParameterException(parameter, $"{json.Length} characters; at most {maxLength} are accepted.");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Parsing);
        }
        catch (JsonException)
        {
            throw new ApiParameterException(parameter, $"not JSON; give {example}.");
        }
        if (document.RootElement.ValueKind != expected)
        {
            document.Dispose();
            throw new ApiParameterException(parameter, $"give {example}.");
        }
        return document;
    }

    /// <summary>A string field; null when absent or null. A number or flag where text is meant is refused.</summary>
    private static string? Text(JsonElement owner, string where, string name) =>
        Find(owner, name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            _ => throw Problem(where, name, "give text"),
        };

    /// <summary>A whole number, as a JSON number or a string of digits (some clients quote every value).</summary>
    private static int? Number(JsonElement owner, string where, string name) =>
        Find(owner, name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) => number,
            { ValueKind: JsonValueKind.String } value when int.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
            _ => throw Problem(where, name, "give a whole number"),
        };

    /// <summary>true or false, also as the strings "true"/"false"; absent means false.</summary>
    private static bool Flag(JsonElement owner, string where, string name) =>
        Find(owner, name) switch
        {
            null => false,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            { ValueKind: JsonValueKind.String } value when bool.TryParse(value.GetString(), out var flag) => flag,
            _ => throw Problem(where, name, "give true or false"),
        };

    /// <summary>A field by name, any case (the platform's clients vary); null when absent or JSON null.</summary>
    private static JsonElement? Find(JsonElement owner, string name)
    {
        foreach (var property in owner.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.Null ? null : property.Value;
            }
        }
        return null;
    }

    private static ApiParameterException Problem(string where, string name, string what) =>
        new(where.StartsWith("nodes", StringComparison.Ordinal) ? "nodes" : "env", $"{where}.{name}: {what}.");
}
