using Platform.Workforce.Domain;

namespace Platform.Workforce.Application;

/// <summary>A worker's caseload after a change, with the thresholds of their role that it was judged against.</summary>
public sealed record CaseloadChange(StaffMember Worker, CaseloadThreshold Threshold, DateOnly On);
