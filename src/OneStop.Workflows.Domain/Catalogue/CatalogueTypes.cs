namespace OneStop.Workflows.Domain.Catalogue;

/// <summary>The kind of a service item (政务服务事项类型).</summary>
public enum ServiceItemType
{
    AdministrativeLicence,
    AdministrativeConfirmation,
    PublicService,
    Other,
}

/// <summary>Immediate (即办件) items are decided on the spot; promised (承诺件) items within a promised limit.</summary>
public enum HandlingKind
{
    Immediate,
    Promised,
}

/// <summary>The unit a time limit counts in.</summary>
public enum TimeUnit
{
    WorkingDays,
    CalendarDays,
}

/// <summary>A time limit: a number of working or calendar days.</summary>
public sealed record TimeLimit(int Value, TimeUnit Unit)
{
    public static TimeLimit WorkingDays(int value) => new(value, TimeUnit.WorkingDays);

    public static TimeLimit CalendarDays(int value) => new(value, TimeUnit.CalendarDays);
}

/// <summary>Whether a material is handed in as an original, a copy or electronically.</summary>
public enum MaterialForm
{
    Original,
    Copy,
    Electronic,
}

/// <summary>Required; may be deferred on a signed promise (容缺受理); or optional.</summary>
public enum MaterialRequirement
{
    Required,
    Deferrable,
    Optional,
}

/// <summary>One material of a service item's catalogue entry.</summary>
public sealed record MaterialSpec(string Name, MaterialForm Form, MaterialRequirement Requirement, int Count = 1);

/// <summary>What a department's refusal or return for correction does to the other open reviews.</summary>
public enum RefusalPolicy
{
    /// <summary>Any refusal refuses the case and cancels the other open reviews.</summary>
    AllRequired,

    /// <summary>Each department's decision stands alone; the result may be partial.</summary>
    Independent,

    /// <summary>Returns for correction are merged into one notice from the lead window; a refusal refuses the case.</summary>
    ReturnForCorrection,
}

/// <summary>What the applicant receives on approval.</summary>
public enum ResultType
{
    Certificate,
    ApprovalDocument,
    RegistrationRecord,
    Other,
}

/// <summary>How the result reaches the applicant (送达方式).</summary>
public enum DeliveryMethod
{
    Pickup,
    Mail,
    Electronic,
}
