namespace TokenDashboard.Tokens;

/// <summary>
/// Which of the acting user's tokens an operation concerns: the listed ids, or all of them (whatever they are when
/// the operation runs). Ids that are not the user's are treated exactly like ids that do not exist; a refusal names
/// <see cref="Field"/>, the parameter the ids came in (<c>ids</c>, or <c>id</c> where one id is meant).
/// </summary>
public sealed record TokenScope(bool All, IReadOnlyList<int> Ids, string Field = "ids")
{
    public static TokenScope AllTokens { get; } = new(true, []);

    public static TokenScope Of(IReadOnlyList<int> ids, string field = "ids") => new(false, ids, field);
}
