using NodaTime;

using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Domain.Catalogue;

/// <summary>The catalogue fields of a service item that the flow uses (domain-rules §5).</summary>
/// <param name="Supervision">The item's own ladder settings; null (or a block setting nothing) means the centre's defaults.</param>
public sealed record ServiceItemData(
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
    ItemSupervision? Supervision = null)
{
    /// <summary>Every rule a catalogue entry must satisfy, as (field, message) pairs; empty when valid.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems() => Errors().Select(p => (p.Field, p.Error.Message)).ToList();

    /// <summary>Every rule a catalogue entry must satisfy, with its code (ADR 0017); empty when valid.</summary>
    public IReadOnlyList<(string Field, FieldError Error)> Errors()
    {
        var problems = new List<(string, FieldError)>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add(("name", new(FieldErrorCodes.Required, "A name is required.")));
        }

        if (string.IsNullOrWhiteSpace(LeadDepartment))
        {
            problems.Add(("leadDepartment", new(FieldErrorCodes.Required, "A lead department is required.")));
        }

        if (CoDepartments.Contains(LeadDepartment) || CoDepartments.Distinct().Count() != CoDepartments.Count)
        {
            problems.Add(("coDepartments", new(FieldErrorCodes.CoDepartmentsDistinct, "Co-reviewing departments must be distinct and differ from the lead department.")));
        }

        if (StatutoryLimit.Value is < 0 or > 3650 || PromisedLimit.Value is < 0 or > 3650)
        {
            problems.Add(("statutoryLimit", new FieldError(FieldErrorCodes.LimitRange, "Limits must be between 0 and 3650 days.").With("max", 3650)));
        }

        if (StatutoryExtension is { Value: < 1 or > Calendar.WorkingDayCalendar.MaxExtensionDays })
        {
            problems.Add(("statutoryExtension", new FieldError(FieldErrorCodes.ExtensionDaysRange, $"An extension of 1 to {Calendar.WorkingDayCalendar.MaxExtensionDays} days.")
                .With("max", Calendar.WorkingDayCalendar.MaxExtensionDays)));
        }

        if (StatutoryLimit.Unit == PromisedLimit.Unit && PromisedLimit.Value > StatutoryLimit.Value)
        {
            problems.Add(("promisedLimit", new(FieldErrorCodes.PromisedExceedsStatutory, "The promised limit cannot exceed the statutory limit.")));
        }

        if (DeliveryMethods.Count == 0)
        {
            problems.Add(("deliveryMethods", new(FieldErrorCodes.DeliveryMethodsRequired, "At least one delivery method is required.")));
        }

        if (string.IsNullOrWhiteSpace(WorkflowDefinitionId))
        {
            problems.Add(("workflowDefinitionId", new(FieldErrorCodes.Required, "The workflow definition that runs the item is required.")));
        }

        if (Supervision is not null)
        {
            problems.AddRange(Supervision.Errors());
        }

        return problems;
    }
}

/// <summary>A service item (政务服务事项): a catalogue entry and the workflow definition that runs it.</summary>
public sealed class ServiceItem
{
    private ServiceItem()
    {
        Code = string.Empty;
        Data = null!;
    }

    public ServiceItem(string code, ServiceItemData data, Instant now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code;
        Data = data;
        UpdatedAt = now;
    }

    /// <summary>The item code (事项编码); unique.</summary>
    public string Code { get; private set; }

    public ServiceItemData Data { get; private set; }

    public Instant UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency counter.</summary>
    public long Version { get; private set; }

    /// <summary>Every department that reviews: the lead first, then the co-reviewers.</summary>
    public IEnumerable<string> ReviewingDepartments => [Data.LeadDepartment, .. Data.CoDepartments];

    public void Update(ServiceItemData data, Instant now)
    {
        Data = data;
        UpdatedAt = now;
        Version++;
    }
}
