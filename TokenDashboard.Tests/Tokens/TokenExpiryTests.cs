using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Tokens;

public sealed class TokenExpiryTests : IAsyncLifetime
{
    private readonly AppFactory factory = new();
    private static readonly DateTimeOffset Noon = new(2030, 6, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Token_is_valid_through_the_last_second_of_its_day_in_utc()
    {
        var tokens = factory.Get<TokenService>();
        var validator = factory.Get<TokenValidator>();
        var demo = await factory.DemoActorAsync();
        var issued = (await tokens.GenerateAsync(demo, new TokenDraft("today", new DateOnly(2030, 6, 15), "ide-plugins"), AppFactory.DemoPassword)).Value!;

        factory.Clock.SetUtcNow(new DateTimeOffset(2030, 6, 15, 23, 59, 59, TimeSpan.Zero));
        var lastSecond = await validator.ValidateAsync(issued.Value);
        factory.Clock.SetUtcNow(new DateTimeOffset(2030, 6, 16, 0, 0, 0, TimeSpan.Zero));
        var nextSecond = await validator.ValidateAsync(issued.Value);

        Assert.NotNull(lastSecond.Token);
        Assert.Equal(TokenRejection.Expired, nextSecond.Rejection);
        Assert.Equal(TokenStatus.Expired, (await tokens.GetAsync(demo.UserId, issued.Token.Id))!.Status);
    }

    [Fact]
    public async Task A_date_before_today_is_refused_and_never_expiring_is_allowed()
    {
        var tokens = factory.Get<TokenService>();
        var demo = await factory.DemoActorAsync();

        var yesterday = await tokens.GenerateAsync(demo, new TokenDraft("old", new DateOnly(2030, 6, 14), "ide-plugins"), AppFactory.DemoPassword);
        var never = await tokens.GenerateAsync(demo, new TokenDraft("forever", null, "ide-plugins"), AppFactory.DemoPassword);

        Assert.Equal(ErrorKind.InvalidParameter, yesterday.Error!.Kind);
        Assert.Equal("expiresAt", yesterday.Error.Field);
        factory.Clock.Advance(TimeSpan.FromDays(3650));
        Assert.NotNull((await factory.Get<TokenValidator>().ValidateAsync(never.Value!.Value)).Token);
    }

    [Fact]
    public async Task Expired_token_comes_back_through_a_regeneration_with_a_new_date_not_through_an_edit()
    {
        var tokens = factory.Get<TokenService>();
        var demo = await factory.DemoActorAsync();
        var issued = (await tokens.GenerateAsync(demo, new TokenDraft("short", new DateOnly(2030, 6, 15), "ide-plugins"), AppFactory.DemoPassword)).Value!;
        factory.Clock.SetUtcNow(new DateTimeOffset(2030, 7, 1, 0, 0, 0, TimeSpan.Zero));

        var edited = await tokens.EditAsync(demo, issued.Token.Id, new TokenDraft("short", new DateOnly(2030, 8, 1), "ide-plugins"), AppFactory.DemoPassword);
        var regenerated = (await tokens.RegenerateAsync(demo, TokenScope.Of([issued.Token.Id]), TokenExpiry.On(new DateOnly(2030, 8, 1)), AppFactory.DemoPassword)).Value!;

        Assert.Equal("expiresAt", edited.Error?.Field);
        Assert.Equal(new DateOnly(2030, 8, 1), regenerated[0].Token.ExpiresOn);
        Assert.NotNull((await factory.Get<TokenValidator>().ValidateAsync(regenerated[0].Value)).Token);
        Assert.Equal(TokenRejection.Unknown, (await factory.Get<TokenValidator>().ValidateAsync(issued.Value)).Rejection);
    }

    public Task InitializeAsync()
    {
        factory.Clock.SetUtcNow(Noon);
        factory.Started();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();
}
