using System.Security.Cryptography;

namespace TokenDashboard.Tokens;

/// <summary>
/// The token format: <c>tdt_</c> + 32 random base62 characters (≈190 bits from <see cref="RandomNumberGenerator"/>)
/// + 6 base62 characters of the CRC32 of everything before them — 42 characters in all.
/// The prefix makes tokens recognisable to secret scanners; the checksum lets garbage and typos be turned away
/// without a database query.
/// </summary>
internal static class TokenFormat
{
    public const string Prefix = "tdt_";
    public const int RandomLength = 32;
    public const int ChecksumLength = 6;
    public const int Length = 4 + RandomLength + ChecksumLength;
    public const int HintLength = 4;

    public static string Generate()
    {
        Span<char> token = stackalloc char[Length];
        Prefix.CopyTo(token);
        RandomNumberGenerator.GetItems(Secrets.Alphabet, token.Slice(Prefix.Length, RandomLength));
        WriteChecksum(token[..^ChecksumLength], token[^ChecksumLength..]);
        return new string(token);
    }

    /// <summary>Prefix, length, alphabet and checksum: true only for something <see cref="Generate"/> could have made.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> token)
    {
        if (token.Length != Length || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var body = token[Prefix.Length..];
        foreach (var c in body)
        {
            if (!IsBase62(c))
            {
                return false;
            }
        }
        Span<char> expected = stackalloc char[ChecksumLength];
        WriteChecksum(token[..^ChecksumLength], expected);
        return expected.SequenceEqual(token[^ChecksumLength..]);
    }

    /// <summary>SHA-256 of the token's UTF-8 bytes: what is stored and looked up.</summary>
    public static byte[] Hash(string token) => Secrets.Hash(token);

    /// <summary>The last characters, shown in lists so a person can tell tokens apart.</summary>
    public static string Hint(string token) => token[^HintLength..];

    private static bool IsBase62(char c) => c is (>= '0' and <= '9') or (>= 'A' and <= 'Z') or (>= 'a' and <= 'z');

    private static void WriteChecksum(ReadOnlySpan<char> text, Span<char> destination)
    {
        var crc = Crc32.Compute(text);
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = Secrets.Alphabet[(int)(crc % 62)];
            crc /= 62;
        }
    }
}

/// <summary>CRC-32 (IEEE 802.3) over ASCII characters; the token alphabet is ASCII, so chars are bytes.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<char> ascii)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in ascii)
        {
            crc = Table[(crc ^ (byte)c) & 0xFF] ^ (crc >> 8);
        }
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var value = i;
            for (var bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? 0xEDB88320u ^ (value >> 1) : value >> 1;
            }
            table[i] = value;
        }
        return table;
    }
}
