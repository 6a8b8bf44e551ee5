using Microsoft.Extensions.Options;
using TokenDashboard.Accounts;
using TokenDashboard.Platform;

namespace TokenDashboard.Api;

/// <summary>
/// Builds the platform's environment objects for an answer: they carry the owner's number (<c>uid</c>), which only
/// the account knows, and host names under the configured domain.
/// </summary>
internal sealed class EnvironmentAnswers(AccountDirectory accounts, IOptions<PlatformOptions> platform)
{
    /// <summary>The caller's own environments are the only ones it sees, so the owner is always the caller.</summary>
    public async Task<Func<EnvironmentSummary, EnvInfoView>> ForAsync(ApiCall call)
    {
        var uid = (await accounts.GetByIdAsync(call.UserId, call.Aborted))?.Uid ?? 0;
        var options = platform.Value;
        return e => EnvInfoView.From(e, uid, options);
    }

    /// <summary>GetEnvInfo's answer — also CreateEnvironment's, CloneEnv's and Install's (with <paramref name="more"/> after).</summary>
    public async Task<ApiResult> InfoAsync(ApiCall call, Result<EnvironmentSummary> result, params KeyValuePair<string, object?>[] more)
    {
        if (!result.Succeeded)
        {
            return ApiErrors.From(result.Error!);
        }
        var view = (await ForAsync(call))(result.Value!);
        return ApiResult.Ok([.. view.Fields(), .. more]);
    }
}
