using System.Collections.Frozen;

namespace TokenDashboard.Tokens;

/// <summary>
/// The one list of API methods and presets. The permission picker, the API router, the API Docs page and the
/// tests all read it; every method listed here is implemented by the API.
/// </summary>
internal static class ApiCatalog
{
    private static ApiParameter EnvName(string description = "Name of the target environment, e.g. my-project.") =>
        new("envName", "string", true, description);

    private static ApiParameter IpList(string whenEmpty) =>
        new("ipList", "string", false, $"Client addresses and CIDR ranges (IPv4, IPv6) the token may be used from, separated by ','; at most {AddressAllowList.MaxEntries}. {whenEmpty}");

    private const string ExpiresAtForms = "Last valid day (UTC): yyyy-MM-dd, yyyy-MM-dd HH:mm:ss or ISO 8601 (2030-12-31T00:00:00Z).";

    public static readonly IReadOnlyList<ApiMethod> All =
    [
        new("environment.Control.GetEnvs", "Lists the account's environments with their status and nodes.", []),
        new("environment.Control.GetEnvInfo", "Returns one environment: its name, domain, status, nodes and node groups.", [EnvName()]),
        new("environment.Control.CreateEnvironment", "Creates a new running environment with the nodes asked for (one Tomcat when none are).",
            [new("env", "json", false, "The platform's form: {\"shortdomain\":\"my-new-env\",\"displayName\":…,\"region\":…,\"ishaenabled\":false,\"sslstate\":false}; shortdomain is the name. Give this or envName."),
             new("nodes", "json", false, "The platform's form: [{\"nodeType\":\"tomcat\",\"count\":2,\"fixedCloudlets\":1,\"flexibleCloudlets\":8,\"displayName\":…,\"extip\":false}, …]; a Docker node is {\"nodeType\":\"docker\",\"docker\":{\"image\":\"nginx:1.27\",\"nodeGroup\":\"cp\"}}. At most 16 of one entry and 32 in all."),
             EnvName("Name of the new environment: 2–40 characters of a–z, 0–9 and '-'. Give this or env.") with { Required = false },
             new("displayName", "string", false, "A friendly name; defaults to the name.")]),
        new("environment.Control.StartEnv", "Starts a stopped or sleeping environment.", [EnvName()]),
        new("environment.Control.StopEnv", "Stops an environment.", [EnvName()]),
        new("environment.Control.SleepEnv", "Puts an environment to sleep.", [EnvName()]),
        new("environment.Control.RestartNodes", "Restarts the nodes of a running environment: all, one group's, or one node.",
            [EnvName(), new("nodeGroup", "string", false, "Only this group's nodes, e.g. cp."), new("nodeId", "int", false, "Only this node (its id from GetEnvInfo).")]),
        new("environment.Control.CloneEnv", "Clones an environment, with its nodes and deployments, under a new name.",
            [new("srcEnvName", "string", true, "The environment to clone."), new("dstEnvName", "string", true, "Name of the clone.")]),
        new("environment.Control.SetEnvDisplayName", "Changes an environment's display name.",
            [EnvName(), new("displayName", "string", true, "The new display name (1–100 characters).")]),
        new("environment.Control.DeleteEnv", "Deletes an environment and its deployments.", [EnvName()], RequiresPassword: true),

        new("environment.Deployment.Deploy", "Deploys an application file into an environment under a context.",
            [EnvName(), new("fileName", "string", true, "The archive to deploy, e.g. app.war."), new("context", "string", false, "Context path; defaults to ROOT.")]),
        new("environment.Deployment.GetDeployments", "Lists an environment's deployments.", [EnvName()]),
        new("environment.Deployment.Undeploy", "Removes the deployment of a context.",
            [EnvName(), new("context", "string", true, "The context to undeploy.")]),

        new("marketplace.App.GetList", "Lists the applications of the marketplace.", []),
        new("marketplace.App.GetAppInfo", "Returns one marketplace application.", [new("id", "string", true, "The application's id, e.g. wordpress.")]),
        new("marketplace.App.Install", "Installs a marketplace application into a new environment.",
            [new("id", "string", true, "The application's id."), EnvName("Name of the environment to create."), new("displayName", "string", false, "A friendly name.")]),

        new("users.Account.GetUserInfo", "Returns the account: its number (uid), email, name, status and creation date.", []),

        new("users.Authentication.Signin", "Opens a session with login and password (the session-based method).",
            [new("login", "string", true, "The account email.")], Grantable: false, Anonymous: true, RequiresPassword: true),
        new("users.Authentication.Signout", "Closes the session given as session.", [], Grantable: false),
        new("users.Authentication.GetTokens", "Lists the account's access tokens (never their values).",
            [new("ids", "string", false, "Only these tokens: ids separated by ',' or ';' (e.g. 1;4;6), or * for all. Absent: all.")]),
        new("users.Authentication.CreateToken", "Generates a new access token; its value is in this answer only.",
            [new("description", "string", true, "What the token is for (1–100 characters)."),
             new("tokenTemplate", "string", false, "A preset's name, e.g. IDE Plugins. Give this or apiList."),
             new("apiList", "string", false, "Full method names separated by commas. Give this or tokenTemplate."),
             new("expiresAt", "date", false, ExpiresAtForms + " Empty: never expires."),
             IpList("Empty: any address.")], RequiresPassword: true),
        new("users.Authentication.EditToken", "Changes a token's description, expiry or methods; its value stays.",
            [new("id", "int", true, "The token's id."),
             new("description", "string", false, "A new description."),
             new("tokenTemplate", "string", false, "A preset's name."),
             new("apiList", "string", false, "Full method names separated by commas."),
             new("expiresAt", "date", false, ExpiresAtForms + " 'never' for no expiry. An expired token keeps its date: give the new one to RegenerateToken."),
             IpList("Absent: unchanged; '*': any address.")], RequiresPassword: true),
        new("users.Authentication.RegenerateToken", "Gives tokens new values; the old ones stop working at once. The way back for an expired token.",
            [new("ids", "string", true, "Token ids separated by ',' or ';', or * for all your tokens (id is accepted for one)."),
             new("expiresAt", "date", false, ExpiresAtForms + " 'never' for no expiry. Absent: the date stays, or is 90 days from today for an expired token.")], RequiresPassword: true),
        new("users.Authentication.DeleteTokens", "Removes tokens, all or nothing.",
            [new("ids", "string", true, "Token ids separated by ',' or ';' (e.g. 1;4;6), or * for all your tokens.")], RequiresPassword: true),
        new("users.Authentication.GetTokenApiList", "Lists the methods a token can be granted.", []),
        new("users.Authentication.GetTokenTemplates", "Lists the presets with their methods.", []),
        new("users.Authentication.GetSessions", "Lists the account's browser sign-ins and API sessions (created, last seen, address, client; the calling one marked).", []),
        new("users.Authentication.SignoutSessions", "Ends sessions: browsers are signed out within a minute, API sessions at once.",
            [new("ids", "string", true, "Session ids from GetSessions separated by ',' or ';', or * for every session but the calling one.")], RequiresPassword: true),
        new("users.Authentication.GetTokenInfo", "Describes the presenting token itself: id, description, methods, expiry, created (never its value).",
            [], Grantable: false, AlwaysAllowed: true),
        new("users.Authentication.RevokeToken", "Revokes the presenting token itself, at once and without a password, from any address (its IP allow-list too): whoever finds a leaked token can kill it.",
            [], Grantable: false, AlwaysAllowed: true, AnyAddress: true),
        new(ReportLeakedTokens, $"Reports token values found where they do not belong (a public repository, a paste, a log). Needs no credential. Each value that is a token is revoked at once and its owner told; the answer is the same whichever values were tokens. At most {LeakedTokenReports.MaxCallsPerHour} calls per client address per hour.",
            [new("tokens", "string", true, $"Up to {LeakedTokenReports.MaxValues:N0} token values separated by ',', ';' or new lines. Send them in a POST form body, not in the URL.")],
            Grantable: false, Anonymous: true),
        new(GetTokenUsage, "A token's calls per day and per method, and the methods it was refused (result 8).",
            [new("id", "int", true, "The token's id."),
             new("days", "int", false, "Days back from today (UTC), 1–90; default 30.")]),

        new("admin.Accounts.GetAccounts", "Administrators: lists every account — email, number, confirmed, two-factor, created, last sign-in, tokens, sessions, locked-out until, disabled, administrator.",
            [new("search", "string", false, "Only accounts whose email contains this (case-insensitive)."),
             new("skip", "int", false, "Accounts to skip (paging); default 0."),
             new("take", "int", false, $"Accounts to answer, 1–{MaxAdminPage}; default 50.")], Administrative: true),
        new("admin.Accounts.SetAccount", "Administrators: unlocks, disables, enables, signs out everywhere, resets two-factor of, or grants or revokes Administrator for an account. The last administrator can be neither disabled nor demoted.",
            [new("uid", "int", true, "The account's number (uid from GetAccounts)."),
             new("action", "string", true, "One of: Unlock, Disable, Enable, SignOutEverywhere, ResetTwoFactor, GrantAdministrator, RevokeAdministrator.")],
            RequiresPassword: true, Administrative: true),
        new("admin.Tokens.GetTokens", "Administrators: the credentials inventory — every token of every account: owner, description, hint, preset or methods, uses, created, expires, last use, status. Never a value.",
            [new("owner", "string", false, "Only tokens whose owner's email contains this."),
             new("expired", "bool", false, "true: only expired tokens."),
             new("expiringDays", "int", false, "Only tokens expiring within this many days from today."),
             new("unusedDays", "int", false, "Only tokens not used for at least this many days (or never)."),
             new("neverExpires", "bool", false, "true: only tokens without an expiry date."),
             new("broad", "bool", false, "true: only tokens that used fewer than half of their methods in the last 30 days."),
             new("skip", "int", false, "Tokens to skip (paging); default 0."),
             new("take", "int", false, $"Tokens to answer, 1–{MaxAdminPage}; default 50.")], Administrative: true),
        new("admin.Tokens.RevokeTokens", "Administrators: revokes tokens of any accounts, all or nothing; each owner is told in their Activity and by mail.",
            [new("ids", "string", true, "Token ids from admin.Tokens.GetTokens separated by ',' or ';' (at most 1,000).")],
            RequiresPassword: true, Administrative: true),
        new("admin.Policies.GetPolicies", "Administrators: the policies in force — maximum token lifetime, expiry required, allowed presets, IP list required, two-factor required, registration.",
            [], Administrative: true),
        new("admin.Policies.SetPolicies", "Administrators: changes the policies (those not given stay); they apply to every token created or changed from then on, and to existing tokens with applyToExisting.",
            PolicyParameters, RequiresPassword: true, Administrative: true),
    ];

