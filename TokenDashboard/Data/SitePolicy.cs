namespace TokenDashboard.Data;

/// <summary>
/// The administrators' policies for every account and token: one row (<see cref="SingletonId"/>), absent until the
/// first save — no row means no policy (anything goes, registration open), as before policies existed.
/// </summary>
public sealed class SitePolicy
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>A token's expiry date may lie at most this many days after the day it is set; null: no limit.</summary>
    public int? MaxLifetimeDays { get; set; }

    /// <summary>Every token must have an expiry date ("never" is refused).</summary>
    public bool RequireExpiry { get; set; }

    /// <summary>The preset keys a token may hold, "custom" for a Custom method list; null: any.</summary>
    public List<string>? AllowedPresets { get; set; }

    /// <summary>Every token must name the addresses it may be used from.</summary>
    public bool RequireIpList { get; set; }

    /// <summary>Every account must sign in with two factors; one without is sent to set them up.</summary>
    public bool RequireTwoFactor { get; set; }

    /// <summary>Who may create an account: "Open", "Closed" or "Invitation" (the names of Accounts' RegistrationMode).</summary>
    public string Registration { get; set; } = "Open";

    public DateTime? UpdatedAt { get; set; }

    /// <summary>The administrator who saved it last (their user id; kept if they go).</summary>
    public string? UpdatedBy { get; set; }
}
