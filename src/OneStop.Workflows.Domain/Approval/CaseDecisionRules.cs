using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Cases;

namespace OneStop.Workflows.Domain.Approval;

/// <summary>Derives a case's decision from its acceptance and its departments' final review outcomes.</summary>
public static class CaseDecisionRules
{
    /// <param name="accepted">Whether the case was accepted.</param>
    /// <param name="reviews">Each department's final outcome (Approved or Rejected); cancelled reviews are left out.</param>
    public static CaseDecision Decide(bool accepted, IReadOnlyCollection<(string Department, string Outcome)> reviews, RefusalPolicy policy)
    {
        if (!accepted)
        {
            return CaseDecision.Refused;
        }

        var rejected = reviews.Count(r => r.Outcome == Outcomes.Rejected);
        if (rejected == 0)
        {
            return CaseDecision.Approved;
        }

        return policy == RefusalPolicy.Independent && rejected < reviews.Count ? CaseDecision.PartiallyApproved : CaseDecision.Refused;
    }

    /// <summary>The default statement of remedy rights on a refusal (行政复议 / 行政诉讼).</summary>
    public const string DefaultRemedyRights =
        "If you disagree with this decision you may apply for administrative reconsideration within 60 days of receiving it, "
        + "or bring an administrative lawsuit before the people's court within 6 months.";
}
