using Microsoft.EntityFrameworkCore;
using Platform.Placements.Domain;
using Platform.ServiceDefaults.Data;

namespace Platform.Placements.Infrastructure;

public sealed class PlacementsDbContext(DbContextOptions<PlacementsDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Child> Children => Set<Child>();

    public DbSet<Episode> Episodes => Set<Episode>();

    public DbSet<PopulationReference> PopulationReferences => Set<PopulationReference>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<Child>(child =>
        {
            child.HasKey(c => c.ChildId);
            child.Property(c => c.ChildId).HasMaxLength(Child.MaxChildIdLength);
            child.Property(c => c.Sex).HasMaxLength(1);
            child.Property(c => c.Ethnicity).HasMaxLength(4);
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

        modelBuilder.Entity<PopulationReference>(reference =>
        {
            reference.HasKey(r => r.CollectionYear);
            reference.Property(r => r.CollectionYear).ValueGeneratedNever();
            reference.Property(r => r.EnglandRatePer10000).HasPrecision(8, 1);
            reference.Property(r => r.StatisticalNeighbourRatePer10000).HasPrecision(8, 1);
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without running the service.</summary>
internal sealed class PlacementsDesignTimeFactory : ServiceDesignTimeFactory<PlacementsDbContext>
{
    protected override string DatabaseName => "placementsdb";

    protected override PlacementsDbContext Create(DbContextOptions<PlacementsDbContext> options) => new(options);
}
