namespace PortailFamille.Domain.Calendar;

/// <summary>
/// The school holidays of the commune's zone, imported from the ministry's iCalendar file
/// or entered by hand (see <see cref="SchoolHoliday"/> for how the dates are stored).
/// </summary>
public sealed class SchoolHolidays
{
    /// <summary>The holidays, in order of their first day; ranges may overlap or touch.</summary>
    public SchoolHolidays(IEnumerable<SchoolHoliday> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        Periods = [.. periods.OrderBy(period => period.Dates.Start)];
    }

    /// <summary>No school holidays, for activities that ignore them.</summary>
    public static SchoolHolidays None { get; } = new([]);

    /// <summary>The holidays, in order of their first day.</summary>
    public IReadOnlyList<SchoolHoliday> Periods { get; }

    /// <summary>True when <paramref name="day"/> is inside one of the holidays.</summary>
    public bool IsHoliday(DateOnly day) => Find(day) is not null;

    /// <summary>The holiday that contains <paramref name="day"/>, or null on a school day.</summary>
    public SchoolHoliday? Find(DateOnly day)
    {
        // A zone has about six holidays a year: a scan is cheaper than any index.
        foreach (var period in Periods)
        {
            if (period.Dates.Contains(day))
            {
                return period;
            }
        }

        return null;
    }
}
