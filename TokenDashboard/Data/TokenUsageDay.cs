namespace TokenDashboard.Data;

/// <summary>
/// How often one token called one API method on one UTC day: the calls it was allowed to make and the calls refused
/// with result 8 (a method the token does not hold). Aggregates, never single calls, so a token with a million
/// calls over 90 days is at most (days × methods) rows.
/// </summary>
public sealed class TokenUsageDay
{
    public int TokenId { get; set; }
    public DateOnly Day { get; set; }
    public required string Method { get; set; }
    public long Calls { get; set; }
    public long Refused { get; set; }
    public DateTime? LastCallAt { get; set; }
    public DateTime? LastRefusedAt { get; set; }
}
