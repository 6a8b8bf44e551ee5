namespace TokenDashboard.Components.Settings;

/// <summary>One tab of the Settings frame: its address segment (/settings/{Key}), title and content.</summary>
internal sealed record SettingsTab(string Key, string Title, string Icon, Type Component);

internal static class SettingsTabs
{
    public static readonly IReadOnlyList<SettingsTab> All =
    [
        new("account", "Account", MudBlazor.Icons.Material.Filled.Person, typeof(AccountTab)),
        new("access-tokens", "Access Tokens", MudBlazor.Icons.Material.Filled.Key, typeof(AccessTokens.AccessTokensTab)),
        new("sessions", "Sessions", MudBlazor.Icons.Material.Filled.Devices, typeof(SessionsTab)),
        new("activity", "Activity", MudBlazor.Icons.Material.Filled.History, typeof(ActivityTab)),
    ];

    public static SettingsTab? Find(string? key) =>
        All.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase));
}
