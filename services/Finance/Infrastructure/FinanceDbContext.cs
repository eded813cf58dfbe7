using Platform.Contracts;
using Platform.ServiceDefaults.Measures;
using Microsoft.EntityFrameworkCore;
using Platform.Finance.Domain;
using Platform.ServiceDefaults.Data;

namespace Platform.Finance.Infrastructure;

public sealed class FinanceDbContext(DbContextOptions<FinanceDbContext> options) : ServiceDbContext(options)
{
    public DbSet<CostCentre> CostCentres => Set<CostCentre>();

    public DbSet<Budget> Budgets => Set<Budget>();

    public DbSet<BudgetChange> BudgetChanges => Set<BudgetChange>();

    public DbSet<CommitmentSource> CommitmentSources => Set<CommitmentSource>();

    public DbSet<Commitment> Commitments => Set<Commitment>();

    public DbSet<Actual> Actuals => Set<Actual>();

    public DbSet<ForecastAdjustment> ForecastAdjustments => Set<ForecastAdjustment>();

    public DbSet<SavingsTarget> SavingsTargets => Set<SavingsTarget>();

    public DbSet<Virement> Virements => Set<Virement>();

    public DbSet<YearForecastState> YearForecastStates => Set<YearForecastState>();

    public DbSet<ForecastDirtyLine> ForecastDirtyLines => Set<ForecastDirtyLine>();

    private const int Money = 18;

    protected override DateOnly? MeasuresAffectedFrom(IntegrationEvent integrationEvent) => FinanceMeasureSource.AffectedFrom(integrationEvent);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddMeasureChanges();

        modelBuilder.Entity<CostCentre>(centre =>
        {
            centre.HasKey(c => c.Code);
            centre.Property(c => c.Code).HasMaxLength(40);
            centre.Property(c => c.Name).HasMaxLength(200);
            centre.Property(c => c.Service).HasMaxLength(200);
        });

