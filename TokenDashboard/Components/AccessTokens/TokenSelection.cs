namespace TokenDashboard.Components.AccessTokens;

/// <summary>
/// Which rows of the token grid are selected, keyed by token id, with the desktop rules people expect:
/// click selects one row, Ctrl/Cmd-click toggles a row, Shift-click selects the range from the last clicked row
/// (the anchor) in the order the rows are shown. MudDataGrid has no range selection, hence this class.
/// From the keyboard the grid keeps a cursor (the row the arrows are on): arrows move it, Shift+arrows extend the
/// range from the anchor to it, Space toggles its row.
/// </summary>
public sealed class TokenSelection
{
    private readonly HashSet<int> selected = [];
    private int? anchor;

    public IReadOnlySet<int> Ids => selected;
    public int Count => selected.Count;
    public bool Contains(int id) => selected.Contains(id);

    /// <summary>The row the keyboard is on; null until an arrow key or a click puts it somewhere.</summary>
    public int? Cursor { get; private set; }

    /// <summary>
    /// An arrow key (<paramref name="step"/> −1 / +1) or Home/End (a large step): the cursor moves, staying within the
    /// rows and leaving the selection as it is; with <paramref name="extend"/> (Shift) the selection becomes the range
    /// from the anchor to the cursor. The first arrow press lands on the first row (or the last, going up; End on the last).
    /// </summary>
    public void Move(int step, bool extend, IReadOnlyList<int> displayOrder)
    {
        if (displayOrder.Count == 0)
        {
            return;
        }
        var from = Cursor is { } c ? IndexOf(displayOrder, c) : null;
        // With no cursor yet the rows are entered from their edge: Down and PageDown from above the first, Up from below
        // the last, so End lands on the last row and Home on the first.
        var to = Math.Clamp(from is { } i ? i + step : step < 0 ? displayOrder.Count + step : step - 1, 0, displayOrder.Count - 1);
        if (extend)
        {
            if (anchor is not { } a || IndexOf(displayOrder, a) is null)
            {
                anchor = displayOrder[from ?? to];
            }
            var start = IndexOf(displayOrder, anchor!.Value)!.Value;
            selected.Clear();
            var (low, high) = start <= to ? (start, to) : (to, start);
            for (var k = low; k <= high; k++)
            {
                selected.Add(displayOrder[k]);
            }
        }
        else
        {
            anchor = displayOrder[to]; // a plain arrow moves where the next Shift+arrow range starts
        }
        Cursor = displayOrder[to];
    }

    /// <summary>Space: toggles the cursor's row (the anchor moves there, as with Ctrl-click).</summary>
    public void ToggleCursor()
    {
        if (Cursor is { } id)
        {
            Toggle(id);
        }
    }

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
        Cursor = id;
    }

    /// <summary>The row's check box: adds or removes one row, leaving the others.</summary>
    public void Toggle(int id)
    {
        if (!selected.Remove(id))
        {
            selected.Add(id);
        }
        anchor = id;
        Cursor = id;
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
        if (Cursor is { } c && !existing.Contains(c))
        {
            Cursor = null;
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
