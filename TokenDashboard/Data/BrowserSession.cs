namespace TokenDashboard.Data;

/// <summary>
/// One sign-in of a browser. The Identity cookie carries <see cref="Id"/> as a claim and is accepted only while this
/// row exists, so deleting the row ends that browser's sign-in at its next request, whatever the cookie says.
/// </summary>
public sealed class BrowserSession
{
    /// <summary>Random, 32 characters; not a secret (the cookie is encrypted) but not guessable either.</summary>
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Updated at most once a minute, so a busy browser does not write on every request.</summary>
    public DateTime LastSeenAt { get; set; }
    public string? Ip { get; set; }
    public string? UserAgent { get; set; }
}
