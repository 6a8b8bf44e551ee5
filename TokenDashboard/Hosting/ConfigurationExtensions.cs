using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace TokenDashboard.Hosting;

internal static class ConfigurationExtensions
{
    /// <summary>
    /// The app's one configuration file is the repository's root <c>appsettings.json</c>, copied beside the binaries
    /// by the build and by publish. It is inserted first, so every other source (environment variables such as
    /// <c>ConnectionStrings__TokenDashboard</c>, the command line, test overrides) takes precedence over it.
    /// </summary>
    public static void AddRootAppSettings(this IConfigurationManager configuration)
    {
        configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = true,
            ReloadOnChange = false,
        });
    }
}
