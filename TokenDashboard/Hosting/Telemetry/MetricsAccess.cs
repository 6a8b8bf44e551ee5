using System.Net;
using IPNetwork = System.Net.IPNetwork;

namespace TokenDashboard.Hosting.Telemetry;

/// <summary>
/// The <c>Metrics</c> section: <c>Enabled</c> (off by default), <c>AllowedNetworks</c> (addresses or networks, an
/// array or comma-separated; default loopback only) and <c>Port</c> (a port of its own that serves only /metrics, to
/// anyone who can reach it — a port to firewall rather than a list to keep). Anyone else asking for /metrics gets the
/// app's 404, as for any page that does not exist.
/// </summary>
internal sealed class MetricsAccess
{
    public const string Section = "Metrics";
    public const string Path = "/metrics";

    private MetricsAccess(bool enabled, IReadOnlyList<IPNetwork> allowed, int? port) => (Enabled, Allowed, Port) = (enabled, allowed, port);

    public bool Enabled { get; }
    public IReadOnlyList<IPNetwork> Allowed { get; }
    public int? Port { get; }

    /// <summary>Whether this request may read the metrics: on the metrics port, or from an allowed network.</summary>
    public bool Allows(HttpContext http) =>
        http.Request.Path.Equals(Path, StringComparison.Ordinal)
        && (Port is { } port ? http.Connection.LocalPort == port : From(http.Connection.RemoteIpAddress));

    /// <summary>On the metrics port every other path is refused: it must not be a second door into the app.</summary>
    public bool IsMetricsPortElsewhere(HttpContext http) =>
        Port is { } port && http.Connection.LocalPort == port && !http.Request.Path.Equals(Path, StringComparison.Ordinal);

    private bool From(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        foreach (var network in Allowed)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }
        return false;
    }

    public static MetricsAccess From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var enabled = section.GetValue<bool>("Enabled");
        var allowed = AddressListSetting.Read(configuration, $"{Section}:AllowedNetworks");
        if (allowed.Count == 0)
        {
            allowed = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];
        }
        int? port = null;
        if (section["Port"] is { Length: > 0 } text)
        {
            port = int.TryParse(text, out var value) && value is > 0 and < 65536
                ? value
                : throw new StartupConfigurationException($"'{Section}:Port' is '{text}'; it must be a port number (1-65535).");
        }
        return new MetricsAccess(enabled, allowed, port);
    }
}
