namespace TokenDashboard.Data;

/// <summary>
/// An expiry reminder that went out (or is going out): one per token, expiry date and threshold (7 or 1 days before).
/// The unique index is the claim, so a reminder is sent once across restarts and instances; a new expiry date
/// earns new reminders.
/// </summary>
public sealed class ExpiryReminder
{
    public long Id { get; set; }
    public int TokenId { get; set; }
    public DateOnly ExpiresOn { get; set; }
    public int DaysBefore { get; set; }
    public DateTime SentAt { get; set; }
}
