using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Reservations;

/// <summary>
/// One cell of the month grid of "Mes réservations": a unit on a day, its stored state, why it
/// is grey if it is, and the one move a family's click makes (docs/product.md 3.6).
/// </summary>
/// <param name="Date">The day (column).</param>
/// <param name="UnitId">The unit (row).</param>
/// <param name="State">The stored state, <see cref="ReservationState.Free"/> when nothing was ever asked.</param>
/// <param name="Unavailable">Why the day cannot be changed, or null when it can.</param>
/// <param name="Action">The move of a click, or null when the cell is not actionable.</param>
/// <param name="WaitlistPosition">The position on the waiting list of a waitlisted cell (1 = next place).</param>
public sealed record GridCell(
    DateOnly Date,
    Guid UnitId,
    ReservationState State,
    UnavailableReason? Unavailable,
    ReservationAction? Action,
    int? WaitlistPosition)
{
    /// <summary>
    /// Grey: free and not bookable. A day already asked for or booked keeps the colour of its
    /// state even once the deadline has passed; only its click is gone.
    /// </summary>
    public bool IsGrey => Unavailable is not null && State == ReservationState.Free;

    /// <summary>The text of the cell, as in the legend: the state, or "Case grisée (…)".</summary>
    public string Label => IsGrey ? ReservationStates.UnavailableLabel(Unavailable!.Value) : ReservationStates.Label(State);
}

/// <summary>A column of the grid: the day, its weekday letter and until when it can be changed.</summary>
/// <param name="Date">The day.</param>
/// <param name="Letter">L M M J V S D.</param>
/// <param name="IsOpen">The activity runs that day, inside the registration's dates.</param>
/// <param name="Deadline">"modifiable jusqu'au mer. 12/11 à 23:59" for an open day, else null.</param>
/// <param name="Changeable">An open day whose deadline has not passed.</param>
public sealed record GridDay(DateOnly Date, string Letter, bool IsOpen, string? Deadline, bool Changeable);

/// <summary>A row of the grid: one unit of the activity and its cells, one per day.</summary>
public sealed record GridRow(Guid UnitId, string Name, IReadOnlyList<GridCell> Cells);

/// <summary>The month grid of one registration, with the months one can move to.</summary>
public sealed record MonthGrid(
    DateOnly Month,
    IReadOnlyList<GridDay> Days,
    IReadOnlyList<GridRow> Rows,
    DateOnly? PreviousMonth,
    DateOnly? NextMonth);

/// <summary>What the grid needs to know of a unit.</summary>
public sealed record GridUnit(Guid Id, string Name);

/// <summary>
/// Builds the month grid of "Mes réservations" from the activity's opening days, the
/// registration's dates, the deadline and the stored reservations. Pure: the page reads
/// everything in a couple of queries and this decides every cell.
/// </summary>
public static class ReservationGrid
{
    /// <summary>The weekday letter of the month grid (L M M J V S D, docs/product.md 3.6).</summary>
    public static string Letter(DateOnly day) => FrenchDates.DayLetter(day.DayOfWeek);

    /// <summary>
    /// The month of <paramref name="month"/> (any day of it), brought inside the registration's
    /// dates when it falls outside them.
    /// </summary>
    public static DateOnly ClampMonth(DateOnly month, DateRange registration)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var firstAllowed = new DateOnly(registration.Start.Year, registration.Start.Month, 1);
        var lastAllowed = new DateOnly(registration.End.Year, registration.End.Month, 1);
        return first < firstAllowed ? firstAllowed : first > lastAllowed ? lastAllowed : first;
    }

    /// <summary>Builds the grid of a month.</summary>
    /// <param name="month">Any day of the month shown; brought inside the registration's dates.</param>
    /// <param name="registration">The registration's dates.</param>
    /// <param name="units">The activity's units, in display order.</param>
    /// <param name="runs">True on the days the activity runs (docs/product.md 4.5).</param>
    /// <param name="deadline">The activity's booking deadline.</param>
    /// <param name="calendar">The commune's working days.</param>
    /// <param name="parisNow">Europe/Paris wall-clock time, of kind Unspecified.</param>
    /// <param name="states">The stored states, by day and unit; a missing cell is free.</param>
    /// <param name="waitlistPositions">The positions of the waitlisted cells, by day and unit.</param>
    public static MonthGrid Build(
        DateOnly month,
        DateRange registration,
        IReadOnlyList<GridUnit> units,
        Func<DateOnly, bool> runs,
        BookingDeadline deadline,
        WorkingDayCalendar calendar,
        DateTime parisNow,
        IReadOnlyDictionary<(DateOnly Date, Guid UnitId), ReservationState> states,
        IReadOnlyDictionary<(DateOnly Date, Guid UnitId), int> waitlistPositions)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(waitlistPositions);

        var first = ClampMonth(month, registration);
        var days = new List<GridDay>();
        var reasons = new List<UnavailableReason?>();
        for (var day = first; day.Month == first.Month; day = day.AddDays(1))
        {
            var reason = WhyUnavailable(day, registration, runs, deadline, calendar, parisNow);
            var open = reason is null or UnavailableReason.OutOfDeadline;
            days.Add(new GridDay(day, Letter(day), open, open ? deadline.Describe(day, calendar) : null, reason is null));
            reasons.Add(reason);
        }

        var rows = units.Select(unit => new GridRow(
                unit.Id,
                unit.Name,
                days.Select((day, i) => Cell(day.Date, unit.Id, reasons[i], states, waitlistPositions)).ToList()))
            .ToList();

        var previous = first.AddMonths(-1);
        var next = first.AddMonths(1);
        return new MonthGrid(
            first,
            days,
            rows,
            previous.AddMonths(1).AddDays(-1) >= registration.Start ? previous : null,
            next <= registration.End ? next : null);
    }

    /// <summary>
    /// Why a family cannot change a day, or null when it can: outside the registration's dates
    /// (hors inscription), a day the activity does not run (jour fermé), past the deadline
    /// (hors délai), checked in that order so that a closed day never reads "hors délai".
    /// </summary>
    public static UnavailableReason? WhyUnavailable(
        DateOnly day,
        DateRange registration,
        Func<DateOnly, bool> runs,
        BookingDeadline deadline,
        WorkingDayCalendar calendar,
        DateTime parisNow)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(deadline);
        if (!registration.Contains(day))
        {
            return UnavailableReason.OutOfRegistration;
        }

        if (!runs(day))
        {
            return UnavailableReason.Closed;
        }

        return deadline.Allows(parisNow, day, calendar) ? null : UnavailableReason.OutOfDeadline;
    }

    private static GridCell Cell(
        DateOnly day,
        Guid unitId,
        UnavailableReason? reason,
        IReadOnlyDictionary<(DateOnly Date, Guid UnitId), ReservationState> states,
        IReadOnlyDictionary<(DateOnly Date, Guid UnitId), int> waitlistPositions)
    {
        var state = states.TryGetValue((day, unitId), out var stored) ? stored : ReservationState.Free;
        var action = ReservationStateMachine.FamilyClickAction(state);

        // Past the deadline a family may still withdraw what the service has not seen (or
        // leave the waiting list), not ask for or cancel anything; a closed day or one outside
        // the registration takes no click at all.
        if (action is { } move && reason is { } why
            && (why != UnavailableReason.OutOfDeadline || ReservationStateMachine.NeedsDeadline(move)))
        {
            action = null;
        }

        int? position = state == ReservationState.Waitlisted && waitlistPositions.TryGetValue((day, unitId), out var p) ? p : null;
        return new GridCell(day, unitId, state, reason, action, position);
    }
}
