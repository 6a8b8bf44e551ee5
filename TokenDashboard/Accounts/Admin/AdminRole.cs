namespace TokenDashboard.Accounts.Admin;

/// <summary>
/// The one name of the administrators' Identity role and of the authorization policy that every admin page and
/// every admin service method goes through (<see cref="Administrators.IsAdministratorAsync"/>).
/// </summary>
internal static class AdminRole
{
    public const string Name = "Administrator";

    /// <summary>The policy pages name in <c>[Authorize(Policy = AdminRole.Policy)]</c> and <c>AuthorizeView</c>.</summary>
    public const string Policy = "Administrator";
}

/// <summary>"Admin" section: the accounts that are administrators from the start (their emails).</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>
    /// Emails of the first administrators. Each is granted the role at every start and at each sign-in, once the
    /// account exists; later administrators are granted in the admin area.
    /// </summary>
    public List<string> Emails { get; set; } = [];
}
