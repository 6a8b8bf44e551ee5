namespace TokenDashboard.Components.Shared;

/// <summary>
/// The text of a live region. A screen reader reads a live region out only when its text changes, so the same message
/// twice in a row (a second empty Submit) would be read once: every other time it carries an invisible no-break space.
/// </summary>
public sealed class Announcement
{
    private bool odd;

    /// <summary>What the live region shows now; empty until something is said.</summary>
    public string Text { get; private set; } = "";

    public void Say(string message)
    {
        odd = !odd;
        Text = odd ? message : message + "\u00A0";
    }

    public void Clear() => Text = "";
}
