using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Http;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Application;

// The shape rules of Workforce's fields, declared once here and put on its request records; the bounds are the
// domain's (business dates, job roles) and the S251 lines.

/// <summary>A date Workforce accepts (<see cref="BusinessDates"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class BusinessDateAttribute() : DateBetweenAttribute(BusinessDates.Earliest, BusinessDates.Latest);

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class JobRoleAttribute() : OneOfAttribute(JobRoles.All.Order().ToArray());

/// <summary>An S251 budget line a post is costed to.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class BudgetLineCodeAttribute() : OneOfAttribute(S251Lines.All.Keys.Order().ToArray());

/// <summary>Full-time equivalent of a post or worker: 0.01 to 1.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class FteAttribute() : BetweenAttribute(Post.MinFte, Post.MaxFte);

/// <summary>A post's annual cost, or a redundancy cost: £0 to £1m.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class CostAttribute() : BetweenAttribute(0, Post.MaxAnnualCost);

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class EmploymentTypeAttribute() : OneOfAttribute(StartWorker.EmploymentTypes);

/// <summary>A case management system's reference: letters, digits, '-' or '/', with at least one digit; at most 30 characters.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class CaseReferenceAttribute() : TextRuleAttribute(30,
    "A case reference is the case management system's reference: letters, digits, '-' or '/', with at least one digit. Names are not accepted.")
{
    protected override bool Follows(string text) => CaseAllocation.IsValidReference(text);
}

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class LeavingReasonAttribute() : OneOfAttribute(LeavingReasons.All.ToArray());

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class AbsenceReasonAttribute() : OneOfAttribute(RecordAbsence.Reasons);
