using TokenDashboard.Tokens;

namespace TokenDashboard.Api.Handlers;

/// <summary>
/// users.Authentication.ReportLeakedTokens: anyone may report token values they found; no credential is read. The
/// answer only counts what was received, so it is the same whichever values were tokens. The rate limiter holds
/// each client address to <see cref="LeakedTokenReports.MaxCallsPerHour"/> reports an hour.
/// </summary>
internal sealed class LeakReportHandlers(LeakedTokenReports reports) : IApiHandlerGroup
{
    public IEnumerable<KeyValuePair<string, ApiHandler>> Handlers =>
    [
        new(ApiCatalog.ReportLeakedTokens, ReportAsync),
    ];

    private async Task<ApiResult> ReportAsync(ApiCall call)
    {
        var values = LeakedTokenReports.Parse(call.Required("tokens"));
        if (!values.Succeeded)
        {
            return ApiErrors.From(values.Error!);
        }
        await reports.ReportAsync(values.Value!, call.ClientIp, call.Aborted);
        return ApiResult.Ok("received", values.Value!.Count);
    }
}
