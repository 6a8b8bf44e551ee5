namespace TokenDashboard.Platform;

/// <summary>
/// The rules for an environment's name (2–40 characters of a–z, 0–9 and '-', unique per user) and display name.
/// Names are compared in lower case, so "My-Project" from a script finds "my-project".
/// </summary>
internal static class EnvironmentName
{
    public const int MinLength = 2;
    public const int MaxLength = 40;
    public const int MaxDisplayNameLength = 100;

    /// <summary>The name in its stored (lower-case) form, or why it cannot be one.</summary>
    public static Result<string> Parse(string? value, string field = "envName")
    {
        var name = value?.Trim().ToLowerInvariant() ?? "";
        if (name.Length == 0)
        {
            return Error.Invalid(field, "Give an environment name.");
        }
        if (name.Length is < MinLength or > MaxLength || !name.All(IsAllowed))
        {
            return Error.Invalid(field,
                $"'{Shorten(value!)}' is not an environment name: use {MinLength}–{MaxLength} characters of a–z, 0–9 and '-'.");
        }
        return name;
    }

    /// <summary>A display name trimmed to its stored form, or why it cannot be one.</summary>
    public static Result<string> ParseDisplayName(string? value, string field = "displayName")
    {
        var displayName = value?.Trim() ?? "";
        if (displayName.Length == 0)
        {
            return Error.Invalid(field, "Give a display name.");
        }
        if (displayName.Length > MaxDisplayNameLength)
        {
            return Error.Invalid(field,
                $"The display name is {displayName.Length} characters long; at most {MaxDisplayNameLength} are allowed.");
        }
        if (displayName.Any(char.IsControl))
        {
            return Error.Invalid(field, "The display name contains control characters.");
        }
        return displayName;
    }

    private static bool IsAllowed(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-';

    /// <summary>Echo input in messages without echoing 10,000 characters of it.</summary>
    internal static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
