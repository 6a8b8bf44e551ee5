using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts.Admin;

/// <summary>
/// Who is an administrator. The answer is always read from the database, never from a cookie's claims: a demotion
/// or a disabled account takes effect at the next page or call, on every instance. The configured first
/// administrators (<see cref="AdminOptions.Emails"/>) are granted the role idempotently at start-up and at sign-in.
/// </summary>
public sealed class Administrators(
    IDbContextFactory<AppDbContext> dbFactory,
    IServiceScopeFactory scopes,
    IOptions<AdminOptions> options,
    ILogger<Administrators> logger)
{
    private static readonly string NormalizedRole = AdminRole.Name.ToUpperInvariant();

    /// <summary>Whether the account exists, is not disabled and holds the Administrator role.</summary>
    public async Task<bool> IsAdministratorAsync(string? userId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await AdministratorIds(db).AnyAsync(id => id == userId, cancellationToken);
    }

    /// <summary>
    /// The guard of every admin service method: null when <paramref name="actor"/> may act as an administrator,
    /// otherwise the refusal (API: 8).
    /// </summary>
    public async Task<Error?> RefuseUnlessAdministratorAsync(Actor actor, CancellationToken cancellationToken = default) =>
        await IsAdministratorAsync(actor.UserId, cancellationToken)
            ? null
            : new Error(ErrorKind.NotAdministrator, null, "Permission denied: only an administrator may do this.");

    /// <summary>The ids of the accounts that are administrators now (in the role and not disabled).</summary>
    internal static IQueryable<string> AdministratorIds(AppDbContext db) =>
        from id in RoleHolderIds(db)
        join user in db.Users on id equals user.Id
        where user.DisabledAt == null
        select user.Id;

    /// <summary>The ids of the accounts in the role, disabled ones included (the Accounts page shows them so).</summary>
    internal static IQueryable<string> RoleHolderIds(AppDbContext db) =>
        from link in db.UserRoles
        join role in db.Roles on link.RoleId equals role.Id
        where role.NormalizedName == NormalizedRole
        select link.UserId;

    /// <summary>The role exists, and every configured account that exists holds it. Run at start-up.</summary>
    public async Task GrantConfiguredAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(AdminRole.Name))
        {
            var created = await roles.CreateAsync(new IdentityRole(AdminRole.Name));
            // Another instance starting at the same moment may have created it first; that is as good.
            if (!created.Succeeded && !await roles.RoleExistsAsync(AdminRole.Name))
            {
                throw new InvalidOperationException($"The {AdminRole.Name} role could not be created: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var email in options.Value.Emails.Where(e => !string.IsNullOrWhiteSpace(e)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (await users.FindByEmailAsync(email.Trim()) is { } user)
            {
                await GrantAsync(users, user);
            }
        }
    }

    /// <summary>At sign-in: an account whose email is configured becomes an administrator (if it is not already).</summary>
    public async Task GrantIfConfiguredAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (options.Value.Emails.Count == 0)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByIdAsync(userId) is { Email: { } email } user
            && options.Value.Emails.Any(e => string.Equals(e.Trim(), email, StringComparison.OrdinalIgnoreCase)))
        {
            await GrantAsync(users, user);
        }
    }

    private async Task GrantAsync(UserManager<AppUser> users, AppUser user)
    {
        if (await users.IsInRoleAsync(user, AdminRole.Name))
        {
            return;
        }
        var added = await users.AddToRoleAsync(user, AdminRole.Name);
        if (added.Succeeded)
        {
            logger.LogInformation("Granted {Role} to the configured account {UserId}", AdminRole.Name, user.Id);
        }
        else if (!await users.IsInRoleAsync(user, AdminRole.Name))
        {
            logger.LogWarning("Could not grant {Role} to the configured account {UserId}: {Errors}", AdminRole.Name, user.Id,
                string.Join(" ", added.Errors.Select(e => e.Code)));
        }
    }
}
