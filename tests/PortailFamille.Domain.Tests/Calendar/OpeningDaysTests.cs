using CsCheck;
using PortailFamille.Domain.Calendar;

namespace PortailFamille.Domain.Tests.Calendar;

public class OpeningDaysTests
{
    private static readonly WorkingDayCalendar France = new(alsaceMoselle: false, []);

    // Zone A, spring 2026: winter holidays 07/02 to 22/02, spring holidays 04/04 to 19/04.
    private static readonly SchoolHolidays Zone = new([
        new("Vacances d'hiver", new(new(2026, 2, 7), new(2026, 2, 22))),
        new("Vacances de printemps", new(new(2026, 4, 4), new(2026, 4, 19))),
    ]);

    private static readonly HashSet<DayOfWeek> Wednesday = [DayOfWeek.Wednesday];

    private static readonly HashSet<DayOfWeek> MondayToFriday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void AWednesdayActivityOnSchoolDays_SkipsTheWednesdaysOfTheHolidays()
    {
        var february = new DateRange(D(2026, 2, 1), D(2026, 2, 28));

        Assert.Equal(
            [D(2026, 2, 4), D(2026, 2, 25)],
            OpeningDays.Within(february, Wednesday, SchoolTimeRule.SchoolDaysOnly, Zone, France));
    }

    [Fact]
    public void AHolidayActivity_RunsOnlyOnTheWeekdaysOfTheHolidays_MinusEasterMonday()
    {
        var spring = new DateRange(D(2026, 3, 30), D(2026, 4, 24));

        Assert.Equal(
            [
                D(2026, 4, 7), D(2026, 4, 8), D(2026, 4, 9), D(2026, 4, 10),
                D(2026, 4, 13), D(2026, 4, 14), D(2026, 4, 15), D(2026, 4, 16), D(2026, 4, 17),
            ],
            OpeningDays.Within(spring, MondayToFriday, SchoolTimeRule.HolidaysOnly, Zone, France));
    }

    [Fact]
    public void AnActivityRunningAlways_SkipsPublicHolidaysAndClosuresOnly()
    {
        // The Ascension week 2026, with the Friday bridge closed.
        var calendar = new WorkingDayCalendar(false, [D(2026, 5, 15)]);
        var week = new DateRange(D(2026, 5, 11), D(2026, 5, 17));

        Assert.Equal(
            [D(2026, 5, 11), D(2026, 5, 12), D(2026, 5, 13)],
            OpeningDays.Within(week, MondayToFriday, SchoolTimeRule.Always, Zone, calendar));
    }

    [Fact]
    public void ASaturdayActivity_RunsOnSaturdays()
    {
        var march = new DateRange(D(2026, 3, 1), D(2026, 3, 31));

        Assert.Equal(
            [D(2026, 3, 7), D(2026, 3, 14), D(2026, 3, 21), D(2026, 3, 28)],
            OpeningDays.Within(march, new HashSet<DayOfWeek> { DayOfWeek.Saturday }, SchoolTimeRule.SchoolDaysOnly, Zone, France));
    }

    [Fact]
    public void ASaturdayActivity_IsClosedOnAPublicHolidayFallingOnSaturday()
    {
        // 15 August 2026 is a Saturday.
        var august = new DateRange(D(2026, 8, 1), D(2026, 8, 31));

        Assert.DoesNotContain(D(2026, 8, 15), OpeningDays.Within(august, new HashSet<DayOfWeek> { DayOfWeek.Saturday }, SchoolTimeRule.Always, Zone, France));
    }

    [Fact]
    public void IsOpen_IsFalseOutsideThePeriod()
    {
        var period = new DateRange(D(2026, 3, 2), D(2026, 3, 31));

        Assert.True(OpeningDays.IsOpen(D(2026, 3, 4), period, Wednesday, SchoolTimeRule.SchoolDaysOnly, Zone, France));
        Assert.False(OpeningDays.IsOpen(D(2026, 4, 1), period, Wednesday, SchoolTimeRule.SchoolDaysOnly, Zone, France));
    }

    [Fact]
    public void AnEmptyWeekdaySet_OpensNoDay()
    {
        var period = new DateRange(D(2026, 3, 2), D(2026, 3, 31));

        Assert.Empty(OpeningDays.Within(period, new HashSet<DayOfWeek>(), SchoolTimeRule.Always, Zone, France));
    }

    [Fact]
    public void Within_NeverReturnsADayOutsideThePeriod_APublicHolidayOrAClosure_AndAgreesWithIsOpen()
    {
        var weekdaySets = Gen.Enum<DayOfWeek>().HashSet[0, 7];
        var rules = Gen.Enum<SchoolTimeRule>();
        var holidays = Gen.Select(CalendarGen.Day, Gen.Int[0, 20])
            .Select((start, length) => new SchoolHoliday("Vacances", new DateRange(start, start.AddDays(length))))
            .Array[0, 12]
            .Select(periods => new SchoolHolidays(periods));
        var periods = Gen.Select(CalendarGen.Day, Gen.Int[0, 400]).Select((start, length) => new DateRange(start, start.AddDays(length)));

        Gen.Select(periods, weekdaySets, rules, holidays, CalendarGen.WorkingDays).Sample(
            (period, weekdays, rule, schoolHolidays, calendar) =>
            {
                var open = OpeningDays.Within(period, weekdays, rule, schoolHolidays, calendar).ToList();
                Assert.All(open, day =>
                {
                    Assert.True(period.Contains(day));
                    Assert.Contains(day.DayOfWeek, weekdays);
                    Assert.False(calendar.IsPublicHoliday(day));
                    Assert.False(calendar.IsClosure(day));
                    Assert.True(rule switch
                    {
                        SchoolTimeRule.SchoolDaysOnly => !schoolHolidays.IsHoliday(day),
                        SchoolTimeRule.HolidaysOnly => schoolHolidays.IsHoliday(day),
                        _ => true,
                    });
                });
                Assert.Equal(open.Order(), open);
                Assert.Equal(
                    period.Days().Where(day => OpeningDays.IsOpen(day, period, weekdays, rule, schoolHolidays, calendar)),
                    open);
            },
            iter: 1_000);
    }

    [Fact]
    public void SchoolDaysAndHolidays_SplitTheDaysOfAnActivityThatRunsAlways()
    {
        var period = new DateRange(D(2026, 1, 1), D(2026, 6, 30));
        var always = OpeningDays.Within(period, MondayToFriday, SchoolTimeRule.Always, Zone, France);
        var schoolDays = OpeningDays.Within(period, MondayToFriday, SchoolTimeRule.SchoolDaysOnly, Zone, France);
        var holidays = OpeningDays.Within(period, MondayToFriday, SchoolTimeRule.HolidaysOnly, Zone, France);

        Assert.Equal(always, schoolDays.Concat(holidays).Order());
        Assert.Empty(schoolDays.Intersect(holidays));
    }
}
