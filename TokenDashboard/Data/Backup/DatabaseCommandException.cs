namespace TokenDashboard.Data.Backup;

/// <summary>A backup or restore that cannot go ahead; the message is the one line the operator reads.</summary>
internal sealed class DatabaseCommandException(string message) : Exception(message)
{
    public override string? StackTrace => null;
}
