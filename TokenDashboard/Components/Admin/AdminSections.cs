namespace TokenDashboard.Components.Admin;

/// <summary>One page of the admin area, as its tabs list it.</summary>
internal sealed record AdminSection(string Title, string Href, string Icon);

/// <summary>The admin area's pages, in the order its tabs show them; a new admin page adds one line here.</summary>
internal static class AdminSections
{
    public static readonly IReadOnlyList<AdminSection> All =
    [
        new("Accounts", "/admin/accounts", MudBlazor.Icons.Material.Filled.People),
        new("Tokens", "/admin/tokens", MudBlazor.Icons.Material.Filled.Key),
        new("Policies", "/admin/policies", MudBlazor.Icons.Material.Filled.Policy),
    ];
}
