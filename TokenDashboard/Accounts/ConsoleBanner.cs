namespace TokenDashboard.Accounts;

/// <summary>
/// Where start-up messages meant for the person at the terminal go (the demo credentials). Deliberately not an
/// ILogger: a generated password must reach the console once and never a log sink. Tests swap the writer.
/// </summary>
internal sealed class ConsoleBanner(TextWriter writer)
{
    public void Show(params string[] lines)
    {
        var width = lines.Max(l => l.Length) + 4;
        var rule = new string('=', width);
        var text = string.Join(System.Environment.NewLine,
            [string.Empty, rule, .. lines.Select(l => $"  {l}"), rule, string.Empty]);
        writer.WriteLine(text);
        writer.Flush();
    }
}
