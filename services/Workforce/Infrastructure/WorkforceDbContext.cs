using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Data;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Infrastructure;

public sealed class WorkforceDbContext(DbContextOptions<WorkforceDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Team> Teams => Set<Team>();

    public DbSet<Post> Posts => Set<Post>();

    public DbSet<Vacancy> Vacancies => Set<Vacancy>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

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
        });

        modelBuilder.Entity<Vacancy>(vacancy =>
        {
            vacancy.HasKey(v => v.Id);
            vacancy.HasOne<Post>().WithMany().HasForeignKey(v => v.PostId).OnDelete(DeleteBehavior.Restrict);
            vacancy.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
            vacancy.Ignore(v => v.DaysToFill);
            vacancy.HasIndex(v => v.PostId);
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without running the service.</summary>
internal sealed class WorkforceDesignTimeFactory : ServiceDesignTimeFactory<WorkforceDbContext>
{
    protected override string DatabaseName => "workforcedb";

    protected override WorkforceDbContext Create(DbContextOptions<WorkforceDbContext> options) => new(options);
}
