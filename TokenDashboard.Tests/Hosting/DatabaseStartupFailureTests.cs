using System.Diagnostics;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Hosting;

public sealed class DatabaseStartupFailureTests
{
    [Fact]
    public async Task A_file_that_is_not_a_database_stops_the_app_with_one_line_naming_it()
    {
        using var database = new TempDatabase(DatabaseProvider.Sqlite);
        await File.WriteAllTextAsync(database.FilePath, "plain text, not an SQLite database. ".PadRight(8192, '.'));

        using var app = Process.Start(AppProcess.StartInfo(database, "--urls", "http://127.0.0.1:0"))!;
        var stdout = app.StandardOutput.ReadToEndAsync();
        var stderr = app.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await app.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, app.ExitCode);
        var errorLines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(errorLines);
        Assert.Contains(database.FilePath, line);
        Assert.Contains("not a database", line);
        Assert.DoesNotContain("   at ", await stdout);
    }
}
