namespace OneStop.Workflows.Domain;

/// <summary>Anchor of the Domain assembly, used by the architecture test and by assembly scanning.</summary>
public static class DomainAssembly
{
    /// <summary>The Engine assembly the domain builds on (keeps the reference explicit).</summary>
    public static System.Reflection.Assembly Engine => typeof(Engine.Activities.ActivityCatalogue).Assembly;
}
