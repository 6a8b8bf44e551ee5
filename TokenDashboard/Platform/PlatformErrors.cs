namespace TokenDashboard.Platform;

/// <summary>Refusals that several platform operations share.</summary>
internal static class PlatformErrors
{
    /// <summary>The same words whether the environment never existed or belongs to another user.</summary>
    public static Error NotFound(string name) => new(ErrorKind.NotFound, null, $"There is no environment named '{name}'.");

    public static Error AlreadyExists(string name) => new(ErrorKind.AlreadyExists, null, $"An environment named '{name}' already exists.");

    public static Error InvalidState(string message) => new(ErrorKind.InvalidState, null, message);
}
