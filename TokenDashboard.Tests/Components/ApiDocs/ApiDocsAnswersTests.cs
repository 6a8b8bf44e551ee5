using System.Text.Json;
using System.Text.RegularExpressions;
using TokenDashboard.Components.ApiDocs;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Components.ApiDocs;

/// <summary>The API Docs page's example answers name only fields that real answers carry, with the same kinds of values.</summary>
public sealed partial class ApiDocsAnswersTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Password = AppFactory.DemoPassword;

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
    public async Task Example_answer_names_only_fields_of_the_real_answer(string method)
    {
        var user = await fixture.NewUserAsync("my-project");
        var issued = await user.IssueAsync(new TokenDraft("CI deploys", null, "IDE Plugins"));
        var parameters = method switch
        {
            "environment.Control.GetEnvInfo" => [("envName", "my-project")],
            "environment.Control.CreateEnvironment" => [("envName", "my-new-env")],
            "environment.Control.CloneEnv" => [("srcEnvName", "my-project"), ("dstEnvName", "my-project-copy")],
            "marketplace.App.Install" => [("id", "wordpress"), ("envName", "my-blog")],
            "users.Authentication.CreateToken" => [("description", "x"), ("tokenTemplate", "IDE Plugins"), ("password", Password)],
            "users.Authentication.RegenerateToken" or "users.Authentication.DeleteTokens" => [("ids", issued.Token.Id.ToString()), ("password", Password)],
            _ => Array.Empty<(string, string)>(),
        };

        var real = await fixture.Client.PostApiAsync(method, await user.SessionAsync(), parameters);
        Assert.Equal(0, real.Result);

        var example = ApiDocsExamples.Answer(ApiCatalog.Find(method)!);
        var realNames = Names(real.Json).ToHashSet();
        var exampleNames = FieldName().Matches(example).Select(m => m.Groups[1].Value).ToHashSet();
        exampleNames.Remove("notice"); // shown for an expired token regenerated without a date; tested in the API's lifecycle tests
        Assert.Empty(exampleNames.Except(realNames));
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

    [GeneratedRegex("\"([A-Za-z]+)\":")]
    private static partial Regex FieldName();
}
