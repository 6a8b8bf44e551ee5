using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Tokens;

public sealed class ApiCatalogTests
{
    [Fact]
    public void Every_method_has_a_summary()
    {
        Assert.All(ApiCatalog.All, m => Assert.False(string.IsNullOrWhiteSpace(m.Summary)));
    }

    [Fact]
    public void Exactly_the_changing_methods_and_signin_take_the_password()
    {
        Assert.Equal(
            ["environment.Control.DeleteEnv", "users.Authentication.Signin", "users.Authentication.CreateToken", "users.Authentication.EditToken",
             "users.Authentication.RegenerateToken", "users.Authentication.DeleteTokens", "users.Authentication.SignoutSessions",
             "admin.Accounts.SetAccount", "admin.Tokens.RevokeTokens",
             "admin.Policies.SetPolicies"],
            ApiCatalog.All.Where(m => m.RequiresPassword).Select(m => m.FullName));
    }

    [Fact]
    public void A_preset_token_follows_its_preset_and_a_custom_token_keeps_its_order()
    {
        var (preset, methods) = ApiCatalog.PermissionsOf("maven-plugin", ["ignored"]);
        var (custom, own) = ApiCatalog.PermissionsOf(null, ["users.Account.GetUserInfo", "environment.Control.GetEnvs"]);

        Assert.Equal("Maven Plugin", preset?.Name);
        Assert.Equal(ApiCatalog.FindPreset("Maven Plugin")!.Methods.Order(), methods.Order());
        Assert.Null(custom);
        Assert.Equal(["users.Account.GetUserInfo", "environment.Control.GetEnvs"], own);
    }

    [Fact]
    public void Signin_and_signout_are_never_grantable()
    {
        Assert.DoesNotContain(ApiCatalog.Grantable, m => m.Name is "Signin" or "Signout");
        Assert.All(ApiCatalog.Presets, p => Assert.DoesNotContain(p.Methods, n => n.EndsWith(".Signin") || n.EndsWith(".Signout")));
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
