using Microsoft.EntityFrameworkCore;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Tokens;

/// <summary>
/// The validator remembers valid tokens; these tests make sure it is never remembered past a change: each token is
/// validated first (so its answer is remembered), then changed, then validated again.
/// </summary>
public sealed class TokenValidatorMemoryTests : TokenStoreTest
{
    private static TokenDraft IdePlugins(DateOnly? expiresOn = null) => new("CI deploys", expiresOn, "IDE Plugins");

    [Fact]
    public async Task A_remembered_token_stops_working_as_soon_as_it_is_regenerated()
    {
        var issued = await IssueAndValidateAsync(IdePlugins());

        var regenerated = (await Tokens.RegenerateAsync(Demo, issued.Token.Id, Password)).Value!;

        Assert.Equal(TokenRejection.Unknown, (await Validator.ValidateAsync(issued.Value)).Rejection);
        Assert.NotNull((await Validator.ValidateAsync(regenerated.Value)).Token);
    }

    [Fact]
    public async Task A_remembered_token_stops_working_as_soon_as_it_is_removed()
    {
        var issued = await IssueAndValidateAsync(IdePlugins());

        await Tokens.RemoveAsync(Demo, [issued.Token.Id], Password);

        Assert.Equal(TokenRejection.Unknown, (await Validator.ValidateAsync(issued.Value)).Rejection);
    }

    [Fact]
    public async Task A_remembered_token_gets_its_edited_methods_on_the_next_call()
    {
        var issued = await IssueAndValidateAsync(IdePlugins());

        await Tokens.EditAsync(Demo, issued.Token.Id, new TokenDraft("narrowed", null, null, ["marketplace.App.GetList"]), Password);

        Assert.Equal(["marketplace.App.GetList"], (await Validator.ValidateAsync(issued.Value)).Token!.Methods);
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_its_expiry_day_is_over()
    {
        var today = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime);
        var issued = await IssueAndValidateAsync(IdePlugins(today));

        Factory.Clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(TokenRejection.Expired, (await Validator.ValidateAsync(issued.Value)).Rejection);
    }

    [Fact]
    public async Task A_change_made_behind_the_services_back_shows_within_the_maximum_age()
    {
        var issued = await IssueAndValidateAsync(IdePlugins());
        await using (var db = Factory.Database.CreateContext())
        {
            await db.AccessTokens.Where(t => t.Id == issued.Token.Id).ExecuteDeleteAsync();
        }

        Factory.Clock.Advance(TokenValidator.MaxAge);

        Assert.Equal(TokenRejection.Unknown, (await Validator.ValidateAsync(issued.Value)).Rejection);
    }

    [Fact]
    public async Task A_token_remembered_as_unknown_works_as_soon_as_any_token_is_generated()
    {
        // A value nobody has generated yet, sent before it exists (only a test can do this: values are random).
        var value = TokenFormat.Generate();
        Assert.Equal(TokenRejection.Unknown, (await Validator.ValidateAsync(value)).Rejection);
        Assert.Equal(TokenRejection.Unknown, (await Validator.ValidateAsync(value)).Rejection); // now answered from memory
        await InsertBehindTheServicesBackAsync(value);
        Assert.Equal(TokenRejection.Unknown, (await Validator.ValidateAsync(value)).Rejection);

        await Tokens.GenerateAsync(Demo, IdePlugins(), Password);

        Assert.NotNull((await Validator.ValidateAsync(value)).Token);
    }

    [Fact]
    public async Task A_token_remembered_as_unknown_is_read_again_after_the_unknown_maximum_age()
    {
        var value = TokenFormat.Generate();
        Assert.Equal(TokenRejection.Unknown, (await Validator.ValidateAsync(value)).Rejection);
        await InsertBehindTheServicesBackAsync(value);

        Factory.Clock.Advance(TokenValidator.UnknownMaxAge);

        Assert.NotNull((await Validator.ValidateAsync(value)).Token);
    }

    [Fact]
    public async Task A_flood_of_unknown_tokens_does_not_push_a_valid_token_out_of_memory()
    {
        var issued = await IssueAndValidateAsync(IdePlugins());
        // Behind every service's back, so only a remembered answer can still accept it.
        await using (var db = Factory.Database.CreateContext())
        {
            await db.AccessTokens.Where(t => t.Id == issued.Token.Id).ExecuteDeleteAsync();
        }

        for (var i = 0; i < 10_001; i++)
        {
            Assert.Equal(TokenRejection.Unknown, (await Validator.ValidateAsync(TokenFormat.Generate())).Rejection);
        }

        Assert.NotNull((await Validator.ValidateAsync(issued.Value)).Token);
    }

    /// <summary>A row for <paramref name="value"/> written straight into the database: no notice, nothing voided.</summary>
    private async Task InsertBehindTheServicesBackAsync(string value)
    {
        await using var db = Factory.Database.CreateContext();
        db.AccessTokens.Add(new TokenDashboard.Data.AccessToken
        {
            UserId = Demo.UserId, Description = "behind the back", Preset = "ide-plugins",
            SecretHash = TokenFormat.Hash(value), Hint = TokenFormat.Hint(value),
            CreatedAt = Factory.Clock.GetUtcNow().UtcDateTime, UpdatedAt = Factory.Clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
    }

    private async Task<IssuedToken> IssueAndValidateAsync(TokenDraft draft)
    {
        var issued = (await Tokens.GenerateAsync(Demo, draft, Password)).Value!;
        Assert.NotNull((await Validator.ValidateAsync(issued.Value)).Token);
        Assert.NotNull((await Validator.ValidateAsync(issued.Value)).Token); // now answered from memory
        return issued;
    }
}
