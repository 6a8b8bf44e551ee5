namespace TokenDashboard.Tokens;

/// <summary>A result code and what it means, as the API Docs page and docs/API.md list them.</summary>
internal sealed record ResultCode(int Code, string Name, string Meaning);

/// <summary>
/// The API's result codes, beside the catalog because the API Docs page lists them as it lists the methods.
/// 0, 8, 11, 99 and 702 follow the platform's own codes; the others are ours. Clients depend on every number here:
/// never renumber one.
/// </summary>
internal static class ResultCodes
{
    public const int Ok = 0;
    public const int InvalidParameter = 4;
    public const int NoSuchMethod = 6;
    public const int PermissionDenied = 8;
    public const int EnvironmentNotFound = 11;
    public const int EnvironmentExists = 12;
    public const int InvalidState = 13;
    public const int WrongPassword = 20;
    public const int LockedOut = 21;
    public const int TooManyRequests = 22;
    public const int AddressNotAllowed = 30;
    public const int TwoFactorAccount = 31;
    public const int EmailNotConfirmed = 32;
    public const int Unexpected = 99;
    public const int NotAuthenticated = 702;

    public static readonly IReadOnlyList<ResultCode> All =
    [
        new(Ok, "success", "The call succeeded."),
        new(InvalidParameter, "invalid parameter", "A parameter is missing or invalid; error names it (and parameter holds its name)."),
        new(NoSuchMethod, "no such method", "There is no API method at that path."),
        new(PermissionDenied, "permission denied", "The token does not include this method, or the method is for administrators only."),
        new(EnvironmentNotFound, "no such environment", "The environment does not exist (or is not yours: the answer is the same)."),
        new(EnvironmentExists, "environment exists", "An environment of that name already exists."),
        new(InvalidState, "invalid state", "The environment's status does not allow this, e.g. deploying to a stopped one."),
        new(WrongPassword, "wrong password", "The password is wrong; nothing was changed."),
        new(LockedOut, "locked out", "Too many wrong passwords: error says until when the account is locked."),
        new(TooManyRequests, "too many requests", "Over a rate limit (per client address, per token, or failed password confirmations per hour): HTTP 429 with Retry-After."),
        new(AddressNotAllowed, "address not allowed", "The token has an IP allow-list and this call came from elsewhere; the answer never says which addresses are allowed."),
        new(TwoFactorAccount, "two-factor account", "Signin refused: this account uses two-factor sign-in; use an access token."),
        new(EmailNotConfirmed, "email not confirmed", "Signin refused: the account's email address is not confirmed yet; open the link in the confirmation mail (said only after the right password)."),
        new(Unexpected, "unexpected error", "Something went wrong on our side; error quotes a correlation id that is also in the server log."),
        new(NotAuthenticated, "not authenticated", "Credentials missing, malformed, unknown, expired or revoked."),
    ];
}
