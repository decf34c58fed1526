using PortailFamille.Domain.Calendar;

namespace PortailFamille.Domain.Tests.Calendar;

public class SchoolHolidaysTests
{
    // Zone A 2025/2026 as the ministry's feed gives them, DTEND exclusive converted to the
    // last day without school.
    private static readonly SchoolHoliday Toussaint = new("Vacances de la Toussaint", new(new(2025, 10, 18), new(2025, 11, 2)));
    private static readonly SchoolHoliday Noel = new("Vacances de Noël", new(new(2025, 12, 20), new(2026, 1, 4)));

    [Fact]
    public void IsHoliday_OnTheFirstAndLastDaysWithoutSchool()
    {
        var holidays = new SchoolHolidays([Noel, Toussaint]);

        Assert.True(holidays.IsHoliday(new DateOnly(2025, 10, 18)));
        Assert.True(holidays.IsHoliday(new DateOnly(2025, 11, 2)));
        Assert.True(holidays.IsHoliday(new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void IsHoliday_IsFalseOnTheLastSchoolDayAndOnTheDaySchoolResumes()
    {
        var holidays = new SchoolHolidays([Toussaint]);

        Assert.False(holidays.IsHoliday(new DateOnly(2025, 10, 17)));
        Assert.False(holidays.IsHoliday(new DateOnly(2025, 11, 3)));
    }

    [Fact]
    public void Find_GivesTheLabelOfTheHoliday()
    {
        var holidays = new SchoolHolidays([Noel, Toussaint]);

        Assert.Equal("Vacances de Noël", holidays.Find(new DateOnly(2025, 12, 24))?.Label);
        Assert.Null(holidays.Find(new DateOnly(2025, 12, 19)));
    }

    [Fact]
    public void Periods_AreInOrderOfTheirFirstDay()
    {
        var holidays = new SchoolHolidays([Noel, Toussaint]);

        Assert.Equal([Toussaint, Noel], holidays.Periods);
    }

    [Fact]
    public void None_HasNoHoliday()
    {
        Assert.Empty(SchoolHolidays.None.Periods);
        Assert.False(SchoolHolidays.None.IsHoliday(new DateOnly(2026, 8, 1)));
    }
}
