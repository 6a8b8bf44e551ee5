using System.Globalization;

namespace TokenDashboard.Components.AccessTokens;

/// <summary>The grid's sortable columns. (This and TokenOrder are public: parameters of TokenGrid.)</summary>
public enum TokenColumn
{
    None,
    Description,
    Api,
    Created,
    ExpiresAt,
    LastUsed,
    Status,
}

/// <summary>
/// How the token grid is sorted: one column at a time, as a header click cycles it (ascending, descending, as read).
/// A plain class so the tab's keyboard and Shift-click ranges follow exactly the order on the screen.
/// </summary>
public sealed class TokenOrder
{
    public TokenColumn Column { get; private set; }
    public bool Descending { get; private set; }

    /// <summary>A header's click: a new column sorts ascending, then descending, then not at all.</summary>
    public void Toggle(TokenColumn column)
    {
        if (Column != column)
        {
            (Column, Descending) = (column, false);
        }
        else if (!Descending)
        {
            Descending = true;
        }
        else
        {
            (Column, Descending) = (TokenColumn.None, false);
        }
    }

    /// <summary>The header's aria-sort: what a screen reader says about the column.</summary>
    public string? AriaSort(TokenColumn column) => Column != column ? null : Descending ? "descending" : "ascending";

    public IReadOnlyList<TokenRow> Apply(IReadOnlyList<TokenRow> rows)
    {
        if (Column == TokenColumn.None)
        {
            return rows;
        }
        var comparer = Comparer<TokenRow>.Create(Compare);
        // OrderBy is stable: rows that compare equal keep the order they were read in.
        return Descending ? rows.OrderByDescending(r => r, comparer).ToList() : rows.OrderBy(r => r, comparer).ToList();
    }

    private int Compare(TokenRow a, TokenRow b) => Column switch
    {
        TokenColumn.Description => NaturalComparer.Instance.Compare(a.Token.Description, b.Token.Description),
        TokenColumn.Api => NaturalComparer.Instance.Compare(a.Api, b.Api),
        TokenColumn.Created => a.Token.CreatedAt.CompareTo(b.Token.CreatedAt),
        // "Never" expires latest of all; a token never used was used least recently.
        TokenColumn.ExpiresAt => (a.Token.ExpiresOn ?? DateOnly.MaxValue).CompareTo(b.Token.ExpiresOn ?? DateOnly.MaxValue),
        TokenColumn.LastUsed => (a.Token.LastUsedAt ?? DateTime.MinValue).CompareTo(b.Token.LastUsedAt ?? DateTime.MinValue),
        // By how soon it needs a person: expired first, then the fewest days left, then those that never expire.
        TokenColumn.Status => (a.DaysLeft ?? int.MaxValue).CompareTo(b.DaysLeft ?? int.MaxValue),
        _ => 0,
    };
}

/// <summary>
/// Text order as people read it: runs of digits compare by their value ("Token 2" before "Token 10"), the rest
/// case-insensitively in the invariant culture.
/// </summary>
internal sealed class NaturalComparer : IComparer<string?>
{
    public static NaturalComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            var (runX, runY) = (Run(x, i), Run(y, j));
            int order;
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var digitsX = x.AsSpan(i, runX).TrimStart('0');
                var digitsY = y.AsSpan(j, runY).TrimStart('0');
                order = digitsX.Length != digitsY.Length ? digitsX.Length.CompareTo(digitsY.Length) : digitsX.SequenceCompareTo(digitsY);
                order = order != 0 ? order : runX.CompareTo(runY); // "7" before "007": fewer leading zeros first
            }
            else
            {
                order = CultureInfo.InvariantCulture.CompareInfo.Compare(x.AsSpan(i, runX), y.AsSpan(j, runY), CompareOptions.IgnoreCase);
            }
            if (order != 0)
            {
                return order;
            }
            (i, j) = (i + runX, j + runY);
        }
        return (x.Length - i).CompareTo(y.Length - j);
    }

    /// <summary>The length of the run of digits, or of other characters, that starts at <paramref name="start"/>.</summary>
    private static int Run(string s, int start)
    {
        var digits = char.IsAsciiDigit(s[start]);
        var end = start;
        while (end < s.Length && char.IsAsciiDigit(s[end]) == digits)
        {
            end++;
        }
        return end - start;
    }
}
