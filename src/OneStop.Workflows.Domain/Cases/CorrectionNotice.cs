using NodaTime;

namespace OneStop.Workflows.Domain.Cases;

/// <summary>
/// A correction notice (一次性告知): every missing or faulty material, listed once, sent to the applicant by the
/// lead window. Under the ReturnForCorrection policy the reviewing departments' requests merge into one draft
/// until the window issues it.
/// </summary>
public sealed class CorrectionNotice
{
    private CorrectionNotice()
    {
        Items = [];
    }

    public CorrectionNotice(Guid id, CaseId caseId, CorrectionStage stage, Instant now)
    {
        Id = id;
        CaseId = caseId;
        Stage = stage;
        CreatedAt = now;
        Items = [];
    }

    public Guid Id { get; private set; }

    public CaseId CaseId { get; private set; }

    public CorrectionStage Stage { get; private set; }

    public List<CorrectionItem> Items { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant? IssuedAt { get; private set; }

    public string? IssuedBy { get; private set; }

    /// <summary>Set when the applicant's corrections arrived.</summary>
    public Instant? AnsweredAt { get; private set; }

    public bool IsIssued => IssuedAt is not null;

    /// <summary>Adds items, each material listed once per department (a repeated item is not added twice).</summary>
    public void Merge(IEnumerable<CorrectionItem> items)
    {
        if (IsIssued)
        {
            throw new InvalidOperationException("An issued notice cannot change.");
        }

        foreach (var item in items.Where(i => !Items.Contains(i)))
        {
            Items.Add(item);
        }
    }

    public void Issue(string user, Instant now)
    {
        if (IsIssued)
        {
            throw new InvalidOperationException("The notice was already issued.");
        }

        IssuedAt = now;
        IssuedBy = user;
    }

    public void MarkAnswered(Instant now) => AnsweredAt = now;

    /// <summary>The text the applicant receives.</summary>
    public string Text(string caseNumber) =>
        $"Case {caseNumber}: please supply or correct the following materials (one-time notice): "
        + string.Join("; ", Items.Select(i => i.Department is null ? $"{i.Material} — {i.Problem}" : $"{i.Material} — {i.Problem} ({i.Department})"))
        + ".";
}
