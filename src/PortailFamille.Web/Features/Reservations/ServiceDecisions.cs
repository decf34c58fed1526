using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Reservations;

/// <summary>What an agent's decision on one reservation did.</summary>
public enum DecisionResult
{
    /// <summary>Made as asked.</summary>
    Done,

    /// <summary>Asked to confirm, but the day was full: put on the waiting list instead.</summary>
    WaitlistedFull,
}

/// <summary>
/// The service's moves on reservations (docs/product.md 4.2, 4.3): the agents' decisions one by one,
/// the direct booking, and the decisions of a whole unit's day (automatic mode and the
/// promotion from the waiting list). Every move that takes or gives back a place changes the
/// place ledger in the same transaction.
/// </summary>
public sealed class ServiceDecisions(AppDbContext db, PlaceLedger places, ReservationMoves moves, ReservationMails mails, ParisClock clock)
{
    /// <summary>The message when the reservation changed before the agent's decision reached it.</summary>
    public const string ChangedMeanwhile = "Cette réservation vient de changer (une autre décision ou la famille) : la liste a été mise à jour.";

    /// <summary>
    /// An agent's decision on one reservation. Confirming a day that is full puts the request
    /// on the waiting list instead (never beyond capacity, never an error for the agent);
    /// promoting on a full day is refused.
    /// </summary>
    public async Task<Outcome<DecisionResult>> DecideAsync(Guid reservationId, ReservationAction action, string agent, CancellationToken cancellationToken)
    {
        if (ReservationStateMachine.IsFamilyAction(action) || action is ReservationAction.Send or ReservationAction.BookDirectly or ReservationAction.WaitlistDirectly)
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "Not a decision of the service.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reservation = await db.Reservations.FirstOrDefaultAsync(r => r.Id == reservationId, cancellationToken);
        if (reservation is null)
        {
            return Refused("Cette réservation n'existe pas.");
        }

        var activity = await ActivityAsync(reservation.ActivityId, cancellationToken);
        var result = DecisionResult.Done;
        if (action is ReservationAction.Confirm or ReservationAction.Promote && ReservationStateMachine.Next(reservation.State, action).Succeeded)
        {
            var capacity = activity.CapacityOn(reservation.UnitId, reservation.Date);
            if (!await places.TryTakeAsync(activity.Id, reservation.UnitId, reservation.Date, capacity, cancellationToken))
            {
                if (action == ReservationAction.Promote)
                {
                    return Refused($"Plus de place ce jour-là (capacité {capacity}) : la demande reste en liste d'attente.");
                }

                action = ReservationAction.Waitlist;
                result = DecisionResult.WaitlistedFull;
            }
        }

        var outcome = Apply(reservation, action, activity, agent);
        if (!outcome.Succeeded)
        {
            return Outcome<DecisionResult>.Refused(outcome.Refusals);
        }

        if (action == ReservationAction.AcceptCancellation)
        {
            await places.ReleaseAsync(activity.Id, reservation.UnitId, reservation.Date, 1, cancellationToken);
            if (activity.ValidationMode == ValidationMode.Automatic)
            {
                // The freed place goes to the first of the waiting list at once, in the same
                // transaction, before anyone else can take it (docs/product.md 4.2).
                await PromoteFirstWaitingAsync(activity, reservation.UnitId, reservation.Date, agent, cancellationToken);
            }
        }

        if (!await TrySaveAsync(cancellationToken))
        {
            return Refused(ChangedMeanwhile);
        }

        await transaction.CommitAsync(cancellationToken);
        return Outcome<DecisionResult>.Success(result);
    }

    // A bulk decision decides up to 200 requests of one activity in one request: its activity
    // (units, capacities) is read once, not once per request.
    private readonly Dictionary<Guid, Activity> _activities = [];

    private async Task<Activity> ActivityAsync(Guid activityId, CancellationToken cancellationToken)
    {
        if (!_activities.TryGetValue(activityId, out var activity))
        {
            activity = await db.Activities.AsNoTracking().FirstAsync(a => a.Id == activityId, cancellationToken);
            _activities[activityId] = activity;
        }

        return activity;
    }

    private async Task PromoteFirstWaitingAsync(Activity activity, Guid unitId, DateOnly date, string by, CancellationToken cancellationToken)
    {
        var waiting = await db.Reservations
            .Where(r => r.ActivityId == activity.Id && r.UnitId == unitId && r.Date == date && r.State == ReservationState.Waitlisted)
            .ToListAsync(cancellationToken);
        var first = WaitingList.InOrder(waiting, r => r.RequestedAt, r => r.Id).FirstOrDefault();
        if (first is not null && await places.TryTakeAsync(activity.Id, unitId, date, activity.CapacityOn(unitId, date), cancellationToken))
        {
            // A waitlisted cell can always be promoted; were it not, its place would be given back.
            if (!Apply(first, ReservationAction.Promote, activity, by).Succeeded)
            {
                await places.ReleaseAsync(activity.Id, unitId, date, 1, cancellationToken);
            }
        }
    }

