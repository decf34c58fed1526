using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Portal;

/// <summary>
/// Every SQLite connection the portal uses flushes at checkpoints, not at each commit
/// (synchronous = NORMAL, decision 0022), including the pooled ones handed out again.
/// </summary>
public sealed class SqliteConnectionSettingsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Each_connection_opened_runs_with_synchronous_normal()
    {
        for (var opening = 0; opening < 3; opening++)
        {
            var (sqlite, synchronous) = await factory.WithDbAsync(async db =>
            {
                if (!db.Database.IsSqlite())
                {
                    return (false, -1);
                }

                await db.Database.OpenConnectionAsync();
                try
                {
                    await using var command = db.Database.GetDbConnection().CreateCommand();
                    command.CommandText = "PRAGMA synchronous";
                    return (true, Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
                }
                finally
                {
                    await db.Database.CloseConnectionAsync();
                }
            });

            // 1 is NORMAL (2 FULL, SQLite's default); PostgreSQL has no such setting to check.
            Assert.Equal(PortalFactory.OnPostgres ? (false, -1) : (true, 1), (sqlite, synchronous));
        }
    }
}
