using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PortailFamille.Domain.Families;

namespace PortailFamille.Web.Data;

/// <summary>PostgreSQL, for larger communes and several web servers.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // The family search looks for each word anywhere in the names and emails
        // (FamilySearch: ILIKE '%word%'), which a B-tree cannot serve: trigram indexes can,
        // so a city's search reads a few index pages instead of every guardian and child.
        // pg_trgm ships with PostgreSQL and is a trusted extension: the database's owner
        // creates it with the migrations.
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<Guardian>()
            .HasIndex([nameof(Guardian.LastName), nameof(Guardian.FirstName), nameof(Guardian.Email)], "IX_Guardians_Search")
            .HasMethod("gin")
            .HasOperators("gin_trgm_ops", "gin_trgm_ops", "gin_trgm_ops");
        builder.Entity<Child>()
            .HasIndex([nameof(Child.FirstName), nameof(Child.LastName)], "IX_Children_Search")
            .HasMethod("gin")
            .HasOperators("gin_trgm_ops", "gin_trgm_ops");
    }
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=portail_famille").Options);
}
