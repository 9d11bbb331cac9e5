using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;

namespace OneStop.Workflows.Domain.Tests.Approval;

/// <summary>The case's decision from its acceptance and its departments' final outcomes (issue 9).</summary>
public class CaseDecisionRules_Issue9Tests
{
    private static readonly (string, string)[] AllApproved = [("market", Outcomes.Approved), ("fire", Outcomes.Approved)];
    private static readonly (string, string)[] OneRejected = [("market", Outcomes.Approved), ("fire", Outcomes.Rejected)];
    private static readonly (string, string)[] AllRejected = [("market", Outcomes.Rejected), ("fire", Outcomes.Rejected)];

    public static TheoryData<RefusalPolicy, (string, string)[], CaseDecision> Cases => new()
    {
        { RefusalPolicy.AllRequired, AllApproved, CaseDecision.Approved },
        { RefusalPolicy.AllRequired, OneRejected, CaseDecision.Refused },
        { RefusalPolicy.ReturnForCorrection, OneRejected, CaseDecision.Refused },
        { RefusalPolicy.Independent, AllApproved, CaseDecision.Approved },
        { RefusalPolicy.Independent, OneRejected, CaseDecision.PartiallyApproved },
        { RefusalPolicy.Independent, AllRejected, CaseDecision.Refused },
        { RefusalPolicy.Independent, [], CaseDecision.Approved },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnAcceptedCase_IsDecidedByItsReviews(RefusalPolicy policy, (string, string)[] reviews, CaseDecision expected) =>
        CaseDecisionRules.Decide(true, reviews, policy).Should().Be(expected);

    [Theory]
    [InlineData(RefusalPolicy.AllRequired)]
    [InlineData(RefusalPolicy.Independent)]
    public void ACaseNeverAccepted_IsRefused_WhateverTheReviews(RefusalPolicy policy) =>
        CaseDecisionRules.Decide(false, AllApproved, policy).Should().Be(CaseDecision.Refused);
}
