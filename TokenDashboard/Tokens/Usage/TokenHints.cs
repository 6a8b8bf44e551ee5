namespace TokenDashboard.Tokens.Usage;

/// <summary>
/// Why a token may deserve a look, as the grid's badges say: not used for <see cref="UnusedAfterDays"/> days, or
/// broad — it holds many more methods than it called in that time ("uses 2 of 24").
/// </summary>
public sealed record TokenHints(int? UnusedForDays, int UsedMethods, int HeldMethods)
{
    public const int UnusedAfterDays = 30;

    /// <summary>Broad: uses at most half of what it holds, and leaves at least this many methods unused.</summary>
    private const int MinimumUnusedMethods = 3;

    public bool Unused => UnusedForDays is >= UnusedAfterDays;

    public bool Broad => !Unused && UsedMethods > 0 && UsedMethods * 2 <= HeldMethods && HeldMethods - UsedMethods >= MinimumUnusedMethods;

    public bool NeedAttention => Unused || Broad;

    /// <param name="usedMethods">Distinct methods the token called in the last <see cref="UnusedAfterDays"/> days.</param>
    public static TokenHints For(TokenSummary token, int usedMethods, DateTime now)
    {
        // A token never used counts from its creation: a new token is not "unused" yet.
        var since = token.LastUsedAt ?? token.CreatedAt;
        return new TokenHints((int)(now - since).TotalDays, usedMethods, token.Methods.Count);
    }
}
