using NodaTime;
using OneStop.Workflows.Domain.Catalogue;

namespace OneStop.Workflows.Testing.Builders;

/// <summary>
/// A service item for tests: lead <c>market</c>, co-reviewers <c>fire</c> and <c>health</c>, 20 WD statutory (10 WD
/// extension), 12 WD promised, AllRequired unless told otherwise.
/// </summary>
public sealed class ServiceItemBuilder
{
    private string _code = "test-licence";
    private string _lead = "market";
    private List<string> _co = ["fire", "health"];
    private RefusalPolicy _policy = RefusalPolicy.AllRequired;
    private TimeLimit _promised = TimeLimit.WorkingDays(12);
    private TimeLimit _statutory = TimeLimit.WorkingDays(20);

    public ServiceItemBuilder Code(string code)
    {
        _code = code;
        return this;
    }

    public ServiceItemBuilder Lead(string department)
    {
        _lead = department;
        return this;
    }

    public ServiceItemBuilder CoDepartments(params string[] departments)
    {
        _co = [.. departments];
        return this;
    }

    public ServiceItemBuilder Policy(RefusalPolicy policy)
    {
        _policy = policy;
        return this;
    }

    public ServiceItemBuilder Limits(TimeLimit promised, TimeLimit statutory)
    {
        (_promised, _statutory) = (promised, statutory);
        return this;
    }

    public ServiceItemData Data() => new("Test licence 测试许可", ServiceItemType.AdministrativeLicence, _lead, _co, HandlingKind.Promised, _statutory,
        TimeLimit.WorkingDays(10), _promised, JointHandling: false, [new MaterialSpec("Application form 申请表", MaterialForm.Original, MaterialRequirement.Required)],
        _policy, ResultType.Certificate, [DeliveryMethod.Pickup, DeliveryMethod.Mail, DeliveryMethod.Electronic], _code);

    public ServiceItem Build(Instant? now = null) => new(_code, Data(), now ?? Instant.FromUtc(2025, 9, 1, 0, 0));
}
