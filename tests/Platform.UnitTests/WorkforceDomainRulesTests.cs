using Platform.ServiceDefaults.Domain;
using Platform.Workforce.Domain;

namespace Platform.UnitTests;

/// <summary>Workforce's domain rules: who may be recorded, caseloads and leaving, absence and the statutory consultation.</summary>
public sealed class WorkforceDomainRulesTests
{
    private static readonly DateOnly Start = new(2019, 4, 1);

    private static StaffMember SocialWorker(EmploymentType type = EmploymentType.Employed, decimal? dayRate = null) =>
        new(Guid.NewGuid(), "CIN-1", JobRoles.SocialWorker, type, 1m, true, "SW123456", null, Start, dayRate, null,
            type == EmploymentType.Agency ? "social-work" : null);

    private static readonly CaseloadThreshold Limits = new(JobRoles.SocialWorker, 18, 22);

    [Theory]
    [InlineData(0, "fte")]
    [InlineData(1.1, "fte")]
    public void A_worker_is_more_than_0_and_at_most_1_FTE(double fte, string field)
    {
        var refused = Assert.Throws<DomainRuleException>(() =>
            new StaffMember(Guid.NewGuid(), "CIN-1", JobRoles.SocialWorker, EmploymentType.Employed, (decimal)fte, true, "SW1", null, Start, null, null));
        Assert.Equal(field, refused.Field);
    }

    [Fact]
    public void A_qualified_social_worker_needs_a_registration_number_and_only_agency_workers_have_a_day_rate()
    {
        Assert.Equal("registrationNumber", Assert.Throws<DomainRuleException>(() =>
            new StaffMember(Guid.NewGuid(), "CIN-1", JobRoles.SocialWorker, EmploymentType.Employed, 1m, true, " ", null, Start, null, null)).Field);
        Assert.Equal("agencyDayRate", Assert.Throws<DomainRuleException>(() => SocialWorker(EmploymentType.Agency)).Field);
        Assert.Equal("agencyDayRate", Assert.Throws<DomainRuleException>(() => SocialWorker(EmploymentType.Employed, 350m)).Field);
        Assert.Equal(350m, SocialWorker(EmploymentType.Agency, 350m).AgencyDayRate);
    }

    [Fact]
    public void A_worker_holding_cases_cannot_leave_until_they_are_released()
    {
        var worker = SocialWorker();
        var allocation = worker.AllocateCase("CASE-1001", new DateOnly(2019, 5, 1), Limits);
        Assert.Equal(1, worker.Caseload);

        var refused = Assert.Throws<DomainRuleException>(() => worker.Leave(new DateOnly(2019, 6, 30), LeavingReasons.All[0]));
        Assert.True(refused.IsConflict);
        Assert.Equal("leftOn", refused.Field);

        worker.ReleaseCase(allocation, new DateOnly(2019, 6, 1), Limits);
        worker.Leave(new DateOnly(2019, 6, 30), LeavingReasons.All[0]);
        Assert.Equal((0, new DateOnly(2019, 6, 30)), (worker.Caseload, worker.LeftOn));
        // Not in post afterwards: no case, no absence.
        Assert.Equal("allocatedOn", Assert.Throws<DomainRuleException>(() => worker.AllocateCase("CASE-1002", new DateOnly(2019, 7, 1), Limits)).Field);
    }

    [Theory]
    [InlineData("CASE-1001", true)]
    [InlineData("2019/44", true)]
    [InlineData("Jane Smith", false)]
    [InlineData("NODIGITS", false)]
    public void A_case_is_named_by_its_reference_with_a_digit_never_by_a_name(string reference, bool valid) =>
        Assert.Equal(valid, CaseAllocation.IsValidReference(reference));

    [Fact]
    public void Absence_counts_Monday_to_Friday_and_ends_on_or_after_it_starts()
    {
        var worker = SocialWorker();
        // Friday 3 May to Tuesday 7 May 2019: Friday, Monday, Tuesday.
        Assert.Equal(3, worker.RecordAbsence(new DateOnly(2019, 5, 3), new DateOnly(2019, 5, 7), AbsenceReason.Sickness).WorkingDaysLost);
        Assert.Equal("lastDay", Assert.Throws<DomainRuleException>(() =>
            worker.RecordAbsence(new DateOnly(2019, 5, 7), new DateOnly(2019, 5, 3), AbsenceReason.Other)).Field);
    }

    [Fact]
    public void Twenty_dismissals_within_90_days_need_30_days_of_collective_consultation_and_a_hundred_need_45()
    {
        var first = new DateOnly(2019, 12, 1);
        var twenty = Enumerable.Range(0, 20).Select(i => first.AddDays(i * 4)).ToList(); // the last is day 76
        var requirement = ConsultationRequirement.For(twenty, 0, new DateOnly(2019, 10, 1), new DateOnly(2019, 10, 1));
        Assert.True(requirement.CollectiveConsultationRequired);
        Assert.Equal((30, new DateOnly(2019, 11, 1)), (requirement.MinimumConsultationDays, requirement.ConsultationMustStartBy));
        Assert.True(requirement.Compliant);
        // Started a day late: not compliant.
        Assert.False(ConsultationRequirement.For(twenty, 0, new DateOnly(2019, 11, 2), new DateOnly(2019, 10, 1)).Compliant);
        // Spread wider than 90 days, nineteen at most fall in any window: no collective consultation.
        var spread = Enumerable.Range(0, 20).Select(i => first.AddDays(i * 5)).ToList();
        Assert.False(ConsultationRequirement.For(spread, 0, null, null).CollectiveConsultationRequired);
        Assert.Equal(45, ConsultationRequirement.For(Enumerable.Repeat(first, 100).ToList(), 0, null, null).MinimumConsultationDays);
    }
}
