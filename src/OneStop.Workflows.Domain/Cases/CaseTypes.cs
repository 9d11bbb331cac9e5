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

    /// <summary>
    /// "张*三", "张*", "Z**** S**" style: each space-separated word keeps its first character (and a Han word of three or more
    /// characters its last one too); every other character becomes one '*'. Counts text elements, so a character outside the
    /// BMP is one character. A one-character word becomes "*".
    /// </summary>
    public static string MaskName(string name) =>
        string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(MaskWord));

    /// <summary>The name, ID number and phone masked, for lists.</summary>
    public Applicant Masked() => this with { Name = MaskName(Name), IdNumber = MaskIdNumber(IdNumber), Phone = MaskPhone(Phone) };

    private static string MaskWord(string word)
    {
        var elements = new List<string>();
        var e = System.Globalization.StringInfo.GetTextElementEnumerator(word);
        while (e.MoveNext())
        {
            elements.Add(e.GetTextElement());
        }

        if (elements.Count == 1)
        {
            return "*";
        }

        var keepLast = elements.Count >= 3 && elements.All(IsHan);
        var stars = new string('*', elements.Count - (keepLast ? 2 : 1));
        return elements[0] + stars + (keepLast ? elements[^1] : string.Empty);
    }

    private static bool IsHan(string element) =>
        char.ConvertToUtf32(element, 0) is var c && (c is >= 0x3400 and <= 0x9FFF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3FFFF);
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
