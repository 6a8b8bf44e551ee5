using BenchmarkDotNet.Attributes;
using TokenDashboard.Tokens;

namespace TokenDashboard.Benchmarks.InProcess;

/// <summary>
/// Parsing a valid token and turning garbage away: the format check alone, and the whole of
/// <see cref="TokenValidator.ValidateAsync"/> for garbage (which must never reach the database).
/// </summary>
public class TokenFormatBenchmarks
{
    private string valid = "";
    private string wrongPrefix = "";
    private string badChecksum = "";
    private TokenValidator validator = default!;

    [GlobalSetup]
    public void Setup()
    {
        valid = TokenFormat.Generate();
        // Same length and alphabet, another vendor's prefix (what a pasted GitHub or Stripe key looks like to us).
        wrongPrefix = "ghp_" + valid[4..];
        // The worst garbage: right prefix, length and alphabet, so the whole checksum is computed before refusing.
        badChecksum = valid[..^1] + (valid[^1] == 'a' ? 'b' : 'a');
        validator = BenchContext.App(BenchContext.StoreSizes[0]).Get<TokenValidator>();
    }

    [Benchmark]
    public bool ParseValid() => TokenFormat.IsWellFormed(valid);

    [Benchmark]
    public bool RejectWrongPrefix() => TokenFormat.IsWellFormed(wrongPrefix);

    [Benchmark]
    public bool RejectBadChecksum() => TokenFormat.IsWellFormed(badChecksum);

    [Benchmark]
    public Task<TokenValidation> ValidatorRejectsWrongPrefix() => validator.ValidateAsync(wrongPrefix);

    [Benchmark]
    public Task<TokenValidation> ValidatorRejectsBadChecksum() => validator.ValidateAsync(badChecksum);

    /// <summary>For reference: the SHA-256 that every well-formed token pays before its lookup.</summary>
    [Benchmark]
    public byte[] HashOnly() => TokenFormat.Hash(valid);
}
