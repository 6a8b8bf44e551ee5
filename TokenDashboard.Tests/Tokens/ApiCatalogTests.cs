using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Tokens;

public sealed class ApiCatalogTests
{
    [Fact]
    public void Every_method_has_a_unique_name_and_route_and_a_summary()
    {
        Assert.Equal(ApiCatalog.All.Count, ApiCatalog.All.Select(m => m.FullName.ToLowerInvariant()).Distinct().Count());
        Assert.Equal(ApiCatalog.All.Count, ApiCatalog.All.Select(m => m.Route).Distinct().Count());
        Assert.All(ApiCatalog.All, m => Assert.False(string.IsNullOrWhiteSpace(m.Summary)));
    }

    [Fact]
    public void Signin_and_signout_are_never_grantable()
    {
        Assert.DoesNotContain(ApiCatalog.Grantable, m => m.Name is "Signin" or "Signout");
        Assert.All(ApiCatalog.Presets, p => Assert.DoesNotContain(p.Methods, n => n.EndsWith(".Signin") || n.EndsWith(".Signout")));
    }

    [Fact]
    public void Route_lookup_is_case_insensitive()
    {
        Assert.Equal("environment.Control.StopEnv", ApiCatalog.FindByRoute("environment/control/rest/stopenv")?.FullName);
        Assert.Equal("environment.Control.StopEnv", ApiCatalog.FindByRoute("Environment/Control/REST/StopEnv")?.FullName);
        Assert.Null(ApiCatalog.FindByRoute("environment/control/rest/nosuch"));
    }

    [Fact]
    public void Extended_access_is_everything_but_token_management_and_reads_token_usage()
    {
        var extended = ApiCatalog.FindPreset("Extended Access")!;

        Assert.Contains("environment.Control.DeleteEnv", extended.Methods);
        Assert.Contains("marketplace.App.Install", extended.Methods);
        Assert.Contains("users.Account.GetUserInfo", extended.Methods);
        Assert.Equal(["users.Authentication.GetTokenUsage"], extended.Methods.Where(m => m.StartsWith("users.Authentication.")));
    }

    [Fact]
    public void Token_usage_is_in_no_other_preset()
    {
        var holders = ApiCatalog.Presets.Where(p => p.Methods.Contains("users.Authentication.GetTokenUsage")).Select(p => p.Name);

        Assert.Equal(["Extended Access"], holders);
    }

    [Theory]
    [InlineData("IDE Plugins", 9)]
    [InlineData("ide plugins", 9)]
    [InlineData("ide-plugins", 9)]
    [InlineData("Marketplace", 5)]
    [InlineData("Maven Plugin", 4)]
    public void Presets_are_found_by_name_or_key(string name, int methodCount) =>
        Assert.Equal(methodCount, ApiCatalog.FindPreset(name)!.Methods.Count);
}
