using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Features.Gestion.Invoicing;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Billing;

/// <summary>
/// Invoicing reads a batch of families' month from the index of the days holding a place
/// (docs/product.md 4.6), the only days it bills; the night's moves of requests and of the
/// waiting list never touch that index. On SQLite, which keeps no statistics, the index is
/// named in the query; on PostgreSQL the planner must be able to use it from the query's
/// own filter.
/// </summary>
public sealed class InvoicingIndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_Batch_Of_Families_Month_IsReadFromTheIndexOfTheDaysHoldingAPlace()
    {
        var plan = await factory.WithDbAsync(async db =>
        {
            var month = factory.Clock.Today;
            var query = MonthlyInvoicing.HeldDays(db, [Guid.NewGuid(), Guid.NewGuid()], month, month.AddDays(30))
                .Select(r => new { r.ChildId, r.UnitId, r.Date, r.RegistrationId });
            await db.Database.OpenConnectionAsync();
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await using var command = query.CreateDbCommand();
                command.Transaction = transaction.GetDbTransaction();
                if (PortalFactory.OnPostgres)
                {
                    // A test's tables are small: forbid the sequential scan, so that the plan
                    // shows whether the index can serve the query at all.
                    await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off");
                    command.CommandText = "EXPLAIN " + command.CommandText;
                }
                else
                {
                    command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
                }

                return await ReadAsync(command, PortalFactory.OnPostgres ? 0 : 3);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

        // Searched by family, not walked whole; every column the query reads is in the index:
        // the table's rows are not visited.
        Assert.Contains(
            PortalFactory.OnPostgres
                ? $"Index Only Scan using \"{ReservationBillingConfiguration.HeldIndex}\""
                : $"SEARCH Reservations USING COVERING INDEX {ReservationBillingConfiguration.HeldIndex} (FamilyId=? AND Date>? AND Date<?)",
            plan,
            StringComparison.Ordinal);
        if (PortalFactory.OnPostgres)
        {
            Assert.Contains("Index Cond: ((\"FamilyId\" = ANY (", plan, StringComparison.Ordinal);
        }
    }

    private static async Task<string> ReadAsync(DbCommand command, int column)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(column));
        }

        return string.Join('\n', lines);
    }
}
