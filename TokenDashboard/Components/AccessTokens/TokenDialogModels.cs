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
internal sealed record TokenDialogResult(TokenDraft? Draft, bool Regenerate = false);

/// <summary>Whether two drafts say the same thing (the lists by their items): has the person changed the form?</summary>
internal static class TokenDraftComparer
{
    public static bool Same(TokenDraft a, TokenDraft b) =>
        (a.Description ?? "") == (b.Description ?? "") && a.ExpiresOn == b.ExpiresOn && a.Preset == b.Preset
        && (a.Methods ?? []).SequenceEqual(b.Methods ?? []) && (a.AllowedAddresses ?? []).SequenceEqual(b.AllowedAddresses ?? []);
}
