using System.Security.Cryptography;
using System.Text;

namespace TokenDashboard;

/// <summary>
/// The two primitives behind every credential this app issues (access tokens and API sessions): random base62
/// characters, and the SHA-256 that is stored instead of the value.
/// </summary>
internal static class Secrets
{
    /// <summary>Base62, the characters of tokens and API sessions alike.</summary>
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>SHA-256 of the value's UTF-8 bytes: what is stored and looked up.</summary>
    public static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
