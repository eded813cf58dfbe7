using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Domain;
using Platform.ServiceDefaults.Data;

namespace Platform.Inspections.Infrastructure;

public sealed class InspectionsDbContext(DbContextOptions<InspectionsDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Inspection> Inspections => Set<Inspection>();

    public DbSet<AreaForImprovement> Areas => Set<AreaForImprovement>();

    public DbSet<ImprovementAction> Actions => Set<ImprovementAction>();

    public DbSet<StatutoryDirection> Directions => Set<StatutoryDirection>();

    public DbSet<DirectionRequirement> DirectionRequirements => Set<DirectionRequirement>();

    public DbSet<CommissionerAppointment> Commissioners => Set<CommissionerAppointment>();

    public DbSet<CommissionerReview> CommissionerReviews => Set<CommissionerReview>();

    public DbSet<DeadlineNotice> DeadlineNotices => Set<DeadlineNotice>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<IndicatorStatusChange> IndicatorStatusChanges => Set<IndicatorStatusChange>();

    public DbSet<MeasurePoint> MeasurePoints => Set<MeasurePoint>();

    public DbSet<MeasurePublication> MeasurePublications => Set<MeasurePublication>();

    public DbSet<BoardVersion> BoardVersions => Set<BoardVersion>();

    public DbSet<AreaCommentary> AreaCommentaries => Set<AreaCommentary>();

    /// <summary>
    /// Set when a save inside an explicit transaction (a consumer's inbox transaction) changed what the board shows;
    /// <see cref="BoardVersionInterceptor"/> then gives the board its new version just before that transaction commits.
    /// </summary>
    internal bool BoardChangedInTransaction { get; set; }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        optionsBuilder.AddInterceptors(BoardVersionInterceptor.Instance);
    }

    /// <summary>
    /// Any change to what the improvement board shows gives the board a new version token in the same transaction,
    /// so a cached board of the old version is never served again (the token is part of the cache key).
    /// </summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var boardInputChanged = ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is not OutboxMessage and not InboxMessage and not BoardVersion);
        if (boardInputChanged && Database.CurrentTransaction is not null)
        {
            // Every change locks the one version row until its commit; taken as the transaction's last statement, the
            // lock is held for the commit alone instead of for the rest of the consumer's work.
            BoardChangedInTransaction = true;
        }
        else if (boardInputChanged)
        {
            var version = BoardVersions.Local.FirstOrDefault() ?? BoardVersions.Attach(new BoardVersion()).Entity;
            version.Token = Guid.NewGuid();
            version.ChangedAt = DateTimeOffset.UtcNow;
            Entry(version).State = EntityState.Modified;
        }
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Inspection>(inspection =>
        {
            inspection.HasKey(i => i.Id);
            inspection.Property(i => i.Id).ValueGeneratedNever();
            inspection.Property(i => i.Type).HasMaxLength(40);
            inspection.Property(i => i.Reference).HasMaxLength(100);
            inspection.Ignore(i => i.IsGraded);
            inspection.Ignore(i => i.OverallEffectiveness);
            inspection.HasMany(i => i.Judgements).WithOne().HasForeignKey(j => j.InspectionId);
            inspection.HasMany(i => i.Areas).WithOne().HasForeignKey(a => a.InspectionId);
        });
        modelBuilder.Entity<Judgement>(judgement =>
        {
            judgement.HasKey(j => j.Id);
            judgement.Property(j => j.Id).ValueGeneratedNever();
            judgement.Property(j => j.Type).HasMaxLength(50);
            judgement.Property(j => j.Grade).HasMaxLength(30);
            judgement.HasIndex(j => new { j.InspectionId, j.Type }).IsUnique();
        });
        modelBuilder.Entity<AreaForImprovement>(area =>
        {
            area.HasKey(a => a.Id);
            area.Property(a => a.Id).ValueGeneratedNever();
            area.Property(a => a.Code).HasMaxLength(40);
            area.HasIndex(a => a.Code).IsUnique();
            area.Property(a => a.Title).HasMaxLength(300);
            area.Property(a => a.Detail).HasMaxLength(4000);
        });
        modelBuilder.Entity<ImprovementAction>(action =>
        {
            action.HasKey(a => a.Id);
            action.Property(a => a.Id).ValueGeneratedNever();
            action.HasOne<AreaForImprovement>().WithMany().HasForeignKey(a => a.AreaId).OnDelete(DeleteBehavior.Restrict);
            action.Property(a => a.AreaCode).HasMaxLength(40);
            action.Property(a => a.Title).HasMaxLength(300);
            action.Property(a => a.OwnerRole).HasMaxLength(50);
            action.Property(a => a.Status).HasMaxLength(20);
            action.Property(a => a.Evidence).HasMaxLength(2000);
            action.HasIndex(a => a.AreaCode);
            action.HasIndex(a => a.DueOn);
            action.Property(a => a.Version).IsRowVersion();
        });
        modelBuilder.Entity<AreaCommentary>(commentary =>
        {
            commentary.ToTable("area_commentaries");
            commentary.HasKey(c => c.Id);
            commentary.Property(c => c.Id).ValueGeneratedNever();
            commentary.HasOne<AreaForImprovement>().WithMany().HasForeignKey(c => c.AreaId).OnDelete(DeleteBehavior.Restrict);
            commentary.Property(c => c.AreaCode).HasMaxLength(40);
            commentary.Property(c => c.Text).HasMaxLength(AreaCommentary.MaxLength);
            commentary.Property(c => c.EnteredBy).HasMaxLength(200);
            // The board reads each area's latest line on or before its date.
            commentary.HasIndex(c => new { c.AreaId, c.On, c.EnteredAt });
        });
        modelBuilder.Entity<StatutoryDirection>(direction =>
        {
            direction.HasKey(d => d.Id);
            direction.Property(d => d.Id).ValueGeneratedNever();
            direction.Property(d => d.Issuer).HasMaxLength(200);
            direction.Property(d => d.Title).HasMaxLength(300);
            direction.Property(d => d.LegalBasis).HasMaxLength(300);
            direction.Property(d => d.Status).HasMaxLength(20);
            direction.HasMany(d => d.Requirements).WithOne().HasForeignKey(r => r.DirectionId);
        });
        modelBuilder.Entity<DirectionRequirement>(requirement =>
        {
            requirement.HasKey(r => r.Id);
            requirement.Property(r => r.Id).ValueGeneratedNever();
            requirement.Property(r => r.Description).HasMaxLength(1000);
        });
        modelBuilder.Entity<CommissionerAppointment>(appointment =>
        {
            appointment.HasKey(a => a.Id);
            appointment.Property(a => a.Id).ValueGeneratedNever();
            appointment.Property(a => a.Name).HasMaxLength(200);
            appointment.Property(a => a.Role).HasMaxLength(40);
            appointment.HasOne<StatutoryDirection>().WithMany().HasForeignKey(a => a.DirectionId).OnDelete(DeleteBehavior.Restrict);
            appointment.HasMany(a => a.Reviews).WithOne().HasForeignKey(r => r.AppointmentId);
        });
        modelBuilder.Entity<CommissionerReview>(review =>
        {
            review.HasKey(r => r.Id);
            review.Property(r => r.Id).ValueGeneratedNever();
            review.Property(r => r.Recommendation).HasMaxLength(60);
        });
        modelBuilder.Entity<DeadlineNotice>(notice =>
        {
            notice.HasKey(n => new { n.SourceId, n.Kind, n.DueOn });
            notice.Property(n => n.Kind).HasMaxLength(20);
        });
        modelBuilder.Entity<Indicator>(indicator =>
        {
            indicator.HasKey(i => i.Code);
            indicator.Property(i => i.Code).HasMaxLength(40);
            indicator.Property(i => i.Name).HasMaxLength(200);
            indicator.Property(i => i.Measure).HasMaxLength(40);
            indicator.Property(i => i.AreaCode).HasMaxLength(40);
            indicator.Property(i => i.TeamCode).HasMaxLength(40);
            indicator.Property(i => i.Target).HasPrecision(14, 2);
            indicator.Property(i => i.Tolerance).HasPrecision(14, 2);
            indicator.Property(i => i.Value).HasPrecision(14, 2);
            indicator.Property(i => i.Direction).HasMaxLength(20);
            indicator.Property(i => i.Unit).HasMaxLength(40);
            indicator.Property(i => i.Status).HasMaxLength(20);
            indicator.Property(i => i.Version).IsRowVersion();
            indicator.HasIndex(i => i.Measure);
        });
        modelBuilder.Entity<IndicatorStatusChange>(change =>
        {
            change.HasKey(c => c.Id);
            change.Property(c => c.IndicatorCode).HasMaxLength(40);
            change.Property(c => c.Value).HasPrecision(14, 2);
            change.Property(c => c.PreviousStatus).HasMaxLength(20);
            change.Property(c => c.Status).HasMaxLength(20);
            change.HasIndex(c => c.IndicatorCode);
        });
        modelBuilder.Entity<MeasurePoint>(point =>
        {
            point.ToTable("measure_points");
            point.HasKey(p => new { p.Measure, p.Scope, p.AsAt });
            point.Property(p => p.Measure).HasMaxLength(40);
            point.Property(p => p.Scope).HasMaxLength(40);
            point.Property(p => p.Value).HasPrecision(18, 4);
            point.Property(p => p.Numerator).HasPrecision(18, 4);
            point.Property(p => p.Denominator).HasPrecision(18, 4);
        });
        modelBuilder.Entity<MeasurePublication>(publication =>
        {
            publication.ToTable("measure_publications");
            publication.HasKey(p => new { p.Owner, p.Version });
            publication.Property(p => p.Owner).HasMaxLength(40);
        });
        modelBuilder.Entity<BoardVersion>(version =>
        {
            version.HasKey(v => v.Id);
            version.Property(v => v.Id).ValueGeneratedNever();
            version.HasData(Enumerable.Range(1, BoardVersion.Slots).Select(slot => new BoardVersion
            {
                Id = slot,
                Token = new Guid($"6c1d5e0a-0000-4000-8000-{slot:D12}"),
                ChangedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            }));
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without running the service.</summary>
internal sealed class InspectionsDesignTimeFactory : ServiceDesignTimeFactory<InspectionsDbContext>
{
    protected override string DatabaseName => "inspectionsdb";

    protected override InspectionsDbContext Create(DbContextOptions<InspectionsDbContext> options) => new(options);
}
