using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Features.Gestion.Families;

namespace PortailFamille.Web.Data;

/// <summary>PostgreSQL, for larger communes and several web servers.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // The family search looks for each word anywhere in the names and emails
        // (FamilySearch: LIKE '%word%'), which a B-tree cannot serve: a trigram index can, so a
        // city's search reads a few index pages instead of every guardian and child. Each table
        // keeps its searched text in one lower-cased column, written by PostgreSQL itself: one
        // index and one case-sensitive LIKE per row, instead of three ILIKEs whose case folding
        // cost more than the index scan (docs/performance.md). pg_trgm ships with PostgreSQL
        // and is a trusted extension: the database's owner creates it with the migrations.
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<Guardian>()
            .Property<string>(FamilySearch.SearchText)
            .HasComputedColumnSql("""lower("LastName" || ' ' || "FirstName" || ' ' || "Email")""", stored: true);
        builder.Entity<Guardian>()
            .HasIndex([FamilySearch.SearchText], "IX_Guardians_Search")
            .HasMethod("gin")
            .HasOperators("gin_trgm_ops");
        builder.Entity<Child>()
            .Property<string>(FamilySearch.SearchText)
            .HasComputedColumnSql("""lower("FirstName" || ' ' || "LastName")""", stored: true);
        builder.Entity<Child>()
            .HasIndex([FamilySearch.SearchText], "IX_Children_Search")
            .HasMethod("gin")
            .HasOperators("gin_trgm_ops");
    }
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=portail_famille").Options);
}
