using TokenDashboard.Tokens;
namespace TokenDashboard.Components.AccessTokens;

public enum TokenDialogMode
{
    Generate,
    Edit,
    Copy,
}

/// <summary>
/// How the token dialog closed: with settings to save, or with "Regenerate token" (Edit only) — then
/// <see cref="Draft"/> holds the settings the new value comes with (its expiry date included).
/// </summary>
public sealed record TokenDialogResult(TokenDraft? Draft, bool Regenerate = false);
