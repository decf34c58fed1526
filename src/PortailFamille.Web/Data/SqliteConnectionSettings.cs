using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PortailFamille.Web.Data;

/// <summary>
/// Sets each SQLite connection's <c>synchronous</c> to NORMAL when it opens (the setting is the
/// connection's own, not the file's). With write-ahead logging, FULL, the default, flushes the
/// log to disk at every commit: on registration day most of a click's time was that flush,
/// taken while holding SQLite's only writer. NORMAL flushes at checkpoints instead; the database
/// stays consistent whatever happens, and only a power cut (not a crash of the portal) can lose
/// the transactions of the last moments (decision 0022).
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
