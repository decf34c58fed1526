using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Calendar;

/// <summary>
/// A range of calendar days, <see cref="Start"/> and <see cref="End"/> both included, as the
/// French forms say "du 06/07/2026 au 28/08/2026".
/// </summary>
/// <remarks>
/// Use <see cref="Create"/> for values that people type. A range built directly with an end
/// before its start is treated as empty (no day, length 0) rather than thrown on, because
/// <c>default(DateRange)</c> and values read back from storage must stay usable.
/// </remarks>
public readonly record struct DateRange(DateOnly Start, DateOnly End)
{
    /// <summary>Number of days in the range, both ends included; 0 when the end is before the start.</summary>
    public int Length => Math.Max(0, End.DayNumber - Start.DayNumber + 1);

    /// <summary>
    /// A range from what someone typed, refused when a date is outside <see cref="DateBounds"/>
    /// or the end is before the start.
    /// </summary>
    public static Outcome<DateRange> Create(DateOnly start, DateOnly end) =>
        !DateBounds.Contains(start) ? Outcome<DateRange>.Refused([new(nameof(Start), DateBounds.Message)])
        : !DateBounds.Contains(end) ? Outcome<DateRange>.Refused([new(nameof(End), DateBounds.Message)])
        : end < start
            ? Outcome<DateRange>.Refused([new(nameof(End), "La date de fin doit être postérieure ou égale à la date de début.")])
            : Outcome<DateRange>.Success(new DateRange(start, end));

    /// <summary>True when <paramref name="day"/> is between the start and the end, both included.</summary>
    public bool Contains(DateOnly day) => Start <= day && day <= End;

    /// <summary>Every day of the range in order, from the start to the end.</summary>
    public IEnumerable<DateOnly> Days()
    {
        // Day numbers rather than AddDays: the loop cannot step past DateOnly.MaxValue.
        for (var number = Start.DayNumber; number <= End.DayNumber; number++)
        {
            yield return DateOnly.FromDayNumber(number);
        }
    }
}
