using TokenDashboard.Tokens;
using TokenDashboard.Tokens.Usage;

namespace TokenDashboard.Tests.Tokens.Usage;

/// <summary>The grid's badges: unused for 30 days or more, and broad ("uses 2 of 24").</summary>
public sealed class TokenHintsTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);

    private static TokenSummary Token(int methods, DateTime created, DateTime? lastUsed) =>
        new(1, "t", null, Enumerable.Range(0, methods).Select(i => $"m{i}").ToList(), null, created, created, lastUsed, null, null, TokenStatus.Active, "abcd", []);

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, true)]
    [InlineData(200, true)]
    public void A_token_is_unused_from_30_days_after_its_last_use(int daysAgo, bool unused)
    {
        var hints = TokenHints.For(Token(4, Now.AddDays(-400), Now.AddDays(-daysAgo)), 4, Now);

        Assert.Equal(unused, hints.Unused);
        Assert.Equal(unused, hints.NeedAttention);
    }

    [Fact]
    public void A_token_never_used_counts_from_its_creation()
    {
        Assert.False(TokenHints.For(Token(4, Now.AddDays(-3), null), 0, Now).Unused);
        Assert.Equal(45, TokenHints.For(Token(4, Now.AddDays(-45), null), 0, Now).UnusedForDays);
    }

    [Theory]
    [InlineData(24, 2, true)]
    [InlineData(6, 3, true)]
    [InlineData(6, 4, false)]
    [InlineData(4, 2, false)] // only two unused: not worth a badge
    [InlineData(24, 0, false)] // not used at all: that is the unused badge's business
    public void A_token_is_broad_when_it_uses_at_most_half_of_many_methods(int held, int used, bool broad)
    {
        var hints = TokenHints.For(Token(held, Now.AddDays(-60), Now.AddHours(-1)), used, Now);

        Assert.Equal(broad, hints.Broad);
    }
}
