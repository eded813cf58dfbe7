using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Domain;
using Platform.ServiceDefaults.Data;

namespace Platform.Inspections.Infrastructure;

public sealed class InspectionsDbContext(DbContextOptions<InspectionsDbContext> options) : ServiceDbContext(options)
{
    public DbSet<EstablishmentPost> EstablishmentPosts => Set<EstablishmentPost>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<EstablishmentPost>(post =>
        {
            post.HasKey(p => p.PostId);
            post.Property(p => p.PostId).ValueGeneratedNever();
            post.Property(p => p.TeamCode).HasMaxLength(40);
            post.Property(p => p.JobRole).HasMaxLength(50);
            post.Property(p => p.Fte).HasPrecision(4, 3);
            post.HasIndex(p => p.TeamCode);
            post.HasMany(p => p.Vacancies).WithOne().HasForeignKey(v => v.PostId);
        });
        modelBuilder.Entity<VacancyPeriod>(vacancy =>
        {
            vacancy.HasKey(v => v.VacancyId);
            vacancy.Property(v => v.VacancyId).ValueGeneratedNever();
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without running the service.</summary>
internal sealed class InspectionsDesignTimeFactory : ServiceDesignTimeFactory<InspectionsDbContext>
{
    protected override string DatabaseName => "inspectionsdb";

    protected override InspectionsDbContext Create(DbContextOptions<InspectionsDbContext> options) => new(options);
}
