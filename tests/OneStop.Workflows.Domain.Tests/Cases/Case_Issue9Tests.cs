using NodaTime;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Testing.Builders;

namespace OneStop.Workflows.Domain.Tests.Cases;

/// <summary>A case's transitions: acceptance dates, ownership, completion, delivery (issue 9).</summary>
public class Case_Issue9Tests
{
    private static readonly Instant Later = CaseBuilder.ReceivedAt + Duration.FromDays(3);
    private static readonly LocalDate LaterDay = CaseBuilder.DateOf(Later);

    [Fact]
    public void Accept_StartsTheReview_OnTheDecisionDay()
    {
        var c = new CaseBuilder().Build();

        c.Accept(LaterDay, Later);

        c.Should().Match<Case>(k => k.Status == CaseStatus.InReview && k.AcceptanceDate == LaterDay && k.AcceptedAt == Later && k.UpdatedAt == Later);
    }

    [Fact]
    public void Accept_AfterCorrections_DatesFromTheDayTheCorrectionsArrived()
    {
        var c = new CaseBuilder().AwaitingCorrection().Build();
        var arrived = CaseBuilder.DateOf(CaseBuilder.ReceivedAt + Duration.FromDays(1));
        c.RecordCorrectionsReceived(arrived, CaseBuilder.ReceivedAt + Duration.FromDays(1));

        c.Status.Should().Be(CaseStatus.Received, "corrections before acceptance bring the case back to the window");
        c.Accept(LaterDay, Later);

        c.AcceptanceDate.Should().Be(arrived);
    }

    [Fact]
    public void AcceptDeemed_DatesFromReceipt()
    {
        var c = new CaseBuilder().Build();

        c.AcceptDeemed(Later);

        c.AcceptanceDate.Should().Be(c.ReceiptDate);
        c.AcceptedAt.Should().Be(Later);
    }

    [Fact]
    public void Accept_IsRefused_UnlessTheCaseWasJustReceived()
    {
        var c = new CaseBuilder().AwaitingCorrection().Build();

        var act = () => c.Accept(LaterDay, Later);

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void CorrectionsDuringReview_ReturnTheCaseToReview()
    {
        var c = new CaseBuilder().Accepted().AwaitingCorrection().Build();

        c.RecordCorrectionsReceived(LaterDay, Later);

        c.Status.Should().Be(CaseStatus.InReview);
        c.CorrectionsReceivedDate.Should().Be(LaterDay);
    }

    [Fact]
    public void TakeOwnership_KeepsTheFirstOwner()
    {
        var c = new CaseBuilder().Build();

        c.TakeOwnership("clerk.a", Later).Should().BeTrue();
        c.TakeOwnership("clerk.b", Later).Should().BeFalse();

        c.Owner.Should().Be("clerk.a");
    }

    [Theory]
    [InlineData(CaseDecision.Approved, null, "Licence 1")]
    [InlineData(CaseDecision.PartiallyApproved, "remedy", "Licence 1")]
    [InlineData(CaseDecision.Refused, "remedy", null)]
    public void Complete_KeepsRemedyRightsUnlessApproved_AndTheResultDocumentUnlessRefused(CaseDecision decision, string? remedy, string? document)
    {
        var c = new CaseBuilder().Accepted().Build();

        c.Complete(decision, "reasons", "remedy", "Licence 1", LaterDay, Later);

        c.Should().Match<Case>(k => k.Status == CaseStatus.Completed && k.RemedyRights == remedy && k.ResultDocument == document
            && k.DecisionDate == LaterDay && k.CompletedAt == Later && k.DeliveryStatus == DeliveryStatus.Pending);
    }

    [Fact]
    public void Complete_OfANeverAcceptedCase_EndsNotAccepted_AndAClosedCaseCannotChange()
    {
        var c = new CaseBuilder().Build();

        c.Complete(CaseDecision.Refused, "Not our competence", "remedy", null, LaterDay, Later);

        c.Status.Should().Be(CaseStatus.NotAccepted);
        c.IsClosed.Should().BeTrue();
        ((Action)(() => c.RecordCorrectionNoticeIssued(Later))).Should().Throw<InvalidOperationException>();
        ((Action)(() => c.Complete(CaseDecision.Approved, null, null, null, LaterDay, Later))).Should().Throw<InvalidOperationException>();
    }

    [Theory]
    [InlineData(DeliveryMethod.Mail, DeliveryStatus.Dispatched, true)]
    [InlineData(DeliveryMethod.Mail, DeliveryStatus.ReadyForPickup, false)]
    [InlineData(DeliveryMethod.Pickup, DeliveryStatus.ReadyForPickup, true)]
    [InlineData(DeliveryMethod.Pickup, DeliveryStatus.Delivered, false)]
    [InlineData(DeliveryMethod.Electronic, DeliveryStatus.Delivered, true)]
    public void Delivery_FromPending_FollowsTheMethod(DeliveryMethod method, DeliveryStatus next, bool allowed)
    {
        var c = Completed(method);

        c.TryAdvanceDelivery(next, "SF123", Later, out var problem).Should().Be(allowed);

        c.DeliveryStatus.Should().Be(allowed ? next : DeliveryStatus.Pending);
        (problem is null).Should().Be(allowed);
    }

    [Fact]
    public void Delivery_IsRecordedOnceDelivered_AndGoesNoFurther()
    {
        var c = Completed(DeliveryMethod.Mail);
        c.TryAdvanceDelivery(DeliveryStatus.Dispatched, "SF123", Later, out _).Should().BeTrue();

        c.TryAdvanceDelivery(DeliveryStatus.Delivered, null, Later + Duration.FromDays(1), out _).Should().BeTrue();

        c.Should().Match<Case>(k => k.TrackingNumber == "SF123" && k.DeliveredAt == Later + Duration.FromDays(1));
        c.TryAdvanceDelivery(DeliveryStatus.Dispatched, null, Later, out var problem).Should().BeFalse();
        problem.Should().Be("Delivery by Mail cannot go from Delivered to Dispatched.");
    }

    [Fact]
    public void ACase_RefusesADeliveryMethodItsItemDoesNotOffer()
    {
        var item = new ServiceItemBuilder().Build();
        var data = item.Data with { DeliveryMethods = [DeliveryMethod.Electronic] };

        var act = () => new CaseBuilder().For(new ServiceItem(item.Code, data, Later)).Build();

        act.Should().Throw<ArgumentException>().WithParameterName("deliveryMethod");
    }

    private static Case Completed(DeliveryMethod method)
    {
        var c = new CaseBuilder().Delivery(method).Accepted().Build();
        c.Complete(CaseDecision.Approved, null, null, "Licence 1", LaterDay, Later);
        return c;
    }
}
