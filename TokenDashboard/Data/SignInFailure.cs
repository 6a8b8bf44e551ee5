namespace TokenDashboard.Data;

/// <summary>
/// A wrong password given by someone who was not signed in (the sign-in form, API Signin). Counted per client
/// address and per account for the short sign-in back-off; kept for an hour. Unknown logins are recorded too,
/// under their gate key, so a stranger cannot tell them apart.
/// </summary>
public sealed class SignInFailure
{
    public long Id { get; set; }
    public required string AccountKey { get; set; }
    public string? Ip { get; set; }
    public DateTime At { get; set; }
}
