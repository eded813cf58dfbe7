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

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class InspectionTypeAttribute() : OneOfAttribute(InspectionTypes.All);

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class JudgementTypeAttribute() : OneOfAttribute(JudgementTypes.All);

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class GradeAttribute() : OneOfAttribute(Grades.All);

/// <summary>The judgements of an inspection: overall effectiveness at least, each judgement type at most once.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class JudgementListAttribute : EntriesAttribute
{
    public JudgementListAttribute() : base(1, JudgementTypes.All.Count) =>
        ErrorMessage = $"At least the overall effectiveness judgement is required, and at most {JudgementTypes.All.Count} judgements.";
}

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class OwnerRoleAttribute() : OneOfAttribute(OwnerRoles.All);

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class ActionStatusAttribute() : OneOfAttribute(ActionStatuses.All);

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class OversightRoleAttribute() : OneOfAttribute(OversightRoles.All);

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class RecommendationAttribute() : OneOfAttribute(Recommendations.All);

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class DirectionAttribute() : OneOfAttribute(Directions.All);

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class MeasureCodeAttribute() : OneOfAttribute(Measures.All.Keys.Order(StringComparer.Ordinal).ToArray());
