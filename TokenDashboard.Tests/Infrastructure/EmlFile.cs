using System.Text;
using System.Text.RegularExpressions;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>A message from a mail pickup directory: its headers as written and its body decoded (base64 or quoted-printable).</summary>
public sealed record EmlFile(string Headers, string Body)
{
    public string Text => Headers + "\n" + Body;

    public static EmlFile Read(string path)
    {
        var raw = File.ReadAllText(path).Replace("\r\n", "\n");
        var split = raw.IndexOf("\n\n", StringComparison.Ordinal);
        var (headers, body) = (raw[..split], raw[(split + 2)..]);
        var encoding = Regex.Match(headers, @"Content-Transfer-Encoding:\s*(\S+)", RegexOptions.IgnoreCase).Groups[1].Value.ToLowerInvariant();
        var decoded = encoding switch
        {
            "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Replace(body, @"\s", ""))),
            "quoted-printable" => DecodeQuotedPrintable(body),
            _ => body,
        };
        return new EmlFile(headers, decoded);
    }

    private static string DecodeQuotedPrintable(string body)
    {
        var joined = body.Replace("=\n", "");
        var bytes = new List<byte>();
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
