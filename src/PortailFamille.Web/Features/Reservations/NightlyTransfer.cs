using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Reservations;

/// <summary>
/// The nightly transfer (PRODUCT 4.2): sends every request and cancellation request to the
/// service in two set-based statements, records the run, lets the activities in automatic
/// mode decide, and emails each family one summary of the decisions about its requests made
/// since the previous run. Running it again sends nothing more and decides nothing more.
/// </summary>
public sealed class NightlyTransfer(
    AppDbContext db,
    ServiceDecisions decisions,
    ReservationMails mails,
    ParisClock clock,
    ILogger<NightlyTransfer> logger)
{
    /// <summary>Who the automatic decisions are made by, in each reservation's history.</summary>
    public const string AutomaticDecider = "décision automatique";

    /// <summary>
    /// Runs the transfer and its decisions. <paramref name="night"/> is given by the scheduler
    /// only: a second scheduled run of the same night (another web server) does nothing and
    /// returns null.
    /// </summary>
    public async Task<TransferRun?> RunAsync(string startedBy, DateOnly? night, CancellationToken cancellationToken)
    {
        var run = TransferRun.Start(clock.UtcNow, startedBy, night);
        db.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
        {
            db.ChangeTracker.Clear();
            TransferLog.AlreadyRan(logger, night);
            return null;
        }

        var (requests, cancellations) = await SendAsync(run.StartedAt, startedBy, cancellationToken);
        run.Sent(requests, cancellations);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var decided = await DecideAutomaticActivitiesAsync(cancellationToken);
        var tracked = await db.Set<TransferRun>().FirstAsync(r => r.Id == run.Id, cancellationToken);
        tracked.Decided(decided.Confirmed, decided.Waitlisted, decided.CancellationsAccepted, decided.Promoted);

        var previous = await db.Set<TransferRun>().AsNoTracking()
            .Where(r => r.Id != run.Id && r.FinishedAt != null)
            .OrderByDescending(r => r.FinishedAt)
            .Select(r => r.FinishedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var upTo = clock.UtcNow;
        var families = await mails.QueueDecisionNoticesAsync(previous, upTo, cancellationToken);
        tracked.Finish(upTo, families);
        await db.SaveChangesAsync(cancellationToken);
        TransferLog.Ran(logger, run.Id, requests, cancellations, decided.Confirmed, decided.Waitlisted, decided.CancellationsAccepted, decided.Promoted, families);
        return tracked;
    }

    /// <summary>
    /// Moves every "Demande de réservation" to "envoyée" and every "Demande d'annulation" to
    /// "envoyée", writing one history line per cell, whatever their number: one statement per
    /// move on PostgreSQL (the history is written from the rows the update returns, so a cell
    /// changed by a family at that instant is either sent with its line or not at all); on
    /// SQLite the transaction holds the only write lock, so the lines are written first.
    /// </summary>
    private async Task<(int Requests, int Cancellations)> SendAsync(DateTimeOffset at, string by, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var requests = await SendStateAsync(ReservationState.Requested, ReservationState.RequestSent, at, by, cancellationToken);
        var cancellations = await SendStateAsync(ReservationState.CancellationRequested, ReservationState.CancellationSent, at, by, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (requests, cancellations);
    }

    private async Task<int> SendStateAsync(ReservationState from, ReservationState to, DateTimeOffset at, string by, CancellationToken cancellationToken)
    {
        var (fromValue, toValue, send) = ((int)from, (int)to, (int)ReservationAction.Send);
        const string origin = Reservation.TransferOrigin;
        if (db.Database.IsNpgsql())
        {
            return await db.Database.ExecuteSqlAsync(
                $"""
                WITH moved AS (
                    UPDATE "Reservations" SET "State" = {toValue} WHERE "State" = {fromValue} RETURNING "Id")
                INSERT INTO "ReservationChanges" ("ReservationId", "At", "From", "To", "Action", "By", "Origin")
                SELECT "Id", {at}, {fromValue}, {toValue}, {send}, {by}, {origin} FROM moved
                """,
                cancellationToken);
        }

        // SQLite stores instants as numbers (see SqliteAppDbContext): the raw statement must too.
        var stored = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(at)!;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "ReservationChanges" ("ReservationId", "At", "From", "To", "Action", "By", "Origin")
            SELECT "Id", {stored}, {fromValue}, {toValue}, {send}, {by}, {origin} FROM "Reservations" WHERE "State" = {fromValue}
            """,
            cancellationToken);
        return await db.Database.ExecuteSqlAsync(
            $"""UPDATE "Reservations" SET "State" = {toValue} WHERE "State" = {fromValue}""",
            cancellationToken);
    }

    /// <summary>
    /// Decides, day by day, every unit's day of an activity in automatic mode with a sent
    /// request, a sent cancellation or a waiting list, from today on.
    /// </summary>
    private async Task<DayDecisions> DecideAutomaticActivitiesAsync(CancellationToken cancellationToken)
    {
        var total = new DayDecisions();
        var automatic = await db.Activities.AsNoTracking()
            .Where(a => a.ValidationMode == ValidationMode.Automatic)
            .ToListAsync(cancellationToken);
        if (automatic.Count == 0)
        {
            return total;
        }

        var ids = automatic.Select(a => a.Id).ToList();
        var today = clock.Today;
        var days = await db.Reservations.AsNoTracking()
            .Where(r => ids.Contains(r.ActivityId) && r.Date >= today
                && (r.State == ReservationState.RequestSent || r.State == ReservationState.CancellationSent || r.State == ReservationState.Waitlisted))
            .Select(r => new { r.ActivityId, r.UnitId, r.Date })
            .Distinct()
            .ToListAsync(cancellationToken);
        foreach (var day in days.OrderBy(d => d.Date))
        {
            var activity = automatic.First(a => a.Id == day.ActivityId);
            var decided = await decisions.DecideDayAsync(activity, day.UnitId, day.Date, AutomaticDecider, cancellationToken);
            db.ChangeTracker.Clear();
            total.Confirmed += decided.Confirmed;
            total.Waitlisted += decided.Waitlisted;
            total.CancellationsAccepted += decided.CancellationsAccepted;
            total.Promoted += decided.Promoted;
        }

        return total;
    }
}

internal static partial class TransferLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "The transfer of the night of {Night} has already run.")]
    public static partial void AlreadyRan(ILogger logger, DateOnly? night);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer {Run}: {Requests} requests and {Cancellations} cancellations sent; {Confirmed} confirmed, {Waitlisted} waitlisted, {Accepted} cancellations accepted, {Promoted} promoted; {Families} families told.")]
    public static partial void Ran(ILogger logger, Guid run, int requests, int cancellations, int confirmed, int waitlisted, int accepted, int promoted, int families);
}