    /// <summary>admin.Policies.SetPolicies: each policy absent stays as it is.</summary>
    private static ApiParameter[] PolicyParameters =>
    [
        new("maxLifetimeDays", "int", false, $"The most days a token's expiry date may lie ahead, 1–{Accounts.Policies.SitePolicies.MaxLifetimeLimit}; 'none' for no limit."),
        new("requireExpiry", "bool", false, "true: every token needs an expiry date ('never' refused)."),
        new("allowedPresets", "string", false, "The presets a token may hold, by name, and Custom for a method list, separated by ','; * for any."),
        new("requireIpList", "bool", false, "true: every token needs an IP allow-list."),
        new("requireTwoFactor", "bool", false, "true: every account must sign in with two factors; one without is sent to set them up."),
        new("registration", "string", false, "open, closed or invitation."),
        new("applyToExisting", "bool", false, "true: existing tokens beyond the maximum lifetime (or without a date where one is now required) get the latest date allowed; their owners are told."),
    ];

    /// <summary>The most rows one page of an admin list answers.</summary>
    public const int MaxAdminPage = 500;

    /// <summary>Anyone may report leaked token values, without credentials.</summary>
    public const string ReportLeakedTokens = "users.Authentication.ReportLeakedTokens";

    /// <summary>Reads usage and changes nothing, so Extended Access includes it although it is a token method.</summary>
    public const string GetTokenUsage = "users.Authentication.GetTokenUsage";

