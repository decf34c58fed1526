using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Telemetry;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Reservations;

/// <summary>A cell a family clicked (or ticked), with the state its page showed.</summary>
public sealed record CellChoice(DateOnly Date, Guid UnitId, ReservationState Seen);

/// <summary>A cell that was not changed, and why, in French.</summary>
public sealed record CellRefusal(DateOnly Date, Guid UnitId, string UnitName, string Reason);

/// <summary>
/// What a family's save did: the cells changed and the ones refused; or, when
/// <see cref="Conflict"/> is set, nothing at all, because the same cells changed first
/// elsewhere (another tab, the nightly transfer).
/// </summary>
public sealed record BookingResult(IReadOnlyList<Reservation> Changed, IReadOnlyList<CellRefusal> Refused, string? Conflict = null)
{
    /// <summary>A save refused whole: nothing was saved, the page shows what is stored now.</summary>
    public static BookingResult Conflicted(string message) => new([], [], message);

    /// <summary>Days asked for (a request, or a request made again).</summary>
    public int Requested => Changed.Count(r => r.State == ReservationState.Requested);

    /// <summary>Cancellations asked for.</summary>
    public int CancellationsRequested => Changed.Count(r => r.State == ReservationState.CancellationRequested);

    /// <summary>Requests or cancellations withdrawn.</summary>
    public int Withdrawn => Changed.Count(r => r.State is ReservationState.Free or ReservationState.Confirmed);
}

/// <summary>
/// A family's moves on "Mes réservations" (docs/product.md 3.6): the click on a cell, the ticked boxes
/// of the form without JavaScript, and the bulk requests (semaine type, a whole day or row).
/// Each save is one short transaction; nothing is half-saved: when a cell changed meanwhile
/// (another tab, the nightly transfer) the whole save is refused and the page shows the truth.
/// </summary>
public sealed class FamilyBooking(AppDbContext db, WriteGate writeGate, PortalMetrics metrics, ParisClock clock, ILogger<FamilyBooking> logger)
{
    /// <summary>The message when another save changed the same cells first.</summary>
    public const string ChangedMeanwhile =
        "Ces jours viennent d'être modifiés par ailleurs (un autre onglet, un autre appareil ou le transfert de la nuit) : rien n'a été enregistré. Le calendrier ci-dessous est à jour, vérifiez-le et recommencez.";

    /// <summary>
    /// Makes the one move of each chosen cell, from the state the family saw. A cell whose
    /// state differs from the one seen is refused rather than moved the other way.
    /// </summary>
    public async Task<BookingResult> ApplyClicksAsync(BookingContext context, IReadOnlyCollection<CellChoice> choices, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(choices);
        var existing = await LoadCellsAsync(context, choices.Select(c => (c.Date, c.UnitId)), cancellationToken);
        var parisNow = clock.Now.DateTime;
        var changed = new List<Reservation>();
        var refused = new List<CellRefusal>();
        foreach (var choice in choices.DistinctBy(c => (c.Date, c.UnitId)).OrderBy(c => c.Date))
        {
            var unit = context.Unit(choice.UnitId);
            if (unit is null)
            {
                continue;
            }

            var cell = existing.GetValueOrDefault((choice.Date, choice.UnitId));
            var state = cell?.State ?? ReservationState.Free;
            if (state != choice.Seen)
            {
                refused.Add(new CellRefusal(choice.Date, unit.Id, unit.Name, $"la case a changé entre-temps : elle est maintenant « {ReservationStates.Label(state)} »."));
                continue;
            }

            var action = ReservationStateMachine.FamilyClickAction(state);
            if (action is null)
            {
                refused.Add(new CellRefusal(choice.Date, unit.Id, unit.Name, "la demande a déjà été envoyée au service, qui y répondra."));
                continue;
            }

            Move(context, choice.Date, unit.Id, unit.Name, cell, action.Value, parisNow, by, changed, refused);
        }

        return await SaveAsync(changed, refused, cancellationToken);
    }

    /// <summary>
    /// Asks for every cell given that is free (or refused before): the semaine type over a
    /// month or the whole registration, a whole day, a whole row. Cells already asked for or
    /// booked are left as they are; days past, closed or out of the deadline are refused.
    /// </summary>
    public async Task<BookingResult> RequestAllAsync(BookingContext context, IReadOnlyCollection<(DateOnly Date, Guid UnitId)> cells, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cells);
        var existing = await LoadCellsAsync(context, cells, cancellationToken);
        var parisNow = clock.Now.DateTime;
        var changed = new List<Reservation>();
        var refused = new List<CellRefusal>();
        foreach (var (date, unitId) in cells.Distinct().OrderBy(c => c.Date))
        {
            var unit = context.Unit(unitId);
            if (unit is null)
            {
                continue;
            }

            var cell = existing.GetValueOrDefault((date, unitId));
            var action = (cell?.State ?? ReservationState.Free) switch
            {
                ReservationState.Free => ReservationAction.Request,
                ReservationState.Refused => ReservationAction.RequestAgain,
                _ => (ReservationAction?)null,
            };
            if (action is { } move)
            {
                Move(context, date, unitId, unit.Name, cell, move, parisNow, by, changed, refused);
            }
        }

