namespace TokenDashboard.Platform;

/// <summary>
/// An application of the marketplace; installing it creates an environment of its <see cref="Topology"/> with
/// <see cref="Package"/> deployed at ROOT.
/// </summary>
internal sealed record MarketplaceApp(string Id, string Name, string Description, string Package, IReadOnlyList<NodeRequest> Topology);

/// <summary>The marketplace: a fixed list, the same for every user.</summary>
internal static class MarketplaceCatalog
{
    public static readonly IReadOnlyList<MarketplaceApp> All =
    [
        new("wordpress", "WordPress", "The blogging and website platform, with a MariaDB database.", "wordpress-6.6.zip",
            [new("nginxphp"), new("mariadb")]),
        new("ghost", "Ghost", "A publishing platform for newsletters and blogs.", "ghost-5.96.zip",
            [new("nodejs"), new("mysql")]),
        new("gitea", "Gitea", "Self-hosted Git service with issues and pull requests.", "gitea-1.22.war",
            [new(NodeTypes.Docker, Image: "gitea/gitea:1.22"), new("postgresql")]),
        new("nextcloud", "Nextcloud", "Files, calendars and contacts under your own control.", "nextcloud-30.0.zip",
            [new("nginx"), new("nginxphp", Count: 2), new("mariadb"), new("redis")]),
        new("mattermost", "Mattermost", "Team chat with channels, threads and integrations.", "mattermost-10.1.zip",
            [new(NodeTypes.Docker, Image: "mattermost/mattermost-team-edition:10.1"), new("postgresql")]),
    ];

    /// <summary>An app by id, case-insensitive; null when there is none.</summary>
    public static MarketplaceApp? Find(string? id) =>
        All.FirstOrDefault(a => string.Equals(a.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase));
}
