using TokenDashboard.Accounts;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Tokens;

/// <summary>
/// An expired value never works again, whatever is edited later; Regenerate — with a new date, or the default
/// lifetime for an expired token — is the way back. The rules live in TokenService, the one rulebook of the dialog
/// and the API.
/// </summary>
public sealed class TokenLifecycleTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string Password = AppFactory.DemoPassword;

    /// <summary>
    /// "Today" of this test: 60 days after the shared app's clock when the test starts, so every expired token can be
    /// issued before it (the clock only moves forward, and each test of the class moves it on).
    /// </summary>
    private DateTimeOffset Noon { get; set; }
    private DateOnly Today { get; set; }

    private AppFactory factory => fixture.Factory;
    private TokenService Tokens => factory.Get<TokenService>();
    private TokenValidator Validator => factory.Get<TokenValidator>();
    private Actor demo = default!;

    /// <summary>
    /// A token whose last day was <paramref name="daysAgo"/> days before today: issued while the clock is still
    /// weeks back (the clock only moves forward), then today comes on its first check.
    /// </summary>
    private async Task<IssuedToken> ExpiredAsync(int daysAgo = 1, string description = "stale")
    {
        Assert.True(factory.Clock.GetUtcNow() < Noon, "Issue every expired token before today comes.");
        var issued = (await Tokens.GenerateAsync(demo, new TokenDraft(description, Today.AddDays(-daysAgo), "ide-plugins"), Password)).Value!;
        return issued;
    }

    /// <summary>Moves the clock to today, when the tokens from <see cref="ExpiredAsync"/> have expired.</summary>
    private async Task ArriveAsync(params IssuedToken[] expired)
    {
        factory.Clock.SetUtcNow(Noon);
        foreach (var token in expired)
        {
            Assert.Equal(TokenRejection.Expired, (await Validator.ValidateAsync(token.Value)).Rejection);
        }
    }

    [Fact]
    public async Task Editing_an_expired_tokens_date_is_refused_naming_expiresAt_and_the_old_value_stays_dead()
    {
        var stale = await ExpiredAsync();
        await ArriveAsync(stale);

        var later = await Tokens.EditAsync(demo, stale.Token.Id, stale.Token.ToDraft() with { ExpiresOn = Today.AddDays(30) }, Password);
        var never = await Tokens.EditAsync(demo, stale.Token.Id, stale.Token.ToDraft() with { ExpiresOn = null }, Password);

        Assert.All([later, never], edit =>
        {
            Assert.Equal((ErrorKind.InvalidParameter, "expiresAt"), (edit.Error!.Kind, edit.Error.Field));
            Assert.StartsWith($"Expired on {Today.AddDays(-1):dd-MM-yyyy} — regenerate to use it again.", edit.Error.Message);
        });
        Assert.Equal(Today.AddDays(-1), (await Tokens.GetAsync(demo.UserId, stale.Token.Id))!.ExpiresOn);
        Assert.Equal(TokenRejection.Expired, (await Validator.ValidateAsync(stale.Value)).Rejection);
    }

    [Fact]
    public async Task The_refusal_costs_no_password_attempt()
    {
        var stale = await ExpiredAsync();
        await ArriveAsync(stale);

        var refused = await Tokens.EditAsync(demo, stale.Token.Id, stale.Token.ToDraft() with { ExpiresOn = Today.AddDays(30) }, "wrong password");

        Assert.Equal("expiresAt", refused.Error!.Field);
    }

    [Fact]
    public async Task An_expired_token_keeps_its_date_while_description_and_methods_change_and_its_value_stays_dead()
    {
        var stale = await ExpiredAsync();
        await ArriveAsync(stale);

        var edited = await Tokens.EditAsync(demo, stale.Token.Id, new TokenDraft("renamed", Today.AddDays(-1), null, ["environment.Control.GetEnvs"]), Password);

        Assert.True(edited.Succeeded, edited.Error?.Message);
        Assert.Equal(("renamed", Today.AddDays(-1), TokenStatus.Expired), (edited.Value!.Description, edited.Value.ExpiresOn, edited.Value.Status));
        Assert.Equal(["environment.Control.GetEnvs"], edited.Value.Methods);
        Assert.Equal(TokenRejection.Expired, (await Validator.ValidateAsync(stale.Value)).Rejection);
    }

    [Fact]
    public async Task Regenerating_an_expired_token_without_a_date_gives_the_default_lifetime_and_says_so()
    {
        var stale = await ExpiredAsync(daysAgo: 40);
        await ArriveAsync(stale);

        var regenerated = await Tokens.RegenerateAsync(demo, stale.Token.Id, Password);

        Assert.True(regenerated.Succeeded, regenerated.Error?.Message);
        Assert.Equal((Today.AddDays(90), true), (regenerated.Value!.Token.ExpiresOn, regenerated.Value.ExpiryDefaulted));
        Assert.Equal(TokenStatus.Active, regenerated.Value.Token.Status);
        Assert.NotNull((await Validator.ValidateAsync(regenerated.Value.Value)).Token);
        Assert.Equal(TokenRejection.Unknown, (await Validator.ValidateAsync(stale.Value)).Rejection);
    }

    [Fact]
    public async Task Regenerating_with_a_date_uses_it_and_a_live_token_keeps_its_date_when_none_is_given()
    {
        var stale = await ExpiredAsync();
        await ArriveAsync(stale);
        var live = (await Tokens.GenerateAsync(demo, new TokenDraft("live", Today.AddDays(5), "ide-plugins"), Password)).Value!;

        var dated = await Tokens.RegenerateAsync(demo, TokenScope.Of([stale.Token.Id]), TokenExpiry.On(Today.AddDays(10)), Password);
        var kept = await Tokens.RegenerateAsync(demo, live.Token.Id, Password);
        var forever = await Tokens.RegenerateAsync(demo, TokenScope.Of([live.Token.Id]), TokenExpiry.Never, Password);

        Assert.Equal((Today.AddDays(10), false), (Assert.Single(dated.Value!).Token.ExpiresOn, dated.Value![0].ExpiryDefaulted));
        Assert.Equal((Today.AddDays(5), false), (kept.Value!.Token.ExpiresOn, kept.Value.ExpiryDefaulted));
        Assert.Null(Assert.Single(forever.Value!).Token.ExpiresOn);
    }

    [Fact]
    public async Task Regenerating_with_a_past_date_is_refused_and_changes_nothing()
    {
        var stale = await ExpiredAsync();
        await ArriveAsync(stale);

        var refused = await Tokens.RegenerateAsync(demo, TokenScope.Of([stale.Token.Id]), TokenExpiry.On(Today.AddDays(-1)), Password);

        Assert.Equal((ErrorKind.InvalidParameter, "expiresAt"), (refused.Error!.Kind, refused.Error.Field));
        Assert.Equal(stale.Token.Hint, (await Tokens.GetAsync(demo.UserId, stale.Token.Id))!.Hint);
    }

    [Fact]
    public async Task The_dialogs_regeneration_takes_its_date_and_description_and_defaults_only_an_unchanged_expired_date()
    {
        var stale = await ExpiredAsync();
        var other = await ExpiredAsync(description: "other");
        await ArriveAsync(stale, other);

        var typed = await Tokens.RegenerateAsync(demo, stale.Token.Id, stale.Token.ToDraft() with { Description = "back", ExpiresOn = Today.AddDays(30) }, Password);
        var untouched = await Tokens.RegenerateAsync(demo, other.Token.Id, other.Token.ToDraft(), Password);

        Assert.Equal(("back", Today.AddDays(30), false), (typed.Value!.Token.Description, typed.Value.Token.ExpiresOn, typed.Value.ExpiryDefaulted));
        Assert.Equal((Today.AddDays(90), true), (untouched.Value!.Token.ExpiresOn, untouched.Value.ExpiryDefaulted));
        Assert.NotNull((await Validator.ValidateAsync(typed.Value.Value)).Token);
    }

    [Fact]
    public async Task Regenerating_several_tokens_is_all_or_nothing_and_another_accounts_id_counts_as_missing()
    {
        var first = (await Tokens.GenerateAsync(demo, new TokenDraft("one", null, "ide-plugins"), Password)).Value!;
        var second = (await Tokens.GenerateAsync(demo, new TokenDraft("two", null, "ide-plugins"), Password)).Value!;
        var stranger = await factory.CreateUserAsync($"stranger-{Guid.NewGuid():N}@example.com");
        var theirs = (await Tokens.GenerateAsync(stranger, new TokenDraft("theirs", null, "ide-plugins"), Password)).Value!;

        var refused = await Tokens.RegenerateAsync(demo, TokenScope.Of([first.Token.Id, theirs.Token.Id]), null, Password);
        var all = await Tokens.RegenerateAsync(demo, TokenScope.AllTokens, null, Password);

        Assert.Equal((ErrorKind.InvalidParameter, "ids"), (refused.Error!.Kind, refused.Error.Field));
        Assert.Equal([first.Token.Id, second.Token.Id], all.Value!.Select(i => i.Token.Id).Order());
        Assert.Null((await Validator.ValidateAsync(first.Value)).Token);
        Assert.Null((await Validator.ValidateAsync(second.Value)).Token);
        Assert.NotNull((await Validator.ValidateAsync(theirs.Value)).Token);
    }

    [Fact]
    public async Task Removing_all_tokens_of_an_account_without_any_removes_nothing_and_succeeds()
    {
        var removed = await Tokens.RemoveAsync(demo, TokenScope.AllTokens, Password);

        Assert.Equal(0, removed.Value);
    }

    [Fact]
    public async Task Listing_filters_by_ids_and_never_shows_another_accounts_token()
    {
        var mine = (await Tokens.GenerateAsync(demo, new TokenDraft("mine", null, "ide-plugins"), Password)).Value!;
        await Tokens.GenerateAsync(demo, new TokenDraft("also mine", null, "ide-plugins"), Password);
        var stranger = await factory.CreateUserAsync($"stranger-{Guid.NewGuid():N}@example.com");
        var theirs = (await Tokens.GenerateAsync(stranger, new TokenDraft("theirs", null, "ide-plugins"), Password)).Value!;

        var listed = await Tokens.ListAsync(demo.UserId, TokenScope.Of([mine.Token.Id, theirs.Token.Id]));

        Assert.Equal([mine.Token.Id], listed.Select(t => t.Id));
        Assert.Equal(2, (await Tokens.ListAsync(demo.UserId, TokenScope.AllTokens)).Count);
    }

    public async Task InitializeAsync()
    {
        Noon = new DateTimeOffset(factory.Clock.GetUtcNow().UtcDateTime.Date.AddDays(60).AddHours(12), TimeSpan.Zero);
        Today = DateOnly.FromDateTime(Noon.UtcDateTime);
        demo = new Actor((await factory.CreateUserAsync($"lifecycle-{Guid.NewGuid():N}@example.com")).UserId, "127.0.0.1");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
