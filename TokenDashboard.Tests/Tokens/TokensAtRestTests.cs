using System.Text;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Tokens;

public sealed class TokensAtRestTests
{
    [Fact]
    public async Task Database_file_and_wal_hold_no_token_value_only_its_hash()
    {
        await using var factory = new AppFactory().Started();
        var tokens = factory.Get<TokenService>();
        var demo = await factory.DemoActorAsync();
        var values = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var issued = (await tokens.GenerateAsync(demo, new TokenDraft($"token {i}", null, "ide-plugins"), AppFactory.DemoPassword)).Value!;
            values.Add(issued.Value);
            values.Add((await tokens.RegenerateAsync(demo, issued.Token.Id, AppFactory.DemoPassword)).Value!.Value);
        }

        var atRest = factory.Database.ReadAllBytesAtRest();

        Assert.True(atRest.Length > 0);
        foreach (var value in values)
        {
            Assert.Equal(-1, atRest.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)));
            // Not even the random part without its prefix.
            Assert.Equal(-1, atRest.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value[4..30])));
        }
        Assert.NotEqual(-1, atRest.AsSpan().IndexOf(TokenFormat.Hash(values[^1])));
    }
}
