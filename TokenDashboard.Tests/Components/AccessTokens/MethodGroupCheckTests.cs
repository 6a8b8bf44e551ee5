using TokenDashboard.Components.AccessTokens;

namespace TokenDashboard.Tests.Components.AccessTokens;

public sealed class MethodGroupCheckTests
{
    private static readonly string[] Group = ["env.StopEnv", "env.StartEnv", "env.SleepEnv", "env.DeleteEnv", "env.CloneEnv"];

    [Fact]
    public void Ticking_a_searched_group_checks_only_the_shown_methods_and_names_the_hidden_ones()
    {
        var box = MethodGroupCheck.Of(["env.SleepEnv"], Group.Length);

        var next = box.Toggle(new HashSet<string>());

        Assert.True(next.SetEquals(["env.SleepEnv"]), string.Join(", ", next));
        Assert.Equal("4 hidden by the search are unchanged", box.HiddenNote);
        Assert.Equal("All shown of Environment (4 hidden by the search are unchanged)", box.Name("Environment"));
    }

    [Fact]
    public void Unticking_leaves_the_hidden_checked_methods_checked()
    {
        var box = MethodGroupCheck.Of(["env.SleepEnv", "env.StopEnv"], Group.Length);
        var all = Group.ToHashSet();

        Assert.True(box.State(all));
        var next = box.Toggle(all);

        Assert.True(next.SetEquals(["env.StartEnv", "env.DeleteEnv", "env.CloneEnv"]), string.Join(", ", next));
        Assert.False(box.State(next));
    }

    [Fact]
    public void The_state_reads_the_shown_methods_only()
    {
        var box = MethodGroupCheck.Of(["env.SleepEnv", "env.StopEnv"], Group.Length);

        Assert.Null(box.State(new HashSet<string> { "env.SleepEnv", "env.DeleteEnv" }));
        Assert.False(box.State(new HashSet<string> { "env.DeleteEnv" }));
        // In between, a click checks all shown.
        Assert.True(box.Toggle(new HashSet<string> { "env.SleepEnv", "env.DeleteEnv" }).SetEquals(["env.SleepEnv", "env.StopEnv", "env.DeleteEnv"]));
    }

    [Fact]
    public void A_whole_group_shown_says_nothing_hidden()
    {
        var box = MethodGroupCheck.Of(Group, Group.Length);

        Assert.Null(box.HiddenNote);
        Assert.Equal("All of Environment", box.Name("Environment"));
    }

    [Fact]
    public void One_hidden_method_is_singular_and_says_what_hid_it()
    {
        Assert.Equal("1 hidden by Only Checked is unchanged", MethodGroupCheck.Of(Group[1..], Group.Length, "Only Checked").HiddenNote);
    }
}
