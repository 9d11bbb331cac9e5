using NodaTime.Text;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Application.Catalogue;

/// <summary>
/// A service item as every catalogue route returns it. <see cref="Supervision"/> is the item's own block as stored (null
/// when it has none), so a response sent back as a PUT body keeps following the centre's defaults;
/// <see cref="EffectiveSupervision"/> is what its cases' clocks are planned with.
/// </summary>
public sealed record ServiceItemResponse(
    string Code,
    string Name,
    ServiceItemType Type,
    string LeadDepartment,
    IReadOnlyList<string> CoDepartments,
    HandlingKind HandlingKind,
    TimeLimit StatutoryLimit,
    TimeLimit? StatutoryExtension,
    TimeLimit PromisedLimit,
    bool JointHandling,
    IReadOnlyList<MaterialSpec> Materials,
    RefusalPolicy RefusalPolicy,
    ResultType ResultType,
    IReadOnlyList<DeliveryMethod> DeliveryMethods,
    string WorkflowDefinitionId,
    ItemSupervision? Supervision,
    LadderSettings EffectiveSupervision,
    string UpdatedAt,
    long Version)
{
    /// <summary>
    /// Where the item and the published version of its flow disagree (the designer checks, ADR 0015); null when they agree.
    /// A change that makes them disagree is stored, and this names what to fix (the item, or the flow in the designer).
    /// </summary>
    public IReadOnlyList<Engine.Definitions.ValidationError>? FlowProblems { get; init; }

    /// <param name="centre">The centre's ladder defaults (<c>Supervision:Ladder:*</c>).</param>
    public static ServiceItemResponse From(ServiceItem item, LadderSettings centre)
    {
        var d = item.Data;
        return new ServiceItemResponse(
            item.Code, d.Name, d.Type, d.LeadDepartment, d.CoDepartments, d.HandlingKind, d.StatutoryLimit, d.StatutoryExtension,
            d.PromisedLimit, d.JointHandling, d.Materials, d.RefusalPolicy, d.ResultType, d.DeliveryMethods, d.WorkflowDefinitionId,
            d.Supervision, d.Supervision?.Over(centre) ?? centre, InstantPattern.ExtendedIso.Format(item.UpdatedAt), item.Version);
    }
}

/// <summary>A time limit in a request: both parts are required.</summary>
public sealed record TimeLimitBody(int? Value, TimeUnit? Unit);

/// <summary>A material in a request; <c>count</c> defaults to 1.</summary>
public sealed record MaterialBody(string? Name, MaterialForm? Form, MaterialRequirement? Requirement, int? Count);

/// <summary>
/// The body of create and update. Everything is nullable so that a missing field is reported by name rather than
/// defaulted. <see cref="Version"/> is optional: when sent (e.g. a GET response edited and sent back), an update
/// of a newer version is refused with 409. <see cref="Supervision"/> is optional, and so is each of its values (null
/// = the centre's default); a block setting nothing is stored as none. A response's <c>effectiveSupervision</c> is ignored.
/// </summary>
public sealed record ServiceItemBody(
    string? Code,
    string? Name,
    ServiceItemType? Type,
    string? LeadDepartment,
    IReadOnlyList<string>? CoDepartments,
    HandlingKind? HandlingKind,
    TimeLimitBody? StatutoryLimit,
    TimeLimitBody? StatutoryExtension,
    TimeLimitBody? PromisedLimit,
    bool? JointHandling,
    IReadOnlyList<MaterialBody>? Materials,
    RefusalPolicy? RefusalPolicy,
    ResultType? ResultType,
    IReadOnlyList<DeliveryMethod>? DeliveryMethods,
    string? WorkflowDefinitionId,
    ItemSupervision? Supervision,
    long? Version);
