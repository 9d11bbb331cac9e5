using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Catalogue;

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

/// <summary>Reads and validates a <see cref="ServiceItemBody"/>; shared by <see cref="CreateServiceItem"/> and <see cref="UpdateServiceItem"/>.</summary>
internal static partial class ServiceItemInput
{
    /// <summary>Enums are names only (no numbers), case-insensitive; property names camelCase.</summary>
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>The body, or a 400: not JSON / not an object (ProblemDetails), or a value of the wrong type (ValidationProblemDetails naming the field).</summary>
    public static async Task<(ServiceItemBody? Body, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var (json, problem) = await RequestJson.ReadObjectAsync(request, ct);
        if (json is null)
        {
            return (null, problem);
        }

        try
        {
            return (json.Deserialize<ServiceItemBody>(Options), null);
        }
        catch (JsonException ex)
        {
            var field = FieldOf(ex.Path);
            return (null, Problems.Validation(
                new Dictionary<string, string[]> { [field] = [$"The value of '{field}' is not valid here (enums are names such as \"WorkingDays\")."] }));
        }
    }

    /// <summary>An item code: letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters.</summary>
    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code);

    /// <summary>
    /// Every problem at once (field → messages): missing fields, <see cref="ServiceItemData.Problems"/>, department
    /// codes not in the catalogue, and a workflow definition with no published version. Data is null when there are problems.
    /// </summary>
    public static async Task<(ServiceItemData? Data, Dictionary<string, string[]> Errors)> ValidateAsync(
        ServiceItemBody body, OneStopDbContext db, IWorkflowDefinitionStore definitions, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);
        T? Required<T>(T? value, string field)
            where T : class
        {
            if (value is null || value is string { Length: 0 })
            {
                Add(field, $"'{field}' is required.");
            }

            return value;
        }

        T? RequiredValue<T>(T? value, string field)
            where T : struct
        {
            if (value is null)
            {
                Add(field, $"'{field}' is required.");
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
                Add(path, "A material cannot be null.");
                continue;
            }

            var materialName = Required(m.Name, $"{path}.name");
            var form = RequiredValue(m.Form, $"{path}.form");
            var requirement = RequiredValue(m.Requirement, $"{path}.requirement");
            if (m.Count is < 1 or > 100)
            {
                Add($"{path}.count", "A material's count must be between 1 and 100.");
            }

            if (materialName is not null && form is not null && requirement is not null)
            {
                materials.Add(new MaterialSpec(materialName, form.Value, requirement.Value, m.Count ?? 1));
            }
        }

        if (coDepartments.Any(string.IsNullOrWhiteSpace))
        {
            Add("coDepartments", "Department codes cannot be empty.");
        }

        var named = coDepartments.Where(c => !string.IsNullOrWhiteSpace(c)).Prepend(lead).OfType<string>().Where(c => c.Length > 0).Distinct().ToList();
        var known = await db.Departments.AsNoTracking().Where(d => named.Contains(d.Code)).Select(d => d.Code).ToListAsync(ct);
        if (lead is { Length: > 0 } && !known.Contains(lead))
        {
            Add("leadDepartment", $"Unknown department '{lead}'.");
        }

        foreach (var unknown in coDepartments.Where(c => !string.IsNullOrWhiteSpace(c) && !known.Contains(c)).Distinct())
        {
            Add("coDepartments", $"Unknown department '{unknown}'.");
        }

        // A retired department (已撤销部门) gets no new work, so no item may name it (issue 8).
        var retired = await db.Departments.AsNoTracking().Where(d => named.Contains(d.Code) && d.RetiredAt != null).Select(d => d.Code).ToListAsync(ct);
        foreach (var code in retired)
        {
            Add(code == lead ? "leadDepartment" : "coDepartments", $"Department '{code}' is retired.");
        }

        if (definitionId is { Length: > 0 } && await definitions.FindPublishedAsync(definitionId, ct) is null)
        {
            Add("workflowDefinitionId", $"No published workflow definition '{definitionId}'.");
        }

        ServiceItemData? data = null;
        if (name is not null && type is not null && lead is not null && handlingKind is not null && statutory is not null && promised is not null
            && refusalPolicy is not null && resultType is not null && delivery is not null && definitionId is not null)
        {
            data = new ServiceItemData(name, type.Value, lead, [.. coDepartments], handlingKind.Value, statutory, extension, promised,
                body.JointHandling ?? false, materials, refusalPolicy.Value, resultType.Value, [.. delivery], definitionId,
                body.Supervision is { } supervision && !supervision.SetsNothing() ? supervision : null);
            foreach (var (field, message) in data.Problems())
            {
                Add(field, message);
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
                    Add(field, $"'{field}' is required.");
                }

                return null;
            }

            if (limit.Value is null)
            {
                Add($"{field}.value", $"'{field}.value' is required.");
            }

            if (limit.Unit is null)
            {
                Add($"{field}.unit", $"'{field}.unit' is required (WorkingDays or CalendarDays).");
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

    /// <summary>"$.statutoryLimit.unit" → "statutoryLimit.unit"; "$" or unknown → "$".</summary>
    private static string FieldOf(string? path) =>
        path is { Length: > 2 } && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "$";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
