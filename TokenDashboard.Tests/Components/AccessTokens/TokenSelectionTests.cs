using TokenDashboard.Components.AccessTokens;

namespace TokenDashboard.Tests.Components.AccessTokens;

public sealed class TokenSelectionTests
{
    private static readonly int[] Shown = [50, 40, 30, 20, 10];

    [Fact]
    public void Click_selects_only_the_clicked_row()
    {
        var selection = new TokenSelection();
        selection.Click(40, toggle: false, range: false, Shown);
        selection.Click(20, toggle: false, range: false, Shown);

        Assert.Equal([20], selection.Ids);
    }

    [Fact]
    public void Ctrl_click_toggles_a_row_and_keeps_the_others()
    {
        var selection = new TokenSelection();
        selection.Click(50, false, false, Shown);
        selection.Click(30, toggle: true, range: false, Shown);
        selection.Click(50, toggle: true, range: false, Shown);

        Assert.Equal([30], selection.Ids);
    }

    [Theory]
    [InlineData(50, 20, new[] { 50, 40, 30, 20 })]
    [InlineData(20, 50, new[] { 50, 40, 30, 20 })]
    [InlineData(30, 30, new[] { 30 })]
    public void Shift_click_selects_the_range_in_display_order_in_both_directions(int first, int second, int[] expected)
    {
        var selection = new TokenSelection();
        selection.Click(first, false, false, Shown);
        selection.Click(second, toggle: false, range: true, Shown);

        Assert.Equal(expected.Order(), selection.Ids.Order());
    }

    [Fact]
    public void Shift_click_again_redraws_the_range_from_the_same_anchor()
    {
        var selection = new TokenSelection();
        selection.Click(40, false, false, Shown);
        selection.Click(10, false, range: true, Shown);
        selection.Click(30, false, range: true, Shown);

        Assert.Equal([30, 40], selection.Ids.Order());
    }

    [Fact]
    public void Shift_with_ctrl_adds_a_range_to_the_selection()
    {
        var selection = new TokenSelection();
        selection.Click(50, false, false, Shown);
        selection.Click(30, toggle: true, range: false, Shown);
        selection.Click(10, toggle: true, range: true, Shown);

        Assert.Equal([10, 20, 30, 50], selection.Ids.Order());
    }

    [Fact]
    public void Refresh_keeps_rows_that_still_exist()
    {
        var selection = new TokenSelection();
        selection.SelectAll(Shown);

        selection.RetainExisting([10, 30, 99]);

        Assert.Equal([10, 30], selection.Ids.Order());
    }
}
