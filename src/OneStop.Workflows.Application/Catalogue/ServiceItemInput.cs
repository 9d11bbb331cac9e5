using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Catalogue;

/// <summary>Validates a <see cref="ServiceItemBody"/> and compares items; shared by <see cref="CreateServiceItem"/> and <see cref="UpdateServiceItem"/>.</summary>
internal static partial class ServiceItemInput
{
    /// <summary>Enums are names only (no numbers), case-insensitive; property names camelCase.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>An item code: letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters.</summary>
    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code);

    /// <summary>
    /// Every problem at once (field → messages): missing fields, <see cref="ServiceItemData.Problems"/>, department
    /// codes not in the catalogue, and a workflow definition with no published version. Data is null when there are problems.
    /// </summary>
    public static async Task<(ServiceItemData? Data, Dictionary<string, FieldError[]> Errors)> ValidateAsync(
        ServiceItemBody body, OneStopDbContext db, IWorkflowDefinitionStore definitions, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<FieldError>>(StringComparer.Ordinal);
        void Add(string field, FieldError error) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(error);
        void Require(string field) => Add(field, new FieldError(FieldErrorCodes.Required, $"'{field}' is required."));
        T? Required<T>(T? value, string field)
            where T : class
        {
            if (value is null || value is string { Length: 0 })
            {
                Require(field);
            }

            return value;
        }

        T? RequiredValue<T>(T? value, string field)
            where T : struct
        {
            if (value is null)
            {
                Require(field);
            }

            return value;
        }

        var name = Required(body.Name, "name");
        var type = RequiredValue(body.Type, "type");
        var lead = Required(body.LeadDepartment, "leadDepartment");
        var coDepartments = body.CoDepartments ?? [];
        var handlingKind = RequiredValue(body.HandlingKind, "handlingKind");
        var statutory = Limit(body.StatutoryLimit, "statutoryLimit", required: true);
        var extension = Limit(body.StatutoryExtension, "statutoryExtension", required: false);
        var promised = Limit(body.PromisedLimit, "promisedLimit", required: true);
        var refusalPolicy = RequiredValue(body.RefusalPolicy, "refusalPolicy");
        var resultType = RequiredValue(body.ResultType, "resultType");
        var delivery = Required(body.DeliveryMethods, "deliveryMethods");
        var definitionId = Required(body.WorkflowDefinitionId, "workflowDefinitionId");

        var materials = new List<MaterialSpec>();
        for (var i = 0; i < (body.Materials?.Count ?? 0); i++)
        {
            var m = body.Materials![i];
            var path = $"materials[{i}]";
            if (m is null)
            {
                Add(path, new(FieldErrorCodes.MaterialNull, "A material cannot be null."));
                continue;
            }

            var materialName = Required(m.Name, $"{path}.name");
            var form = RequiredValue(m.Form, $"{path}.form");
            var requirement = RequiredValue(m.Requirement, $"{path}.requirement");
            if (m.Count is < 1 or > 100)
            {
                Add($"{path}.count", new FieldError(FieldErrorCodes.MaterialCountRange, "A material's count must be between 1 and 100.").With("max", 100));
            }

            if (materialName is not null && form is not null && requirement is not null)
            {
                materials.Add(new MaterialSpec(materialName, form.Value, requirement.Value, m.Count ?? 1));
            }
        }

        if (coDepartments.Any(string.IsNullOrWhiteSpace))
        {
            Add("coDepartments", new(FieldErrorCodes.DepartmentCodeEmpty, "Department codes cannot be empty."));
        }

        var named = coDepartments.Where(c => !string.IsNullOrWhiteSpace(c)).Prepend(lead).OfType<string>().Where(c => c.Length > 0).Distinct().ToList();
        var known = await db.Departments.AsNoTracking().Where(d => named.Contains(d.Code)).Select(d => d.Code).ToListAsync(ct);
        if (lead is { Length: > 0 } && !known.Contains(lead))
        {
            Add("leadDepartment", new FieldError(FieldErrorCodes.DepartmentUnknown, $"Unknown department '{lead}'.").With("department", lead));
        }

        foreach (var unknown in coDepartments.Where(c => !string.IsNullOrWhiteSpace(c) && !known.Contains(c)).Distinct())
        {
            Add("coDepartments", new FieldError(FieldErrorCodes.DepartmentUnknown, $"Unknown department '{unknown}'.").With("department", unknown));
        }

        // A retired department (已撤销部门) gets no new work, so no item may name it (issue 8).
        var retired = await db.Departments.AsNoTracking().Where(d => named.Contains(d.Code) && d.RetiredAt != null).Select(d => d.Code).ToListAsync(ct);
        foreach (var code in retired)
        {
            Add(code == lead ? "leadDepartment" : "coDepartments", new FieldError(FieldErrorCodes.DepartmentRetired, $"Department '{code}' is retired.").With("department", code));
        }

        if (definitionId is { Length: > 0 } && await definitions.FindPublishedAsync(definitionId, ct) is null)
        {
            Add("workflowDefinitionId", new FieldError(FieldErrorCodes.WorkflowNotPublished, $"No published workflow definition '{definitionId}'.").With("value", definitionId));
        }

        ServiceItemData? data = null;
        if (name is not null && type is not null && lead is not null && handlingKind is not null && statutory is not null && promised is not null
            && refusalPolicy is not null && resultType is not null && delivery is not null && definitionId is not null)
        {
            data = new ServiceItemData(name, type.Value, lead, [.. coDepartments], handlingKind.Value, statutory, extension, promised,
                body.JointHandling ?? false, materials, refusalPolicy.Value, resultType.Value, [.. delivery], definitionId,
                body.Supervision is { } supervision && !supervision.SetsNothing() ? supervision : null);
            foreach (var (field, error) in data.Errors())
            {
                Add(field, error);
            }
        }

        return errors.Count == 0
            ? (data, [])
            : (null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));

        TimeLimit? Limit(TimeLimitBody? limit, string field, bool required)
        {
            if (limit is null)
            {
                if (required)
                {
                    Require(field);
                }

                return null;
            }

            if (limit.Value is null)
            {
                Require($"{field}.value");
            }

            if (limit.Unit is null)
            {
                Add($"{field}.unit", new(FieldErrorCodes.DeadlineUnit, $"'{field}.unit' is required (WorkingDays or CalendarDays)."));
            }

            return limit is { Value: { } value, Unit: { } unit } ? new TimeLimit(value, unit) : null;
        }
    }

    /// <summary>The names (camelCase, as in the JSON) of the catalogue fields that differ.</summary>
    public static IReadOnlyList<string> ChangedFields(ServiceItemData before, ServiceItemData after)
    {
        var a = JsonSerializer.SerializeToNode(before, Options)!.AsObject();
        var b = JsonSerializer.SerializeToNode(after, Options)!.AsObject();
        return a.Select(p => p.Key).Union(b.Select(p => p.Key))
            .Where(key => !JsonNode.DeepEquals(a[key], b[key]))
            .ToList();
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
