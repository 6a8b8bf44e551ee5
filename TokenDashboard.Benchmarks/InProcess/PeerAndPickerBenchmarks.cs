using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Identity;
using TokenDashboard.Components.AccessTokens;
using TokenDashboard.Tokens;

namespace TokenDashboard.Benchmarks.InProcess;

/// <summary>
/// The common naive design as a peer: the API key stored as an Identity PBKDF2 hash (PasswordHasher, its defaults)
/// and verified on every call, as many API-key samples do. Only the verification is timed, not even a lookup.
/// </summary>
public class NaivePeerBenchmarks
{
    private readonly PasswordHasher<object> hasher = new();
    private readonly object user = new();
    private string key = "";
    private string stored = "";

    public static int Iterations => new PasswordHasherOptions().IterationCount;

    [GlobalSetup]
    public void Setup()
    {
        key = TokenFormat.Generate();
        stored = hasher.HashPassword(user, key);
    }

    [Benchmark]
    public PasswordVerificationResult Pbkdf2Verify() => hasher.VerifyHashedPassword(user, stored, key);
}

/// <summary>The permission picker's search over the whole catalog (MethodPicker.Filter, run on every keystroke).</summary>
public class PickerBenchmarks
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();
    private static readonly IReadOnlySet<string> Extended = ApiCatalog.FindPreset("extended-access")!.Methods;

    [Benchmark]
    public int SearchEmpty() => MethodPicker.Filter(ApiCatalog.Grantable, null, false, None).Count;

    [Benchmark]
    public int SearchTerm() => MethodPicker.Filter(ApiCatalog.Grantable, "deploy", false, None).Count;

    [Benchmark]
    public int SearchNoMatch() => MethodPicker.Filter(ApiCatalog.Grantable, "zzzz", false, None).Count;

    [Benchmark]
    public int SearchOnlyChecked() => MethodPicker.Filter(ApiCatalog.Grantable, "env", true, Extended).Count;
}
