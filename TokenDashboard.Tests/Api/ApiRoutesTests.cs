using TokenDashboard.Api;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Api;

public sealed class ApiRoutesTests
{
    [Fact]
    public void Path_lookup_is_case_insensitive_and_unknown_paths_find_nothing()
    {
        Assert.Equal("environment.Control.StopEnv", ApiRoutes.Find("environment/control/rest/stopenv")?.FullName);
        Assert.Equal("environment.Control.StopEnv", ApiRoutes.Find("Environment/Control/REST/StopEnv")?.FullName);
        Assert.Null(ApiRoutes.Find("environment/control/rest/nosuch"));
    }

    [Fact]
    public void A_method_is_served_below_its_group_and_documented_at_its_anchor()
    {
        var method = ApiCatalog.Find("users.Account.GetUserInfo")!;

        Assert.Equal("users/account/rest/getuserinfo", method.Path);
        Assert.Equal("/api-docs#users.Account.GetUserInfo", method.DocsHref);
    }
}
