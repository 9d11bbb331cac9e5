using NodaTime;

namespace OneStop.Workflows.Domain.Clocks;

/// <summary>A case's clock (promised + statutory limits) or a department review's step clock.</summary>
public enum ClockKind
{
    Case,
    Step,
}

/// <summary>Special procedures whose time does not count (Licensing Law Art. 45), or a configured local type.</summary>
public enum SuspensionType
{
    Hearing,
    Tendering,
    Auction,
    Inspection,
    Testing,
    Quarantine,
    Appraisal,
    ExpertReview,
    Local,
}

/// <summary>One suspension of a clock; <see cref="To"/> is null while it lasts. Dates are inclusive.</summary>
public sealed record Suspension(
    Guid Id,
    SuspensionType Type,
    string? LocalType,
    LocalDate From,
    LocalDate? To,
    int ExpectedWorkingDays,
    string Notice,
    string StartedBy,
    Instant StartedAt,
    string? EndedBy = null,
    Instant? EndedAt = null)
{
    public bool IsOpen => To is null;
}

/// <summary>The one extension a case may get (Art. 42), approved before expiry.</summary>
public sealed record Extension(int WorkingDays, string ApprovedBy, string Reason, Instant At);
