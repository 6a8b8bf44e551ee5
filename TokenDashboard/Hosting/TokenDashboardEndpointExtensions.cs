using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using TokenDashboard.Api;
using TokenDashboard.Components;

namespace TokenDashboard.Hosting;

public static class TokenDashboardEndpointExtensions
{
    public static WebApplication MapTokenDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();

        // /healthz/live: the process answers. /healthz: and the database is reachable.
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz");

        app.MapPlatformApi();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        return app;
    }
}
