using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Tokens;

public sealed class TokenFormatTests
{
    [Fact]
    public void Hundred_thousand_generated_tokens_are_distinct_and_all_well_formed()
    {
        var tokens = Enumerable.Range(0, 100_000).Select(_ => TokenFormat.Generate()).ToList();

        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tokens, t =>
        {
            Assert.Equal(42, t.Length);
            Assert.StartsWith("tdt_", t);
            Assert.True(TokenFormat.IsWellFormed(t));
        });
    }

    [Fact]
    public void Changing_any_single_character_fails_the_check()
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
        for (var sample = 0; sample < 20; sample++)
        {
            var token = TokenFormat.Generate();
            for (var position = 0; position < token.Length; position++)
            {
                foreach (var replacement in alphabet.Where(c => c != token[position]))
                {
                    var altered = string.Concat(token.AsSpan(0, position), replacement.ToString(), token.AsSpan(position + 1));
                    Assert.False(TokenFormat.IsWellFormed(altered), $"{altered} passed (position {position})");
                }
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("tdt_")]
    [InlineData("ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("tdt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("tdt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("tdt_aaaaaaaaaaaaaaa-aaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("tdt_ééééééééééééééééééééééééééééééééééééé")]
    public void Wrong_prefix_length_or_alphabet_is_malformed(string candidate) =>
        Assert.False(TokenFormat.IsWellFormed(candidate));

    [Fact]
    public void Hash_is_sha256_and_hint_is_the_last_four_characters()
    {
        var token = TokenFormat.Generate();

        Assert.Equal(32, TokenFormat.Hash(token).Length);
        Assert.Equal(token[^4..], TokenFormat.Hint(token));
        Assert.NotEqual(TokenFormat.Hash(token), TokenFormat.Hash(TokenFormat.Generate()));
    }
}
