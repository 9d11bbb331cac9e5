using OneStop.Workflows.Application.Catalogue;
using OneStop.Workflows.Domain.Catalogue;

namespace OneStop.Workflows.Server.Ui.Admin;

/// <summary>
/// The service-item form's editable copy of an item: read from <see cref="ServiceItemResponse"/>, sent as the
/// <see cref="ServiceItemBody"/> that CreateServiceItem and UpdateServiceItem check. No rule lives here.
/// </summary>
public sealed class ServiceItemModel
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public ServiceItemType Type { get; set; } = ServiceItemType.AdministrativeLicence;

    public string? LeadDepartment { get; set; }

    public IReadOnlyCollection<string> CoDepartments { get; set; } = [];

    public HandlingKind HandlingKind { get; set; } = HandlingKind.Promised;

    public int? StatutoryValue { get; set; } = 20;

    public TimeUnit StatutoryUnit { get; set; } = TimeUnit.WorkingDays;

    public int? ExtensionValue { get; set; }

    public TimeUnit ExtensionUnit { get; set; } = TimeUnit.WorkingDays;

    public int? PromisedValue { get; set; } = 10;

    public TimeUnit PromisedUnit { get; set; } = TimeUnit.WorkingDays;

    public bool JointHandling { get; set; }

    public List<MaterialRow> Materials { get; set; } = [new()];

    public RefusalPolicy RefusalPolicy { get; set; } = RefusalPolicy.AllRequired;

    public ResultType ResultType { get; set; } = ResultType.Certificate;

    public IReadOnlyCollection<DeliveryMethod> DeliveryMethods { get; set; } = [DeliveryMethod.Pickup];

    public string? WorkflowDefinitionId { get; set; }

    /// <summary>The item's own ladder settings; null keeps the centre's.</summary>
    public int? PromptLeadWorkingDays { get; set; }

    public bool? PromptAtHalfBudget { get; set; }

    public int? SupervisedHandlingWorkingDays { get; set; }

    public bool? StepPrompts { get; set; }

    /// <summary>The version edited (a concurrent change is refused); null for a new item.</summary>
    public long? Version { get; set; }

    /// <summary>One material of the list.</summary>
    public sealed class MaterialRow
    {
        public string? Name { get; set; }

        public MaterialForm Form { get; set; } = MaterialForm.Original;

        public MaterialRequirement Requirement { get; set; } = MaterialRequirement.Required;

        public int? Count { get; set; } = 1;
    }

    /// <summary>The form filled with <paramref name="item"/>.</summary>
    public static ServiceItemModel From(ServiceItemResponse item) => new()
    {
        Code = item.Code,
        Name = item.Name,
        Type = item.Type,
        LeadDepartment = item.LeadDepartment,
        CoDepartments = [.. item.CoDepartments],
        HandlingKind = item.HandlingKind,
        StatutoryValue = item.StatutoryLimit.Value,
        StatutoryUnit = item.StatutoryLimit.Unit,
        ExtensionValue = item.StatutoryExtension?.Value,
        ExtensionUnit = item.StatutoryExtension?.Unit ?? TimeUnit.WorkingDays,
        PromisedValue = item.PromisedLimit.Value,
        PromisedUnit = item.PromisedLimit.Unit,
        JointHandling = item.JointHandling,
        Materials = [.. item.Materials.Select(m => new MaterialRow { Name = m.Name, Form = m.Form, Requirement = m.Requirement, Count = m.Count })],
        RefusalPolicy = item.RefusalPolicy,
        ResultType = item.ResultType,
        DeliveryMethods = [.. item.DeliveryMethods],
        WorkflowDefinitionId = item.WorkflowDefinitionId,
        PromptLeadWorkingDays = item.Supervision?.PromptLeadWorkingDays,
        PromptAtHalfBudget = item.Supervision?.PromptAtHalfBudget,
        SupervisedHandlingWorkingDays = item.Supervision?.SupervisedHandlingWorkingDays,
        StepPrompts = item.Supervision?.StepPrompts,
        Version = item.Version,
    };

    /// <summary>The body the use cases take (blank material rows are left out).</summary>
    public ServiceItemBody ToBody() => new(
        Code?.Trim(),
        Name?.Trim(),
        Type,
        LeadDepartment,
        [.. CoDepartments],
        HandlingKind,
        new TimeLimitBody(StatutoryValue, StatutoryUnit),
        ExtensionValue is { } extension ? new TimeLimitBody(extension, ExtensionUnit) : null,
        new TimeLimitBody(PromisedValue, PromisedUnit),
        JointHandling,
        [.. Materials.Where(m => !string.IsNullOrWhiteSpace(m.Name)).Select(m => new MaterialBody(m.Name!.Trim(), m.Form, m.Requirement, m.Count))],
        RefusalPolicy,
        ResultType,
        [.. DeliveryMethods],
        WorkflowDefinitionId,
        new Domain.Catalogue.ItemSupervision(PromptLeadWorkingDays, PromptAtHalfBudget, SupervisedHandlingWorkingDays, StepPrompts),
        Version);
}
