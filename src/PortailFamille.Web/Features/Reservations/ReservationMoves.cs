using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Reservations;

/// <summary>
/// Moves many cells at once, each with its history line (docs/product.md 4.2): the nightly
/// sending of every request, and the decision of a unit's day however many children ask for
/// it — one statement per group of moves rather than one per cell, so that a city's night
/// stays within minutes. Every move is conditional on the state the decision was made from: a
/// cell changed meanwhile (a family withdrawing at that very instant) is not moved, and the
/// caller, told so, rolls the whole day back and decides it again.
/// </summary>
public sealed class ReservationMoves(AppDbContext db)
{
    /// <summary>
    /// Moves every cell in state <paramref name="from"/> to <paramref name="to"/> and returns
    /// how many moved, but for the cells of the <paramref name="keep"/> activities from
    /// <paramref name="keepFrom"/> on, which the night sends and decides in one pass, day by day.
    /// On PostgreSQL one statement writes the history from the rows the update returns, so a
    /// cell changed by a family at that instant is moved with its line or not at all; on SQLite
    /// the caller's transaction holds the only write lock, so the lines are written first from
    /// the same selection.
    /// </summary>
    public async Task<int> MoveEveryAsync(
        ReservationState from, ReservationState to, ReservationAction action, DateTimeOffset at, string by, string origin, IReadOnlyCollection<Guid> keep, DateOnly keepFrom, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var (fromValue, toValue, actionValue) = ((int)from, (int)to, (int)action);
        if (db.Database.IsNpgsql())
        {
            var kept = keep.ToArray();
            return await db.Database.ExecuteSqlAsync(
                $"""
                WITH moved AS (
                    UPDATE "Reservations" SET "State" = {toValue}
                    WHERE "State" = {fromValue} AND NOT ("ActivityId" = ANY({kept}) AND "Date" >= {keepFrom}) RETURNING "Id")
                INSERT INTO "ReservationChanges" ("ReservationId", "At", "From", "To", "Action", "By", "Origin")
                SELECT "Id", {at}, {fromValue}, {toValue}, {actionValue}, {by}, {origin} FROM moved
                """,
                cancellationToken);
        }

        var stored = Stored(at);
        var list = Ids(keep);
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "ReservationChanges" ("ReservationId", "At", "From", "To", "Action", "By", "Origin")
            SELECT "Id", {stored}, {fromValue}, {toValue}, {actionValue}, {by}, {origin} FROM "Reservations"
            WHERE "State" = {fromValue} AND NOT ("ActivityId" IN (SELECT value FROM json_each({list})) AND "Date" >= {keepFrom})
            """,
            cancellationToken);
        return await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE "Reservations" SET "State" = {toValue}
            WHERE "State" = {fromValue} AND NOT ("ActivityId" IN (SELECT value FROM json_each({list})) AND "Date" >= {keepFrom})
            """,
            cancellationToken);
    }

    /// <summary>
    /// Makes the moves of <paramref name="group"/>, inside the caller's transaction; false when
    /// a cell is no longer in the group's state (nothing to keep: the caller rolls back). The
    /// nightly transfer's decisions give <paramref name="reportedBy"/>, its run: their lines are
    /// written already claimed by the notices that run sends (see ReservationMails). Cells the
    /// night sends and decides in one pass (<see cref="DayMoveGroup.SentFrom"/>) are moved once,
    /// with two lines: the send of <paramref name="sending"/>, then the decision.
    /// </summary>
    public async Task<bool> MoveAsync(DayMoveGroup group, DateTimeOffset at, string by, string origin, Guid? reportedBy, DaySending? sending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (group.SentFrom is not null && sending is null)
        {
            throw new ArgumentNullException(nameof(sending), "Cells not yet sent are moved with their send.");
        }

        var (storedValue, fromValue, toValue, actionValue, requestTime) = ((int)group.Stored, (int)group.From, (int)group.To, (int)group.Action, (int)group.RequestTime);
        const int keep = (int)RequestTimeMove.Keep, set = (int)RequestTimeMove.Set, send = (int)ReservationAction.Send;
        var (sentAt, sentBy, transfer) = (sending?.At ?? at, sending?.By ?? by, Reservation.TransferOrigin);
        if (db.Database.IsNpgsql())
        {
            var ids = group.ReservationIds.ToArray();
            // Cells sent in the same pass get both lines from one insert, the send's first (the
            // history is read in the order it was written); the others only the decision's.
            var sent = group.SentFrom is not null;
            var lines = await db.Database.ExecuteSqlAsync(
                $"""
                WITH moved AS (
                    UPDATE "Reservations"
                    SET "State" = {toValue},
                        "RequestedAt" = CASE {requestTime} WHEN {keep} THEN "RequestedAt" WHEN {set} THEN {at} ELSE NULL END
                    WHERE "State" = {storedValue} AND "Id" = ANY({ids}) RETURNING "Id")
                INSERT INTO "ReservationChanges" ("ReservationId", "At", "From", "To", "Action", "By", "Origin", "ReportedByRunId")
                SELECT "Id", "At", "From", "To", "Action", "By", "Origin", "ReportedByRunId" FROM (
                    SELECT 0 AS "Step", "Id", {sentAt} AS "At", {storedValue} AS "From", {fromValue} AS "To", {send} AS "Action", {sentBy} AS "By", {transfer} AS "Origin", NULL::uuid AS "ReportedByRunId"
                    FROM moved WHERE {sent}
                    UNION ALL
                    SELECT 1, "Id", {at}, {fromValue}, {toValue}, {actionValue}, {by}, {origin}, {reportedBy} FROM moved) AS line
                ORDER BY "Step"
                """,
                cancellationToken);
            return lines == (sent ? 2 : 1) * ids.Length;
        }

        // The unary + keeps SQLite from reaching the cells through the index on the state
        // (every sent request of the month, read for each group) instead of by their key.
        var list = Ids(group.ReservationIds);
        var reported = reportedBy?.ToString().ToUpperInvariant();
        var stored = Stored(at);
        var updated = await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE "Reservations"
            SET "State" = {toValue},
                "RequestedAt" = CASE {requestTime} WHEN {keep} THEN "RequestedAt" WHEN {set} THEN {stored} ELSE NULL END
            WHERE "Id" IN (SELECT value FROM json_each({list})) AND +"State" = {storedValue}
            """,
            cancellationToken);
        if (updated != group.ReservationIds.Count)
        {
            return false;
        }

        if (group.SentFrom is not null)
        {
            var storedSentAt = Stored(sentAt);
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "ReservationChanges" ("ReservationId", "At", "From", "To", "Action", "By", "Origin")
                SELECT value, {storedSentAt}, {storedValue}, {fromValue}, {send}, {sentBy}, {transfer} FROM json_each({list})
                """,
                cancellationToken);
        }

        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "ReservationChanges" ("ReservationId", "At", "From", "To", "Action", "By", "Origin", "ReportedByRunId")
            SELECT value, {stored}, {fromValue}, {toValue}, {actionValue}, {by}, {origin}, {reported} FROM json_each({list})
            """,
            cancellationToken);
        return true;
    }

    // SQLite keeps identifiers as upper-case text; one JSON array carries them all in one parameter.
    private static string Ids(IEnumerable<Guid> ids) => JsonSerializer.Serialize(ids.Select(id => id.ToString().ToUpperInvariant()));

    // SQLite stores instants as numbers (see SqliteAppDbContext): raw statements must too.
    private static long Stored(DateTimeOffset at) => (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(at)!;
}

/// <summary>
/// The night's send of the cells it sends and decides in one pass, day by day: its instant
/// (the run's send, before the decision's in the history) and who started the run.
/// </summary>
public sealed record DaySending(DateTimeOffset At, string By);
