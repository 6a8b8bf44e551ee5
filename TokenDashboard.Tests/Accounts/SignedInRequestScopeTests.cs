using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Accounts;

/// <summary>
/// The connection of a live page (Blazor's hub) is one HTTP request that lasts as long as the tab is open, and whatever
/// its request scope resolves stays alive with it. Checking the sign-in cookie on such a request (browser session,
/// then Identity's security stamp) must leave no database context in that scope: held per open tab it would keep one
/// pooled context leased per tab — a thousand tabs, the whole pool — and its memory until the tab closes.
/// </summary>
public sealed class SignedInRequestScopeTests : IAsyncLifetime
{
    private readonly ContextsInRequestScope seen = new();
    private readonly AppFactory app;

    public SignedInRequestScopeTests() =>
        app = new AppFactory
        {
            TestServices = services =>
            {
                // The app's scoped context, counted per scope that takes one.
                services.RemoveAll<AppDbContext>();
                services.AddScoped<Lease>();
                services.AddScoped(provider =>
                {
                    provider.GetRequiredService<Lease>().Taken++;
                    return provider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
                });
                services.AddSingleton(seen);
                services.AddSingleton<IStartupFilter, ObserveRequestScope>();
            },
        };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Checking_a_signed_in_cookie_leaves_no_database_context_in_the_request_scope()
    {
        var email = $"scope-{Guid.NewGuid():N}@example.com";
        await app.CreateUserAsync(email);
        var browser = app.CreateBrowserLikeClient();
        await browser.PostSignInAsync(email, AppFactory.DemoPassword);

        // What a tab does first to open its live connection: signed in, it reads nothing of the database itself.
        var negotiate = await browser.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        Assert.True(seen.Signed, "the request was not signed in, so the cookie check never ran");
        Assert.Equal(0, seen.Taken);
    }

    [Fact]
    public async Task The_security_stamp_check_still_refuses_a_cookie_whose_stamp_changed_once_its_interval_has_passed()
    {
        var email = $"stamp-{Guid.NewGuid():N}@example.com";
        var userId = (await app.CreateUserAsync(email)).UserId;
        var browser = app.CreateBrowserLikeClient();
        await browser.PostSignInAsync(email, AppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/settings/account")).StatusCode);

        // Changed behind the browser's back (not through a page, which would also end its session at once).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByIdAsync(userId))!);
        }
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/settings/account")).StatusCode);
        app.Clock.Advance(new SecurityStampValidatorOptions().ValidationInterval + TimeSpan.FromMinutes(1));

        var later = await browser.GetAsync("/settings/account");

        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        Assert.StartsWith("/Account/Login", later.RedirectTarget());
    }

    private sealed class Lease
    {
        public int Taken { get; set; }
    }

    private sealed class ContextsInRequestScope
    {
        public int Taken { get; set; } = -1;
        public bool Signed { get; set; }
    }

    /// <summary>After the hub's negotiate request: how many contexts its request scope took, and whether it was signed in.</summary>
    private sealed class ObserveRequestScope(ContextsInRequestScope seen) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use(async (HttpContext context, RequestDelegate inner) =>
            {
                await inner(context);
                if (context.Request.Path.StartsWithSegments("/_blazor/negotiate"))
                {
                    seen.Signed = context.User.Identity?.IsAuthenticated == true;
                    seen.Taken = context.RequestServices.GetRequiredService<Lease>().Taken;
                }
            });
            next(builder);
        };
    }
}
