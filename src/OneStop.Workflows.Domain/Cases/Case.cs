using NodaTime;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Domain.Cases;

/// <summary>
/// A case (办件): one application for a service item, run by one workflow instance. Records the dates the
/// clocks need: receipt, acceptance (the day complete materials arrived), decision.
/// </summary>
/// <remarks>Changed only through its transition methods, each given <c>now</c>; <see cref="Version"/> guards concurrent writers.</remarks>
public sealed class Case
{
    private Case()
    {
        Number = QueryPasswordHash = ServiceItemCode = FormJson = string.Empty;
        Applicant = null!;
        Materials = [];
    }

    public Case(CaseId id, string number, string queryPasswordHash, ServiceItem item, Applicant applicant, string formJson,
        IReadOnlyList<SubmittedMaterial> materials, DeliveryMethod deliveryMethod, string? deliveryAddress, WorkflowInstanceId instanceId,
        Instant now, LocalDate today)
    {
        if (!item.Data.DeliveryMethods.Contains(deliveryMethod))
        {
            throw new ArgumentException($"Item {item.Code} does not deliver by {deliveryMethod}.", nameof(deliveryMethod));
        }

        Id = id;
        Number = number;
        QueryPasswordHash = queryPasswordHash;
        ServiceItemCode = item.Code;
        LeadDepartment = item.Data.LeadDepartment;
        RefusalPolicy = item.Data.RefusalPolicy;
        Applicant = applicant;
        FormJson = formJson;
        Materials = materials.ToList();
        DeliveryMethod = deliveryMethod;
        DeliveryAddress = deliveryAddress;
        InstanceId = instanceId;
        Status = CaseStatus.Received;
        DeliveryStatus = DeliveryStatus.NotReady;
        ReceivedAt = now;
        ReceiptDate = today;
        UpdatedAt = now;
    }

    public CaseId Id { get; private set; }

    /// <summary>The case number (办件编号), unique and never reused; see docs/api.md for the format.</summary>
    public string Number { get; private set; }

    public string QueryPasswordHash { get; private set; }

    public string ServiceItemCode { get; private set; }

    public string LeadDepartment { get; private set; } = string.Empty;

    /// <summary>The item's refusal policy when the case was submitted.</summary>
    public RefusalPolicy RefusalPolicy { get; private set; }

    public Applicant Applicant { get; private set; }

    /// <summary>The application form's fields as JSON.</summary>
    public string FormJson { get; private set; }

    public List<SubmittedMaterial> Materials { get; private set; }

    public CaseStatus Status { get; private set; }

    public CaseDecision? Decision { get; private set; }

    public string? DecisionReasons { get; private set; }

    public string? RemedyRights { get; private set; }

    public string? ResultDocument { get; private set; }

    public Instant ReceivedAt { get; private set; }

    public LocalDate ReceiptDate { get; private set; }

    /// <summary>The day complete materials arrived (after corrections), else the acceptance decision's day.</summary>
    public LocalDate? AcceptanceDate { get; private set; }

    public Instant? AcceptedAt { get; private set; }

    public LocalDate? CorrectionsReceivedDate { get; private set; }

    public LocalDate? DecisionDate { get; private set; }

    public Instant? CompletedAt { get; private set; }

    /// <summary>首问负责制: the clerk who first took the case owns it until completion.</summary>
    public string? Owner { get; private set; }

    public WorkflowInstanceId InstanceId { get; private set; }

    public DeliveryMethod DeliveryMethod { get; private set; }

    public string? DeliveryAddress { get; private set; }

    public DeliveryStatus DeliveryStatus { get; private set; }

    public string? TrackingNumber { get; private set; }

    public Instant? DeliveredAt { get; private set; }

    public Instant UpdatedAt { get; private set; }

    public long Version { get; private set; }

    public bool IsClosed => Status is CaseStatus.Completed or CaseStatus.NotAccepted;

    /// <summary>Makes <paramref name="userName"/> the owner if the case has none yet; true when it did.</summary>
    public bool TakeOwnership(string userName, Instant now)
    {
        if (Owner is not null)
        {
            return false;
        }

        Owner = userName;
        Touch(now);
        return true;
    }

    public void RecordCorrectionNoticeIssued(Instant now)
    {
        EnsureOpen();
        Status = CaseStatus.AwaitingCorrection;
        Touch(now);
    }

    public void RecordCorrectionsReceived(LocalDate today, Instant now)
    {
        EnsureOpen();
        CorrectionsReceivedDate = today;
        Status = AcceptedAt is null ? CaseStatus.Received : CaseStatus.InReview;
        Touch(now);
    }

    public void Accept(LocalDate today, Instant now)
    {
        if (Status != CaseStatus.Received)
        {
            throw new InvalidOperationException($"Case {Number} cannot be accepted from {Status}.");
        }

        AcceptanceDate = CorrectionsReceivedDate ?? today;
        AcceptedAt = now;
        Status = CaseStatus.InReview;
        Touch(now);
    }

    /// <summary>Deemed acceptance (Art. 32): no decision and no correction notice within 5 working days — accepted as of the receipt date.</summary>
    public void AcceptDeemed(Instant now)
    {
        Accept(ReceiptDate, now);
        AcceptanceDate = ReceiptDate;
    }

    /// <summary>Issues the decision (办结). A case never accepted ends NotAccepted.</summary>
    public void Complete(CaseDecision decision, string? reasons, string? remedyRights, string? resultDocument, LocalDate today, Instant now)
    {
        EnsureOpen();
        Decision = decision;
        DecisionReasons = reasons;
        RemedyRights = decision == CaseDecision.Approved ? null : remedyRights;
        ResultDocument = decision == CaseDecision.Refused ? null : resultDocument;
        DecisionDate = today;
        CompletedAt = now;
        Status = AcceptedAt is null ? CaseStatus.NotAccepted : CaseStatus.Completed;
        DeliveryStatus = DeliveryStatus.Pending;
        Touch(now);
    }

    /// <summary>Moves the delivery forward: Pending → Dispatched (mail) or ReadyForPickup (pickup) → Delivered.</summary>
    public bool TryAdvanceDelivery(DeliveryStatus next, string? trackingNumber, Instant now, out string? problem)
    {
        var allowed = (DeliveryStatus, next) switch
        {
            (DeliveryStatus.Pending, DeliveryStatus.Dispatched) => DeliveryMethod == DeliveryMethod.Mail,
            (DeliveryStatus.Pending, DeliveryStatus.ReadyForPickup) => DeliveryMethod == DeliveryMethod.Pickup,
            (DeliveryStatus.Pending, DeliveryStatus.Delivered) => DeliveryMethod == DeliveryMethod.Electronic,
            (DeliveryStatus.Dispatched or DeliveryStatus.ReadyForPickup, DeliveryStatus.Delivered) => true,
            _ => false,
        };
        problem = allowed ? null : $"Delivery by {DeliveryMethod} cannot go from {DeliveryStatus} to {next}.";
        if (!allowed)
        {
            return false;
        }

        DeliveryStatus = next;
        TrackingNumber = trackingNumber ?? TrackingNumber;
        DeliveredAt = next == DeliveryStatus.Delivered ? now : DeliveredAt;
        Touch(now);
        return true;
    }

    private void EnsureOpen()
    {
        if (IsClosed)
        {
            throw new InvalidOperationException($"Case {Number} is closed ({Status}).");
        }
    }

    private void Touch(Instant now)
    {
        UpdatedAt = now;
        Version++;
    }
}
