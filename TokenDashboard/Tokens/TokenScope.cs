namespace TokenDashboard.Tokens;

/// <summary>
/// Which of the acting user's tokens an operation concerns: the listed ids, or all of them (whatever they are when
/// the operation runs). Ids that are not the user's are treated exactly like ids that do not exist.
/// </summary>
public sealed record TokenScope(bool All, IReadOnlyList<int> Ids)
{
    public static TokenScope AllTokens { get; } = new(true, []);

    public static TokenScope Of(IReadOnlyList<int> ids) => new(false, ids);
}
