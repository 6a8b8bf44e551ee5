using System.Net;
using System.Net.Sockets;

namespace TokenDashboard.Tokens;

/// <summary>
/// A token's optional list of client addresses and CIDR ranges (IPv4 and IPv6). Empty means "from anywhere".
/// Parsing is strict on purpose: <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> alone accepts "10.1" as
/// 10.0.0.1 and "1" as 0.0.0.1, which would silently allow an address the person never meant.
/// </summary>
internal static class AddressAllowList
{
    /// <summary>More than any real allow-list; a 10,000-entry paste is refused with a message, not stored.</summary>
    public const int MaxEntries = 100;

    /// <summary>The longest IPv6 CIDR is 43 characters; anything longer is not an address.</summary>
    private const int MaxEntryLength = 50;

    private static readonly char[] Separators = [',', ';', ' ', '\t', '\r', '\n'];

    /// <summary>The entries of a list as typed in the dialog (one per line) or sent as <c>ipList</c> (comma-separated).</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        text?.Split(Separators, StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>
    /// The entries in canonical form ("203.0.113.7", "10.0.0.0/8", "2001:db8::/32"), or an error naming the
    /// first bad entry for the field <c>ipList</c>. Nothing here echoes more than one entry back.
    /// </summary>
    internal static Result<List<string>> Normalize(IReadOnlyCollection<string> entries)
    {
        if (entries.Count > MaxEntries)
        {
            return Refused($"The list has {entries.Count:N0} entries; at most {MaxEntries} addresses or ranges are allowed. Use CIDR ranges (e.g. 10.0.0.0/8) to cover many addresses. Nothing was changed.");
        }
        var canonical = new List<string>(entries.Count);
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (!TryParse(entry, out var network, out var problem))
            {
                return Refused(problem);
            }
            var text = Format(network);
            if (canonical.Contains(text))
            {
                return Refused($"{text} is listed twice.");
            }
            canonical.Add(text);
        }
        return canonical;
    }

    /// <summary>The networks of a stored (already canonical) list.</summary>
    public static IReadOnlyList<IPNetwork> Networks(IEnumerable<string> stored) =>
        stored.Select(s => TryParse(s, out var network, out _) ? network : throw new FormatException($"Stored allow-list entry '{s}' is not an address.")).ToArray();

    /// <summary>Whether a client at <paramref name="address"/> may use a token limited to <paramref name="networks"/>.</summary>
    public static bool Allows(IReadOnlyList<IPNetwork> networks, IPAddress? address)
    {
        if (networks.Count == 0)
        {
            return true;
        }
        if (address is null)
        {
            return false; // a limited token never works from an address nobody knows
        }
        var client = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var network in networks)
        {
            if (network.Contains(client))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether the list (as typed) would let <paramref name="address"/> in; false for a malformed list.</summary>
    public static bool Allows(IReadOnlyCollection<string> entries, string? address) =>
        Normalize(entries) is { Succeeded: true } list
        && Allows(Networks(list.Value!), address is null ? null : IPAddress.TryParse(address, out var ip) ? ip : null);

    private static bool TryParse(string entry, out IPNetwork network, out string problem)
    {
        network = default;
        problem = "";
        if (entry.Length > MaxEntryLength)
        {
            problem = $"'{entry[..20]}…' is not an IP address or CIDR range.";
            return false;
        }
        var slash = entry.IndexOf('/');
        var addressText = slash < 0 ? entry : entry[..slash];
        if (!TryParseAddress(addressText, out var address))
        {
            problem = $"'{entry}' is not an IP address or CIDR range; use e.g. 203.0.113.7, 10.0.0.0/8 or 2001:db8::/32.";
            return false;
        }
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0)
        {
            var prefixText = entry[(slash + 1)..];
            if (prefixText.Length is 0 or > 3 || !prefixText.All(char.IsAsciiDigit) || (prefix = int.Parse(prefixText)) > bits)
            {
                problem = $"'{entry}' has an invalid prefix length; after '/' give 0–{bits}.";
                return false;
            }
        }
        network = new IPNetwork(Masked(address, prefix), prefix);
        if (!network.BaseAddress.Equals(address))
        {
            problem = $"'{entry}' has bits set after the /{prefix} prefix; did you mean {Format(network)}?";
            return false;
        }
        return true;
    }

    /// <summary>Dotted quads with exactly four parts for IPv4; IPv6 without a zone (zones mean nothing to a remote client).</summary>
    private static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Length == 0 || text.Contains('%'))
        {
            return false;
        }
        if (text.Contains(':'))
        {
            if (!IPAddress.TryParse(text, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }
            address = v6.IsIPv4MappedToIPv6 ? v6.MapToIPv4() : v6;
            return true;
        }
        var parts = text.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || int.Parse(p) > 255))
        {
            return false;
        }
        address = new IPAddress(parts.Select(byte.Parse).ToArray());
        return true;
    }

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }

    /// <summary>A single address is written as the address, a range as CIDR.</summary>
    private static string Format(IPNetwork network) =>
        network.PrefixLength == (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            ? network.BaseAddress.ToString()
            : network.ToString();

    private static Error Refused(string message) => Error.Invalid("ipList", message);
}