    private static readonly FrozenDictionary<string, ApiMethod> ByFullName =
        All.ToFrozenDictionary(m => m.FullName, StringComparer.OrdinalIgnoreCase);

    /// <summary>The methods a token may hold (everything but Signin, Signout and the always-allowed ones).</summary>
    public static readonly IReadOnlyList<ApiMethod> Grantable = All.Where(m => m.Grantable).ToArray();

    /// <summary>What any account's token may hold: the grantable methods but the administrators' own (see <see cref="TokenPolicy.Offered"/>).</summary>
    public static readonly IReadOnlyList<ApiMethod> GrantableToAnyone = Grantable.Where(m => !m.Administrative).ToArray();

    /// <summary>What every token may call whatever it holds: checking and revoking itself.</summary>
    public static readonly IReadOnlyList<ApiMethod> AlwaysAllowed = All.Where(m => m.AlwaysAllowed).ToArray();

    public static readonly IReadOnlyList<ApiPreset> Presets =
    [
        new("extended-access", "Extended Access", "Everything but managing tokens: environments, deployments, marketplace, account, token usage.",
            GrantableToAnyone
                .Where(m => !m.FullName.StartsWith("users.Authentication.", StringComparison.Ordinal) || m.FullName == GetTokenUsage)
                .Select(m => m.FullName).ToFrozenSet()),
        new("ide-plugins", "IDE Plugins", "What an IDE plugin needs: environments, start/stop, deploy.",
            Names("environment.Control.GetEnvs", "environment.Control.GetEnvInfo", "environment.Control.StartEnv",
                  "environment.Control.StopEnv", "environment.Control.RestartNodes", "environment.Deployment.Deploy",
                  "environment.Deployment.GetDeployments", "environment.Deployment.Undeploy", "users.Account.GetUserInfo")),
        new("marketplace", "Marketplace", "Browse and install marketplace applications.",
            Names("marketplace.App.GetList", "marketplace.App.GetAppInfo", "marketplace.App.Install",
                  "environment.Control.GetEnvs", "environment.Control.GetEnvInfo")),
        new("maven-plugin", "Maven Plugin", "What the Maven plugin needs to deploy a build.",
            Names("environment.Control.GetEnvInfo", "environment.Deployment.Deploy",
                  "environment.Deployment.GetDeployments", "users.Account.GetUserInfo")),
    ];

