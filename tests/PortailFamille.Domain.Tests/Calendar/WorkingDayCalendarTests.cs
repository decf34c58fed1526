using CsCheck;
using PortailFamille.Domain.Calendar;

namespace PortailFamille.Domain.Tests.Calendar;

public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar France = new(alsaceMoselle: false, []);
    private static readonly WorkingDayCalendar AlsaceMoselle = new(alsaceMoselle: true, []);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void MondayToFriday_AreWorkingDays_AndTheWeekendIsNot()
    {
        // Monday 09/03/2026 to Sunday 15/03/2026, a week without holidays.
        var week = new DateRange(D(2026, 3, 9), D(2026, 3, 15)).Days().ToList();

        Assert.All(week.Take(5), day => Assert.True(France.IsWorkingDay(day), day.ToString("O", null)));
        Assert.All(week.Skip(5), day => Assert.False(France.IsWorkingDay(day), day.ToString("O", null)));
    }

    [Fact]
    public void APublicHolidayOnAWeekday_IsNotAWorkingDay()
    {
        Assert.True(France.IsPublicHoliday(D(2026, 5, 14)));
        Assert.False(France.IsWorkingDay(D(2026, 5, 14)));
        Assert.False(France.IsWorkingDay(D(2026, 11, 11)));
    }

    [Fact]
    public void GoodFriday_IsAWorkingDayOnlyOutsideAlsaceMoselle()
    {
        var goodFriday = D(2026, 4, 3);

        Assert.True(France.IsWorkingDay(goodFriday));
        Assert.False(AlsaceMoselle.IsWorkingDay(goodFriday));
        Assert.True(AlsaceMoselle.AlsaceMoselle);
        Assert.False(France.AlsaceMoselle);
    }

    [Fact]
    public void SaintStephen2025_IsAWorkingDayOnlyOutsideAlsaceMoselle()
    {
        // Friday 26/12/2025.
        Assert.True(France.IsWorkingDay(D(2025, 12, 26)));
        Assert.False(AlsaceMoselle.IsWorkingDay(D(2025, 12, 26)));
    }

    [Fact]
    public void ALocalClosure_IsNotAWorkingDay()
    {
        var bridge = D(2026, 5, 15); // the Friday after Ascension
        var calendar = new WorkingDayCalendar(false, [bridge]);

        Assert.True(calendar.IsClosure(bridge));
        Assert.False(calendar.IsPublicHoliday(bridge));
        Assert.False(calendar.IsWorkingDay(bridge));
        Assert.True(calendar.IsWorkingDay(D(2026, 5, 13)));
    }

    [Fact]
    public void Closures_AreListedInOrderOnce()
    {
        var calendar = new WorkingDayCalendar(false, [D(2026, 5, 15), D(2026, 1, 2), D(2026, 5, 15)]);

        Assert.Equal([D(2026, 1, 2), D(2026, 5, 15)], calendar.Closures);
    }

    [Fact]
    public void CountWorkingDays_OfOneWorkingDay_IsOne()
    {
        Assert.Equal(1, France.CountWorkingDays(D(2026, 3, 11), D(2026, 3, 11)));
    }

    [Fact]
    public void CountWorkingDays_OfAWeekend_IsZero()
    {
        Assert.Equal(0, France.CountWorkingDays(D(2026, 3, 14), D(2026, 3, 15)));
    }

    [Fact]
    public void CountWorkingDays_WhenTheEndIsBeforeTheStart_IsZero()
    {
        Assert.Equal(0, France.CountWorkingDays(D(2026, 3, 13), D(2026, 3, 9)));
    }

    [Fact]
    public void CountWorkingDays_OverAWeekAndItsWeekends_IsFive()
    {
        Assert.Equal(5, France.CountWorkingDays(D(2026, 3, 7), D(2026, 3, 15)));
    }

    [Fact]
    public void CountWorkingDays_FromWednesdayToTheNextTuesday_SkipsTheWeekend()
    {
        Assert.Equal(5, France.CountWorkingDays(D(2026, 3, 11), D(2026, 3, 17)));
    }

    [Fact]
    public void CountWorkingDays_OfTheAscensionWeek_IsFour()
    {
        Assert.Equal(4, France.CountWorkingDays(D(2026, 5, 11), D(2026, 5, 17)));
    }

    [Fact]
    public void CountWorkingDays_OfMay2026_LeavesOutItsFourHolidays()
    {
        // 21 weekdays minus 1 May, 8 May (Fridays), Ascension and Whit Monday.
        Assert.Equal(17, France.CountWorkingDays(D(2026, 5, 1), D(2026, 5, 31)));
    }

    [Fact]
    public void CountWorkingDays_OfWholeYears_LeavesOutTheHolidaysOnWeekdays()
    {
        // 2026: 261 weekdays; 15 August (Saturday) and 1 November (Sunday) remove nothing,
        // nor does the Saint-Étienne (Saturday); Good Friday does.
        Assert.Equal(252, France.CountWorkingDays(D(2026, 1, 1), D(2026, 12, 31)));
        Assert.Equal(251, AlsaceMoselle.CountWorkingDays(D(2026, 1, 1), D(2026, 12, 31)));
        Assert.Equal(254, France.CountWorkingDays(D(2027, 1, 1), D(2027, 12, 31)));
        Assert.Equal(253, AlsaceMoselle.CountWorkingDays(D(2027, 1, 1), D(2027, 12, 31)));
    }

    [Fact]
    public void CountWorkingDays_LeavesOutClosures_OnceEach_AndNotOnWeekendsOrHolidays()
    {
        var calendar = new WorkingDayCalendar(false, [
            D(2026, 5, 15), // the bridge after Ascension
            D(2026, 5, 15), // entered twice
            D(2026, 5, 14), // Ascension itself
            D(2026, 5, 16), // a Saturday
        ]);

        Assert.Equal(3, calendar.CountWorkingDays(D(2026, 5, 11), D(2026, 5, 17)));
        Assert.Equal(1, calendar.CountWorkingDays(D(2026, 5, 15), D(2026, 5, 18)));
    }

    [Fact]
    public void CountWorkingDays_IsTheNumberOfWorkingDaysInTheRange()
    {
        Gen.Select(CalendarGen.WorkingDays, CalendarGen.Day, Gen.Int[-5, 800]).Sample(
            (calendar, from, length) =>
            {
                var to = from.AddDays(length);
                var walked = length < 0 ? 0 : new DateRange(from, to).Days().Count(calendar.IsWorkingDay);
                Assert.Equal(walked, calendar.CountWorkingDays(from, to));
            },
            iter: 2_000);
    }

    [Fact]
    public void CountWorkingDays_IsAdditive()
    {
        Gen.Select(CalendarGen.WorkingDays, CalendarGen.Day, Gen.Int[0, 400], Gen.Int[0, 400]).Sample(
            (calendar, a, toB, toC) =>
            {
                var b = a.AddDays(toB);
                var c = b.AddDays(toC);
                Assert.Equal(
                    calendar.CountWorkingDays(a, c),
                    calendar.CountWorkingDays(a, b) + calendar.CountWorkingDays(b.AddDays(1), c));
            },
            iter: 5_000);
    }

    [Fact]
    public void CountWorkingDays_AtTheEdgesOfTheCalendar_DoesNotOverflow()
    {
        Assert.Equal(5, France.CountWorkingDays(DateOnly.MaxValue.AddDays(-6), DateOnly.MaxValue));
        Assert.Equal(5, France.CountWorkingDays(DateOnly.MinValue.AddDays(1), DateOnly.MinValue.AddDays(7)));
    }
}
