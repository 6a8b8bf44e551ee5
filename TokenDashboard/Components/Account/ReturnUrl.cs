namespace TokenDashboard.Components.Account;

/// <summary>
/// Where an account page may send the browser back to: a path of this site, or nowhere else. Anything that could
/// leave the site (an absolute URL, <c>//host</c>, a backslash that browsers read as a slash, control characters)
/// becomes the home page rather than an error.
/// </summary>
internal static class ReturnUrl
{
    /// <summary>A base-relative path ("settings/account", no leading slash); "" for the home page.</summary>
    public static string ToLocalPath(string? returnUrl)
    {
        var url = returnUrl?.Trim() ?? "";
        if (url.Length == 0
            || url.StartsWith("//", StringComparison.Ordinal)
            || url.Contains('\\')
            || url.Any(char.IsControl)
            || !Uri.IsWellFormedUriString(url, UriKind.Relative))
        {
            return "";
        }
        return url.TrimStart('/');
    }
}
