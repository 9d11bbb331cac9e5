namespace OneStop.Workflows.Engine.Activities;

/// <summary>What kind of step an activity is, as Elsa Studio labels it.</summary>
public enum ActivityKind
{
    Action,
    Trigger,
    Task,
    Job,
}

/// <summary>
/// Describes an activity type to the validator, the runtime (input defaults) and the designer's toolbox.
/// The catalogue of descriptors is the single source of truth for all three.
/// </summary>
public sealed record ActivityDescriptor(
    string TypeName,
    int Version,
    string Category,
    string DisplayName,
    string Description,
    ActivityKind Kind,
    IReadOnlyList<InputDescriptor> Inputs,
    IReadOnlyList<PortDescriptor> Ports)
{
    /// <summary>True for the activity a flowchart starts from (Elsa.Start).</summary>
    public bool IsStart { get; init; }

    /// <summary>True for an activity that ends its branch and has no outgoing ports.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>True when the output ports come from an input (Elsa.FlowFork's branch names).</summary>
    public bool HasDynamicPorts { get; init; }

    /// <summary>False for activities the designer must not offer (the Flowchart container).</summary>
    public bool IsBrowsable { get; init; } = true;

    /// <summary>True for containers (Elsa.Flowchart).</summary>
    public bool IsContainer { get; init; }

    /// <summary>The part of <see cref="TypeName"/> before the last dot, e.g. "Elsa".</summary>
    public string Namespace => TypeName.Contains('.') ? TypeName[..TypeName.LastIndexOf('.')] : string.Empty;

    /// <summary>The part of <see cref="TypeName"/> after the last dot, e.g. "FlowJoin".</summary>
    public string Name => TypeName.Contains('.') ? TypeName[(TypeName.LastIndexOf('.') + 1)..] : TypeName;
}

/// <summary>The value type of an input, which decides how its expression value is converted.</summary>
public enum InputType
{
    String,
    Int32,
    Boolean,
    StringArray,
    Choice,
    Json,
}

/// <summary>An input of an activity. <see cref="Name"/> is PascalCase; the JSON property is its camelCase form.</summary>
public sealed record InputDescriptor(
    string Name,
    InputType Type,
    string TypeName,
    string DisplayName,
    string Description,
    string UiHint,
    string? DefaultValue,
    string DefaultSyntax = "Literal")
{
    /// <summary>Allowed values for <see cref="InputType.Choice"/> inputs (shown as a dropdown).</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>True when the definition must give a value.</summary>
    public bool IsRequired { get; init; }

    /// <summary>The JSON property name used in Elsa JSON: camelCase of <see cref="Name"/>.</summary>
    public string PropertyName => char.ToLowerInvariant(Name[0]) + Name[1..];
}

/// <summary>An output port (an outcome) of an activity.</summary>
public sealed record PortDescriptor(string Name, string DisplayName);
