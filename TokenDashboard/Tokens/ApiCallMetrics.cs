using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using TokenDashboard.Data;

namespace TokenDashboard.Tokens;

/// <summary>
/// API calls on the app's meter, by method (a name from the catalog, or "(unknown)") and result code — the platform's
/// own codes, so a dashboard can show 702 (not authenticated) or 99 (unexpected) next to the HTTP figures, which are
/// all 200. Both label sets are bounded: the catalog and the codes are the app's, never the caller's text. It lives
/// beside the catalog that names its labels, so the API reaches the meter through Tokens, never straight down to Data.
/// </summary>
internal sealed class ApiCallMetrics(AppMeter meter)
{
    private const string UnknownMethod = "(unknown)";

    /// <summary>Result codes as label values, made once each (a boxed int or a new string per call would allocate).</summary>
    private static readonly ConcurrentDictionary<int, string> Codes = new();

    private readonly Counter<long> calls = meter.Meter.CreateCounter<long>("tokendashboard.api.calls", "{call}",
        "Platform API calls by method and result code.");

    public void Called(string? method, int result) =>
        calls.Add(1, new KeyValuePair<string, object?>("method", method ?? UnknownMethod),
            new KeyValuePair<string, object?>("result", Codes.GetOrAdd(result, static code => code.ToString(System.Globalization.CultureInfo.InvariantCulture))));
}
