using TokenDashboard.Components.AccessTokens;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Components.AccessTokens;

public sealed class TokenOrderTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private static TokenRow Row(int id, string description, DateOnly? expires = null, string hint = "abcd", params string[] methods) =>
        TokenRow.From(new TokenSummary(id, description, null, methods, expires, Now.AddDays(-id), Now, null, null, null, TokenStatus.Active, hint, []), Now);

    [Fact]
    public void Numbers_in_descriptions_sort_by_their_value()
    {
        string[] names = ["Token 10", "token 2", "Token 1", "Token 02b", "Deploy", "Token 100", "Deploy 9"];

        var sorted = names.Order(NaturalComparer.Instance).ToList();

        Assert.Equal(["Deploy", "Deploy 9", "Token 1", "token 2", "Token 02b", "Token 10", "Token 100"], sorted);
    }

    [Fact]
    public void A_header_click_cycles_ascending_descending_and_as_read()
    {
        var rows = new List<TokenRow> { Row(1, "Token 10"), Row(2, "Token 9"), Row(3, "Token 100") };
        var order = new TokenOrder();

        order.Toggle(TokenColumn.Description);
        Assert.Equal(["Token 9", "Token 10", "Token 100"], order.Apply(rows).Select(r => r.Token.Description));
        Assert.Equal("ascending", order.AriaSort(TokenColumn.Description));
        Assert.Null(order.AriaSort(TokenColumn.Created));

        order.Toggle(TokenColumn.Description);
        Assert.Equal(["Token 100", "Token 10", "Token 9"], order.Apply(rows).Select(r => r.Token.Description));
        Assert.Equal("descending", order.AriaSort(TokenColumn.Description));

        order.Toggle(TokenColumn.Description);
        Assert.Equal(["Token 10", "Token 9", "Token 100"], order.Apply(rows).Select(r => r.Token.Description));
        Assert.Null(order.AriaSort(TokenColumn.Description));
    }

    [Fact]
    public void Never_expiring_tokens_sort_after_every_date()
    {
        var rows = new List<TokenRow> { Row(1, "never"), Row(2, "later", new DateOnly(2027, 3, 1)), Row(3, "soon", new DateOnly(2026, 12, 5)) };
        var order = new TokenOrder();

        order.Toggle(TokenColumn.ExpiresAt);

        Assert.Equal(["soon", "later", "never"], order.Apply(rows).Select(r => r.Token.Description));
    }

    [Fact]
    public void Rows_show_dates_with_the_month_in_letters_and_say_utc_where_the_day_matters()
    {
        var row = Row(1, "dated", new DateOnly(2027, 3, 1));

        Assert.Equal("01 Mar 2027", row.ExpiresAt);
        Assert.Equal("30 Nov 2026", row.Created);
        Assert.Equal("30 Nov 2026 12:00:00 UTC", row.CreatedExact);
        Assert.Equal("Valid through 01 Mar 2027, until midnight UTC", row.ExpiresExact);
    }

    [Theory]
    [InlineData("nightly", true)]
    [InlineData("WXYZ", true)]
    [InlineData("stopenv", true)]
    [InlineData("Custom", true)]
    [InlineData("release", false)]
    public void The_filter_matches_description_hint_api_and_methods_ignoring_case(string text, bool matches)
    {
        var row = Row(1, "Nightly CI", hint: "wxYz", methods: ["environment.Control.StopEnv"]);

        Assert.Equal(matches, row.Matches(text));
    }
}