    /// <summary>
    /// An agent books a child's day directly: a confirmed "Réservation validée" without a
    /// request, within capacity, and every parent told by email in the same transaction. A day
    /// already asked for is decided through its request.
    /// </summary>
    public async Task<Outcome<Reservation>> BookDirectlyAsync(BookingContext context, DateOnly date, Guid unitId, string agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var unit = context.Unit(unitId);
        if (unit is null || !context.Runs(date))
        {
            return Outcome<Reservation>.Refused([new Refusal("", "L'activité n'a pas lieu ce jour-là pour cette inscription.")]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var registration = context.Registration;
        var cell = await db.Reservations.FirstOrDefaultAsync(r => r.ChildId == registration.ChildId && r.UnitId == unitId && r.Date == date, cancellationToken);
        if (cell is not null && cell.State is not (ReservationState.Free or ReservationState.Refused))
        {
            var why = cell.State switch
            {
                ReservationState.Requested => "la demande de la famille sera transmise au service cette nuit : décidez-la ensuite dans « Demandes de réservation ».",
                ReservationState.RequestSent or ReservationState.Waitlisted or ReservationState.CancellationSent => "décidez-le dans « Demandes de réservation ».",
                _ => "l'enfant est déjà inscrit ce jour-là.",
            };
            return Outcome<Reservation>.Refused([new Refusal("", $"Ce jour est déjà « {ReservationStates.Label(cell.State)} » : {why}")]);
        }

        var capacity = context.Activity.CapacityOn(unitId, date);
        if (!await places.TryTakeAsync(context.Activity.Id, unitId, date, capacity, cancellationToken))
        {
            return Outcome<Reservation>.Refused([new Refusal("", Full(capacity, unit.Name, date))]);
        }

        if (cell is null)
        {
            cell = Reservation.Start(registration.Id, registration.ChildId, registration.FamilyId, registration.ActivityId, unitId, date);
            db.Reservations.Add(cell);
        }

        var outcome = Apply(cell, ReservationAction.BookDirectly, context.Activity, agent);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        // The family's email is saved with the booking, or not at all.
        var child = await db.Children.AsNoTracking().Where(c => c.Id == registration.ChildId).Select(c => c.FirstName).SingleAsync(cancellationToken);
        await mails.QueueDirectBookingAsync(registration.FamilyId, registration.Id, child, context.Activity.Name, unit.Name, date, cancellationToken);
        if (!await TrySaveAsync(cancellationToken))
        {
            return Outcome<Reservation>.Refused([new Refusal("", ChangedMeanwhile)]);
        }

        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Turns a just-validated registration's semaine type into reservations for every open day
    /// from today on (docs/product.md 4.4): confirmed within capacity, waitlisted beyond. Days already
    /// asked for or booked are left as they are. Runs inside the caller's transaction.
    /// </summary>
    public async Task<(int Confirmed, int Waitlisted)> BookSemaineTypeAsync(BookingContext context, string agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var registration = context.Registration;
        var today = clock.Today;
        var from = registration.Start > today ? registration.Start : today;
        if (from > registration.End)
        {
            return (0, 0);
        }

        var cells = registration.Pattern.On(context.OpenDays(new DateRange(from, registration.End))).ToList();
        var existing = (await db.Reservations
                .Where(r => r.ChildId == registration.ChildId && r.ActivityId == registration.ActivityId && r.Date >= from && r.Date <= registration.End)
                .ToListAsync(cancellationToken))
            .ToDictionary(r => (r.Date, r.UnitId));
        var (confirmed, waitlisted) = (0, 0);
        foreach (var (date, unitId) in cells)
        {
            var cell = existing.GetValueOrDefault((date, unitId));
            if (cell is not null && cell.State != ReservationState.Free)
            {
                continue;
            }

            if (cell is null)
            {
                cell = Reservation.Start(registration.Id, registration.ChildId, registration.FamilyId, registration.ActivityId, unitId, date);
                db.Reservations.Add(cell);
            }

            var capacity = context.Activity.CapacityOn(unitId, date);
            var placed = await places.TryTakeAsync(registration.ActivityId, unitId, date, capacity, cancellationToken);
            if (!Apply(cell, placed ? ReservationAction.BookDirectly : ReservationAction.WaitlistDirectly, context.Activity, agent).Succeeded)
            {
                // Only a free cell gets here, and a free cell can always be booked or waitlisted;
                // were it refused, the day would be left as it is and its place given back.
                if (placed)
                {
                    await places.ReleaseAsync(registration.ActivityId, unitId, date, 1, cancellationToken);
                }

                continue;
            }

            if (placed)
            {
                confirmed++;
            }
            else
            {
                waitlisted++;
            }
        }

        return (confirmed, waitlisted);
    }

    /// <summary>
    /// Decides one unit's day in one transaction: the day's cells and places taken are read
    /// with the day locked, <see cref="DayAllocator"/> says which moves to make (cancellations,
    /// waiting list, sent requests, a day that no longer runs), and the moves and the new
    /// count of places are saved together. Null when a cell changed meanwhile (a family
    /// leaving the waiting list at that instant): nothing is saved and the caller may decide
    /// the day again.
    /// </summary>
    /// <param name="activity">The activity.</param>
    /// <param name="unitId">The unit.</param>
    /// <param name="date">The day.</param>
    /// <param name="by">Who decides, for the history.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <param name="waitingListOnly">Only give the places left to the waiting list (after a capacity increase).</param>
    /// <param name="dayRuns">False when the activity no longer runs that day, or the day has passed.</param>
    /// <param name="transferRun">The nightly transfer deciding, whose notices report these answers.</param>
    /// <param name="sending">The nightly transfer sending the day's requests and cancellations in the same pass.</param>
    public async Task<DayAllocation?> DecideDayAsync(
        Activity activity, Guid unitId, DateOnly date, string by, CancellationToken cancellationToken, bool waitingListOnly = false, bool dayRuns = true, Guid? transferRun = null, DaySending? sending = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var taken = await places.LockAsync(activity.Id, unitId, date, cancellationToken);
        var unsent = sending is not null;
        var cells = await db.Reservations.AsNoTracking()
            .Where(r => r.ActivityId == activity.Id && r.UnitId == unitId && r.Date == date
                && (r.State == ReservationState.RequestSent || r.State == ReservationState.CancellationSent || r.State == ReservationState.Waitlisted
                    || (unsent && (r.State == ReservationState.Requested || r.State == ReservationState.CancellationRequested))))
            .Select(r => new DayCell(r.Id, r.State, r.RequestedAt))
            .ToListAsync(cancellationToken);
        var allocation = DayAllocator.Decide(cells, taken, activity.CapacityOn(unitId, date), activity.ValidationMode, dayRuns, waitingListOnly, unsent);
        if (allocation.Moves.Count == 0)
        {
            return allocation;
        }

        // A city's day moves tens of thousands of cells: one statement per group of moves.
        var at = clock.UtcNow;
        foreach (var group in DayAllocator.Group(cells, allocation))
        {
            if (!await moves.MoveAsync(group, at, by, Reservation.BackOfficeOrigin, transferRun, sending, cancellationToken))
            {
                // Disposing the transaction rolls back the groups already moved.
                return null;
            }
        }

        await places.SetAsync(activity.Id, unitId, date, allocation.Taken, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return allocation;
    }

    /// <summary>
    /// After an agent raises a unit's capacity (for good or for one day), gives the new places
    /// of an activity in automatic mode to its waiting lists, from today on (docs/product.md 4.2). In
    /// manual mode the queue shows the places left to the agent, who gives them.
    /// </summary>
    public async Task<int> PromoteAfterCapacityChangeAsync(Activity activity, Guid unitId, DateOnly? date, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.ValidationMode != ValidationMode.Automatic)
        {
            return 0;
        }

        var today = clock.Today;
        var days = await db.Reservations.AsNoTracking()
            .Where(r => r.ActivityId == activity.Id && r.UnitId == unitId && r.State == ReservationState.Waitlisted && r.Date >= today
                && (date == null || r.Date == date))
            .Select(r => r.Date)
            .Distinct()
            .ToListAsync(cancellationToken);
        var promoted = 0;
        foreach (var day in days.Order())
        {
            var decided = await DecideDayAsync(activity, unitId, day, by, cancellationToken, waitingListOnly: true)
                ?? await DecideDayAsync(activity, unitId, day, by, cancellationToken, waitingListOnly: true);
            promoted += decided?.Promoted ?? 0;
            db.ChangeTracker.Clear();
        }

        return promoted;
    }

    private Outcome<Reservation> Apply(Reservation reservation, ReservationAction action, Activity activity, string by)
    {
        // The service's moves are not bound by the deadline: the calendar is not consulted.
        var parisNow = clock.Now.DateTime;
        return reservation.Apply(action, parisNow, clock.UtcNow, activity.Deadline, NoClosures, by, Reservation.BackOfficeOrigin);
    }

    private static readonly WorkingDayCalendar NoClosures = new(false, []);

    /// <summary>"Complet : les 12 places de « Repas » du 14/01/2027 sont prises", or "la place" when there is one.</summary>
    public static string Full(int capacity, string unitName, DateOnly date) => capacity == 1
        ? $"Complet : la seule place de « {unitName} » du {ParisClock.FormatDate(date)} est prise."
        : $"Complet : les {capacity} places de « {unitName} » du {ParisClock.FormatDate(date)} sont prises.";

    // A cell changed by someone else since it was read (its state is a concurrency token), or
    // created at that very moment by the family (the one-cell-per-day index): nothing is saved.
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || UniqueViolation.Is(exception))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static Outcome<DecisionResult> Refused(string message) => Outcome<DecisionResult>.Refused([new Refusal("", message)]);
}
