using TokenDashboard.Platform;

namespace TokenDashboard.Api.Handlers;

/// <summary>environment.Control.*: list, inspect, create, start, stop, sleep, restart, clone, rename, delete.</summary>
internal sealed class EnvironmentControlHandlers(EnvironmentService environments, EnvironmentAnswers answers) : IApiHandlerGroup
{
    private const string Group = "environment.Control.";

    public IEnumerable<KeyValuePair<string, ApiHandler>> Handlers =>
    [
        new(Group + "GetEnvs", GetEnvsAsync),
        new(Group + "GetEnvInfo", async call => await answers.InfoAsync(call, await environments.GetAsync(call.UserId, call.Required("envName"), call.Aborted))),
        new(Group + "CreateEnvironment", CreateEnvironmentAsync),
        new(Group + "StartEnv", async call => Done(await environments.StartAsync(call.UserId, call.Required("envName"), call.Aborted))),
        new(Group + "StopEnv", async call => Done(await environments.StopAsync(call.UserId, call.Required("envName"), call.Aborted))),
        new(Group + "SleepEnv", async call => Done(await environments.SleepAsync(call.UserId, call.Required("envName"), call.Aborted))),
        new(Group + "RestartNodes", async call =>
            Done(await environments.RestartNodesAsync(call.UserId, call.Required("envName"), call.Optional("nodeGroup"), call.OptionalNumber("nodeId"), call.Aborted))),
        new(Group + "CloneEnv", async call =>
            await answers.InfoAsync(call, await environments.CloneAsync(call.UserId, call.Required("srcEnvName"), call.Required("dstEnvName"), call.Aborted))),
        new(Group + "SetEnvDisplayName", async call =>
            Done(await environments.SetDisplayNameAsync(call.UserId, call.Required("envName"), call.Required("displayName"), call.Aborted))),
        new(Group + "DeleteEnv", async call =>
            Done(await environments.DeleteAsync(call.Actor, call.Required("envName"), call.Optional("password"), call.Aborted))),
    ];

    /// <summary>
    /// The platform's <c>infos</c> (one object per environment, as GetEnvInfo answers it) and, beside it, this
    /// project's earlier flat <c>envs</c> for scripts written against that.
    /// </summary>
    private async Task<ApiResult> GetEnvsAsync(ApiCall call)
    {
        var list = await environments.ListAsync(call.UserId, call.Aborted);
        var info = await answers.ForAsync(call);
        return ApiResult.Ok(
            ApiResult.Field("infos", list.Select(info).ToList()),
            ApiResult.Field("envs", list.Select(EnvironmentView.From).ToList()));
    }

    private async Task<ApiResult> CreateEnvironmentAsync(ApiCall call)
    {
        var (draft, fromEnvJson) = CreateEnvironmentForm.Read(call);
        var created = await environments.CreateAsync(call.UserId, draft, call.Aborted);
        return created.Succeeded ? await answers.InfoAsync(call, created) : CreateEnvironmentForm.Refusal(created.Error!, fromEnvJson);
    }

    /// <summary>Commands answer exactly <c>{"result":0}</c>, as the platform's do; GetEnvInfo tells the new state.</summary>
    private static ApiResult Done(Result<EnvironmentSummary> result) =>
        result.ToApi(_ => ApiResult.Ok());
}
