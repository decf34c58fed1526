using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Reservations;

/// <summary>
/// The places taken per unit and day (docs/product.md 4.3). Taking a place is one conditional update
/// ("one more, if fewer than the capacity"): the database checks and books in the same step,
/// so two agents, two servers or two hundred requests at once can never pass the capacity.
/// Called inside the transaction that changes the reservation, so a refused save gives the
/// place back by its rollback.
/// </summary>
public sealed class PlaceLedger(AppDbContext db)
{
    public const string Table = "UnitDayPlaces";

    /// <summary>Takes one place if one is left; false when the unit is full that day.</summary>
    public async Task<bool> TryTakeAsync(Guid activityId, Guid unitId, DateOnly date, int capacity, CancellationToken cancellationToken)
    {
        await EnsureRowAsync(activityId, unitId, date, cancellationToken);
        var taken = await db.Database.ExecuteSqlAsync(
            $"""UPDATE "UnitDayPlaces" SET "Taken" = "Taken" + 1 WHERE "ActivityId" = {activityId} AND "UnitId" = {unitId} AND "Date" = {date} AND "Taken" < {capacity}""",
            cancellationToken);
        return taken == 1;
    }

    /// <summary>Gives a place back (an accepted cancellation).</summary>
    public async Task ReleaseAsync(Guid activityId, Guid unitId, DateOnly date, int places, CancellationToken cancellationToken)
    {
        if (places <= 0)
        {
            return;
        }

        await db.Database.ExecuteSqlAsync(
            $"""UPDATE "UnitDayPlaces" SET "Taken" = CASE WHEN "Taken" > {places} THEN "Taken" - {places} ELSE 0 END WHERE "ActivityId" = {activityId} AND "UnitId" = {unitId} AND "Date" = {date}""",
            cancellationToken);
    }

    /// <summary>
    /// Locks the unit's day until the transaction ends and returns the places taken: the
    /// nightly decisions give several places at once, and nobody else can take one meanwhile
    /// (an update takes the row lock on PostgreSQL; SQLite has one writer at a time).
    /// </summary>
    public async Task<int> LockAsync(Guid activityId, Guid unitId, DateOnly date, CancellationToken cancellationToken)
    {
        await EnsureRowAsync(activityId, unitId, date, cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"""UPDATE "UnitDayPlaces" SET "Taken" = "Taken" WHERE "ActivityId" = {activityId} AND "UnitId" = {unitId} AND "Date" = {date}""",
            cancellationToken);
        return await TakenAsync(activityId, unitId, date, cancellationToken);
    }

    /// <summary>Sets the places taken of a day locked by <see cref="LockAsync"/>.</summary>
    public Task SetAsync(Guid activityId, Guid unitId, DateOnly date, int taken, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""UPDATE "UnitDayPlaces" SET "Taken" = {taken} WHERE "ActivityId" = {activityId} AND "UnitId" = {unitId} AND "Date" = {date}""",
            cancellationToken);

    /// <summary>The places taken on a unit's day (0 when nobody ever booked it).</summary>
    public Task<int> TakenAsync(Guid activityId, Guid unitId, DateOnly date, CancellationToken cancellationToken) =>
        db.Set<UnitDayPlaces>().AsNoTracking()
            .Where(p => p.ActivityId == activityId && p.UnitId == unitId && p.Date == date)
            .Select(p => p.Taken)
            .FirstOrDefaultAsync(cancellationToken);

    // The row is created on the first booking of the day; "do nothing" when another request
    // created it first, so two first bookings never fail on the key.
    private Task<int> EnsureRowAsync(Guid activityId, Guid unitId, DateOnly date, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "UnitDayPlaces" ("ActivityId", "UnitId", "Date", "Taken") VALUES ({activityId}, {unitId}, {date}, 0) ON CONFLICT DO NOTHING""",
            cancellationToken);
}
