using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Gestion;

/// <summary>
/// docs/product.md 7: the family search looks for each word anywhere in the guardians' and
/// children's names and emails (ILIKE '%word%'). On PostgreSQL the migrations create trigram
/// indexes that serve that search; SQLite, whose LIKE no index serves, has none of them.
/// </summary>
public sealed class FamilySearchIndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("Guardians", new[] { "LastName", "FirstName", "Email" }, "IX_Guardians_Search")]
    [InlineData("Children", new[] { "FirstName", "LastName" }, "IX_Children_Search")]
    public async Task TheSearchOfAWord_IsServedByATrigramIndex_OnPostgres(string table, string[] columns, string index)
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
                var condition = string.Join(" OR ", columns.Select(c => $"\"{c}\" ILIKE '%dupon%'"));
                return string.Join('\n', await ReadAsync(db.Database.GetDbConnection(), $"EXPLAIN SELECT \"FamilyId\" FROM \"{table}\" WHERE {condition}"));
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
