using System.Text;
using TokenDashboard.Tokens;

namespace TokenDashboard.Components.ApiDocs;

/// <summary>
/// The examples on the API Docs page: a curl command per method built from its catalog parameters, and the shape
/// of its answer. Methods that take the password are shown as POST forms so that it stays out of URLs.
/// </summary>
internal static class ApiDocsExamples
{
    public const string TokenPlaceholder = "YOUR_TOKEN";

    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        ["envName"] = "my-project",
        ["displayName"] = "My project",
        ["srcEnvName"] = "my-project",
        ["dstEnvName"] = "my-project-copy",
        ["fileName"] = "app.war",
        ["context"] = "ROOT",
        ["description"] = "CI deploys",
        ["tokenTemplate"] = "IDE Plugins",
        ["apiList"] = "environment.Control.GetEnvs,environment.Control.StopEnv",
        ["expiresAt"] = "2030-12-31 00:00:00",
        ["ids"] = "42;43",
        ["login"] = "you@example.com",
        ["password"] = "YOUR_PASSWORD",
        ["days"] = "30",
        ["env"] = """{"shortdomain":"my-new-env","displayName":"My new env","region":"default","ishaenabled":false,"sslstate":true}""",
        ["nodes"] = """[{"nodeType":"nginx","count":1,"fixedCloudlets":1,"flexibleCloudlets":4},{"nodeType":"tomcat","count":2,"fixedCloudlets":1,"flexibleCloudlets":8},{"nodeType":"mysql","count":1,"fixedCloudlets":2,"flexibleCloudlets":16}]""",
        ["tokens"] = "tdt_FOUND_VALUE_1,tdt_FOUND_VALUE_2",
    };

    /// <summary>Optional parameters worth showing in a method's example (one of tokenTemplate/apiList is needed).</summary>
    private static readonly Dictionary<string, string[]> ShownOptional = new(StringComparer.Ordinal)
    {
        ["users.Authentication.CreateToken"] = ["tokenTemplate", "expiresAt"],
        ["users.Authentication.EditToken"] = ["description"],
        ["users.Authentication.GetTokens"] = ["ids"],
        [ApiCatalog.GetTokenUsage] = ["days"],
        ["environment.Control.CreateEnvironment"] = ["env", "nodes"],
    };

    /// <param name="baseUri">The address the page was opened with, so the command runs against this very server.</param>
    /// <param name="envName">One of the reader's own environments for <c>envName</c>, instead of the generic my-project.</param>
    public static string Curl(ApiMethod method, string baseUri, string? envName = null)
    {
        var url = $"{baseUri.TrimEnd('/')}/1.0/{method.Path}";
        var parameters = method.Parameters
            .Where(p => p.Required || (ShownOptional.TryGetValue(method.FullName, out var shown) && shown.Contains(p.Name)))
            .Select(p => (p.Name, Value: p.Name == "envName" && envName is not null ? envName : Example(method, p.Name)))
            .ToList();
        if (!method.Anonymous)
        {
            parameters.Add(("session", method.FullName == "users.Authentication.Signout" ? "YOUR_SESSION" : TokenPlaceholder));
        }

        // Passwords and found token values go in a form body: a URL ends up in logs and histories.
        if (method.RequiresPassword || method.FullName == ApiCatalog.ReportLeakedTokens)
        {
            var form = new StringBuilder($"curl \"{url}\"");
            foreach (var (name, value) in parameters)
            {
                form.Append($" \\\n  --data-urlencode \"{name}={value}\"");
            }
            return form.ToString();
        }
        var query = string.Join("&", parameters.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));
        return $"curl \"{url}?{query}\"";
    }

    private static string Example(ApiMethod method, string parameter) => (method.FullName, parameter) switch
    {
        ("environment.Control.CreateEnvironment", "envName") => "my-new-env",
        ("marketplace.App.Install", "envName") => "my-blog",
        ("marketplace.App.GetAppInfo" or "marketplace.App.Install", "id") => "wordpress",
        (_, "id") => "42",
        ("users.Authentication.GetTokens", "ids") => "*",
        ("users.Authentication.RegenerateToken", "ids") => "42",
        ("users.Authentication.SignoutSessions", "ids") => "*",
        _ => Values.GetValueOrDefault(parameter, "…"),
    };

    /// <summary>This project's earlier flat item of GetEnvs' <c>envs</c>.</summary>
    private const string FlatEnv = """{"envName":"my-project","displayName":"my-project","status":1,"statusName":"RUNNING","createdAt":"2026-01-31T09:00:00Z","deployments":1}""";

    /// <summary>The platform's environment object and topology (GetEnvInfo; each of GetEnvs' infos).</summary>
    private const string PlatformEnv = """{"envName":"my-project","shortdomain":"my-project","domain":"my-project.tokendashboard.local","displayName":"my-project","status":1,"statusName":"RUNNING","createdOn":"2026-01-31 09:00:00","creatorUid":12345,"uid":12345,"appid":"5f0c3e6a9b1d4e7f8a2b3c4d5e6f7a8b","hardwareNodeGroup":"default","hostGroup":{"uniqueName":"default","displayName":"Default"},"ishaenabled":false,"sslstate":false,"isFirewallEnabled":false,"isTransferring":false,"extdomains":[],"contexts":[{"context":"ROOT","archivename":"app.war","type":"ARCHIVE"}]}""";
    private const string NewPlatformEnv = """{"envName":"my-new-env","shortdomain":"my-new-env","domain":"my-new-env.tokendashboard.local","displayName":"My new env","status":1,"statusName":"RUNNING","createdOn":"2026-01-31 09:00:00","creatorUid":12345,"uid":12345,"appid":"9a8b7c6d5e4f30211f2e3d4c5b6a7988","hardwareNodeGroup":"default","hostGroup":{"uniqueName":"default","displayName":"Default"},"ishaenabled":false,"sslstate":true,"isFirewallEnabled":false,"isTransferring":false,"extdomains":[],"contexts":[]}""";
    private const string Node = """{"id":101,"nodeGroup":"cp","nodeType":"tomcat","name":"Tomcat","displayName":"Application Server","status":1,"ismaster":true,"url":"http://node101-my-project.tokendashboard.local","intIP":"10.0.0.101","fixedCloudlets":1,"flexibleCloudlets":8,"osType":"LINUX","version":"10.1.31"}""";
    private const string NodeGroup = """{"name":"cp","displayName":"Application Server","templateType":"NATIVE","isSLBAccessEnabled":true}""";
    private const string Topology = $$"""
        "nodes":[{{Node}}, …],"nodeGroups":[{{NodeGroup}}, …],"envGroups":[]
        """;
    /// <summary>admin.Policies.*: the policies as answered.</summary>
    private const string Policies = "\"policies\":{\"maxLifetimeDays\":90,\"requireExpiry\":false,\"allowedPresets\":[\"IDE Plugins\",\"Maven Plugin\",\"Custom\"],\"requireIpList\":false,\"requireTwoFactor\":false,\"registration\":\"invitation\"}";

    private const string EnvInfo = $$"""
        "env":{{PlatformEnv}},{{Topology}},"nodesData":[],"right":"OWNER"
        """;

    /// <summary>A new environment: nothing deployed yet (Install's has its app at ROOT).</summary>
    private const string NewEnvInfo = $$"""
        "env":{{NewPlatformEnv}},{{Topology}},"nodesData":[],"right":"OWNER"
        """;
    private const string Deployment = """{"fileName":"app.war","context":"ROOT","deployedAt":"2026-01-31T09:00:00Z"}""";
    private const string App = """{"id":"wordpress","name":"WordPress","description":"…"}""";
    private const string Token = """{"id":42,"description":"CI deploys","tokenTemplate":"IDE Plugins","apiList":["…"],"expiresAt":"2030-12-31","lastUsed":null,"lastUsedIp":null,"lastUsedMethod":null,"status":"ACTIVE","hint":"x7Qz","createdAt":"…","ipList":[]}""";
    private const string IssuedToken = """{"id":42,"key":"tdt_…","description":"CI deploys","tokenTemplate":"IDE Plugins","apiList":["…"],"expiresAt":"2030-12-31","lastUsed":null,"lastUsedIp":null,"lastUsedMethod":null,"status":"ACTIVE","hint":"x7Qz","createdAt":"…","ipList":[]}""";

    /// <summary>The answer on success, as scripts see it.</summary>
    public static string Answer(ApiMethod method) => method.FullName switch
    {
        "environment.Control.GetEnvs" => $$"""
            {"result":0,"infos":[{"env":{{PlatformEnv}},{{Topology}}}, …],"envs":[{{FlatEnv}}, …]}
            // "infos" is the platform's answer (each item as GetEnvInfo answers that environment); "envs" is this project's earlier flat list, kept for scripts written against it
            """,
        "environment.Deployment.GetDeployments" => $$"""{"result":0,"deployments":[{{Deployment}}]}""",
        "environment.Deployment.Deploy" => $$"""{"result":0,"deployment":{{Deployment}}}""",
        "marketplace.App.GetList" => $$"""{"result":0,"apps":[{{App}}]}""",
        "marketplace.App.GetAppInfo" => $$"""{"result":0,"app":{{App}}}""",
        "marketplace.App.Install" => $$"""{"result":0,{{EnvInfo}},"app":{{App}}}""",
        "users.Account.GetUserInfo" => """{"result":0,"uid":12345,"email":"you@example.com","name":"you","status":1,"createdAt":"2026-01-31T09:00:00Z"}""",
        "users.Authentication.Signin" => """{"result":0,"session":"tds_…","uid":12345,"email":"you@example.com","name":"you","status":1,"createdAt":"2026-01-31T09:00:00Z"}""",
        "users.Authentication.Signout" => """{"result":0}""",
        "users.Authentication.GetTokens" => $$"""{"result":0,"tokens":[{{Token}}]}""",
        "users.Authentication.CreateToken" => $$"""{"result":0,"token":{{IssuedToken}}}""",
        "users.Authentication.RegenerateToken" => $$"""
            {"result":0,"token":{{IssuedToken}},"tokens":[{{IssuedToken}}]}
            // several ids: "tokens" holds each new value once, and there is no "token"
            // an expired token regenerated without expiresAt gets the default lifetime, and the answer says so:
            {"result":0,"token":{"id":42,"key":"tdt_…","expiresAt":"2031-03-31", …},"tokens":[…],"notice":"Token 42 had expired; its new value expires on 2031-03-31, the default 90 days from today. Give expiresAt to choose another date."}
            """,
        "users.Authentication.EditToken" => $$"""{"result":0,"token":{{Token}}}""",
        "users.Authentication.DeleteTokens" => """{"result":0,"removed":2}""",
        "users.Authentication.GetTokenApiList" => """{"result":0,"apiList":[{"name":"environment.Control.GetEnvs","summary":"…","docs":"/api-docs#environment.Control.GetEnvs"}, …]}""",
        "users.Authentication.GetTokenTemplates" => """{"result":0,"tokenTemplates":[{"key":"ide-plugins","name":"IDE Plugins","description":"…","apiList":["…"],"alwaysAllowed":["users.Authentication.GetTokenInfo","users.Authentication.RevokeToken"]}, …]}""",
        "users.Authentication.GetTokenInfo" => $$"""{"result":0,"token":{{Token}}}""",
        "users.Authentication.RevokeToken" => """{"result":0,"revoked":42}""",
        ApiCatalog.ReportLeakedTokens => """
            {"result":0,"received":2}
            // "received" counts the distinct values sent; the answer is the same whichever of them were tokens
            """,
        "users.Authentication.GetSessions" => """{"result":0,"sessions":[{"id":"api-7","kind":"API","createdAt":"2026-11-28T09:00:00Z","lastSeen":"2026-11-28T09:30:00Z","ip":"203.0.113.7","client":"API session","current":true},{"id":"Qx…","kind":"BROWSER","createdAt":"2026-11-27T08:00:00Z","lastSeen":"2026-11-28T09:29:00Z","ip":"198.51.100.4","client":"Mozilla/5.0 (X11; Linux x86_64) … Firefox/130.0","current":false}]}""",
        "users.Authentication.SignoutSessions" => """{"result":0,"ended":2}""",
        ApiCatalog.GetTokenUsage => """{"result":0,"usage":{"id":42,"days":30,"since":"2026-10-30","until":"2026-11-28","calls":120,"perDay":[{"date":"2026-11-28","method":"environment.Control.StopEnv","calls":3,"refused":0}, …],"perMethod":[{"name":"environment.Control.StopEnv","calls":90,"lastCall":"2026-11-28T09:00:00Z"}, …],"refused":[{"name":"environment.Control.DeleteEnv","calls":1,"lastCall":"…"}]}}""",
        "admin.Accounts.SetAccount" => """{"result":0,"changed":true}""",
        "admin.Tokens.GetTokens" => """{"result":0,"total":1,"tokens":[{"id":42,"owner":"you@example.com","description":"CI deploy","hint":"x7Qa","tokenTemplate":"IDE Plugins","methods":9,"usedMethods":2,"createdAt":"2026-10-01T09:00:00Z","expiresAt":"2026-12-31","lastUsed":"2026-11-28T09:00:00Z","lastUsedIp":"203.0.113.7","lastUsedMethod":"environment.Deployment.Deploy","status":"Active"}]}""",
        "admin.Tokens.RevokeTokens" => """{"result":0,"revoked":2}""",
        "admin.Accounts.GetAccounts" => """{"result":0,"total":1,"accounts":[{"uid":12345,"email":"you@example.com","emailConfirmed":true,"twoFactorEnabled":false,"createdAt":"2026-01-31T09:00:00Z","lastSignIn":"2026-11-28T09:00:00Z","tokens":3,"sessions":1,"lockedOutUntil":null,"disabled":false,"administrator":true}]}""",
        "admin.Policies.GetPolicies" => $$"""{"result":0,{{Policies}}}""",
        "admin.Policies.SetPolicies" => $$"""
            {"result":0,{{Policies}},"tokensShortened":3,"ownersTold":2}
            // tokensShortened and ownersTold count what applyToExisting moved (0 without it); maxLifetimeDays and allowedPresets are null for "no limit" and "any"
            """,
        "environment.Control.GetEnvInfo" or "environment.Control.CloneEnv" => $$"""{"result":0,{{EnvInfo}}}""",
        "environment.Control.CreateEnvironment" => $$"""{"result":0,{{NewEnvInfo}}}""",
        _ => """{"result":0}""",
    };
}
