namespace TokenDashboard.Components.Environments;

/// <summary>What the row buttons of the Environments page ask for.</summary>
public enum EnvironmentAction
{
    Start,
    Stop,
    Sleep,
}
