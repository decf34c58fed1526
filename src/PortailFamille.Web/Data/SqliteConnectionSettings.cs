using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PortailFamille.Web.Data;

/// <summary>
/// Sets each SQLite connection's <c>synchronous</c> to NORMAL when it opens (the setting is the
/// connection's own, not the file's). With write-ahead logging, FULL, the default, flushes the
/// log to disk at every commit: on registration day most of a click's time was that flush,
/// taken while holding SQLite's only writer. NORMAL flushes at checkpoints instead; the database
/// stays consistent whatever happens, and only a power cut (not a crash of the portal) can lose
/// the transactions of the last moments (decision 0022). The driver keeps its connections in a
/// pool and hands the same SQLite connection out again and again: the setting is made once per
/// SQLite connection, not at each opening (which made every request run one more statement,
/// and cost <c>/health</c> three quarters of its throughput).
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA synchronous = NORMAL;";
    private static readonly object Done = new();
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // A read-only connection writes nothing to flush: EF Core opens one, outside the pool, to
    // see whether the database exists (the health check), and a statement on it would make
    // SQLite read the whole schema at each check.
    private static bool IsNew(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } sqlite
        && !sqlite.ConnectionString.Contains("Mode=ReadOnly", StringComparison.OrdinalIgnoreCase)
        && Configured.TryAdd(handle, Done);
}
