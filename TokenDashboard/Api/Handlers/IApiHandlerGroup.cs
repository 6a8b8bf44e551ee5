namespace TokenDashboard.Api.Handlers;

/// <summary>Runs one API method for an authenticated (or, for Signin, anonymous) call.</summary>
internal delegate Task<ApiResult> ApiHandler(ApiCall call);

/// <summary>
/// The handlers of one catalog group, keyed by the method's full name (<c>environment.Control.StopEnv</c>).
/// <see cref="ApiDispatcher"/> refuses to start unless the groups cover the catalog exactly.
/// </summary>
internal interface IApiHandlerGroup
{
    IEnumerable<KeyValuePair<string, ApiHandler>> Handlers { get; }
}
