namespace TokenDashboard.Tokens;

/// <summary>Refusals that several token operations share.</summary>
internal static class TokenErrors
{
    /// <summary>The same words whether the token never existed or belongs to another user.</summary>
    public static Error NoSuchToken(int id, string field = "id") =>
        Error.Invalid(field, $"There is no token {id} on this account. Nothing was changed.");
}
