using System.Globalization;
using TokenDashboard.Tokens;
using TokenDashboard.Tokens.Usage;

namespace TokenDashboard.Api.Handlers;

/// <summary>
/// <c>users.Authentication.GetTokenUsage(id, days)</c>: what a token did, per day and per method, and what it was
/// refused — the same figures as the dashboard's details view. Another user's token is a bad <c>id</c> (result 4).
/// </summary>
internal sealed class UsageHandlers(TokenUsageService usage) : IApiHandlerGroup
{
    private const int DefaultDays = 30;

    public IEnumerable<KeyValuePair<string, ApiHandler>> Handlers => [new(ApiCatalog.GetTokenUsage, GetTokenUsageAsync)];

    private async Task<ApiResult> GetTokenUsageAsync(ApiCall call)
    {
        var id = call.RequiredId("id");
        var days = ReadDays(call);
        var report = await usage.GetReportAsync(call.UserId, id, days, call.Aborted)
            ?? throw new ApiParameterException("id", $"There is no token {id} on this account.");
        return ApiResult.Ok("usage", TokenUsageView.From(report));
    }

    private int ReadDays(ApiCall call)
    {
        if (call.Optional("days") is not { } text)
        {
            return Math.Min(DefaultDays, usage.MaxDays);
        }
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days >= 1 && days <= usage.MaxDays
            ? days
            : throw new ApiParameterException("days", $"'{ApiCall.Shorten(text)}' is not a number of days from 1 to {usage.MaxDays}.");
    }
}

/// <summary>GetTokenUsage's <c>usage</c>: the window (since and until, UTC days), the calls per day and method, the totals per method and the refusals.</summary>
internal sealed record TokenUsageView(int Id, int Days, string Since, string Until, long Calls,
    IReadOnlyList<TokenUsageView.Day> PerDay, IReadOnlyList<TokenUsageView.Method> PerMethod, IReadOnlyList<TokenUsageView.Method> Refused)
{
    public sealed record Day(string Date, string Method, long Calls, long Refused);

    public sealed record Method(string Name, long Calls, DateTime? LastCall);

    public static TokenUsageView From(TokenUsageReport report) =>
        new(report.TokenId, report.Days, ApiJson.Date(report.From(report.Days))!, ApiJson.Date(report.Today)!, report.TotalCalls(report.Days),
            report.Daily.Select(d => new Day(ApiJson.Date(d.Day)!, d.Method, d.Calls, d.Refused)).ToList(),
            report.Used(report.Days).Select(m => new Method(m.Method, m.Calls, m.LastCallAt)).ToList(),
            report.Refused(report.Days).Select(m => new Method(m.Method, m.Calls, m.LastCallAt)).ToList());
}
