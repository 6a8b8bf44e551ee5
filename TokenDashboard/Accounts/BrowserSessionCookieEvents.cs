using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts;

/// <summary>
/// Ties Identity's cookie to <see cref="BrowserSessions"/>: every sign-in gets a session record whose id goes into
/// the cookie; every request (before Identity's security-stamp check) needs that record to still exist; Sign out
/// deletes it, so a copy of the cookie taken before Sign out opens nothing afterwards.
/// </summary>
internal sealed class BrowserSessionCookieEvents(BrowserSessions sessions, Admin.Administrators administrators, IServiceScopeFactory scopes)
    : CookieAuthenticationEvents
{
    public override async Task SigningIn(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.HasClaim(c => c.Type == BrowserSessions.ClaimType))
        {
            return;
        }
        var userId = context.Principal.RequireUserId();
        // A refresh of this browser's own sign-in (RefreshSignInAsync after a password change or a 2FA change)
        // keeps its session; only a sign-in proper starts a new one.
        var current = context.HttpContext.User;
        var sessionId = current.FindFirstValue(BrowserSessions.ClaimType) is { } existing
                        && current.FindFirstValue(ClaimTypes.NameIdentifier) == userId
                        && await sessions.IsActiveAsync(userId, existing, context.HttpContext.RequestAborted)
            ? existing
            : await sessions.StartAsync(userId, ClientAddress.Of(context.HttpContext), context.HttpContext.Request.Headers.UserAgent.ToString(),
                context.HttpContext.RequestAborted);
        identity.AddClaim(new Claim(BrowserSessions.ClaimType, sessionId));
        // A configured administrator whose account was made after start-up becomes one at its first sign-in.
        await administrators.GrantIfConfiguredAsync(userId, context.HttpContext.RequestAborted);
    }

    /// <summary>
    /// A signed-in account refused a page (an admin page, for anyone but an administrator) gets 403 at that address,
    /// not a redirect: the status-code page says access is denied.
    /// </summary>
    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId
            || principal.FindFirstValue(BrowserSessions.ClaimType) is not { } sessionId
            || !await sessions.IsActiveAsync(userId, sessionId, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        // Identity's stamp check is built on SignInManager → UserManager → a database context, made in whatever scope
        // resolves it. In the request's scope that context would stay leased as long as the request lasts — and the
        // connection of a live page is one request that lasts as long as its tab: a pooled context per open tab. In a
        // scope of its own it goes back to the pool as soon as the check is done.
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISecurityStampValidator>().ValidateAsync(context);
    }

    public override async Task SigningOut(CookieSigningOutContext context)
    {
        var user = context.HttpContext.User;
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId && user.FindFirstValue(BrowserSessions.ClaimType) is { } sessionId)
        {
            await sessions.EndAsync(userId, sessionId, ClientAddress.Of(context.HttpContext), AuditAction.SignedOut, cancellationToken: context.HttpContext.RequestAborted);
        }
    }

    /// <summary>Identity rebuilds the principal when it re-checks the security stamp; the session id must survive that.</summary>
    public static Task KeepSessionClaim(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(BrowserSessions.ClaimType) is { } claim
            && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && !identity.HasClaim(c => c.Type == BrowserSessions.ClaimType))
        {
            identity.AddClaim(new Claim(BrowserSessions.ClaimType, claim.Value));
        }
        return Task.CompletedTask;
    }
}
