using Microsoft.AspNetCore.Http;
using MudBlazor;

namespace TokenDashboard.Components.Layout;

/// <summary>
/// The product's palette, shared by the interactive layout and the static account pages. Every colour that carries
/// text or marks a control keeps at least 4.5:1 against the surfaces it sits on (white, the page's grey, a chip's own
/// tint, a selected row's tint) in both themes; filled buttons and chips in the dark theme carry dark text.
/// </summary>
internal static class AppTheme
{
    /// <summary>Where the browser keeps the chosen theme, so the server paints the first frame in it.</summary>
    public const string Cookie = "td-theme";

    /// <summary>The dark theme was chosen in this browser (the cookie the theme button writes).</summary>
    public static bool IsDark(HttpContext? context) =>
        context?.Request.Cookies.TryGetValue(Cookie, out var value) == true && value == "dark";

    private const string DarkText = "#0b1a2b";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#00796b",
            Success = "#1b6e20",
            Warning = "#9a4f00",
            Error = "#c62828",
            Info = "#01579b",
            TextSecondary = "#5f6368",
            AppbarBackground = "#0d2a4a",
            Background = "#f4f6f9",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#90caf9",
            PrimaryContrastText = DarkText,
            Secondary = "#80cbc4",
            SecondaryContrastText = DarkText,
            Success = "#81c784",
            SuccessContrastText = DarkText,
            Warning = "#ffb74d",
            WarningContrastText = DarkText,
            Error = "#ffaaa5",
            ErrorContrastText = DarkText,
            Info = "#81d4fa",
            InfoContrastText = DarkText,
            TextPrimary = "rgba(255,255,255,0.87)",
            TextSecondary = "rgba(255,255,255,0.70)",
            AppbarBackground = "#0b1a2b",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
