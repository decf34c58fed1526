using CsCheck;
using PortailFamille.Domain.Calendar;

namespace PortailFamille.Domain.Tests.Calendar;

/// <summary>Generators shared by the calendar property tests.</summary>
internal static class CalendarGen
{
    public static readonly DateOnly First = new(2024, 1, 1);
    public static readonly DateOnly Last = new(2029, 12, 31);

    public static Gen<DateOnly> Day { get; } = Gen.DateOnly[First, Last];

    /// <summary>With or without Alsace-Moselle, with up to 40 closures (some on weekends or holidays).</summary>
    public static Gen<WorkingDayCalendar> WorkingDays { get; } =
        Gen.Select(Gen.Bool, Day.Array[0, 40], (alsaceMoselle, closures) => new WorkingDayCalendar(alsaceMoselle, closures));

    /// <summary>1 to 30 days, the cut-off often at 23:59, at 00:00 or at any whole minute.</summary>
    public static Gen<BookingDeadline> Deadline { get; } =
        Gen.Select(
            Gen.OneOf(Gen.Const(3), Gen.Int[1, 30]),
            Gen.OneOf(Gen.Const(23 * 60 + 59), Gen.Const(0), Gen.Int[0, 24 * 60 - 1]),
            (days, minutes) => new BookingDeadline(days, TimeOnly.MinValue.AddMinutes(minutes)));

    /// <summary>A Paris wall-clock moment (kind Unspecified), to the tick.</summary>
    public static Gen<DateTime> Moment { get; } =
        Gen.Select(Day, Gen.Long[0, TimeSpan.TicksPerDay - 1], (day, ticks) => day.ToDateTime(TimeOnly.MinValue).AddTicks(ticks));
}