        return await SaveAsync(changed, refused, cancellationToken);
    }

    /// <summary>The cells of a family's semaine type among the days of <paramref name="range"/> still open to requests.</summary>
    public IReadOnlyList<(DateOnly Date, Guid UnitId)> SemaineType(BookingContext context, DateRange range)
    {
        ArgumentNullException.ThrowIfNull(context);
        var today = clock.Today;
        var from = range.Start > today ? range.Start : today;
        return from > range.End ? [] : context.Registration.Pattern.On(context.ChangeableDays(new DateRange(from, range.End), clock.Now.DateTime)).ToList();
    }

    private void Move(
        BookingContext context,
        DateOnly date,
        Guid unitId,
        string unitName,
        Reservation? cell,
        ReservationAction action,
        DateTime parisNow,
        string by,
        List<Reservation> changed,
        List<CellRefusal> refused)
    {
        // A closed day or one outside the registration takes no move; past the deadline only
        // the moves the domain allows then (withdrawals) go through, and it says why otherwise.
        var reason = context.WhyUnavailable(date, parisNow);
        if (reason is UnavailableReason.Closed or UnavailableReason.OutOfRegistration)
        {
            refused.Add(new CellRefusal(date, unitId, unitName, $"jour non disponible ({ReservationStates.Label(reason.Value)})."));
            return;
        }

        if (cell is null)
        {
            var registration = context.Registration;
            cell = Reservation.Start(registration.Id, registration.ChildId, registration.FamilyId, registration.ActivityId, unitId, date);
            db.Reservations.Add(cell);
        }

        var outcome = cell.Apply(action, parisNow, clock.UtcNow, context.Activity.Deadline, context.Calendar, by, Reservation.PortalOrigin);
        if (outcome.Succeeded)
        {
            changed.Add(cell);
        }
        else
        {
            if (db.Entry(cell).State == EntityState.Added)
            {
                db.Entry(cell).State = EntityState.Detached;
            }

            refused.Add(new CellRefusal(date, unitId, unitName, LowerFirst(outcome.Refusals[0].Message)));
        }
    }

    private async Task<BookingResult> SaveAsync(List<Reservation> changed, List<CellRefusal> refused, CancellationToken cancellationToken)
    {
        metrics.CellsRefused(refused.Count);
        if (changed.Count == 0)
        {
            return new BookingResult([], refused);
        }

        try
        {
            using (await writeGate.EnterAsync(cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            metrics.CellsSaved(changed.Count);
            return new BookingResult(changed, refused);
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || UniqueViolation.Is(exception))
        {
            FamilyBookingLog.Conflict(logger, exception);
            metrics.CellsConflicted(changed.Count);
            db.ChangeTracker.Clear();
            return BookingResult.Conflicted(ChangedMeanwhile);
        }
    }

    /// <summary>The stored cells of the registration's child among <paramref name="cells"/>, tracked.</summary>
    private async Task<Dictionary<(DateOnly, Guid), Reservation>> LoadCellsAsync(BookingContext context, IEnumerable<(DateOnly Date, Guid UnitId)> cells, CancellationToken cancellationToken)
    {
        var list = cells.ToList();
        if (list.Count == 0)
        {
            return [];
        }

        var from = list.Min(c => c.Date);
        var to = list.Max(c => c.Date);
        var childId = context.Registration.ChildId;
        var activityId = context.Activity.Id;
        var stored = await db.Reservations
            .Where(r => r.ChildId == childId && r.ActivityId == activityId && r.Date >= from && r.Date <= to)
            .ToListAsync(cancellationToken);
        return stored.ToDictionary(r => (r.Date, r.UnitId));
    }

    private static string LowerFirst(string text) =>
        text.Length > 0 && char.IsUpper(text[0]) && !text.StartsWith("Hors", StringComparison.Ordinal)
            ? char.ToLowerInvariant(text[0]) + text[1..]
            : text;
}

internal static partial class FamilyBookingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "A family's save met a change made meanwhile: nothing saved.")]
    public static partial void Conflict(ILogger logger, Exception exception);
}
