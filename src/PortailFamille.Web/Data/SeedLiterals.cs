using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PortailFamille.Web.Data;

/// <summary>
/// Values written into the benches' set-based seeding statements as each database stores them
/// (identifiers, days, instants), and a new identifier made by the database itself. Only the
/// portal's own values go through here (catalogue identifiers, the clock), never input.
/// </summary>
internal sealed class SeedLiterals(bool postgres)
{
    public static SeedLiterals For(AppDbContext db) => new(db.Database.IsNpgsql());

    public bool Postgres => postgres;

    /// <summary>A new identifier for each row, made by the statement.</summary>
    public string NewId => postgres
        ? "gen_random_uuid()"
        : "upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)))";

    public string Id(Guid id) => postgres ? $"'{id}'::uuid" : $"'{id.ToString().ToUpperInvariant()}'";

    public string Date(DateOnly date)
    {
        var text = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return postgres ? $"DATE '{text}'" : $"'{text}'";
    }

    // SQLite keeps instants as the number its context's converter makes of them.
    public string Instant(DateTimeOffset at) => postgres
        ? $"TIMESTAMPTZ '{at.UtcDateTime:yyyy-MM-dd HH:mm:ss}+00'"
        : Convert.ToString(new DateTimeOffsetToBinaryConverter().ConvertToProvider(at), CultureInfo.InvariantCulture)!;
}
