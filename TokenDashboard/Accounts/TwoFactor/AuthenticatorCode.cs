using System.Security.Cryptography;
using System.Text;

namespace TokenDashboard.Accounts.TwoFactor;

/// <summary>
/// RFC 6238 as authenticator apps compute it (HMAC-SHA1 over 30-second steps, 6 digits), done here rather than by
/// Identity's provider because the answer must say <em>which</em> step matched — each step is accepted once per
/// account — and Identity's accepts ±2 steps (codes up to 90 s old) where one step either way is enough for clock drift.
/// </summary>
internal static class AuthenticatorCode
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>The newest step within one of <paramref name="now"/>'s whose code is <paramref name="code"/>, or null.</summary>
    public static long? MatchingStep(string base32Key, string code, DateTimeOffset now)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit) || Base32(base32Key) is not { Length: > 0 } key)
        {
            return null;
        }
        var current = now.ToUnixTimeSeconds() / (long)Step.TotalSeconds;
        var typed = Encoding.ASCII.GetBytes(code);
        long? matched = null;
        for (var step = current - 1; step <= current + 1; step++)
        {
            // Every step is computed and compared in constant time: the answer's timing tells nothing.
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(key, step)), typed))
            {
                matched = step;
            }
        }
        return matched;
    }

    private static string Compute(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(key, counter, hash);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Identity's authenticator keys are base32 (RFC 4648, upper case, no padding); null if the text is not.</summary>
    private static byte[]? Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant())
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
