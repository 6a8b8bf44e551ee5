using System.Text.Json;
using System.Text.RegularExpressions;
using TokenDashboard.Components.ApiDocs;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Components.ApiDocs;

/// <summary>
/// The answers shown on the API Docs page are written by hand; here each is held against the real API's answer to
/// the same method, so a field renamed, added or dropped on either side fails. Placeholders (…) stand for elided
/// values and list items; an elided object (<c>{…}</c>) is not compared inside, but no field the page names anywhere
/// (variants included) may be missing from real answers, and a status is the platform's number with its name.
/// </summary>
public sealed partial class ApiDocsAnswersTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    public static TheoryData<string> Methods => new(ApiCatalog.All.Select(m => m.FullName));

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task The_example_answer_has_the_fields_of_the_real_answer(string fullName)
    {
        var method = ApiCatalog.Find(fullName)!;
        var real = await CallAsync(method);
        Assert.True(real.Result == 0, $"{fullName}: {real}");

        var example = JsonDocument.Parse(Parseable(ApiDocsExamples.Answer(method))).RootElement;

        AssertSameShape(fullName, example, real.Json);
    }

    /// <summary>
    /// Every field the example names anywhere (variants and elided objects too) is in the real answer, and a status is
    /// the platform's number with its name. For the methods whose real answer here fills every list it can hold.
    /// </summary>
    [Theory]
    [InlineData("environment.Control.GetEnvs")]
    [InlineData("environment.Control.GetEnvInfo")]
    [InlineData("environment.Control.CreateEnvironment")]
    [InlineData("environment.Control.CloneEnv")]
    [InlineData("marketplace.App.Install")]
    [InlineData("users.Authentication.GetTokens")]
    [InlineData("users.Authentication.CreateToken")]
    [InlineData("users.Authentication.RegenerateToken")]
    [InlineData("users.Authentication.DeleteTokens")]
    [InlineData("users.Authentication.GetSessions")]
    public async Task The_example_answer_names_only_fields_of_the_real_answer(string fullName)
    {
        var method = ApiCatalog.Find(fullName)!;
        var real = await CallAsync(method);
        Assert.True(real.Result == 0, $"{fullName}: {real}");

        var example = ApiDocsExamples.Answer(method);

        var realNames = Names(real.Json).ToHashSet();
        var exampleNames = FieldName().Matches(example).Select(m => m.Groups[1].Value).ToHashSet();
        exampleNames.Remove("notice"); // shown for an expired token regenerated without a date; tested in the API's lifecycle tests
        Assert.True(!exampleNames.Except(realNames).Any(), $"{fullName}: the example names [{string.Join(", ", exampleNames.Except(realNames))}], which the API never answers.");
        if (real.Body.Contains("\"statusName\"", StringComparison.Ordinal))
        {
            Assert.Matches("\"status\":[124],\"statusName\":\"[A-Z]+\"", example);
        }
    }

    private static IEnumerable<string> Names(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Names(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Names),
        _ => [],
    };

    private async Task<ApiAnswer> CallAsync(ApiMethod method)
    {
        var user = await fixture.NewUserAsync();
        var client = fixture.Client;
        var token = await user.IssueAsync(new TokenDraft("CI deploys", new DateOnly(2099, 12, 31), "IDE Plugins"));
        var id = token.Token.Id.ToString();
        if (method.FullName == ApiCatalog.ReportLeakedTokens)
        {
            return await client.PostApiAsync(method.FullName, null, ("tokens", TokenFormat.Generate()));
        }
        if (method.Anonymous)
        {
            return await client.PostApiAsync(method.FullName, null, ("login", user.Email), ("password", AppFactory.DemoPassword));
        }
        if (method.AlwaysAllowed)
        {
            return await client.PostApiAsync(method.FullName, token.Value);
        }
        (string, string)[] parameters = method.FullName switch
        {
            "environment.Control.CreateEnvironment" => [
                ("env", """{"shortdomain":"my-new-env","displayName":"My new env","ishaenabled":false,"sslstate":true}"""),
                ("nodes", """[{"nodeType":"nginx"},{"nodeType":"tomcat","count":2},{"nodeType":"mysql"}]""")],
            "environment.Control.CloneEnv" => [("srcEnvName", "my-project"), ("dstEnvName", "my-project-copy")],
            "environment.Control.SetEnvDisplayName" => [("envName", "my-project"), ("displayName", "My project")],
            "environment.Deployment.Deploy" => [("envName", "my-project"), ("fileName", "app.war")],
            "environment.Deployment.Undeploy" => [("envName", "my-project"), ("context", "ROOT")],
            "marketplace.App.GetAppInfo" => [("id", "wordpress")],
            "marketplace.App.Install" => [("id", "wordpress"), ("envName", "my-blog")],
            "users.Authentication.CreateToken" => [("description", "CI deploys"), ("tokenTemplate", "IDE Plugins"), ("expiresAt", "2030-12-31")],
            "users.Authentication.EditToken" or "users.Authentication.RegenerateToken" or "users.Authentication.GetTokenUsage" => [("id", id)],
            "users.Authentication.DeleteTokens" => [("ids", id)],
            "users.Authentication.SignoutSessions" => [("ids", "*")],
            _ => method.Parameters.Any(p => p.Name == "envName") ? [("envName", "my-project")] : [],
        };
        // Something deployed, so that the environment's contexts hold an item to compare with the example's.
        if (method.FullName is "environment.Deployment.Undeploy" or "environment.Control.GetEnvs" or "environment.Control.GetEnvInfo" or "environment.Control.CloneEnv")
        {
            Assert.Equal(0, (await client.PostApiAsync("environment.Deployment.Deploy", await user.SessionAsync(), ("envName", "my-project"), ("fileName", "app.war"))).Result);
        }
        if (method.RequiresPassword)
        {
            parameters = [.. parameters, ("password", AppFactory.DemoPassword)];
        }
        // Administrators' methods answer only an administrator: the demo account is the configured one.
        var caller = method.Administrative ? new ApiUser(fixture.Factory, await fixture.Factory.DemoActorAsync(), AppFactory.DemoEmail) : user;
        return await client.PostApiAsync(method.FullName, await caller.SessionAsync(), parameters);
    }

    /// <summary>Every field of one side is on the other, with the same kind of value; elided parts are not compared.</summary>
    private static void AssertSameShape(string path, JsonElement example, JsonElement real)
    {
        if (example.ValueKind == JsonValueKind.String && example.GetString()!.Contains('…'))
        {
            return;
        }
        if (example.ValueKind == JsonValueKind.Null || real.ValueKind == JsonValueKind.Null)
        {
            return; // "never used" and "used at …" are both right for lastUsed
        }
        Assert.True(example.ValueKind == real.ValueKind, $"{path}: the example has {example.ValueKind}, the API answers {real.ValueKind}.");
        if (example.ValueKind == JsonValueKind.Object && example.EnumerateObject().Any())
        {
            var documented = example.EnumerateObject().Select(p => p.Name).ToList();
            var answered = real.EnumerateObject().Select(p => p.Name).ToList();
            Assert.True(documented.SequenceEqual(answered), $"{path}: the example has [{string.Join(", ", documented)}], the API answers [{string.Join(", ", answered)}].");
            foreach (var property in example.EnumerateObject())
            {
                AssertSameShape($"{path}.{property.Name}", property.Value, real.GetProperty(property.Name));
            }
        }
        if (example.ValueKind == JsonValueKind.Array && example.GetArrayLength() > 0 && real.GetArrayLength() > 0)
        {
            AssertSameShape($"{path}[0]", example[0], real[0]);
        }
    }

    /// <summary>
    /// The first answer shown (some methods go on to show variants, with comments), with the page's "…" for elided
    /// list items, fields and objects removed so that it parses as JSON.
    /// </summary>
    private static string Parseable(string example) =>
        ElidedObject().Replace(ElidedItem().Replace(example.TrimStart().Split('\n')[0], ""), "{}");

    [GeneratedRegex(@",\s*…(?=\s*[\]}])")]
    private static partial Regex ElidedItem();

    [GeneratedRegex(@"\{…\}")]
    private static partial Regex ElidedObject();

    [GeneratedRegex("\"([A-Za-z]+)\":")]
    private static partial Regex FieldName();
}
