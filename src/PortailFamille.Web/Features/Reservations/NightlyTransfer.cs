using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Infrastructure.Telemetry;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Reservations;

/// <summary>
/// The nightly transfer (docs/product.md 4.2): sends every request and cancellation request to the
/// service, records the run, lets the activities in automatic mode decide (sending their
/// requests in the same pass), and emails each family one summary of the decisions about its
/// requests made since the previous run. Running it again sends nothing more and decides nothing more.
/// </summary>
public sealed class NightlyTransfer(
    AppDbContext db,
    ServiceDecisions decisions,
    ReservationMoves moves,
    CommuneCalendar commune,
    ReservationMails mails,
    TransferLock runLock,
    PortalMetrics metrics,
    ParisClock clock,
    ILogger<NightlyTransfer> logger)
{
    /// <summary>Who the automatic decisions are made by, in each reservation's history.</summary>
    public const string AutomaticDecider = "décision automatique";

    // How often a long run tells the lock it is still alive (see TransferLock.Lapse).
    private static readonly TimeSpan Heartbeat = TimeSpan.FromMinutes(1);

    private Guid _holder;

    private DateTimeOffset _lastBeat;

    /// <summary>
    /// Runs the transfer and its decisions. Returns null, doing nothing, when another run holds
    /// the transfer's lock (<see cref="TransferLock"/>), or when <paramref name="night"/> (given
    /// by the scheduler only) has already had its run (another web server fired first). A run
    /// that fails gives its night back, so that it can be run again, and the error goes up to
    /// the caller; the lock is given back whatever happens, unless the process itself dies.
    /// </summary>
    public async Task<TransferRun?> RunAsync(string startedBy, DateOnly? night, CancellationToken cancellationToken)
    {
        var holder = Guid.NewGuid();
        if (!await runLock.TryTakeAsync(holder, cancellationToken))
        {
            TransferLog.Busy(logger);
            return null;
        }

        _holder = holder;
        _lastBeat = clock.UtcNow;
        await using var bulk = await SqliteBulkWork.BeginAsync(db, cancellationToken);
        // One statement sends a city's requests: it may take far longer than a page's query,
        // though never as long as the lock's lapse, past which the run would have lost it.
        db.Database.SetCommandTimeout(TransferLock.Lapse);
        // The run starts once it holds the lock, so that runs never overlap in time either.
        var run = TransferRun.Start(clock.UtcNow, startedBy, night);
        try
        {
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

            try
            {
                return await WorkAsync(run.Id, startedBy, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                TransferLog.Failed(logger, exception, run.Id);
                db.ChangeTracker.Clear();
                await db.TransferRuns.Where(r => r.Id == run.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.Night, (DateOnly?)null), CancellationToken.None);
                throw;
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
            await runLock.ReleaseAsync(holder, CancellationToken.None);
        }
    }

    private async Task<TransferRun> WorkAsync(Guid runId, string startedBy, CancellationToken cancellationToken)
    {
        // Each step's duration goes to the log: the night of a city is watched step by step.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // The activities decided automatically have their requests sent with their decision,
        // day by day (each cell rewritten once instead of twice); the others' are sent here.
        var automatic = await db.Activities.AsNoTracking()
            .Where(a => a.ValidationMode == ValidationMode.Automatic)
            .ToListAsync(cancellationToken);
        var sending = new DaySending(clock.UtcNow, startedBy);
        var (requests, cancellations) = await SendAsync(sending, [.. automatic.Select(a => a.Id)], cancellationToken);
        await BeatAsync(runId, force: true, cancellationToken);

        var sent = System.Diagnostics.Stopwatch.GetTimestamp();
        var decided = await DecideAutomaticActivitiesAsync(runId, automatic, sending, cancellationToken);
        await BeatAsync(runId, force: true, cancellationToken);
        var decidedAt = System.Diagnostics.Stopwatch.GetTimestamp();

        // The notices, their claim on the decisions they report and the end of the run are
        // saved together: a crash in between sends nothing and leaves the decisions to the
        // next run (which takes over the answers of a run that never finished), and a decision
        // committed meanwhile is claimed by this run or the next.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var families = await mails.QueueDecisionNoticesAsync(runId, cancellationToken);
        var run = await db.TransferRuns.FirstAsync(r => r.Id == runId, cancellationToken);
        run.Sent(requests + decided.RequestsSent, cancellations + decided.CancellationsSent);
        run.Decided(decided.Confirmed, decided.Waitlisted, decided.CancellationsAccepted, decided.Promoted, decided.Refused);
        run.Finish(clock.UtcNow, families);
        await db.SaveChangesAsync(cancellationToken);
        // A run that stalled past its lock's lapse has had its answers taken over by the run
        // that took the lock: it must not tell the families a second time.
        await BeatAsync(runId, force: true, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.TransferRan(run.FinishedAt!.Value - run.StartedAt);
        TransferLog.Ran(logger, runId, run.RequestsSent, run.CancellationsSent, decided.Confirmed, decided.Waitlisted, decided.CancellationsAccepted, decided.Promoted, families);
        var (sendingTime, decidingTime, tellingTime) = (
            (long)System.Diagnostics.Stopwatch.GetElapsedTime(started, sent).TotalMilliseconds,
            (long)System.Diagnostics.Stopwatch.GetElapsedTime(sent, decidedAt).TotalMilliseconds,
            (long)System.Diagnostics.Stopwatch.GetElapsedTime(decidedAt).TotalMilliseconds);
        TransferLog.Steps(logger, runId, sendingTime, decidingTime, tellingTime);
        return run;
    }

    // Renews the lock at most once a minute; a run whose lock was taken over (it had stalled
    // past the lapse) stops here rather than work beside the run that took it.
    private async Task BeatAsync(Guid runId, bool force, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        if (!force && now - _lastBeat < Heartbeat)
        {
            return;
        }

        if (!await runLock.RenewAsync(_holder, cancellationToken))
        {
            throw new InvalidOperationException($"Transfer {runId} lost its lock to another run: it stops.");
        }

        _lastBeat = now;
    }

    /// <summary>
    /// Moves every "Demande de réservation" to "envoyée" and every "Demande d'annulation" to
    /// "envoyée", writing one history line per cell, whatever their number (see
    /// <see cref="ReservationMoves.MoveEveryAsync"/>), in one transaction; but for the days
    /// from today on of the activities decided automatically, sent with their decision.
    /// </summary>
    private async Task<(int Requests, int Cancellations)> SendAsync(DaySending sending, IReadOnlyCollection<Guid> automatic, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var requests = await SendStateAsync(ReservationState.Requested, ReservationState.RequestSent, sending, automatic, cancellationToken);
        var cancellations = await SendStateAsync(ReservationState.CancellationRequested, ReservationState.CancellationSent, sending, automatic, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (requests, cancellations);
    }

    private Task<int> SendStateAsync(ReservationState from, ReservationState to, DaySending sending, IReadOnlyCollection<Guid> automatic, CancellationToken cancellationToken) =>
        moves.MoveEveryAsync(from, to, ReservationAction.Send, sending.At, sending.By, Reservation.TransferOrigin, automatic, clock.Today, cancellationToken);

    /// <summary>
    /// Decides, day by day, every unit's day of an activity in automatic mode with a request or
    /// a cancellation, sent or not yet, or a waiting list, from today on, sending the day's
    /// requests and cancellations in the same pass; and refuses the requests sent for a day
    /// already past (asked on the day itself, or left by a missed night). One day's failure is
    /// logged and the run goes on with the others; its requests wait for the next night.
    /// </summary>
    private async Task<DayTotals> DecideAutomaticActivitiesAsync(Guid runId, List<Activity> automatic, DaySending sending, CancellationToken cancellationToken)
    {
        var total = new DayTotals();
        if (automatic.Count == 0)
        {
            return total;
        }

        var ids = automatic.Select(a => a.Id).ToList();
        var today = clock.Today;
        var days = await db.Reservations.AsNoTracking()
            .Where(r => ids.Contains(r.ActivityId)
                && ((r.Date >= today && (r.State == ReservationState.Requested || r.State == ReservationState.CancellationRequested
                        || r.State == ReservationState.RequestSent || r.State == ReservationState.CancellationSent || r.State == ReservationState.Waitlisted))
                    || (r.Date < today && r.State == ReservationState.RequestSent)))
            .Select(r => new { r.ActivityId, r.UnitId, r.Date })
            .Distinct()
            .ToListAsync(cancellationToken);
        var calendar = await commune.WorkingDaysAsync(cancellationToken);
        var holidays = await commune.SchoolHolidaysAsync(cancellationToken);
        // Looked up once per activity, not once per day of a city-sized run.
        var activities = automatic.ToDictionary(a => a.Id, a => (Activity: a, Weekdays: a.Weekdays));
        foreach (var day in days.OrderBy(d => d.Date))
        {
            var (activity, weekdays) = activities[day.ActivityId];
            // A closure added after the requests were made: nobody is booked on a closed day.
            var runs = day.Date >= today
                && OpeningDays.IsOpen(day.Date, new DateRange(day.Date, day.Date), weekdays, activity.SchoolTimeRule, holidays, calendar);
            await BeatAsync(runId, force: false, cancellationToken);
            try
            {
                // A family leaving the waiting list at that instant makes the day's save fail:
                // it is decided again at once from what is now stored.
                var decided = await DecideOnceAsync(runId, activity, day.UnitId, day.Date, runs, sending, cancellationToken)
                    ?? await DecideOnceAsync(runId, activity, day.UnitId, day.Date, runs, sending, cancellationToken);
                if (decided is not null)
                {
                    total.RequestsSent += decided.RequestsSent;
                    total.CancellationsSent += decided.CancellationsSent;
                    total.Confirmed += decided.Confirmed;
                    total.Waitlisted += decided.Waitlisted;
                    total.CancellationsAccepted += decided.CancellationsAccepted;
                    total.Promoted += decided.Promoted;
                    total.Refused += decided.Refused;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                TransferLog.DayFailed(logger, exception, activity.Name, day.Date);
                db.ChangeTracker.Clear();
            }
        }

        return total;
    }

    private async Task<DayAllocation?> DecideOnceAsync(Guid runId, Activity activity, Guid unitId, DateOnly date, bool runs, DaySending sending, CancellationToken cancellationToken)
    {
        var decided = await decisions.DecideDayAsync(activity, unitId, date, AutomaticDecider, cancellationToken, dayRuns: runs, transferRun: runId, sending: sending);
        db.ChangeTracker.Clear();
        return decided;
    }

    private sealed class DayTotals
    {
        public int RequestsSent { get; set; }

        public int CancellationsSent { get; set; }

        public int Confirmed { get; set; }

        public int Waitlisted { get; set; }

        public int CancellationsAccepted { get; set; }

        public int Promoted { get; set; }

        public int Refused { get; set; }
    }
}

internal static partial class TransferLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "The transfer of the night of {Night} has already run.")]
    public static partial void AlreadyRan(ILogger logger, DateOnly? night);

    [LoggerMessage(Level = LogLevel.Information, Message = "A transfer is already running: this one does not start.")]
    public static partial void Busy(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Transfer {Run} failed; its night is given back so that it can be run again.")]
    public static partial void Failed(ILogger logger, Exception exception, Guid run);

    [LoggerMessage(Level = LogLevel.Error, Message = "The automatic decision of {Activity} on {Date} failed; the other days go on.")]
    public static partial void DayFailed(ILogger logger, Exception exception, string activity, DateOnly date);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer {Run}: sent in {SendMilliseconds} ms, decided in {DecideMilliseconds} ms, families told in {NoticeMilliseconds} ms.")]
    public static partial void Steps(ILogger logger, Guid run, long sendMilliseconds, long decideMilliseconds, long noticeMilliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer {Run}: {Requests} requests and {Cancellations} cancellations sent; {Confirmed} confirmed, {Waitlisted} waitlisted, {Accepted} cancellations accepted, {Promoted} promoted; {Families} families told.")]
    public static partial void Ran(ILogger logger, Guid run, int requests, int cancellations, int confirmed, int waitlisted, int accepted, int promoted, int families);
}
