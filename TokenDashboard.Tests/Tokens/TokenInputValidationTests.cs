using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Tokens;

public sealed class TokenInputValidationTests : IAsyncLifetime
{
    private readonly AppFactory factory = new();

    public static TheoryData<string, TokenDraft, string, string> BadDrafts => new()
    {
        { "empty description", new TokenDraft("", null, "ide-plugins"), "description", "Enter a description." },
        { "whitespace description", new TokenDraft("   \t ", null, "ide-plugins"), "description", "Enter a description." },
        { "null description", new TokenDraft(null, null, "ide-plugins"), "description", "Enter a description." },
        { "101 characters", new TokenDraft(new string('d', 101), null, "ide-plugins"), "description", "at most 100 are allowed" },
        { "control character", new TokenDraft("line\nbreak", null, "ide-plugins"), "description", "control characters" },
        { "custom without methods", new TokenDraft("x", null, null, []), "apiList", "Choose at least one API method" },
        { "unknown method", new TokenDraft("x", null, null, ["environment.Control.Explode"]), "apiList", "no API method named 'environment.Control.Explode'" },
        { "signin is not grantable", new TokenDraft("x", null, null, ["users.Authentication.Signin"]), "apiList", "session-based method" },
        { "duplicate method", new TokenDraft("x", null, null, ["environment.Control.GetEnvs", "environment.control.getenvs"]), "apiList", "listed twice" },
        { "unknown preset", new TokenDraft("x", null, "Root Access"), "tokenTemplate", "no preset named 'Root Access'" },
        { "expiry in the past", new TokenDraft("x", new DateOnly(2000, 1, 1), "ide-plugins"), "expiresAt", "is in the past" },
    };

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public async Task Bad_draft_is_refused_beside_its_field_and_changes_nothing(string _, TokenDraft draft, string field, string saying)
    {
        var tokens = factory.Get<TokenService>();
        var demo = await factory.DemoActorAsync();
        var existing = (await tokens.GenerateAsync(demo, new TokenDraft("existing", null, "ide-plugins"), AppFactory.DemoPassword)).Value!;

        var generate = await tokens.GenerateAsync(demo, draft, AppFactory.DemoPassword);
        var edit = await tokens.EditAsync(demo, existing.Token.Id, draft, AppFactory.DemoPassword);
        var copy = await tokens.CopyAsync(demo, existing.Token.Id, draft, AppFactory.DemoPassword);

        Assert.All([generate.Error, edit.Error, copy.Error], e =>
        {
            Assert.Equal(ErrorKind.InvalidParameter, e!.Kind);
            Assert.Equal(field, e.Field);
            Assert.Contains(saying, e.Message);
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

        Assert.Equal(("ids", "Token " + issued.Token.Id + " is listed more than once."), (repeated.Error!.Field, repeated.Error.Message));
        Assert.Equal(("ids", "Select at least one token to remove."), (none.Error!.Field, none.Error.Message));
        Assert.NotNull(await tokens.GetAsync(demo.UserId, issued.Token.Id));
    }

    public Task InitializeAsync()
    {
        factory.Started();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();
}
