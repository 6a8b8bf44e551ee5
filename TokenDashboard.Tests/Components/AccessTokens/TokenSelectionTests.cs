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

    [Fact]
    public void Arrows_move_the_cursor_without_selecting_and_stay_within_the_rows()
    {
        var selection = new TokenSelection();
        selection.Move(+1, extend: false, Shown);
        Assert.Equal(50, selection.Cursor);
        selection.Move(+1, false, Shown);
        selection.Move(+1, false, Shown);
        Assert.Equal(30, selection.Cursor);
        selection.Move(-100, false, Shown); // Home
        Assert.Equal(50, selection.Cursor);
        selection.Move(+100, false, Shown); // End
        Assert.Equal(10, selection.Cursor);
        Assert.Equal(0, selection.Count);
    }

    [Theory]
    [InlineData(+1_000_000, 10)] // End
    [InlineData(-1_000_000, 50)] // Home
    [InlineData(+1, 50)]
    public void Before_any_arrow_home_and_end_land_on_the_first_and_last_rows(int step, int expected)
    {
        var selection = new TokenSelection();
        selection.Move(step, false, Shown);
        Assert.Equal(expected, selection.Cursor);
    }

    [Fact]
    public void The_first_arrow_up_lands_on_the_last_row()
    {
        var selection = new TokenSelection();
        selection.Move(-1, false, Shown);
        Assert.Equal(10, selection.Cursor);
    }

    [Fact]
    public void Shift_arrows_extend_a_range_from_where_the_cursor_was_and_shrink_it_back()
    {
        var selection = new TokenSelection();
        selection.Move(+1, false, Shown);            // on 50
        selection.Move(+1, extend: true, Shown);     // 50..40
        selection.Move(+1, extend: true, Shown);     // 50..30
        Assert.Equal([30, 40, 50], selection.Ids.Order());
        selection.Move(-1, extend: true, Shown);     // 50..40
        Assert.Equal([40, 50], selection.Ids.Order());
        Assert.Equal(40, selection.Cursor);
    }

    [Fact]
    public void Space_toggles_the_cursor_row_and_keeps_the_others()
    {
        var selection = new TokenSelection();
        selection.Click(10, false, false, Shown);
        selection.Move(-1, false, Shown);            // on 20
        selection.ToggleCursor();
        Assert.Equal([10, 20], selection.Ids.Order());
        selection.ToggleCursor();
        Assert.Equal([10], selection.Ids.Order());
    }

    [Fact]
    public void A_click_puts_the_cursor_on_the_row_and_a_removed_row_takes_the_cursor_with_it()
    {
        var selection = new TokenSelection();
        selection.Click(30, false, false, Shown);
        Assert.Equal(30, selection.Cursor);
        selection.Move(+1, extend: true, Shown);
        Assert.Equal([20, 30], selection.Ids.Order());

        selection.RetainExisting([10, 30, 40, 50]);

        Assert.Null(selection.Cursor);
        Assert.Equal([30], selection.Ids.Order());
    }
}
