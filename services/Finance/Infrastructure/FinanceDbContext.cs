using Microsoft.EntityFrameworkCore;
using Platform.Finance.Domain;
using Platform.ServiceDefaults.Data;

namespace Platform.Finance.Infrastructure;

public sealed class FinanceDbContext(DbContextOptions<FinanceDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Commitment> Commitments => Set<Commitment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Commitment>(commitment =>
        {
            commitment.HasKey(c => new { c.Source, c.FinancialYear });
            commitment.Property(c => c.Source).HasMaxLength(100);
            commitment.Property(c => c.BudgetLineCode).HasMaxLength(50);
            commitment.Property(c => c.Amount).HasPrecision(18, Commitment.AmountScale);
            commitment.HasIndex(c => new { c.FinancialYear, c.BudgetLineCode });
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without running the service.</summary>
internal sealed class FinanceDesignTimeFactory : ServiceDesignTimeFactory<FinanceDbContext>
{
    protected override string DatabaseName => "financedb";

    protected override FinanceDbContext Create(DbContextOptions<FinanceDbContext> options) => new(options);
}
