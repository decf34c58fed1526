namespace PortailFamille.Domain.Calendar;

/// <summary>When an activity runs with respect to school time.</summary>
public enum SchoolTimeRule
{
    /// <summary>
    /// Outside school holidays only, as the Wednesday ALSH or the canteen: "school days" in
    /// the sense of the school year's weeks, Wednesdays included even without lessons.
    /// </summary>
    SchoolDaysOnly,

    /// <summary>During school holidays only, as the holiday ALSH.</summary>
    HolidaysOnly,

    /// <summary>Whatever the school calendar says.</summary>
    Always,
}

/// <summary>
/// The days on which an activity runs (docs/product.md 4.5): its weekdays inside its period, in school
/// time or in holidays as its rule says, minus public holidays and closures.
/// </summary>
/// <remarks>
/// Weekends are left to the weekdays set, not to the working-day calendar: an activity may run
/// on Saturdays. Public holidays and closures close the activity whatever its weekdays.
/// </remarks>
public static class OpeningDays
{
    /// <summary>The days the activity runs in <paramref name="period"/>, in date order.</summary>
    public static IEnumerable<DateOnly> Within(
        DateRange period,
        IReadOnlySet<DayOfWeek> weekdays,
        SchoolTimeRule rule,
        SchoolHolidays holidays,
        WorkingDayCalendar calendar)
    {
        // Checked now rather than when the sequence is first enumerated.
        ArgumentNullException.ThrowIfNull(weekdays);
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(calendar);
        return period.Days().Where(day => Runs(day, weekdays, rule, holidays, calendar));
    }

    /// <summary>True when the activity runs on <paramref name="day"/>.</summary>
    public static bool IsOpen(
        DateOnly day,
        DateRange period,
        IReadOnlySet<DayOfWeek> weekdays,
        SchoolTimeRule rule,
        SchoolHolidays holidays,
        WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(weekdays);
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(calendar);
        return period.Contains(day) && Runs(day, weekdays, rule, holidays, calendar);
    }

    private static bool Runs(DateOnly day, IReadOnlySet<DayOfWeek> weekdays, SchoolTimeRule rule, SchoolHolidays holidays, WorkingDayCalendar calendar) =>
        weekdays.Contains(day.DayOfWeek)
        && !calendar.IsPublicHoliday(day)
        && !calendar.IsClosure(day)
        && rule switch
        {
            SchoolTimeRule.SchoolDaysOnly => !holidays.IsHoliday(day),
            SchoolTimeRule.HolidaysOnly => holidays.IsHoliday(day),
            SchoolTimeRule.Always => true,
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown school time rule."),
        };
}
