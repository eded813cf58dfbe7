using Platform.Contracts;
using Platform.ServiceDefaults.Measures;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Data;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Infrastructure;

public sealed class WorkforceDbContext(DbContextOptions<WorkforceDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Team> Teams => Set<Team>();

    public DbSet<Post> Posts => Set<Post>();

    public DbSet<PostVersion> PostVersions => Set<PostVersion>();

    public DbSet<Vacancy> Vacancies => Set<Vacancy>();

    public DbSet<StaffMember> Staff => Set<StaffMember>();

    public DbSet<CaseAllocation> CaseAllocations => Set<CaseAllocation>();

    public DbSet<CaseloadThreshold> CaseloadThresholds => Set<CaseloadThreshold>();

    public DbSet<SupervisionSession> SupervisionSessions => Set<SupervisionSession>();

    public DbSet<SupervisionOverdueNotice> SupervisionOverdueNotices => Set<SupervisionOverdueNotice>();

    public DbSet<Absence> Absences => Set<Absence>();

    public DbSet<RestructureProgramme> RestructureProgrammes => Set<RestructureProgramme>();

    public DbSet<RestructureProposal> RestructureProposals => Set<RestructureProposal>();

    public DbSet<VoluntaryRedundancyApplication> VoluntaryRedundancies => Set<VoluntaryRedundancyApplication>();

    protected override DateOnly? MeasuresAffectedFrom(IntegrationEvent integrationEvent) => WorkforceMeasureSource.AffectedFrom(integrationEvent);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddMeasureChanges();

        modelBuilder.Entity<Team>(team =>
        {
            team.HasKey(t => t.Code);
            team.Property(t => t.Code).HasMaxLength(40);
            team.Property(t => t.Name).HasMaxLength(200);
            team.Property(t => t.Directorate).HasMaxLength(200);
        });

        modelBuilder.Entity<Post>(post =>
        {
            post.HasKey(p => p.Id);
            post.Property(p => p.TeamCode).HasMaxLength(40);
            post.HasOne<Team>().WithMany().HasForeignKey(p => p.TeamCode).OnDelete(DeleteBehavior.Restrict);
            post.Property(p => p.JobRole).HasMaxLength(50);
            post.Property(p => p.Grade).HasMaxLength(20);
            post.Property(p => p.Fte).HasPrecision(4, 3);
            post.Property(p => p.AnnualCost).HasPrecision(12, 2);
            post.Property(p => p.BudgetLineCode).HasMaxLength(50);
            post.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            post.HasIndex(p => new { p.TeamCode, p.Status });
            post.HasMany(p => p.History).WithOne().HasForeignKey(v => v.PostId).OnDelete(DeleteBehavior.Cascade);
            post.Navigation(p => p.History).HasField("_history");
        });

        modelBuilder.Entity<PostVersion>(version =>
        {
            version.HasKey(v => v.Sequence);
            version.Property(v => v.Sequence).UseIdentityAlwaysColumn();
            version.Property(v => v.TeamCode).HasMaxLength(40);
            version.Property(v => v.JobRole).HasMaxLength(50);
            version.Property(v => v.Grade).HasMaxLength(20);
            version.Property(v => v.Fte).HasPrecision(4, 3);
            version.Property(v => v.AnnualCost).HasPrecision(12, 2);
            version.Property(v => v.BudgetLineCode).HasMaxLength(50);
            version.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
            version.HasIndex(v => new { v.PostId, v.EffectiveFrom });
            version.HasIndex(v => v.EffectiveFrom);
        });

        modelBuilder.Entity<Vacancy>(vacancy =>
        {
            vacancy.HasKey(v => v.Id);
            vacancy.HasOne<Post>().WithMany().HasForeignKey(v => v.PostId).OnDelete(DeleteBehavior.Restrict);
            vacancy.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
            vacancy.Ignore(v => v.DaysToFill);
            vacancy.Ignore(v => v.IsOpen);
            vacancy.HasIndex(v => v.PostId);
        });

        modelBuilder.Entity<StaffMember>(staff =>
        {
            staff.ToTable("staff_members");
            staff.HasKey(s => s.Id);
            staff.Property(s => s.TeamCode).HasMaxLength(40);
            staff.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamCode).OnDelete(DeleteBehavior.Restrict);
            staff.HasOne<Post>().WithMany().HasForeignKey(s => s.PostId).OnDelete(DeleteBehavior.Restrict);
            staff.Property(s => s.JobRole).HasMaxLength(50);
            staff.Property(s => s.EmploymentType).HasConversion<string>().HasMaxLength(20);
            staff.Property(s => s.Fte).HasPrecision(4, 3);
            staff.Property(s => s.RegistrationNumber).HasMaxLength(20);
            staff.Property(s => s.LeavingReason).HasMaxLength(30);
            staff.Property(s => s.AgencyDayRate).HasPrecision(10, 2);
            staff.Property(s => s.Version).IsRowVersion();
            staff.HasIndex(s => new { s.TeamCode, s.StartDate });
        });

        modelBuilder.Entity<CaseAllocation>(allocation =>
        {
            allocation.HasKey(a => a.Id);
            allocation.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.WorkerId).OnDelete(DeleteBehavior.Restrict);
            allocation.Property(a => a.CaseReference).HasMaxLength(30);
            allocation.HasIndex(a => new { a.WorkerId, a.AllocatedOn });
            // A case is held by one worker at a time.
            allocation.HasIndex(a => a.CaseReference).IsUnique().HasFilter("released_on IS NULL");
        });

        modelBuilder.Entity<CaseloadThreshold>(threshold =>
        {
            threshold.HasKey(t => t.JobRole);
            threshold.Property(t => t.JobRole).HasMaxLength(50);
        });

        modelBuilder.Entity<SupervisionSession>(session =>
        {
            session.HasKey(s => s.Id);
            session.HasOne<StaffMember>().WithMany().HasForeignKey(s => s.WorkerId).OnDelete(DeleteBehavior.Restrict);
            session.HasIndex(s => new { s.WorkerId, s.HeldOn });
        });

        modelBuilder.Entity<SupervisionOverdueNotice>(notice =>
        {
            notice.HasKey(n => new { n.WorkerId, n.DueOn });
            notice.HasOne<StaffMember>().WithMany().HasForeignKey(n => n.WorkerId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Absence>(absence =>
        {
            absence.HasKey(a => a.Id);
            absence.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.WorkerId).OnDelete(DeleteBehavior.Restrict);
            absence.Property(a => a.Reason).HasConversion<string>().HasMaxLength(20);
            absence.HasIndex(a => new { a.WorkerId, a.FirstDay });
        });

        modelBuilder.Entity<RestructureProgramme>(programme =>
        {
            programme.HasKey(p => p.Id);
            programme.Property(p => p.Name).HasMaxLength(200);
            programme.Property(p => p.Establishment).HasMaxLength(200);
            programme.HasMany(p => p.Proposals).WithOne().HasForeignKey(p => p.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
            programme.Navigation(p => p.Proposals).HasField("_proposals");
        });

        modelBuilder.Entity<RestructureProposal>(proposal =>
        {
            proposal.HasKey(p => p.Id);
            proposal.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
            proposal.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            proposal.Property(p => p.Outcome).HasConversion<string>().HasMaxLength(30);
            proposal.Property(p => p.RedundancyCost).HasPrecision(12, 2);
            proposal.Property(p => p.TeamCode).HasMaxLength(40);
            proposal.Property(p => p.JobRole).HasMaxLength(50);
            proposal.Property(p => p.Grade).HasMaxLength(20);
            proposal.Property(p => p.Fte).HasPrecision(4, 3);
            proposal.Property(p => p.AnnualCost).HasPrecision(12, 2);
            proposal.Property(p => p.BudgetLineCode).HasMaxLength(50);
            proposal.Ignore(p => p.IsProposedDismissal);
            proposal.Ignore(p => p.DismissalDate);
            proposal.HasIndex(p => new { p.ProgrammeId, p.EffectiveOn });
        });

        modelBuilder.Entity<VoluntaryRedundancyApplication>(application =>
        {
            application.HasKey(a => a.Id);
            application.HasOne<RestructureProposal>().WithMany().HasForeignKey(a => a.ProposalId).OnDelete(DeleteBehavior.Restrict);
            application.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.WorkerId).OnDelete(DeleteBehavior.Restrict);
            application.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            application.Property(a => a.RedundancyCost).HasPrecision(12, 2);
            application.HasIndex(a => a.ProgrammeId);
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without running the service.</summary>
internal sealed class WorkforceDesignTimeFactory : ServiceDesignTimeFactory<WorkforceDbContext>
{
    protected override string DatabaseName => "workforcedb";

    protected override WorkforceDbContext Create(DbContextOptions<WorkforceDbContext> options) => new(options);
}
