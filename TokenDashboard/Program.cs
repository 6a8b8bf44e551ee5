using TokenDashboard.Data;
using TokenDashboard.Hosting;

if (DatabaseCommands.IsCommand(args))
{
    return DatabaseCommands.Run(args, Console.Out, Console.Error);
}

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddTokenDashboard();

    var app = builder.Build();
    app.MapTokenDashboard();
    await app.RunAsync();
}
catch (Exception ex) when (ex is DatabaseStartupException or StartupConfigurationException)
{
    // One clear line instead of a stack trace: which database or setting, and why.
    Console.Error.WriteLine(ex.Message);
    return 1;
}
return 0;

public partial class Program;
