using Bunit;
using MudBlazor.Services;
using TokenDashboard.Api;
using TokenDashboard.Components.ApiDocs;
using TokenDashboard.Tokens;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Components.ApiDocs;

public sealed class ApiDocsPageTests : ComponentTest
{
    public ApiDocsPageTests()
    {
        AddAuthorization().SetAuthorized("demo@tokendashboard.local");
    }

    public static TheoryData<string> CatalogMethods => new(ApiCatalog.All.Select(m => m.FullName));

    [Theory]
    [MemberData(nameof(CatalogMethods))]
    public void Every_catalog_method_has_an_anchored_section_with_summary_parameters_and_a_curl_example(string fullName)
    {
        var method = ApiCatalog.Find(fullName)!;

        var page = Render<ApiDocsPage>();

        var section = page.Find($"section[id='{fullName}']");
        Assert.Contains(method.Summary, section.TextContent);
        Assert.All(method.Parameters, p => Assert.Contains(p.Name, section.QuerySelector("table")!.TextContent));
        var curl = section.QuerySelector("[data-example='curl']")!.TextContent;
        Assert.StartsWith("curl \"http://localhost/1.0/" + method.Path, curl);
        Assert.Equal(method.Name, page.Find($"nav a[href='/api-docs#{fullName}']").TextContent);
    }

    [Fact]
    public void Reference_method_example_uses_the_token_as_session()
    {
        var page = Render<ApiDocsPage>();

        var curl = page.Find("section[id='environment.Control.StopEnv'] [data-example='curl']").TextContent;

        Assert.Equal("curl \"http://localhost/1.0/environment/control/rest/stopenv?envName=my-project&session=YOUR_TOKEN\"", curl);
    }

    [Fact]
    public void Methods_that_take_the_password_are_shown_as_post_forms()
    {
        var page = Render<ApiDocsPage>();

        var curl = page.Find("section[id='environment.Control.DeleteEnv'] [data-example='curl']").TextContent;

        Assert.Contains("--data-urlencode \"password=YOUR_PASSWORD\"", curl);
        Assert.Contains("--data-urlencode \"session=YOUR_TOKEN\"", curl);
        Assert.DoesNotContain("?", curl);
    }

    [Fact]
    public void Each_method_names_the_presets_that_include_it()
    {
        var page = Render<ApiDocsPage>();

        var presets = page.Find("section[id='environment.Control.StopEnv'] .td-presets").TextContent;
        var signin = page.Find("section[id='users.Authentication.Signin'] .td-presets").TextContent;

        Assert.Contains("Extended Access", presets);
        Assert.Contains("IDE Plugins", presets);
        Assert.DoesNotContain("Maven Plugin", presets);
        Assert.DoesNotContain("Marketplace", presets);
        Assert.Contains("Session only", signin);
    }

    [Fact]
    public void No_method_carries_a_custom_chip()
    {
        var page = Render<ApiDocsPage>();

        var chips = page.FindAll(".td-presets .mud-chip").Select(c => c.TextContent.Trim()).ToList();

        Assert.NotEmpty(chips);
        Assert.DoesNotContain(chips, c => c.Contains("Custom", StringComparison.OrdinalIgnoreCase));
        Assert.All(chips, c => Assert.True(ApiCatalog.Presets.Any(p => p.Name == c) || c.StartsWith("Always allowed") || c.StartsWith("Session only") || c.StartsWith("No credential needed") || c.StartsWith("Administrators only"), c));
    }

    [Fact]
    public void Leak_reports_are_documented_as_needing_no_credential_with_their_values_in_a_form_body()
    {
        var page = Render<ApiDocsPage>();

        var section = page.Find($"section[id='{ApiCatalog.ReportLeakedTokens}']");

        Assert.Contains("No credential needed", section.QuerySelector(".td-presets")!.TextContent);
        Assert.Contains("--data-urlencode \"tokens=", section.QuerySelector("[data-example=curl]")!.TextContent);
        Assert.DoesNotContain("session", section.QuerySelector("[data-example=curl]")!.TextContent);
        Assert.Contains("1,000", section.TextContent);
    }

    [Fact]
    public void Result_code_table_lists_every_code()
    {
        var page = Render<ApiDocsPage>();

        var codes = page.FindAll("#result-codes ~ * tr[data-result], tr[data-result]").Select(r => r.GetAttribute("data-result")).Distinct();

        Assert.Equal(["0", "4", "6", "8", "11", "12", "13", "20", "21", "22", "30", "31", "32", "99", "702"], codes);
    }
}
