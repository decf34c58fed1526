using PortailFamille.Domain.Calendar;
using static PortailFamille.Domain.Tests.Catalogue.DemoCatalogue;

namespace PortailFamille.Domain.Tests.Catalogue;

/// <summary>
/// The four demo activities over five weeks of autumn 2026: a school week (12–16/10), the two
/// weeks of Toussaint (19–30/10), a school week (02–06/11) and the week of the Armistice,
/// Wednesday 11/11.
/// </summary>
public class OpenDatesTests
{
    private static readonly DateRange FiveWeeks = new(new DateOnly(2026, 10, 12), new DateOnly(2026, 11, 13));

    [Fact]
    public void Canteen_RunsMondayTuesdayThursdayFriday_InSchoolWeeksOnly()
    {
        var dates = Canteen().OpenDates(FiveWeeks, Holidays, Communal);

        Assert.Equal(Days("12/10", "13/10", "15/10", "16/10", "02/11", "03/11", "05/11", "06/11", "09/11", "10/11", "12/11", "13/11"), dates);
    }

    [Fact]
    public void AfterSchool_RunsEverySchoolWeekday_ButTheArmistice()
    {
        var dates = AfterSchool().OpenDates(FiveWeeks, Holidays, Communal);

        Assert.Equal(
            Days("12/10", "13/10", "14/10", "15/10", "16/10", "02/11", "03/11", "04/11", "05/11", "06/11", "09/11", "10/11", "12/11", "13/11"),
            dates);
    }

    [Fact]
    public void WednesdayCentre_RunsOnSchoolWednesdays_NotInTheHolidays_NorOnTheArmistice()
    {
        var dates = WednesdayCentre().OpenDates(FiveWeeks, Holidays, Communal);

        Assert.Equal(Days("14/10", "04/11"), dates);
    }

    [Fact]
    public void HolidayCentre_RunsMondayToFriday_InTheHolidaysOnly()
    {
        var dates = HolidayCentre().OpenDates(FiveWeeks, Holidays, Communal);

        Assert.Equal(Days("19/10", "20/10", "21/10", "22/10", "23/10", "26/10", "27/10", "28/10", "29/10", "30/10"), dates);
    }

    [Fact]
    public void HolidayCentre_AtChristmas_IsClosedOnChristmasDayAndNewYearsDay()
    {
        var christmas = new DateRange(new DateOnly(2026, 12, 19), new DateOnly(2027, 1, 3));

        var dates = HolidayCentre().OpenDates(christmas, Holidays, Communal);

        Assert.Equal(
            [
                new DateOnly(2026, 12, 21), new DateOnly(2026, 12, 22), new DateOnly(2026, 12, 23), new DateOnly(2026, 12, 24),
                new DateOnly(2026, 12, 28), new DateOnly(2026, 12, 29), new DateOnly(2026, 12, 30), new DateOnly(2026, 12, 31),
            ],
            dates);
    }

    [Fact]
    public void AClosureOfTheCommune_ClosesEveryActivityThatDay()
    {
        var bridge = new DateOnly(2026, 11, 13);
        var calendar = new WorkingDayCalendar(alsaceMoselle: false, closures: [bridge]);

        Assert.DoesNotContain(bridge, Canteen().OpenDates(FiveWeeks, Holidays, calendar));
        Assert.DoesNotContain(bridge, AfterSchool().OpenDates(FiveWeeks, Holidays, calendar));
        Assert.False(Canteen().IsOpenOn(bridge, Holidays, calendar));
        Assert.True(Canteen().IsOpenOn(bridge, Holidays, Communal));
    }

    [Fact]
    public void IsOpenOn_AgreesWithOpenDates()
    {
        foreach (var activity in new[] { Canteen(), AfterSchool(), WednesdayCentre(), HolidayCentre() })
        {
            var open = activity.OpenDates(FiveWeeks, Holidays, Communal).ToHashSet();
            foreach (var day in FiveWeeks.Days())
            {
                Assert.Equal(open.Contains(day), activity.IsOpenOn(day, Holidays, Communal));
            }
        }
    }

    [Fact]
    public void OpenDates_FollowAChangeOfWeekdaysAndRule()
    {
        var activity = WednesdayCentre();
        activity.SetWeekdays([DayOfWeek.Wednesday, DayOfWeek.Saturday]);
        activity.SetSchoolTimeRule(SchoolTimeRule.Always);

        var dates = activity.OpenDates(new DateRange(new DateOnly(2026, 10, 12), new DateOnly(2026, 10, 25)), Holidays, Communal);

        Assert.Equal(Days("14/10", "17/10", "21/10", "24/10"), dates);
    }

    private static DateOnly[] Days(params string[] dayMonths) =>
        [.. dayMonths.Select(d => new DateOnly(2026, int.Parse(d[3..]), int.Parse(d[..2])))];
}
