using TokenDashboard.Accounts;

namespace TokenDashboard.Api.Handlers;

/// <summary>users.Authentication.GetSessions and SignoutSessions: the Sessions tab over the API, same service.</summary>
internal sealed class SessionHandlers(AccountSessions sessions) : IApiHandlerGroup
{
    public IEnumerable<KeyValuePair<string, ApiHandler>> Handlers =>
    [
        new("users.Authentication.GetSessions", GetSessionsAsync),
        new("users.Authentication.SignoutSessions", SignoutSessionsAsync),
    ];

    private static CurrentSession Current(ApiCall call) => new(null, call.Caller.SessionId);

    private async Task<ApiResult> GetSessionsAsync(ApiCall call)
    {
        var list = await sessions.ListAsync(call.UserId, Current(call), call.Aborted);
        return ApiResult.Ok("sessions", list.Select(SessionView.From).ToList());
    }

    private async Task<ApiResult> SignoutSessionsAsync(ApiCall call)
    {
        // The platform's id lists: separated by ',' or ';', "*" for all (here: all but the calling session).
        var ids = call.Required("ids").Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var ended = await sessions.EndAsync(call.Actor, ids, Current(call), call.Optional("password"), call.Aborted);
        return ended.ToApi(count => ApiResult.Ok("ended", count));
    }
}
