using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Tokens;

public sealed class TokenInputValidationTests : IAsyncLifetime
{
    private readonly AppFactory factory = new();

    public static TheoryData<string, TokenDraft, TokenErrorKind, string> BadDrafts => new()
    {
        { "empty description", new TokenDraft("", null, "ide-plugins"), TokenErrorKind.InvalidDescription, "description" },
        { "whitespace description", new TokenDraft("   \t ", null, "ide-plugins"), TokenErrorKind.InvalidDescription, "description" },
        { "null description", new TokenDraft(null, null, "ide-plugins"), TokenErrorKind.InvalidDescription, "description" },
        { "101 characters", new TokenDraft(new string('d', 101), null, "ide-plugins"), TokenErrorKind.InvalidDescription, "description" },
        { "control character", new TokenDraft("line\nbreak", null, "ide-plugins"), TokenErrorKind.InvalidDescription, "description" },
        { "custom without methods", new TokenDraft("x", null, null, []), TokenErrorKind.NoMethods, "apiList" },
        { "unknown method", new TokenDraft("x", null, null, ["environment.Control.Explode"]), TokenErrorKind.UnknownMethod, "apiList" },
        { "signin is not grantable", new TokenDraft("x", null, null, ["users.Authentication.Signin"]), TokenErrorKind.UnknownMethod, "apiList" },
        { "duplicate method", new TokenDraft("x", null, null, ["environment.Control.GetEnvs", "environment.control.getenvs"]), TokenErrorKind.DuplicateMethod, "apiList" },
        { "unknown preset", new TokenDraft("x", null, "Root Access"), TokenErrorKind.UnknownPreset, "tokenTemplate" },
        { "expiry in the past", new TokenDraft("x", new DateOnly(2000, 1, 1), "ide-plugins"), TokenErrorKind.ExpiryInPast, "expiresAt" },
    };

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public async Task Bad_draft_gets_its_typed_error_and_changes_nothing(string _, TokenDraft draft, TokenErrorKind kind, string field)
    {
        var tokens = factory.Get<TokenService>();
        var demo = await factory.DemoActorAsync();
        var existing = (await tokens.GenerateAsync(demo, new TokenDraft("existing", null, "ide-plugins"), AppFactory.DemoPassword)).Value!;

        var generate = await tokens.GenerateAsync(demo, draft, AppFactory.DemoPassword);
        var edit = await tokens.EditAsync(demo, existing.Token.Id, draft, AppFactory.DemoPassword);
        var copy = await tokens.CopyAsync(demo, existing.Token.Id, draft, AppFactory.DemoPassword);

        Assert.All([generate.Error, edit.Error, copy.Error], e =>
        {
            Assert.Equal(kind, e!.Kind);
            Assert.Equal(field, e.Field);
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        });
        var after = Assert.Single(await tokens.ListAsync(demo.UserId), t => t.Id == existing.Token.Id);
        Assert.Equal(Fingerprint(existing.Token), Fingerprint(after));
        await tokens.RemoveAsync(demo, [existing.Token.Id], AppFactory.DemoPassword);
    }

    private static string Fingerprint(TokenSummary t) =>
        $"{t.Description}|{t.Preset?.Key}|{string.Join(",", t.Methods.Order())}|{t.ExpiresOn}|{t.UpdatedAt:O}|{t.Hint}";

    [Fact]
    public async Task Repeated_or_empty_ids_in_a_removal_are_refused()
    {
        var tokens = factory.Get<TokenService>();
        var demo = await factory.DemoActorAsync();
        var issued = (await tokens.GenerateAsync(demo, new TokenDraft("keep", null, "ide-plugins"), AppFactory.DemoPassword)).Value!;

        var repeated = await tokens.RemoveAsync(demo, [issued.Token.Id, issued.Token.Id], AppFactory.DemoPassword);
        var none = await tokens.RemoveAsync(demo, [], AppFactory.DemoPassword);

        Assert.Equal(TokenErrorKind.DuplicateId, repeated.Error!.Kind);
        Assert.Equal(TokenErrorKind.NoIds, none.Error!.Kind);
        Assert.NotNull(await tokens.GetAsync(demo.UserId, issued.Token.Id));
    }

    public Task InitializeAsync()
    {
        factory.Started();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();
}
