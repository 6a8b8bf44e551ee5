namespace TokenDashboard.Platform;

/// <summary>A kind of node the platform can run: its default group, its software and the system under it.</summary>
internal sealed record NodeType(string Key, string Name, string NodeGroup, string OsType, string Version);

/// <summary>A group of nodes in an environment, as the platform names them.</summary>
internal sealed record NodeGroupKind(string Key, string DisplayName);

/// <summary>
/// The node types that environments are made of: a fixed list, the same for every user, like the marketplace. A
/// Docker node (<see cref="Docker"/>) runs the image it is given, in the group it names.
/// </summary>
internal static class NodeTypes
{
    public const string Docker = "docker";

    public static readonly IReadOnlyList<NodeType> All =
    [
        new("nginx", "NGINX", "bl", "LINUX", "1.26.2"),
        new("haproxy", "HAProxy", "bl", "LINUX", "3.0.5"),
        new("tomcat", "Tomcat", "cp", "LINUX", "10.1.31"),
        new("jetty", "Jetty", "cp", "LINUX", "12.0.14"),
        new("springboot", "Spring Boot", "cp", "LINUX", "3.3.4"),
        new("nodejs", "Node.js", "cp", "LINUX", "22.11.0"),
        new("nginxphp", "NGINX PHP", "cp", "LINUX", "8.3.12"),
        new("apachephp", "Apache PHP", "cp", "LINUX", "8.3.12"),
        new("mysql", "MySQL", "sqldb", "LINUX", "8.4.3"),
        new("mariadb", "MariaDB", "sqldb", "LINUX", "11.4.3"),
        new("postgresql", "PostgreSQL", "sqldb", "LINUX", "17.0"),
        new("mongodb", "MongoDB", "nosqldb", "LINUX", "8.0.3"),
        new("redis", "Redis", "nosqldb", "LINUX", "7.4.1"),
        new("memcached", "Memcached", "cache", "LINUX", "1.6.32"),
        new("storage", "Shared Storage", "storage", "LINUX", "2.0"),
        new(Docker, "Docker", "cp", "LINUX", "latest"),
    ];

    /// <summary>The groups a node can be in and what the dashboard and the platform call them.</summary>
    public static readonly IReadOnlyList<NodeGroupKind> Groups =
    [
        new("bl", "Load Balancer"),
        new("cp", "Application Server"),
        new("sqldb", "SQL Database"),
        new("nosqldb", "NoSQL Database"),
        new("cache", "Cache"),
        new("storage", "Storage"),
        new("extra", "Extra"),
    ];

    /// <summary>A node type by key, case-insensitive; null when there is none.</summary>
    public static NodeType? Find(string? key) =>
        All.FirstOrDefault(t => string.Equals(t.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>What a group is called; a Docker node's own group is called by its name.</summary>
    public static string GroupDisplayName(string group) =>
        Groups.FirstOrDefault(g => g.Key == group)?.DisplayName ?? group;

    /// <summary>The keys as a refusal quotes them.</summary>
    public static string Known => string.Join(", ", All.Select(t => t.Key));
}
