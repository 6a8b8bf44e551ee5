using System.Diagnostics.Metrics;

namespace TokenDashboard.Data;

/// <summary>
/// The app's own meter, <c>TokenDashboard</c>, which every part records its figures on (each part keeps its
/// instruments in one small class of its own: ApiCallMetrics, TokenMetrics, PasswordMetrics, ChangeFeedMetrics). It lives
/// here, at the bottom of the arrows, so that every part can reach it. Labels are bounded sets only (a method of the
/// catalog, a result code, an outcome): never a token, a session, an email or an address.
/// </summary>
public sealed class AppMeter(IMeterFactory factory)
{
    public const string Name = "TokenDashboard";

    public Meter Meter { get; } = factory.Create(Name);
}
