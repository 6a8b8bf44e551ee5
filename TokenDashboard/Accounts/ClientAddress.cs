namespace TokenDashboard.Accounts;

/// <summary>The client's address as recorded for last use, sessions, the audit trail and the sign-in back-off.</summary>
internal static class ClientAddress
{
    public static string? Of(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return null;
        }
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
