using System.ComponentModel.DataAnnotations;
using Platform.Inspections.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.Inspections.Apis;

/// <summary>Rules and conventions shared by the Inspections endpoints; the field rules below are declared on its requests.</summary>
internal static class ApiRules
{
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}

/// <summary>A date Inspections accepts (<see cref="ApiRules.EarliestDate"/> to <see cref="ApiRules.LatestDate"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class InspectionDateAttribute() : DateBetweenAttribute(ApiRules.EarliestDate, ApiRules.LatestDate);

/// <summary>A code: letters, digits and hyphens, 1–40 characters (stored upper-case).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class CodeAttribute : RegularExpressionAttribute
{
    public CodeAttribute() : base("^[A-Za-z0-9][A-Za-z0-9-]{0,39}$") => ErrorMessage = "Use letters, digits and hyphens only.";
}

/// <summary>The code lists an Inspections field takes its value from (the domain's).</summary>
internal enum CodeList
{
    InspectionType,
    JudgementType,
    Grade,
    OwnerRole,
    ActionStatus,
    OversightRole,
    Recommendation,
    Direction,
    MeasureCode,
}

/// <summary>A code of one of the domain's lists (<see cref="CodeList"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class CodeOfAttribute(CodeList list) : OneOfAttribute(list switch
{
    CodeList.InspectionType => InspectionTypes.All,
    CodeList.JudgementType => JudgementTypes.All,
    CodeList.Grade => Grades.All,
    CodeList.OwnerRole => OwnerRoles.All,
    CodeList.ActionStatus => ActionStatuses.All,
    CodeList.OversightRole => OversightRoles.All,
    CodeList.Recommendation => Recommendations.All,
    CodeList.Direction => Directions.All,
    _ => Measures.All.Keys.Order(StringComparer.Ordinal).ToArray(),
})
{
    public CodeList List { get; } = list;
}

/// <summary>The judgements of an inspection: overall effectiveness at least, each judgement type at most once.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class JudgementListAttribute : EntriesAttribute
{
    public JudgementListAttribute() : base(1, JudgementTypes.All.Count) =>
        ErrorMessage = $"At least the overall effectiveness judgement is required, and at most {JudgementTypes.All.Count} judgements.";
}
