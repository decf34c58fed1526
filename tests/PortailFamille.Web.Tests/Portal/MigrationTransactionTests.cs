using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Tests.Portal;

/// <summary>
/// Every migration runs whole or not at all. On SQLite, EF Core rebuilds a table for the
/// changes SQLite cannot make in place (dropping or altering a column, a foreign key): it
/// turns foreign keys off with a PRAGMA, which SQLite ignores inside a transaction, so the
/// migration runs outside one and a failure halfway leaves the database half migrated (EF
/// warns about it on start). The SQL of each migration is generated here and must need no
/// such step; a change that does is written as a new table and a copy (docs/architecture.md).
/// </summary>
public sealed class MigrationTransactionTests
{
    [Fact]
    public void Every_Sqlite_migration_runs_inside_one_transaction()
    {
        using var db = Sqlite();
        var assembly = db.GetService<IMigrationsAssembly>();
        Assert.NotEmpty(assembly.Migrations);

        var problems = assembly.Migrations
            .SelectMany(m => Problems(db, m.Key, assembly.CreateMigration(m.Value, db.Database.ProviderName!)))
            .ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_Postgres_migration_runs_inside_one_transaction()
    {
        using var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=unused").Options);
        var assembly = db.GetService<IMigrationsAssembly>();
        Assert.NotEmpty(assembly.Migrations);

        var problems = assembly.Migrations
            .SelectMany(m => Problems(db, m.Key, assembly.CreateMigration(m.Value, db.Database.ProviderName!)))
            .ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>The check must be able to fail: dropping a column is a table rebuild on SQLite.</summary>
    [Fact]
    public void A_Sqlite_table_rebuild_is_caught()
    {
        using var db = Sqlite();
        var assembly = db.GetService<IMigrationsAssembly>();
        var model = assembly.CreateMigration(assembly.Migrations.Values.Last(), db.Database.ProviderName!).TargetModel;
        MigrationOperation[] drop = [new DropColumnOperation { Table = "Children", Name = "HealthNote" }];

        var problems = Problems(db, "essai", drop, model);

        Assert.NotEmpty(problems);
        Assert.Contains(problems, p => p.Contains("PRAGMA foreign_keys", StringComparison.Ordinal) || p.Contains("hors transaction", StringComparison.Ordinal));
    }

    private static SqliteAppDbContext Sqlite() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options);

    private static IEnumerable<string> Problems(DbContext db, string id, Migration migration) =>
        Problems(db, id, migration.UpOperations, migration.TargetModel);

    /// <summary>
    /// The commands of a migration, generated as Migrator does on start, that cannot run in the
    /// migration's transaction: suppressed transactions, PRAGMA foreign_keys, table rebuilds.
    /// </summary>
    private static IEnumerable<string> Problems(DbContext db, string id, IReadOnlyList<MigrationOperation> operations, IModel? targetModel)
    {
        var model = targetModel is null ? null : db.GetService<IModelRuntimeInitializer>().Initialize(targetModel);
        var commands = db.GetService<IMigrationsSqlGenerator>().Generate(operations, model, MigrationsSqlGenerationOptions.Default);
        foreach (var command in commands)
        {
            var first = command.CommandText.Trim().Split('\n')[0];
            if (command.TransactionSuppressed)
            {
                yield return $"{id} : commande hors transaction : {first}";
            }
            else if (command.CommandText.Contains("PRAGMA foreign_keys", StringComparison.OrdinalIgnoreCase))
            {
                yield return $"{id} : PRAGMA foreign_keys : {first}";
            }
            else if (command.CommandText.Contains("ef_temp_", StringComparison.Ordinal))
            {
                yield return $"{id} : reconstruction de table : {first}";
            }
        }
    }
}
