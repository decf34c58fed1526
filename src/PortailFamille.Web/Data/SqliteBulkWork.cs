using Microsoft.EntityFrameworkCore;

namespace PortailFamille.Web.Data;

/// <summary>
/// Gives a long batch on SQLite (the nightly transfer of a city: millions of rows and index
/// entries rewritten) a connection of its own for its whole length, with a page cache large
/// enough for the indexes it rewrites and the write-ahead log folded back into the database
/// every 80 MB rather than every 4 MB — folding it at each day's commit took as long as the
/// day's moves. The foreign keys are not checked by SQLite during the batch: the night writes
/// a history line only for a cell its own statement has just moved, counted (see
/// ReservationMoves), and checking each line's cell cost SQLite a lookup in the index of
/// every cell of the city, two thirds more time. The settings are the connection's own; they
/// are put back before the connection returns to the pool, so web requests keep SQLite's small
/// cache and their foreign keys. Nothing changes on PostgreSQL.
/// </summary>
public sealed class SqliteBulkWork : IAsyncDisposable
{
    private const string During = "PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 20000; PRAGMA foreign_keys = OFF;";
    private const string After = "PRAGMA cache_size = -2000; PRAGMA wal_autocheckpoint = 1000; PRAGMA foreign_keys = ON;";

    private readonly AppDbContext? _db;

    private SqliteBulkWork(AppDbContext? db) => _db = db;

    /// <summary>Opens the context's connection for the batch (SQLite only).</summary>
    public static async Task<SqliteBulkWork> BeginAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            return new SqliteBulkWork(null);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(During, cancellationToken);
        return new SqliteBulkWork(db);
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is null)
        {
            return;
        }

        try
        {
            await _db.Database.ExecuteSqlRawAsync(After, CancellationToken.None);
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }
}
