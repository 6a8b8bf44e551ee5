using TokenDashboard.Accounts;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Accounts;

/// <summary>
/// The Activity trail after changes made over a real socket: a removed token stays named on all its entries,
/// whatever removed it, and the CSV reads right in spreadsheets that split on ';' as well as ','.
/// </summary>
public sealed class ActivityExportTests(KestrelApiFixture fixture) : IClassFixture<KestrelApiFixture>
{
    private ActivityLog Log => fixture.Factory.Get<ActivityLog>();

    [Fact]
    public async Task A_token_that_revoked_itself_is_still_named_on_every_entry_and_in_the_csv()
    {
        var user = await fixture.NewUserAsync();
        var issued = await user.IssueAsync(new TokenDraft("pasted in a gist", null, "Marketplace"));
        using var client = ((KestrelAppFactory)fixture.Factory).NewClient();

        Assert.Equal(0, (await client.GetApiAsync("users.Authentication.RevokeToken", issued.Value)).Result);
        var entries = (await Log.PageAsync(user.UserId, new ActivityFilter(TokenId: issued.Token.Id), 0, 50)).Entries;
        var csv = await Log.ExportCsvAsync(user.UserId, new ActivityFilter(TokenId: issued.Token.Id));

        Assert.Equal(["Revoked by holder", "Token generated"], entries.Select(e => e.KindName));
        Assert.All(entries, e => Assert.Equal("pasted in a gist", e.Token));
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Contains(",pasted in a gist,", row));
    }

    [Fact]
    public async Task A_removed_token_and_a_living_one_are_named_side_by_side()
    {
        var user = await fixture.NewUserAsync();
        var gone = await user.IssueAsync(new TokenDraft("old laptop", null, "IDE Plugins"));
        var kept = await user.IssueAsync(new TokenDraft("ci runner", null, "IDE Plugins"));
        using var client = ((KestrelAppFactory)fixture.Factory).NewClient();

        var removed = await client.GetApiAsync("users.Authentication.DeleteTokens", await user.SessionAsync(),
            ("ids", gone.Token.Id.ToString()), ("password", AppFactory.DemoPassword));
        var entries = (await Log.PageAsync(user.UserId, new ActivityFilter(), 0, 50)).Entries.Where(e => e.TokenId is not null).ToList();

        Assert.Equal(0, removed.Result);
        Assert.Equal(["old laptop", "ci runner", "old laptop"], entries.Select(e => e.Token));
        Assert.Equal(["Token removed", "Token generated", "Token generated"], entries.Select(e => e.KindName));
    }

    [Fact]
    public async Task A_description_with_semicolons_is_one_quoted_cell_with_its_formula_defused()
    {
        var user = await fixture.NewUserAsync();
        using var client = ((KestrelAppFactory)fixture.Factory).NewClient();
        var session = await user.SessionAsync();

        foreach (var description in new[] { "x;=2+5;y", "-2+3;cmd", "+1,=2" })
        {
            var created = await client.GetApiAsync("users.Authentication.CreateToken", session,
                ("description", description), ("tokenTemplate", "IDE Plugins"), ("password", AppFactory.DemoPassword));
            Assert.Equal(0, created.Result);
        }
        var csv = await Log.ExportCsvAsync(user.UserId, new ActivityFilter(Kind: "Created"));

        Assert.Contains(",Token generated,\"x;=2+5;y\",127.0.0.1,", csv);
        Assert.Contains(",Token generated,\"'-2+3;cmd\",127.0.0.1,", csv);
        // Read as a ';'-splitting spreadsheet does (quotes respected): no cell starts a formula.
        Assert.All(SplitRespectingQuotes(csv, ';'), cell => Assert.DoesNotMatch("^[=+\\-@]", cell));
    }

    [Theory]
    [InlineData("x;=2+5;y", "\"x;=2+5;y\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("tab\there", "\"tab\there\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=cmd", "\"'\t=cmd\"")]
    [InlineData("\r=cmd", "\"'\r=cmd\"")]
    [InlineData("plain words", "plain words")]
    [InlineData("", "")]
    public void A_cell_is_quoted_when_it_holds_a_separator_and_defused_when_it_starts_a_formula(string value, string cell)
    {
        Assert.Equal(cell, ActivityLog.Cell(value));
    }

    /// <summary>The cells of a CSV split on <paramref name="separator"/>, a quoted part (RFC 4180) kept whole and unquoted.</summary>
    private static IEnumerable<string> SplitRespectingQuotes(string csv, char separator)
    {
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (c == '"')
            {
                if (quoted && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }
            }
            else if (!quoted && (c == separator || c == '\n' || c == '\r'))
            {
                yield return cell.ToString();
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        yield return cell.ToString();
    }
}
