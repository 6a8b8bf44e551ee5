using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Tokens;

/// <summary>One app for the class; each test acts as an account of its own.</summary>
public sealed class TokenServiceTests(ApiFixture app) : TokenStoreTest(app), IClassFixture<ApiFixture>
{
    private static TokenDraft IdePlugins(string description = "CI deploys") =>
        new(description, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), "IDE Plugins");

    private static TokenDraft Custom(params string[] methods) =>
        new("custom", null, null, methods);

    [Fact]
    public async Task Generated_token_validates_with_its_preset_methods()
    {
        var issued = (await Tokens.GenerateAsync(Demo, IdePlugins(), Password)).Value!;

        var validation = await Validator.ValidateAsync(issued.Value);

        Assert.Equal(Demo.UserId, validation.Token!.UserId);
        Assert.Equal(ApiCatalog.FindPreset("ide-plugins")!.Methods.Order(), validation.Token.Methods.Order());
        Assert.Equal(issued.Value[^4..], issued.Token.Hint);
        var listed = Assert.Single(await Tokens.ListAsync(Demo.UserId));
        Assert.Equal("CI deploys", listed.Description);
        Assert.Equal("IDE Plugins", listed.Preset!.Name);
        Assert.Equal(TokenStatus.Active, listed.Status);
    }

    [Fact]
    public async Task Preset_token_stores_no_method_list_and_follows_the_preset()
    {
        var issued = (await Tokens.GenerateAsync(Demo, new TokenDraft("maven", null, "maven-plugin"), Password)).Value!;

        await using var db = Factory.Database.CreateContext();
        var stored = await db.AccessTokens.SingleAsync(t => t.Id == issued.Token.Id);
        Assert.Equal("maven-plugin", stored.Preset);
        Assert.Empty(stored.Methods);
        var validation = await Validator.ValidateAsync(issued.Value);
        Assert.True(validation.Token!.Methods.SetEquals(ApiCatalog.FindPreset("Maven Plugin")!.Methods));
    }

    [Fact]
    public async Task Custom_token_holds_exactly_its_methods_in_catalog_casing()
    {
        var issued = (await Tokens.GenerateAsync(Demo, Custom("environment.control.stopenv", "users.Account.GetUserInfo"), Password)).Value!;

        var validation = await Validator.ValidateAsync(issued.Value);

        Assert.Equal(["environment.Control.StopEnv", "users.Account.GetUserInfo"], validation.Token!.Methods.Order());
    }

    [Fact]
    public async Task Edit_changes_settings_and_keeps_the_value()
    {
        var issued = (await Tokens.GenerateAsync(Demo, IdePlugins(), Password)).Value!;

        var edited = await Tokens.EditAsync(Demo, issued.Token.Id, Custom("marketplace.App.GetList") with { Description = "renamed" }, Password);

        Assert.True(edited.Succeeded);
        Assert.Equal("renamed", edited.Value!.Description);
        Assert.Null(edited.Value.Preset);
        var validation = await Validator.ValidateAsync(issued.Value);
        Assert.Equal(["marketplace.App.GetList"], validation.Token!.Methods);
    }

    [Fact]
    public async Task Regenerate_invalidates_the_old_value_at_once()
    {
        var issued = (await Tokens.GenerateAsync(Demo, IdePlugins(), Password)).Value!;

        var regenerated = (await Tokens.RegenerateAsync(Demo, issued.Token.Id, Password)).Value!;

        Assert.Equal(TokenRejection.Unknown, (await Validator.ValidateAsync(issued.Value)).Rejection);
        Assert.NotNull((await Validator.ValidateAsync(regenerated.Value)).Token);
        Assert.Equal(issued.Token.Id, regenerated.Token.Id);
        Assert.NotEqual(issued.Value, regenerated.Value);
    }

    [Fact]
    public async Task Remove_invalidates_every_removed_token_and_only_those()
    {
        var issued = new List<IssuedToken>();
        for (var i = 0; i < 4; i++)
        {
            issued.Add((await Tokens.GenerateAsync(Demo, IdePlugins($"token {i}"), Password)).Value!);
        }

        var removed = await Tokens.RemoveAsync(Demo, [issued[0].Token.Id, issued[2].Token.Id], Password);

        Assert.Equal(2, removed.Value);
        Assert.Null((await Validator.ValidateAsync(issued[0].Value)).Token);
        Assert.Null((await Validator.ValidateAsync(issued[2].Value)).Token);
        Assert.NotNull((await Validator.ValidateAsync(issued[1].Value)).Token);
        Assert.Equal(["token 1", "token 3"], (await Tokens.ListAsync(Demo.UserId)).Select(t => t.Description).Order());
    }

    [Fact]
    public async Task Remove_with_one_unknown_id_removes_nothing()
    {
        var kept = (await Tokens.GenerateAsync(Demo, IdePlugins(), Password)).Value!;

        var removed = await Tokens.RemoveAsync(Demo, [kept.Token.Id, 999_999], Password);

        Assert.Equal(TokenErrors.NoSuchToken(999_999, "ids"), removed.Error);
        Assert.NotNull((await Validator.ValidateAsync(kept.Value)).Token);
    }

    [Fact]
    public async Task Copy_is_a_new_independent_token_with_the_same_settings()
    {
        var source = (await Tokens.GenerateAsync(Demo, Custom("environment.Control.GetEnvs", "environment.Control.StopEnv"), Password)).Value!;

        var copy = (await Tokens.CopyAsync(Demo, source.Token.Id, overrides: null, Password)).Value!;
        await Tokens.EditAsync(Demo, source.Token.Id, Custom("marketplace.App.GetList"), Password);
        await Tokens.RemoveAsync(Demo, [source.Token.Id], Password);

        Assert.NotEqual(source.Token.Id, copy.Token.Id);
        Assert.NotEqual(source.Value, copy.Value);
        var validation = await Validator.ValidateAsync(copy.Value);
        Assert.Equal(["environment.Control.GetEnvs", "environment.Control.StopEnv"], validation.Token!.Methods.Order());
        Assert.Equal("custom", copy.Token.Description);
    }

    [Fact]
    public async Task Another_users_token_is_refused_exactly_like_a_missing_one()
    {
        var other = await Factory.CreateUserAsync($"other-{Guid.NewGuid():N}@example.com");
        var theirs = (await Tokens.GenerateAsync(other, IdePlugins("theirs"), Password)).Value!;
        const int missing = 987_654;

        foreach (var id in new[] { theirs.Token.Id, missing })
        {
            Assert.Equal(TokenErrors.NoSuchToken(id), (await Tokens.EditAsync(Demo, id, IdePlugins("mine now"), Password)).Error);
            Assert.Equal(TokenErrors.NoSuchToken(id), (await Tokens.RegenerateAsync(Demo, id, Password)).Error);
            Assert.Equal(TokenErrors.NoSuchToken(id), (await Tokens.CopyAsync(Demo, id, null, Password)).Error);
            Assert.Null(await Tokens.GetAsync(Demo.UserId, id));
        }
        var removeTheirs = await Tokens.RemoveAsync(Demo, [theirs.Token.Id], Password);
        var removeMissing = await Tokens.RemoveAsync(Demo, [missing], Password);
        Assert.Equal(removeMissing.Error!.Kind, removeTheirs.Error!.Kind);
        Assert.Empty(await Tokens.ListAsync(Demo.UserId));
        Assert.Equal("theirs", Assert.Single(await Tokens.ListAsync(other.UserId)).Description);
        Assert.NotNull((await Validator.ValidateAsync(theirs.Value)).Token);
    }

    [Fact]
    public async Task Every_change_writes_an_audit_event_without_the_value()
    {
        var issued = (await Tokens.GenerateAsync(Demo, IdePlugins(), Password)).Value!;
        var regenerated = (await Tokens.RegenerateAsync(Demo, issued.Token.Id, Password)).Value!;
        await Tokens.EditAsync(Demo, issued.Token.Id, IdePlugins("edited"), Password);
        await Tokens.CopyAsync(Demo, issued.Token.Id, null, Password);
        await Tokens.RemoveAsync(Demo, [issued.Token.Id], Password);

        await using var db = Factory.Database.CreateContext();
        var events = await db.AuditEvents.Where(e => e.TokenId == issued.Token.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([AuditAction.Created, AuditAction.Regenerated, AuditAction.Edited, AuditAction.Removed], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal("127.0.0.1", e.Ip));
        Assert.Contains(await db.AuditEvents.Where(e => e.UserId == Demo.UserId).ToListAsync(), e => e.Action == AuditAction.Copied);
        Assert.DoesNotContain(await db.AuditEvents.ToListAsync(),
            e => (e.Detail ?? "").Contains(issued.Value) || (e.Detail ?? "").Contains(regenerated.Value));
    }
}
