namespace TokenDashboard.Components.AccessTokens;

/// <summary>
/// Which rows of the token grid are selected, keyed by token id, with the desktop rules people expect:
/// click selects one row, Ctrl/Cmd-click toggles a row, Shift-click selects the range from the last clicked row
/// (the anchor) in the order the rows are shown. MudDataGrid has no range selection, hence this class.
/// </summary>
public sealed class TokenSelection
{
    private readonly HashSet<int> selected = [];
    private int? anchor;

    public IReadOnlySet<int> Ids => selected;
    public int Count => selected.Count;
    public bool Contains(int id) => selected.Contains(id);

    /// <param name="displayOrder">Token ids in the order the grid shows them (after sorting).</param>
    public void Click(int id, bool toggle, bool range, IReadOnlyList<int> displayOrder)
    {
        if (range && anchor is { } from && IndexOf(displayOrder, from) is { } start && IndexOf(displayOrder, id) is { } end)
        {
            if (!toggle)
            {
                selected.Clear();
            }
            var (low, high) = start <= end ? (start, end) : (end, start);
            for (var i = low; i <= high; i++)
            {
                selected.Add(displayOrder[i]);
            }
            return; // the anchor stays, so a second Shift-click re-draws the range from the same row
        }

        if (toggle)
        {
            Toggle(id);
            return;
        }

        selected.Clear();
        selected.Add(id);
        anchor = id;
    }

    /// <summary>The row's check box: adds or removes one row, leaving the others.</summary>
    public void Toggle(int id)
    {
        if (!selected.Remove(id))
        {
            selected.Add(id);
        }
        anchor = id;
    }

    public void SelectAll(IEnumerable<int> ids) => selected.UnionWith(ids);

    public void Clear()
    {
        selected.Clear();
        anchor = null;
    }

    /// <summary>After a refresh: keep the rows that still exist, forget the others.</summary>
    public void RetainExisting(IEnumerable<int> existingIds)
    {
        var existing = existingIds.ToHashSet();
        selected.IntersectWith(existing);
        if (anchor is { } a && !existing.Contains(a))
        {
            anchor = null;
        }
    }

    private static int? IndexOf(IReadOnlyList<int> order, int id)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == id)
            {
                return i;
            }
        }
        return null;
    }
}