    public static ApiMethod? Find(string fullName) => ByFullName.GetValueOrDefault(fullName);

    /// <summary>A preset by key ("ide-plugins") or by its name as shown ("IDE Plugins"), case-insensitive.</summary>
    public static ApiPreset? FindPreset(string keyOrName) =>
        Presets.FirstOrDefault(p => string.Equals(p.Key, keyOrName, StringComparison.OrdinalIgnoreCase)
                                 || string.Equals(p.Name, keyOrName, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// What a stored token may call: its preset's methods as the preset is today (a preset token follows its preset),
    /// or its own list for a Custom token, in the order it was given.
    /// </summary>
    public static (ApiPreset? Preset, IReadOnlyList<string> Methods) PermissionsOf(string? presetKey, IReadOnlyList<string> custom) =>
        presetKey is not null && FindPreset(presetKey) is { } preset ? (preset, [.. preset.Methods]) : (null, custom);

    private static FrozenSet<string> Names(params string[] names)
    {
        // A typo here would silently grant nothing; fail at type initialisation instead.
        var unknown = names.Where(n => !All.Any(m => m.FullName == n)).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException($"Preset names unknown methods: {string.Join(", ", unknown)}");
        }
        // An administrative method in a preset would be handed to every token of that preset: never.
        var administrative = names.Where(n => All.Any(m => m.FullName == n && m.Administrative)).ToArray();
        return administrative.Length == 0
            ? names.ToFrozenSet()
            : throw new InvalidOperationException($"Preset names administrative methods: {string.Join(", ", administrative)}");
    }
}
