using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>
/// The test server has no remote address; this gives every request one, as Kestrel would.
/// Register with <c>services.AddSingleton&lt;IStartupFilter&gt;(new FixedClientAddress(...))</c>.
/// </summary>
public sealed class FixedClientAddress(IPAddress address) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = address;
            return nextMiddleware(context);
        });
        next(app);
    };
}
