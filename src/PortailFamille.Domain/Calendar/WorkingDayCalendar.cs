namespace PortailFamille.Domain.Calendar;

/// <summary>
/// The working days (jours ouvrés) of one organising authority: Monday to Friday, minus the
/// French public holidays (with or without the Alsace-Moselle ones) and minus the local
/// closure days that agents enter (a "pont", a staff training day). The booking deadline
/// counts these days. Immutable, so one instance can serve every request.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly HashSet<DateOnly> _closures;

    // The closures that remove a working day (a weekday that is not already a public holiday),
    // sorted so that a range is counted by two binary searches.
    private readonly DateOnly[] _closedWorkingDays;

    /// <summary>
    /// A calendar for a commune inside or outside Alsace-Moselle, with its local closure days;
    /// duplicated closures, and closures on weekends or public holidays, are harmless.
    /// </summary>
    public WorkingDayCalendar(bool alsaceMoselle, IEnumerable<DateOnly> closures)
    {
        ArgumentNullException.ThrowIfNull(closures);
        AlsaceMoselle = alsaceMoselle;
        _closures = [.. closures];
        Closures = [.. _closures.Order()];
        _closedWorkingDays = [.. Closures.Where(day => IsWeekday(day) && !IsPublicHoliday(day))];
    }

    /// <summary>True when the Alsace-Moselle holidays (Vendredi saint, Saint-Étienne) apply.</summary>
    public bool AlsaceMoselle { get; }

    /// <summary>The local closure days, in date order, each once.</summary>
    public IReadOnlyList<DateOnly> Closures { get; }

    /// <summary>True on Monday to Friday when the day is neither a public holiday nor a closure.</summary>
    public bool IsWorkingDay(DateOnly day) => IsWeekday(day) && !IsPublicHoliday(day) && !IsClosure(day);

    /// <summary>True when agents closed the service on <paramref name="day"/>.</summary>
    public bool IsClosure(DateOnly day) => _closures.Contains(day);

    /// <summary>True when <paramref name="day"/> is a public holiday of this calendar.</summary>
    public bool IsPublicHoliday(DateOnly day) => FrenchPublicHolidays.IsPublicHoliday(day, AlsaceMoselle);

    /// <summary>
    /// Number of working days from <paramref name="from"/> to <paramref name="to"/>, both
    /// included; 0 when <paramref name="to"/> is before <paramref name="from"/>.
    /// </summary>
    public int CountWorkingDays(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return 0;
        }

        // Counted rather than walked day by day, so that a count over a whole school year
        // costs a few holidays per year and two binary searches.
        var count = WeekdaysBefore(to.DayNumber + 1) - WeekdaysBefore(from.DayNumber);
        for (var year = from.Year; year <= to.Year; year++)
        {
            foreach (var date in FrenchPublicHolidays.For(year, AlsaceMoselle).Select(holiday => holiday.Date).Distinct())
            {
                if (from <= date && date <= to && IsWeekday(date))
                {
                    count--;
                }
            }
        }

        return count - ClosedWorkingDaysUpTo(to) + ClosedWorkingDaysBefore(from);
    }

    private static bool IsWeekday(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    // Mondays to Fridays among day numbers 0 to dayNumber - 1. Day number 0, 1 January of
    // year 1, is a Monday, so a day number modulo 7 is its position in a Monday-first week.
    private static int WeekdaysBefore(int dayNumber) => (dayNumber / 7 * 5) + Math.Min(dayNumber % 7, 5);

    // Closures that remove a working day, strictly before the day / up to the day included.
    private int ClosedWorkingDaysBefore(DateOnly day)
    {
        var index = Array.BinarySearch(_closedWorkingDays, day);
        return index >= 0 ? index : ~index;
    }

    private int ClosedWorkingDaysUpTo(DateOnly day)
    {
        var index = Array.BinarySearch(_closedWorkingDays, day);
        return index >= 0 ? index + 1 : ~index;
    }
}
