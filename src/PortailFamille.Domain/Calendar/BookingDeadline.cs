using System.Globalization;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Calendar;

/// <summary>
/// The booking deadline of an activity, "faites vos demandes N jours ouvrés avant la date
/// souhaitée", for requests and cancellations alike (docs/product.md 4.1).
/// </summary>
/// <remarks>
/// <para>
/// A request for day D made at Paris wall-clock moment T is accepted when the number of
/// working days from T's day to D, both included, is at least <see cref="WorkingDays"/>, where
/// T's day is its calendar date while its clock is strictly before <see cref="CutOff"/>, and
/// the next date once the clock has reached the cut-off. Only working days are counted, so a
/// request made on a Saturday, a Sunday, a public holiday or a closure day counts from the
/// next working day.
/// </para>
/// <para>
/// "Before the cut-off" (docs/product.md 4.1) is read literally, so it is strict: with the default
/// 23:59, a request at 23:58:59.999 is accepted and one at 23:59:00 counts from the next day.
/// "modifiable jusqu'au mer. 12/11 à 23:59" therefore names the moment when changes stop
/// being accepted, and a family whose clock already shows 23:59 is not surprised by a
/// refusal. <see cref="LastMoment"/> is one tick before that moment.
/// </para>
/// <para>
/// The example of docs/product.md 4.1, 3 days: for a Friday, a request made on the Wednesday of that week
/// before 23:59 is accepted (Wednesday, Thursday, Friday), one made on Thursday is not.
/// </para>
/// </remarks>
public sealed record BookingDeadline(int WorkingDays, TimeOnly CutOff)
{
    /// <summary>Fewest working days an activity can ask for.</summary>
    public const int MinWorkingDays = 1;

    /// <summary>Most working days an activity can ask for (about six weeks).</summary>
    public const int MaxWorkingDays = 30;

    /// <summary>The default deadline: 3 working days, requests before 23:59 (docs/product.md 4.1).</summary>
    public static BookingDeadline Default { get; } = new(3, new TimeOnly(23, 59));

    /// <summary>
    /// Working days from the request's day to the requested day, both included;
    /// <see cref="MinWorkingDays"/> to <see cref="MaxWorkingDays"/>. Out of range values are a
    /// programming error (use <see cref="Create"/> for what agents type).
    /// </summary>
    public int WorkingDays { get; init => field = CheckWorkingDays(value); } = CheckWorkingDays(WorkingDays);

    /// <summary>
    /// Paris wall-clock time from which a request made that day counts from the next day; whole
    /// minutes, as it is shown "à 23:59".
    /// </summary>
    public TimeOnly CutOff { get; init => field = CheckCutOff(value); } = CheckCutOff(CutOff);

    /// <summary>
    /// A deadline from what an administrator typed: 1 to 30 working days and a cut-off time in
    /// hours and minutes.
    /// </summary>
    public static Outcome<BookingDeadline> Create(int workingDays, TimeOnly cutOff)
    {
        var refusals = new List<Refusal>();
        if (workingDays is < MinWorkingDays or > MaxWorkingDays)
        {
            refusals.Add(new(nameof(WorkingDays), $"Le délai doit être compris entre {MinWorkingDays} et {MaxWorkingDays} jours ouvrés."));
        }

        if (!IsWholeMinute(cutOff))
        {
            refusals.Add(new(nameof(CutOff), "L'heure limite s'indique en heures et minutes, par exemple 23:59."));
        }

        return refusals.Count > 0
            ? Outcome<BookingDeadline>.Refused(refusals)
            : Outcome<BookingDeadline>.Success(new BookingDeadline(workingDays, cutOff));
    }

    /// <summary>
    /// True when a request or cancellation for <paramref name="day"/>, made at
    /// <paramref name="parisNow"/>, is within the deadline.
    /// </summary>
    /// <param name="parisNow">
    /// The Europe/Paris wall-clock time of the request, of kind
    /// <see cref="DateTimeKind.Unspecified"/>: the web layer converts from UTC, so that the
    /// domain never depends on the server's time zone.
    /// </param>
    /// <param name="day">The day requested or cancelled.</param>
    /// <param name="calendar">The working days of the commune.</param>
    public bool Allows(DateTime parisNow, DateOnly day, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (parisNow.Kind != DateTimeKind.Unspecified)
        {
            // A UTC or server-local time here would silently shift the deadline by one or two
            // hours, which is exactly around the cut-off that families book.
            throw new ArgumentException("Pass the Europe/Paris wall-clock time, of kind Unspecified.", nameof(parisNow));
        }

        var requestDay = DateOnly.FromDateTime(parisNow);
        if (TimeOnly.FromDateTime(parisNow) >= CutOff)
        {
            requestDay = requestDay.AddDays(1);
        }

        return calendar.CountWorkingDays(requestDay, day) >= WorkingDays;
    }

    /// <summary>
    /// The last Paris wall-clock moment at which a request for <paramref name="day"/> is still
    /// accepted: one tick before the cut-off on the last day allowed (see
    /// <see cref="ClosingDay"/>). A moment later, <see cref="Allows"/> refuses.
    /// </summary>
    public DateTime LastMoment(DateOnly day, WorkingDayCalendar calendar) =>
        ClosingDay(day, calendar).ToDateTime(CutOff).AddTicks(-1);

    /// <summary>
    /// The day at whose cut-off requests for <paramref name="day"/> close: the
    /// <see cref="WorkingDays"/>-th working day counting back from <paramref name="day"/>,
    /// itself included when it is a working day. For Friday 13/11/2026 and 3 days it is
    /// Tuesday 10/11, since Wednesday 11/11 is the Armistice. (With a cut-off at 00:00 the
    /// last request is made the evening before.)
    /// </summary>
    public DateOnly ClosingDay(DateOnly day, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var counted = 0;
        var current = day;
        while (true)
        {
            if (calendar.IsWorkingDay(current))
            {
                counted++;
                if (counted == WorkingDays)
                {
                    return current;
                }
            }

            if (current == DateOnly.MinValue)
            {
                throw new InvalidOperationException("No working day before the requested day.");
            }

            current = current.AddDays(-1);
        }
    }

    /// <summary>
    /// The deadline as each calendar cell states it, "modifiable jusqu'au mer. 12/11 à 23:59":
    /// the closing day and the cut-off, the first moment at which changes are refused.
    /// </summary>
    public string Describe(DateOnly day, WorkingDayCalendar calendar)
    {
        var closingDay = ClosingDay(day, calendar);
        var abbreviation = FrenchDates.ShortDay(closingDay.DayOfWeek);
        return string.Create(CultureInfo.InvariantCulture, $"modifiable jusqu'au {abbreviation} {closingDay.Day:00}/{closingDay.Month:00} à {CutOff.Hour:00}:{CutOff.Minute:00}");
    }

    private static int CheckWorkingDays(int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, MinWorkingDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workingDays, MaxWorkingDays);
        return workingDays;
    }

    private static TimeOnly CheckCutOff(TimeOnly cutOff) =>
        IsWholeMinute(cutOff) ? cutOff : throw new ArgumentOutOfRangeException(nameof(cutOff), cutOff, "The cut-off is a whole minute.");

    private static bool IsWholeMinute(TimeOnly time) => time.Ticks % TimeSpan.TicksPerMinute == 0;
}
