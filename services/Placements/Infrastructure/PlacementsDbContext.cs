using Platform.Contracts;
using Platform.ServiceDefaults.Measures;
using Microsoft.EntityFrameworkCore;
using Platform.Placements.Domain;
using Platform.ServiceDefaults.Data;

namespace Platform.Placements.Infrastructure;

public sealed class PlacementsDbContext(DbContextOptions<PlacementsDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Child> Children => Set<Child>();

    public DbSet<Episode> Episodes => Set<Episode>();

    public DbSet<PopulationReference> PopulationReferences => Set<PopulationReference>();

    public DbSet<ReferencePostcode> ReferencePostcodes => Set<ReferencePostcode>();

    public DbSet<FosterCarer> FosterCarers => Set<FosterCarer>();

    public DbSet<RateCardEntry> RateCard => Set<RateCardEntry>();

    protected override DateOnly? MeasuresAffectedFrom(IntegrationEvent integrationEvent) => PlacementMeasureSource.AffectedFrom(integrationEvent);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddMeasureChanges();

        modelBuilder.Entity<Child>(child =>
        {
            child.HasKey(c => c.ChildId);
            child.Property(c => c.ChildId).HasMaxLength(Child.MaxChildIdLength);
            child.Property(c => c.Sex).HasMaxLength(1);
            child.Property(c => c.Ethnicity).HasMaxLength(4);
            child.Property(c => c.Upn).HasMaxLength(13);
        });

        modelBuilder.Entity<Episode>(episode =>
        {
            episode.HasKey(e => e.Id);
            episode.Property(e => e.ChildId).HasMaxLength(Child.MaxChildIdLength);
            episode.HasOne<Child>().WithMany().HasForeignKey(e => e.ChildId).OnDelete(DeleteBehavior.Restrict);
            episode.Property(e => e.ReasonForNewEpisode).HasMaxLength(1);
            episode.Property(e => e.LegalStatus).HasMaxLength(2);
            episode.Property(e => e.CategoryOfNeed).HasMaxLength(2);
            episode.Property(e => e.PlacementType).HasMaxLength(3);
            episode.Property(e => e.PlacementProvider).HasMaxLength(3);
            episode.Property(e => e.PostcodeDistrict).HasMaxLength(4);
            episode.Property(e => e.HomePostcodeDistrict).HasMaxLength(4);
            episode.Property(e => e.Urn).HasMaxLength(8);
            episode.Property(e => e.HomePostcode).HasMaxLength(8);
            episode.Property(e => e.PlacementPostcode).HasMaxLength(8);
            episode.Property(e => e.ReasonEpisodeCeased).HasMaxLength(3);
            episode.Property(e => e.ReasonForPlacementChange).HasMaxLength(6);
            episode.HasIndex(e => e.FosterCarerId);
            // "Looked after on a date" scans by dates.
            episode.HasIndex(e => new { e.StartDate, e.EndDate });
            episode.Property(e => e.WeeklyCost).HasPrecision(10, 2);
            episode.Ignore(e => e.IsOpen);
            // Start dates strictly increase per child, so (child, start) is unique; it also guards concurrent starts.
            episode.HasIndex(e => new { e.ChildId, e.StartDate }).IsUnique();
        });

        modelBuilder.Entity<ReferencePostcode>(postcode =>
        {
            postcode.HasKey(p => p.Key);
            postcode.Property(p => p.Key).HasMaxLength(8);
            postcode.Property(p => p.District).HasMaxLength(9);
            postcode.Property(p => p.UpperTier).HasMaxLength(9);
        });

        modelBuilder.Entity<PopulationReference>(reference =>
        {
            reference.HasKey(r => r.CollectionYear);
            reference.Property(r => r.CollectionYear).ValueGeneratedNever();
            reference.Property(r => r.EnglandRatePer10000).HasPrecision(8, 1);
            reference.Property(r => r.StatisticalNeighbourRatePer10000).HasPrecision(8, 1);
        });

        modelBuilder.Entity<FosterCarer>(carer =>
        {
            carer.HasKey(c => c.Id);
            carer.Property(c => c.HouseholdReference).HasMaxLength(FosterCarer.MaxReferenceLength);
            carer.HasIndex(c => c.HouseholdReference).IsUnique();
            carer.Property(c => c.DeregistrationReason).HasMaxLength(30);
            carer.HasMany(c => c.Exemptions).WithOne().HasForeignKey(e => e.FosterCarerId).OnDelete(DeleteBehavior.Cascade);
            carer.HasMany(c => c.SupportVisits).WithOne().HasForeignKey(v => v.FosterCarerId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CapacityExemption>(exemption =>
        {
            exemption.HasKey(e => e.Id);
            exemption.Property(e => e.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<SupportVisit>(visit =>
        {
            visit.HasKey(v => v.Id);
            visit.Property(v => v.Id).ValueGeneratedNever();
        });

        modelBuilder.Entity<RateCardEntry>(rate =>
        {
            rate.ToTable("rate_card");
            rate.HasKey(r => new { r.PlacementType, r.Provider });
            rate.Property(r => r.PlacementType).HasMaxLength(3);
            rate.Property(r => r.Provider).HasMaxLength(3);
            rate.Property(r => r.WeeklyRate).HasPrecision(10, 2);
            rate.HasData(RateCardEntry.Defaults().Select(d => new { d.PlacementType, d.Provider, d.WeeklyRate }));
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without running the service.</summary>
internal sealed class PlacementsDesignTimeFactory : ServiceDesignTimeFactory<PlacementsDbContext>
{
    protected override string DatabaseName => "placementsdb";

    protected override PlacementsDbContext Create(DbContextOptions<PlacementsDbContext> options) => new(options);
}
