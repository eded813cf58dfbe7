namespace Platform.Inspections.Domain;

/// <summary>Ofsted's four-point scale (1 outstanding … 4 inadequate), as codes.</summary>
public static class Grades
{
    public const string Outstanding = "outstanding";
    public const string Good = "good";
    public const string RequiresImprovement = "requires-improvement";
    public const string Inadequate = "inadequate";

    public static readonly IReadOnlyList<string> All = [Outstanding, Good, RequiresImprovement, Inadequate];

    /// <summary>1 for outstanding to 4 for inadequate.</summary>
    public static int Number(string grade) => All.ToList().IndexOf(grade) + 1;
}

/// <summary>Kinds of Ofsted activity under ILACS. Only inspections are graded; visits publish a letter.</summary>
public static class InspectionTypes
{
    public const string IlacsStandard = "ilacs-standard";
    public const string IlacsShort = "ilacs-short";
    public const string FocusedVisit = "focused-visit";
    public const string MonitoringVisit = "monitoring-visit";
    public const string Jtai = "jtai";

    public static readonly IReadOnlyList<string> All = [IlacsStandard, IlacsShort, FocusedVisit, MonitoringVisit, Jtai];

    public static readonly IReadOnlySet<string> Graded = new HashSet<string>(StringComparer.Ordinal) { IlacsStandard, IlacsShort };
}

/// <summary>
/// Judgements of an ILACS inspection: the 2018 framework has four, the 2023 one splits children in care and
/// care leavers, so judgements are a list keyed by type and both versions fit.
/// </summary>
public static class JudgementTypes
{
    public const string OverallEffectiveness = "overall-effectiveness";
    public const string ImpactOfLeaders = "impact-of-leaders";
    public const string HelpAndProtection = "help-and-protection";
    public const string ChildrenInCareAndCareLeavers = "children-in-care-and-care-leavers";
    public const string ChildrenInCare = "children-in-care";
    public const string CareLeavers = "care-leavers";

    public static readonly IReadOnlyList<string> All =
        [OverallEffectiveness, ImpactOfLeaders, HelpAndProtection, ChildrenInCareAndCareLeavers, ChildrenInCare, CareLeavers];
}

/// <summary>Who owns an improvement-plan action (a role, never a person).</summary>
public static class OwnerRoles
{
    public static readonly IReadOnlyList<string> All =
    [
        "director-of-childrens-services", "assistant-director", "head-of-service", "service-manager", "team-manager",
        "principal-social-worker", "quality-assurance-lead", "workforce-lead", "finance-lead", "partnership-lead",
    ];
}

public static class ActionStatuses
{
    public const string NotStarted = "not-started";
    public const string InProgress = "in-progress";
    public const string Blocked = "blocked";
    public const string Completed = "completed";

    public static readonly IReadOnlyList<string> All = [NotStarted, InProgress, Blocked, Completed];
}

public static class DirectionStatuses
{
    public const string InForce = "in-force";
    public const string Revised = "revised";
    public const string Revoked = "revoked";
}

/// <summary>Who the Secretary of State appoints under a direction.</summary>
public static class OversightRoles
{
    public static readonly IReadOnlyList<string> All = ["commissioner", "improvement-adviser"];
}

/// <summary>What a commissioner can recommend (DfE intervention options).</summary>
public static class Recommendations
{
    public static readonly IReadOnlyList<string> All =
    [
        "remain-with-council", "remain-with-council-with-support", "partnership-with-strong-authority",
        "alternative-delivery-model", "shared-director", "direction-revoked",
    ];
}

/// <summary>Kinds of deadline on the calendar (as in <c>DeadlineApproaching.Kind</c>).</summary>
public static class DeadlineKinds
{
    public const string Direction = "direction";
    public const string Action = "action";
    public const string Review = "review";
}