        modelBuilder.Entity<Budget>(budget =>
        {
            budget.HasKey(b => b.Id);
            budget.Property(b => b.Id).ValueGeneratedNever();
            budget.Property(b => b.CostCentreCode).HasMaxLength(40);
            budget.HasOne<CostCentre>().WithMany().HasForeignKey(b => b.CostCentreCode).OnDelete(DeleteBehavior.Restrict);
            budget.Property(b => b.BudgetLineCode).HasMaxLength(50);
            budget.Property(b => b.OriginalAmount).HasPrecision(Money, 2);
            budget.Property(b => b.CurrentAmount).HasPrecision(Money, 2);
            budget.HasIndex(b => new { b.FinancialYear, b.CostCentreCode, b.BudgetLineCode }).IsUnique();
            budget.Property(b => b.Version).IsRowVersion();
            budget.HasMany(b => b.Changes).WithOne().HasForeignKey(c => c.BudgetId).OnDelete(DeleteBehavior.Cascade);
            budget.Navigation(b => b.Changes).HasField("_changes").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<BudgetChange>(change =>
        {
            change.HasKey(c => c.Id);
            // Ids are made by the domain; a change added to a loaded budget is new, not an existing row.
            change.Property(c => c.Id).ValueGeneratedNever();
            change.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
            change.Property(c => c.Amount).HasPrecision(Money, 2);
            change.Property(c => c.Reason).HasMaxLength(500);
            change.Property(c => c.ApprovedBy).HasMaxLength(100);
            change.HasIndex(c => c.RecordedAt);
        });

        modelBuilder.Entity<CommitmentSource>(source =>
        {
            source.HasKey(s => s.Source);
            source.Property(s => s.Source).HasMaxLength(100);
            source.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
            source.Property(s => s.JobRole).HasMaxLength(50);
            source.Property(s => s.Fte).HasPrecision(4, 3);
            source.Property(s => s.PlacementType).HasMaxLength(10);
            source.Property(s => s.Version).IsRowVersion();
            source.Property(s => s.Segments).HasColumnType("jsonb")
                .HasConversion(v => JsonColumn<RateSegment>.Write(v), v => JsonColumn<RateSegment>.Read(v), JsonColumn<RateSegment>.Comparer);
        });

        modelBuilder.Entity<Commitment>(commitment =>
        {
            commitment.HasKey(c => new { c.Source, c.FinancialYear, c.BudgetLineCode });
            commitment.Property(c => c.Source).HasMaxLength(100);
            commitment.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
            commitment.Property(c => c.BudgetLineCode).HasMaxLength(50);
            commitment.Property(c => c.Amount).HasPrecision(Money, Commitment.AmountScale);
            // The list by year. Not covering: the forecast reads the running totals (CommitmentTotalsSql), not the rows,
            // and an amount in the index would only cost every write.
            commitment.HasIndex(c => new { c.FinancialYear, c.BudgetLineCode });
        });

        modelBuilder.Entity<Actual>(actual =>
        {
            actual.HasKey(a => new { a.FinancialYear, a.Period, a.CostCentreCode, a.BudgetLineCode });
            actual.Property(a => a.CostCentreCode).HasMaxLength(40);
            actual.HasOne<CostCentre>().WithMany().HasForeignKey(a => a.CostCentreCode).OnDelete(DeleteBehavior.Restrict);
            actual.Property(a => a.BudgetLineCode).HasMaxLength(50);
            actual.Property(a => a.Amount).HasPrecision(Money, 2);
            actual.Property(a => a.RecordedBy).HasMaxLength(100);
            actual.HasIndex(a => new { a.FinancialYear, a.BudgetLineCode });
        });

        modelBuilder.Entity<ForecastAdjustment>(adjustment =>
        {
            adjustment.HasKey(a => a.Id);
            adjustment.Property(a => a.BudgetLineCode).HasMaxLength(50);
            adjustment.Property(a => a.Amount).HasPrecision(Money, 2);
            adjustment.Property(a => a.Reason).HasMaxLength(500);
            adjustment.Property(a => a.MadeBy).HasMaxLength(100);
            adjustment.HasIndex(a => new { a.FinancialYear, a.BudgetLineCode });
        });

        modelBuilder.Entity<SavingsTarget>(target =>
        {
            target.HasKey(t => t.Id);
            target.Property(t => t.Name).HasMaxLength(200);
            target.Property(t => t.OwningService).HasMaxLength(200);
            target.Property(t => t.BudgetLineCode).HasMaxLength(50);
            target.Property(t => t.Target).HasPrecision(Money, 2);
            target.Property(t => t.Delivered).HasPrecision(Money, 2);
            target.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
            target.Ignore(t => t.Shortfall);
            target.Ignore(t => t.Unmet);
            target.HasIndex(t => new { t.FinancialYear, t.BudgetLineCode });
            target.Property(t => t.Version).IsRowVersion();
        });

        modelBuilder.Entity<Virement>(virement =>
        {
            virement.HasKey(v => v.Id);
            virement.Property(v => v.Reason).HasMaxLength(500);
            virement.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
            virement.Property(v => v.RaisedBy).HasMaxLength(100);
            virement.Property(v => v.DecidedBy).HasMaxLength(100);
            virement.Property(v => v.RejectionReason).HasMaxLength(500);
            virement.OwnsMany(v => v.Moves, move => move.ToJson());
            virement.HasIndex(v => new { v.FinancialYear, v.Status });
            virement.Property(v => v.Version).IsRowVersion();
        });

        modelBuilder.Entity<YearForecastState>(state =>
        {
            state.HasKey(s => s.FinancialYear);
            state.Property(s => s.FinancialYear).ValueGeneratedNever();
            state.Property(s => s.ForecastOverspend).HasPrecision(Money, Commitment.AmountScale);
            state.Property(s => s.Version).IsRowVersion();
        });

        modelBuilder.Entity<ForecastDirtyLine>(dirty =>
        {
            dirty.HasKey(d => d.Id);
            dirty.Property(d => d.BudgetLineCode).HasMaxLength(50);
        });

        // Running totals per year and line (CommitmentTotalsSql): folded totals, and the changes appended since.
        modelBuilder.Entity<CommitmentTotal>(total =>
        {
            total.ToTable("commitment_totals");
            total.HasKey(t => new { t.FinancialYear, t.BudgetLineCode });
            total.Property(t => t.BudgetLineCode).HasMaxLength(50);
            total.Property(t => t.Amount).HasPrecision(Money, Commitment.AmountScale);
        });
        // Written by the triggers on commitments and read through the view commitment_line_totals: no DbSet.
        modelBuilder.Entity<CommitmentTotalChange>(change =>
        {
            change.ToTable("commitment_total_changes");
            change.HasKey(c => c.Id);
            change.Property(c => c.BudgetLineCode).HasMaxLength(50);
            change.Property(c => c.Amount).HasPrecision(Money, Commitment.AmountScale);
            change.HasIndex(c => c.FinancialYear);
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without running the service.</summary>
internal sealed class FinanceDesignTimeFactory : ServiceDesignTimeFactory<FinanceDbContext>
{
    protected override string DatabaseName => "financedb";

    protected override FinanceDbContext Create(DbContextOptions<FinanceDbContext> options) => new(options);
}
