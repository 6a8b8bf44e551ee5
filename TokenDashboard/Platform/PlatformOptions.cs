namespace TokenDashboard.Platform;

/// <summary>"Platform" section: the domain under which environments and their nodes have their host names.</summary>
internal sealed class PlatformOptions
{
    public const string Section = "Platform";
    public const string DefaultDomain = "tokendashboard.local";

    /// <summary>my-project's domain is my-project.{Domain}; its node 42's host is node42-my-project.{Domain}.</summary>
    public string Domain { get; set; } = DefaultDomain;

    public string EnvironmentDomain(string envName) => $"{envName}.{Domain}";

    public string NodeHost(int nodeId, string envName) => $"node{nodeId}-{envName}.{Domain}";

    /// <summary>A host name: dot-separated labels of a–z, 0–9 and '-'.</summary>
    internal static bool IsValidDomain(string? domain) =>
        !string.IsNullOrEmpty(domain) && domain.Length <= 200 &&
        domain.Split('.').All(label => label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-'
            && label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'));
}
