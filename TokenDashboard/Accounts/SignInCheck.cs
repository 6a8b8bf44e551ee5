namespace TokenDashboard.Accounts;

/// <summary>The outcome of a sign-in's password check: the user to sign in, or why not.</summary>
public sealed record SignInCheck(string? UserId, PasswordRefusal? Refusal)
{
    public bool Succeeded => UserId is not null;
}
