namespace PortailFamille.Domain.Catalogue;

/// <summary>
/// Weekdays stored as one integer, bit <c>1 &lt;&lt; (int)DayOfWeek</c> per day (Sunday = 1,
/// Monday = 2 … Saturday = 64), so that an activity's days are one plain column that any
/// database can store and filter.
/// </summary>
public static class WeekdayMask
{
    /// <summary>Every day of the week.</summary>
    public const int All = 0b111_1111;

    /// <summary>The mask of the given days; duplicates count once.</summary>
    public static int From(IEnumerable<DayOfWeek> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var mask = 0;
        foreach (var day in days)
        {
            if (!Enum.IsDefined(day))
            {
                throw new ArgumentOutOfRangeException(nameof(days), day, "Not a day of the week.");
            }

            mask |= Bit(day);
        }

        return mask;
    }

    /// <summary>Whether the mask holds the day.</summary>
    public static bool Contains(int mask, DayOfWeek day) => (mask & Bit(day)) != 0;

    /// <summary>The days of the mask, Monday first as in a French week.</summary>
    public static IReadOnlyList<DayOfWeek> Days(int mask) =>
        [.. MondayFirst.Where(d => Contains(mask, d))];

    /// <summary>The days of the week, Monday first as in a French week.</summary>
    public static IReadOnlyList<DayOfWeek> MondayFirst { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private static int Bit(DayOfWeek day) => 1 << (int)day;
}
