using TokenDashboard.Platform;

namespace TokenDashboard.Api.Handlers;

/// <summary>marketplace.App.*: the catalog of apps, and installing one into a new environment.</summary>
internal sealed class MarketplaceHandlers(EnvironmentService environments, EnvironmentAnswers answers) : IApiHandlerGroup
{
    private const string Group = "marketplace.App.";

    public IEnumerable<KeyValuePair<string, ApiHandler>> Handlers =>
    [
        new(Group + "GetList", _ => Task.FromResult(ApiResult.Ok("apps", MarketplaceCatalog.All.Select(AppView.From).ToList()))),
        new(Group + "GetAppInfo", call => Task.FromResult(GetAppInfo(call))),
        new(Group + "Install", InstallAsync),
    ];

    /// <summary>The new environment as GetEnvInfo answers it, and the app installed into it.</summary>
    private async Task<ApiResult> InstallAsync(ApiCall call)
    {
        var installed = await environments.InstallAsync(call.UserId, call.Required("id"), call.Required("envName"), call.Optional("displayName"), call.Aborted);
        return installed.Succeeded
            ? await answers.InfoAsync(call, installed.Value!.Environment, ApiResult.Field("app", AppView.From(installed.Value.App)))
            : ApiErrors.From(installed.Error!);
    }

    private static ApiResult GetAppInfo(ApiCall call)
    {
        var id = call.Required("id");
        return MarketplaceCatalog.Find(id) is { } app
            ? ApiResult.Ok("app", AppView.From(app))
            : ApiResult.InvalidParameter("id",
                $"There is no marketplace application '{ApiCall.Shorten(id)}'. Choose one of: {string.Join(", ", MarketplaceCatalog.All.Select(a => a.Id))}.");
    }
}
