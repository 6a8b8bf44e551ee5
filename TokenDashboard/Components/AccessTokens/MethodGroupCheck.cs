namespace TokenDashboard.Components.AccessTokens;

/// <summary>
/// A group check box of the method picker acts only on the methods the picker shows (Search and Only Checked applied):
/// what the person cannot see is never checked or unchecked behind their back, and the box says how many that is.
/// </summary>
/// <param name="Shown">Full names of the group's methods the picker shows.</param>
/// <param name="Hidden">How many of the group's methods are not shown.</param>
/// <param name="HiddenBy">What hides them: "the search" or "Only Checked".</param>
public sealed record MethodGroupCheck(IReadOnlyList<string> Shown, int Hidden, string HiddenBy = "the search")
{
    public static MethodGroupCheck Of(IEnumerable<string> shown, int groupSize, string hiddenBy = "the search")
    {
        var list = shown.ToList();
        return new MethodGroupCheck(list, groupSize - list.Count, hiddenBy);
    }

    /// <summary>Checked when every shown method is, unchecked when none is, else in between.</summary>
    public bool? State(IReadOnlySet<string> isChecked)
    {
        var count = Shown.Count(isChecked.Contains);
        return count == 0 ? false : count == Shown.Count ? true : null;
    }

    /// <summary>The checks after the box is clicked: all shown methods off when all were on, else all on; the hidden ones as they were.</summary>
    public IReadOnlySet<string> Toggle(IReadOnlySet<string> isChecked)
    {
        var next = isChecked.ToHashSet();
        if (State(isChecked) == true)
        {
            next.ExceptWith(Shown);
        }
        else
        {
            next.UnionWith(Shown);
        }
        return next;
    }

    /// <summary>"3 hidden by the search are unchanged", beside the box; null when the whole group is shown.</summary>
    public string? HiddenNote => Hidden switch
    {
        0 => null,
        _ => $"{Hidden} hidden by {HiddenBy} {(Hidden == 1 ? "is" : "are")} unchanged",
    };

    /// <summary>The box's name for a screen reader: what it acts on, and what it leaves alone.</summary>
    public string Name(string group) => HiddenNote is { } note ? $"All shown of {group} ({note})" : $"All of {group}";
}
