using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PortailFamille.Domain.Registrations;
using PortailFamille.Domain.Reservations;

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

    /// <summary>
    /// One unit's day, in <paramref name="state"/>, for every validated registration to the
    /// activity of a bench family (its first parent's email starts with
    /// <paramref name="emailPrefix"/>, a constant of the seeder); returns the cells added.
    /// </summary>
    public static async Task<int> AddDayAsync(
        AppDbContext db, Guid activityId, Guid unitId, DateOnly date, ReservationState state, DateTimeOffset now, string emailPrefix, CancellationToken cancellationToken)
    {
        var sql = For(db);
        var (newId, unitText, activityText, dateSql, nowSql) = (sql.NewId, sql.Id(unitId), sql.Id(activityId), sql.Date(date), sql.Instant(now));
        var (stateValue, validated) = ((int)state, (int)RegistrationStatus.Validated);
        // Identifiers are the portal's own: they come from the catalogue, never from input.
#pragma warning disable EF1002
        return await db.Database.ExecuteSqlRawAsync(
            $"""
            INSERT INTO "Reservations" ("Id", "RegistrationId", "ChildId", "FamilyId", "ActivityId", "UnitId", "Date", "State", "RequestedAt")
            SELECT {newId}, r."Id", r."ChildId", r."FamilyId", r."ActivityId", {unitText}, {dateSql}, {stateValue}, {nowSql}
            FROM "Registrations" r JOIN "Guardians" g ON g."FamilyId" = r."FamilyId" AND g."Rank" = 1
            WHERE r."ActivityId" = {activityText} AND r."Status" = {validated} AND g."Email" LIKE '{emailPrefix}%'
            """,
            cancellationToken);
#pragma warning restore EF1002
    }
}
