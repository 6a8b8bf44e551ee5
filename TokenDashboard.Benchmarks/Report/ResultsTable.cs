using System.Globalization;
using System.Text;

namespace TokenDashboard.Benchmarks.Report;

internal enum Verdict
{
    Info,
    Pass,
    Miss,
}

internal sealed record ResultRow(string Area, string Case, string Figure, string Ratio, string Target, Verdict Verdict);

/// <summary>Every figure and ratio of a run, with PASS/MISS per target: printed as text and written as Markdown.</summary>
internal sealed class ResultsTable
{
    private readonly List<ResultRow> rows = [];
    private readonly List<string> notes = [];

    public IReadOnlyList<ResultRow> Rows => rows;
    public IReadOnlyList<string> Notes => notes;

    public void Info(string area, string @case, string figure, string ratio = "") =>
        rows.Add(new ResultRow(area, @case, figure, ratio, "", Verdict.Info));

    /// <summary>A row with a target: passes when <paramref name="met"/>.</summary>
    public void Target(string area, string @case, string figure, string ratio, string target, bool met) =>
        rows.Add(new ResultRow(area, @case, figure, ratio, target, met ? Verdict.Pass : Verdict.Miss));

    public void Note(string note) => notes.Add(note);

    public int Misses => rows.Count(r => r.Verdict == Verdict.Miss);

    public string ToText()
    {
        string[] headers = ["Area", "Case", "Figure", "Ratio", "Target", "Result"];
        var cells = rows.Select(Cells).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        var text = new StringBuilder();
        void Line(string[] values) => text.AppendLine(string.Join("  ", values.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
        Line(headers);
        Line(widths.Select(w => new string('-', w)).ToArray());
        cells.ForEach(Line);
        foreach (var note in notes)
        {
            text.AppendLine("* " + note);
        }
        return text.ToString();
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| Area | Case | Figure | Ratio | Target | Result |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var cells in rows.Select(Cells))
        {
            text.AppendLine("| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|"))) + " |");
        }
        if (notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in notes)
            {
                text.AppendLine("- " + note);
            }
        }
        return text.ToString();
    }

    private static string[] Cells(ResultRow row) =>
        [row.Area, row.Case, row.Figure, row.Ratio, row.Target, row.Verdict switch { Verdict.Pass => "PASS", Verdict.Miss => "MISS", _ => "" }];

    /// <summary>A duration from nanoseconds, in the unit that reads best.</summary>
    public static string Time(double nanoseconds) => nanoseconds switch
    {
        < 1_000 => nanoseconds.ToString("F1", CultureInfo.InvariantCulture) + " ns",
        < 1_000_000 => (nanoseconds / 1_000).ToString("F2", CultureInfo.InvariantCulture) + " µs",
        < 1_000_000_000 => (nanoseconds / 1_000_000).ToString("F2", CultureInfo.InvariantCulture) + " ms",
        _ => (nanoseconds / 1_000_000_000).ToString("F2", CultureInfo.InvariantCulture) + " s",
    };

    public static string Milliseconds(double ms) => Time(ms * 1_000_000);

    public static string Factor(double ratio) => ratio switch
    {
        >= 100 => ratio.ToString("N0", CultureInfo.InvariantCulture) + "×",
        _ => ratio.ToString("F2", CultureInfo.InvariantCulture) + "×",
    };

    public static string Bytes(double? bytes) => bytes switch
    {
        null => "",
        < 1024 => $"{bytes:F0} B",
        _ => $"{bytes / 1024:F1} KiB",
    };
}
