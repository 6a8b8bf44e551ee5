using System.Net;
using IPNetwork = System.Net.IPNetwork;

namespace TokenDashboard.Hosting;

/// <summary>
/// A setting that lists addresses and networks (<c>127.0.0.1</c>, <c>10.0.0.0/8</c>): an array, a comma-separated
/// string, or both. A single address is a network of one. An entry that is neither stops the start with one line
/// naming the setting and the entry, rather than quietly trusting or refusing someone it did not mean.
/// </summary>
internal static class AddressListSetting
{
    public static List<IPNetwork> Read(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var entries = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var networks = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            if (entry.Contains('/') && IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else
            {
                throw new StartupConfigurationException($"'{key}' holds '{entry}', which is neither an IP address nor a network such as 10.0.0.0/8.");
            }
        }
        return networks;
    }

    /// <summary>Whether <paramref name="network"/> is one address, as a bare address entry makes it.</summary>
    public static bool IsSingle(IPNetwork network) =>
        network.PrefixLength == network.BaseAddress.GetAddressBytes().Length * 8;
}
