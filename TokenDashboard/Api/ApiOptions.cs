namespace TokenDashboard.Api;

/// <summary>"Api" section.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>
    /// Record each token's last use (time, client address, method) for the Access Tokens grid. Written off the
    /// request path at most once a minute per token; switchable so a benchmark can compare on and off.
    /// </summary>
    public bool TrackLastUsed { get; set; } = true;
}
