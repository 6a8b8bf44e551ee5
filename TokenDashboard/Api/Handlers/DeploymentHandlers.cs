using TokenDashboard.Platform;

namespace TokenDashboard.Api.Handlers;

/// <summary>environment.Deployment.*: deploy a file at a context, list deployments, undeploy a context.</summary>
internal sealed class DeploymentHandlers(DeploymentService deployments) : IApiHandlerGroup
{
    private const string Group = "environment.Deployment.";

    public IEnumerable<KeyValuePair<string, ApiHandler>> Handlers =>
    [
        new(Group + "Deploy", async call =>
            Deployment(await deployments.DeployAsync(call.UserId, call.Required("envName"), call.Required("fileName"), call.Optional("context"), call.Aborted))),
        new(Group + "GetDeployments", async call =>
            (await deployments.ListAsync(call.UserId, call.Required("envName"), call.Aborted))
                .ToApi(list => ApiResult.Ok("deployments", list.Select(DeploymentView.From).ToList()))),
        new(Group + "Undeploy", async call =>
            (await deployments.UndeployAsync(call.UserId, call.Required("envName"), call.Required("context"), call.Aborted)).ToApi(_ => ApiResult.Ok())),
    ];

    private static ApiResult Deployment(Result<DeploymentSummary> result) =>
        result.ToApi(d => ApiResult.Ok("deployment", DeploymentView.From(d)));
}
