using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Gestion;

/// <summary>
/// docs/product.md 7: the family search looks for each word anywhere in the guardians' and
/// children's names and emails. On PostgreSQL each table keeps them in one lower-cased column
/// that a trigram index serves (LIKE '%word%'); SQLite, whose LIKE no index serves, has none.
/// </summary>
public sealed class FamilySearchIndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("Guardians", "IX_Guardians_Search")]
    [InlineData("Children", "IX_Children_Search")]
    public async Task TheSearchOfAWord_IsServedByATrigramIndex_OnPostgres(string table, string index)
    {
        var plan = await factory.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                if (!PortalFactory.OnPostgres)
                {
                    return string.Join('\n', await ReadAsync(db.Database.GetDbConnection(), $"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '{table}'"));
                }

                await using var transaction = await db.Database.BeginTransactionAsync();
                // The tables of a test are small: forbid the sequential scan, so that the plan
                // shows whether an index can serve the condition at all.
                await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off");
                return string.Join('\n', await ReadAsync(db.Database.GetDbConnection(), $"EXPLAIN SELECT \"FamilyId\" FROM \"{table}\" WHERE \"SearchText\" LIKE '%dupon%'"));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

        if (PortalFactory.OnPostgres)
        {
            Assert.Contains($"Bitmap Index Scan on \"{index}\"", plan, StringComparison.Ordinal);
        }
        else
        {
            Assert.NotEmpty(plan);
            Assert.DoesNotContain(index, plan, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheSearchedText_IsTheNamesAndEmailInLowerCase_WrittenByPostgres()
    {
        if (!PortalFactory.OnPostgres)
        {
            // SQLite searches the columns as they are: its model has no such column.
            Assert.Null(await factory.WithDbAsync(db => Task.FromResult(db.Model.FindEntityType(typeof(Guardian))!.FindProperty("SearchText"))));
            return;
        }

        var account = await TestData.CreateFamilyAsync(factory, "DUPONT-Éluard", ("Zoé", factory.Clock.Today.AddYears(-7)));

        var (guardian, child) = await factory.WithDbAsync(async db => (
            await db.Guardians.Where(g => g.FamilyId == account.FamilyId).Select(g => EF.Property<string>(g, "SearchText")).SingleAsync(),
            await db.Children.Where(c => c.FamilyId == account.FamilyId).Select(c => EF.Property<string>(c, "SearchText")).SingleAsync()));

        Assert.Equal($"dupont-éluard alice {account.Email.ToLowerInvariant()}", guardian);
        Assert.Equal("zoé dupont-éluard", child);
    }

    private static async Task<List<string>> ReadAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}
