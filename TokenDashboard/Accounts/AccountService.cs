using Microsoft.AspNetCore.Identity;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts;

/// <summary>The outcome of a password change; <see cref="User"/> is the account as it is now, for refreshing the cookie.</summary>
internal sealed record PasswordChange(IdentityResult Result, AppUser? User = null)
{
    public bool Succeeded => Result.Succeeded;
}

/// <summary>Changes to the account itself. Pages call this; they do not orchestrate Identity and the session stores.</summary>
internal sealed class AccountService(
    IServiceScopeFactory scopes,
    PasswordConfirmation passwords,
    ApiSessionStore apiSessions,
    BrowserSessions browsers,
    Microsoft.EntityFrameworkCore.IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock)
{
    /// <summary>
    /// Changes the password of the signed-in user. The current password is checked on the guarded path like every
    /// other confirmation (serialised, lockout, hourly cap, audit). On success every API session and every other
    /// browser sign-in ends at once; <paramref name="keepBrowserSession"/> (the caller's) stays, and the caller
    /// refreshes its own cookie.
    /// </summary>
    public async Task<PasswordChange> ChangePasswordAsync(Actor actor, string currentPassword, string newPassword, string? keepBrowserSession,
        CancellationToken cancellationToken = default)
    {
        if (await passwords.ConfirmAsync(actor, currentPassword, cancellationToken) is { } refused)
        {
            return new PasswordChange(IdentityResult.Failed(new IdentityError { Code = $"Password{refused.Kind}", Description = refused.Message }));
        }

        // A fresh scope: the check above has just written the user row (failure count), so no earlier copy is current.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(actor.UserId);
        if (user is null)
        {
            return new PasswordChange(IdentityResult.Failed(new IdentityError { Code = "NoUser", Description = "The account no longer exists." }));
        }
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            return new PasswordChange(changed);
        }
        await apiSessions.RevokeAllAsync(actor.UserId, cancellationToken);
        var ended = await browsers.EndAllAsync(actor.UserId, keepBrowserSession, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEvents.Add(new AuditEvent
        {
            UserId = actor.UserId, Action = AuditAction.PasswordChanged, At = clock.GetUtcNow().UtcDateTime, Ip = actor.Ip,
            Detail = $"{ended} other browser sign-in{(ended == 1 ? "" : "s")} ended",
        });
        await db.SaveChangesAsync(cancellationToken);
        return new PasswordChange(changed, user);
    }
}
