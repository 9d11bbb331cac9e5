namespace OneStop.Workflows.Domain.Cases;

/// <summary>Identifies a case (办件).</summary>
public readonly record struct CaseId(Guid Value)
{
    public static CaseId New() => new(Guid.CreateVersion7());

    /// <summary>The dashed GUID form (.NET's default), the one form every route returns; input may also be 32 hex digits.</summary>
    public override string ToString() => Value.ToString("D");

    public static bool TryParse(string? text, out CaseId id)
    {
        var ok = Guid.TryParse(text, out var guid);
        id = new CaseId(guid);
        return ok;
    }
}

/// <summary>Where a case stands.</summary>
public enum CaseStatus
{
    /// <summary>Submitted; awaiting the acceptance decision (待受理).</summary>
    Received,

    /// <summary>A correction notice (补正告知) was issued; waiting for the applicant.</summary>
    AwaitingCorrection,

    /// <summary>Accepted; departments are reviewing (审查中).</summary>
    InReview,

    /// <summary>A decision was issued (办结).</summary>
    Completed,

    /// <summary>Refused at acceptance (不予受理); the decision was issued.</summary>
    NotAccepted,
}

/// <summary>The decision a completed case carries.</summary>
public enum CaseDecision
{
    Approved,
    Refused,

    /// <summary>Independent reviews with mixed results: some departments approved, some refused.</summary>
    PartiallyApproved,
}

/// <summary>The delivery (送达) of the result, tracked apart from the case status.</summary>
public enum DeliveryStatus
{
    /// <summary>No decision yet.</summary>
    NotReady,
    Pending,
    Dispatched,
    ReadyForPickup,
    Delivered,
}

/// <summary>The applicant's identity as given at submission. Personal data: mask it in lists.</summary>
public sealed record Applicant(string Name, string IdNumber, string Phone)
{
    /// <summary>"110101********1234" style: the first 6 and last 4 characters kept.</summary>
    public static string MaskIdNumber(string id) =>
        id.Length <= 10 ? new string('*', id.Length) : id[..6] + new string('*', id.Length - 10) + id[^4..];

    /// <summary>"138****5678" style.</summary>
    public static string MaskPhone(string phone) =>
        phone.Length <= 7 ? new string('*', phone.Length) : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];

    public Applicant Masked() => this with { IdNumber = MaskIdNumber(IdNumber), Phone = MaskPhone(Phone) };
}

/// <summary>A material as handed in with the application.</summary>
public sealed record SubmittedMaterial(string Name, bool Provided, string? Note = null);

/// <summary>One item of a correction notice: which material is missing or faulty and why, and who asked.</summary>
public sealed record CorrectionItem(string Material, string Problem, string? Department = null);

/// <summary>Whether a correction was asked before acceptance or during review.</summary>
public enum CorrectionStage
{
    Acceptance,
    Review,
}
