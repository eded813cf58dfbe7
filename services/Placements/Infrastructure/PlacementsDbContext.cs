using Microsoft.EntityFrameworkCore;
using Platform.Placements.Domain;
using Platform.ServiceDefaults.Data;

namespace Platform.Placements.Infrastructure;

public sealed class PlacementsDbContext(DbContextOptions<PlacementsDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Child> Children => Set<Child>();

    public DbSet<Episode> Episodes => Set<Episode>();

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
            episode.Property(e => e.WeeklyCost).HasPrecision(10, 2);
            episode.Ignore(e => e.IsOpen);
            // Start dates strictly increase per child, so (child, start) is unique; it also guards concurrent starts.
            episode.HasIndex(e => new { e.ChildId, e.StartDate }).IsUnique();
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without running the service.</summary>
internal sealed class PlacementsDesignTimeFactory : ServiceDesignTimeFactory<PlacementsDbContext>
{
    protected override string DatabaseName => "placementsdb";

    protected override PlacementsDbContext Create(DbContextOptions<PlacementsDbContext> options) => new(options);
}
