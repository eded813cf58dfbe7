using Platform.Ingest.Domain;

namespace Platform.UnitTests;

/// <summary>Ingest's identities: the same event or employee always maps to the same id, so a resend is applied once.</summary>
public sealed class IngestDomainRulesTests
{
    [Fact]
    public void An_event_id_is_derived_from_its_source_and_id_and_nothing_else()
    {
        Assert.Equal(DeterministicId.ForEvent("hr-system", "E-1"), DeterministicId.ForEvent("hr-system", "E-1"));
        Assert.NotEqual(DeterministicId.ForEvent("hr-system", "E-1"), DeterministicId.ForEvent("case-system", "E-1"));
        // The separator keeps "a" + "bc" apart from "ab" + "c".
        Assert.NotEqual(DeterministicId.ForEvent("a", "bc"), DeterministicId.ForEvent("ab", "c"));
    }

    [Fact]
    public void An_employee_number_names_one_worker_whatever_its_case_or_spacing()
    {
        Assert.Equal(DeterministicId.ForEmployee("emp-0042"), DeterministicId.ForEmployee(" EMP-0042 "));
        Assert.NotEqual(DeterministicId.ForEmployee("EMP-0042"), DeterministicId.ForEmployee("EMP-0043"));
        Assert.Equal(5, DeterministicId.ForEmployee("EMP-0042").Version);
    }
}
