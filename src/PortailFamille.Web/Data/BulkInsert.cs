using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace PortailFamille.Web.Data;

/// <summary>
/// Writes many new rows of one table in the caller's transaction, with a few multi-row INSERT
/// statements on PostgreSQL and one compiled statement run for each row on SQLite, where
/// SaveChanges would prepare and send one statement per row: invoicing a city's month
/// writes hundreds of thousands of rows. Table, columns and conversions (money in cents, dates,
/// identifiers) come from the EF model, so a row is stored exactly as SaveChanges stores it.
/// Only the entity's own columns are written, not its navigations, and nothing is tracked.
/// </summary>
public static class BulkInsert
{
    /// <summary>Parameters per statement on PostgreSQL, whose limit is 65,535.</summary>
    private const int MaxParameters = 30_000;

    /// <summary>Rows per statement: beyond a few hundred, a longer statement gains nothing.</summary>
    private const int MaxRows = 1_000;

    /// <summary>Inserts the rows; a unique index refusal surfaces as the provider's exception (see <see cref="UniqueViolation"/>).</summary>
    public static async Task InsertAsync<T>(AppDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().ToList();
        if (properties.Any(p => p.IsShadowProperty()))
        {
            throw new InvalidOperationException($"{typeof(T).Name} has shadow properties, which a bulk insert cannot fill.");
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var getters = properties.Select(p => p.GetGetter()).ToArray();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            DbCommand NewCommand()
            {
                var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                if (db.Database.GetCommandTimeout() is { } timeout)
                {
                    command.CommandTimeout = timeout;
                }

                return command;
            }

            // The mapping converts the value as the model says (cents, enums, dates) and types the parameter for the provider.
            DbParameter Parameter(DbCommand command, string name, int column, T row) =>
                mappings[column].CreateParameter(command, name, getters[column].GetClrValue(row), properties[column].IsNullable);

            if (db.Database.IsSqlite())
            {
                // SQLite's fastest way: one row's statement, compiled once and run for each row
                // with its values; SQLite finds each parameter by name in a list, so a statement
                // of many rows would cost the square of its parameters.
                await using var command = NewCommand();
                command.CommandText = head + "(" + string.Join(", ", properties.Select((_, c) => "@b" + c)) + ")";
                foreach (var row in rows)
                {
                    command.Parameters.Clear();
                    for (var c = 0; c < properties.Count; c++)
                    {
                        command.Parameters.Add(Parameter(command, "@b" + c, c, row));
                    }

                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                return;
            }

            foreach (var chunk in rows.Chunk(Math.Clamp(MaxParameters / properties.Count, 1, MaxRows)))
            {
                await using var command = NewCommand();
                var text = new StringBuilder(head, head.Length + (chunk.Length * properties.Count * 8));
                var n = 0;
                for (var r = 0; r < chunk.Length; r++)
                {
                    text.Append(r == 0 ? "(" : ", (");
                    for (var c = 0; c < properties.Count; c++)
                    {
                        var name = "@b" + n++;
                        text.Append(c == 0 ? "" : ", ").Append(name);
                        command.Parameters.Add(Parameter(command, name, c, chunk[r]));
                    }

                    text.Append(')');
                }

                command.CommandText = text.ToString();
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
