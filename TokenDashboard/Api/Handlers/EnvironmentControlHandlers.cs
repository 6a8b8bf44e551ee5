using TokenDashboard.Platform;

namespace TokenDashboard.Api.Handlers;

/// <summary>environment.Control.*: list, inspect, create, start, stop, sleep, restart, clone, rename, delete.</summary>
public sealed class EnvironmentControlHandlers(EnvironmentService environments) : IApiHandlerGroup
{
    private const string Group = "environment.Control.";

    public IEnumerable<KeyValuePair<string, ApiHandler>> Handlers =>
    [
        new(Group + "GetEnvs", GetEnvsAsync),
        new(Group + "GetEnvInfo", async call => Env(await environments.GetAsync(call.UserId, call.Required("envName"), call.Aborted))),
        new(Group + "CreateEnvironment", async call =>
            Env(await environments.CreateAsync(call.UserId, call.Required("envName"), call.Optional("displayName"), call.Aborted))),
        new(Group + "StartEnv", async call => Done(await environments.StartAsync(call.UserId, call.Required("envName"), call.Aborted))),
        new(Group + "StopEnv", async call => Done(await environments.StopAsync(call.UserId, call.Required("envName"), call.Aborted))),
        new(Group + "SleepEnv", async call => Done(await environments.SleepAsync(call.UserId, call.Required("envName"), call.Aborted))),
        new(Group + "RestartNodes", async call => Done(await environments.RestartNodesAsync(call.UserId, call.Required("envName"), call.Aborted))),
        new(Group + "CloneEnv", async call =>
            Env(await environments.CloneAsync(call.UserId, call.Required("srcEnvName"), call.Required("dstEnvName"), call.Aborted))),
        new(Group + "SetEnvDisplayName", async call =>
            Done(await environments.SetDisplayNameAsync(call.UserId, call.Required("envName"), call.Required("displayName"), call.Aborted))),
        new(Group + "DeleteEnv", async call =>
            Done(await environments.DeleteAsync(call.Actor, call.Required("envName"), call.Optional("password"), call.Aborted))),
    ];

    private async Task<ApiResult> GetEnvsAsync(ApiCall call)
    {
        var list = await environments.ListAsync(call.UserId, call.Aborted);
        return ApiResult.Ok("envs", list.Select(EnvironmentView.From).ToList());
    }

    private static ApiResult Env(Result<EnvironmentSummary> result) =>
        result.ToApi(e => ApiResult.Ok("env", EnvironmentView.From(e)));

    /// <summary>Commands answer exactly <c>{"result":0}</c>, as the platform's do; GetEnvInfo tells the new state.</summary>
    private static ApiResult Done(Result<EnvironmentSummary> result) =>
        result.ToApi(_ => ApiResult.Ok());
}
