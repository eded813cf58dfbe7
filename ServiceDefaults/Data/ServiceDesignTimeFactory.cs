using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Base of each service's design-time factory, so <c>dotnet ef migrations add</c> builds the model with exactly the
/// provider settings the running service uses (<see cref="DatabaseExtensions.ConfigureServiceDatabase(Microsoft.EntityFrameworkCore.DbContextOptionsBuilder, string)"/>).
/// </summary>
public abstract class ServiceDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : ServiceDbContext
{
    /// <summary>Database name used only to build the model; nothing connects to it.</summary>
    protected abstract string DatabaseName { get; }

    protected abstract TContext Create(DbContextOptions<TContext> options);

    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>();
        options.ConfigureServiceDatabase($"Host=localhost;Database={DatabaseName}");
        return Create(options.Options);
    }
}
