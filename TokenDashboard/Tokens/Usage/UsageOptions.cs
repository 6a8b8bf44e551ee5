namespace TokenDashboard.Tokens.Usage;

/// <summary>"Usage" section: per-token, per-method, per-day call counts.</summary>
internal sealed class UsageOptions
{
    public const string Section = "Usage";

    /// <summary>Count token calls; switchable so a benchmark can compare on and off.</summary>
    public bool Record { get; set; } = true;

    /// <summary>
    /// How often counted calls are written. Counts live in memory until then, so a kill -9 loses at most this much
    /// (an orderly stop writes them).
    /// </summary>
    public int FlushSeconds { get; set; } = 5;

    /// <summary>Days of usage kept; older days are deleted in the background.</summary>
    public int RetentionDays { get; set; } = 90;

    public TimeSpan FlushInterval => TimeSpan.FromSeconds(Math.Clamp(FlushSeconds, 1, 3600));
}
