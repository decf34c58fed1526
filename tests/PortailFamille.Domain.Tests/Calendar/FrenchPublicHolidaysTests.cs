using CsCheck;
using PortailFamille.Domain.Calendar;

namespace PortailFamille.Domain.Tests.Calendar;

public class FrenchPublicHolidaysTests
{
    [Theory]
    [InlineData(1818, 3, 22)] // the earliest possible date
    [InlineData(1943, 4, 25)] // the latest possible date
    [InlineData(1954, 4, 18)]
    [InlineData(2000, 4, 23)]
    [InlineData(2001, 4, 15)]
    [InlineData(2002, 3, 31)]
    [InlineData(2003, 4, 20)]
    [InlineData(2004, 4, 11)]
    [InlineData(2005, 3, 27)]
    [InlineData(2006, 4, 16)]
    [InlineData(2007, 4, 8)]
    [InlineData(2008, 3, 23)]
    [InlineData(2009, 4, 12)]
    [InlineData(2010, 4, 4)]
    [InlineData(2011, 4, 24)]
    [InlineData(2012, 4, 8)]
    [InlineData(2013, 3, 31)]
    [InlineData(2014, 4, 20)]
    [InlineData(2015, 4, 5)]
    [InlineData(2016, 3, 27)]
    [InlineData(2017, 4, 16)]
    [InlineData(2018, 4, 1)]
    [InlineData(2019, 4, 21)]
    [InlineData(2020, 4, 12)]
    [InlineData(2021, 4, 4)]
    [InlineData(2022, 4, 17)]
    [InlineData(2023, 4, 9)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2028, 4, 16)]
    [InlineData(2029, 4, 1)]
    [InlineData(2030, 4, 21)]
    [InlineData(2031, 4, 13)]
    [InlineData(2032, 3, 28)]
    [InlineData(2033, 4, 17)]
    [InlineData(2034, 4, 9)]
    [InlineData(2035, 3, 25)]
    [InlineData(2038, 4, 25)]
    [InlineData(2285, 3, 22)]
    public void EasterSunday_IsThePublishedDate(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), FrenchPublicHolidays.EasterSunday(year));
    }

    [Fact]
    public void EasterSunday_IsAlwaysASundayBetween22MarchAnd25April()
    {
        Gen.Int[1583, 9999].Sample(
            year =>
            {
                var easter = FrenchPublicHolidays.EasterSunday(year);
                Assert.Equal(DayOfWeek.Sunday, easter.DayOfWeek);
                Assert.InRange(easter, new DateOnly(year, 3, 22), new DateOnly(year, 4, 25));
            },
            iter: 5_000);
    }

    [Fact]
    public void EasterSunday_OfAYearOutsideTheCalendar_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FrenchPublicHolidays.EasterSunday(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FrenchPublicHolidays.EasterSunday(10_000));
    }

    [Fact]
    public void For2026_AreTheElevenHolidaysOfTheCodeDuTravail()
    {
        Assert.Equal(
            [
                (new DateOnly(2026, 1, 1), "Jour de l'an"),
                (new DateOnly(2026, 4, 6), "Lundi de Pâques"),
                (new DateOnly(2026, 5, 1), "Fête du Travail"),
                (new DateOnly(2026, 5, 8), "Victoire 1945"),
                (new DateOnly(2026, 5, 14), "Ascension"),
                (new DateOnly(2026, 5, 25), "Lundi de Pentecôte"),
                (new DateOnly(2026, 7, 14), "Fête nationale"),
                (new DateOnly(2026, 8, 15), "Assomption"),
                (new DateOnly(2026, 11, 1), "Toussaint"),
                (new DateOnly(2026, 11, 11), "Armistice 1918"),
                (new DateOnly(2026, 12, 25), "Noël"),
            ],
            FrenchPublicHolidays.For(2026, alsaceMoselle: false));
    }

    [Fact]
    public void For2027_AreTheElevenHolidaysOfTheCodeDuTravail()
    {
        Assert.Equal(
            [
                (new DateOnly(2027, 1, 1), "Jour de l'an"),
                (new DateOnly(2027, 3, 29), "Lundi de Pâques"),
                (new DateOnly(2027, 5, 1), "Fête du Travail"),
                (new DateOnly(2027, 5, 6), "Ascension"),
                (new DateOnly(2027, 5, 8), "Victoire 1945"),
                (new DateOnly(2027, 5, 17), "Lundi de Pentecôte"),
                (new DateOnly(2027, 7, 14), "Fête nationale"),
                (new DateOnly(2027, 8, 15), "Assomption"),
                (new DateOnly(2027, 11, 1), "Toussaint"),
                (new DateOnly(2027, 11, 11), "Armistice 1918"),
                (new DateOnly(2027, 12, 25), "Noël"),
            ],
            FrenchPublicHolidays.For(2027, alsaceMoselle: false));
    }

    [Fact]
    public void For2026InAlsaceMoselle_AddsGoodFridayAndSaintStephen()
    {
        var holidays = FrenchPublicHolidays.For(2026, alsaceMoselle: true);

        Assert.Equal(13, holidays.Count);
        Assert.Equal((new DateOnly(2026, 4, 3), "Vendredi saint"), holidays[1]);
        Assert.Equal((new DateOnly(2026, 4, 6), "Lundi de Pâques"), holidays[2]);
        Assert.Equal((new DateOnly(2026, 12, 26), "Saint-Étienne"), holidays[^1]);
    }

    [Fact]
    public void For2027InAlsaceMoselle_AddsGoodFridayAndSaintStephen()
    {
        var holidays = FrenchPublicHolidays.For(2027, alsaceMoselle: true);

        Assert.Equal(13, holidays.Count);
        Assert.Contains((new DateOnly(2027, 3, 26), "Vendredi saint"), holidays);
        Assert.Contains((new DateOnly(2027, 12, 26), "Saint-Étienne"), holidays);
    }

    [Fact]
    public void MovableHolidays_FollowEaster()
    {
        Gen.Int[1583, 9999].Sample(
            year =>
            {
                var easter = FrenchPublicHolidays.EasterSunday(year);
                Assert.Equal("Lundi de Pâques", FrenchPublicHolidays.NameOf(easter.AddDays(1), alsaceMoselle: false));
                // Ascension may fall on 1 or 8 May, which then names the day.
                Assert.Contains(FrenchPublicHolidays.NameOf(easter.AddDays(39), alsaceMoselle: false), (string?[])["Ascension", "Fête du Travail", "Victoire 1945"]);
                Assert.Equal("Lundi de Pentecôte", FrenchPublicHolidays.NameOf(easter.AddDays(50), alsaceMoselle: false));
                Assert.Equal(DayOfWeek.Thursday, easter.AddDays(39).DayOfWeek);
                Assert.Equal("Vendredi saint", FrenchPublicHolidays.NameOf(easter.AddDays(-2), alsaceMoselle: true));
                Assert.Null(FrenchPublicHolidays.NameOf(easter.AddDays(-2), alsaceMoselle: false));
                Assert.Null(FrenchPublicHolidays.NameOf(easter, alsaceMoselle: true));
            },
            iter: 2_000);
    }

    [Fact]
    public void IsPublicHoliday_IsTrueExactlyOnTheDaysOfTheYearsList()
    {
        Gen.Select(Gen.Int[1900, 2200], Gen.Bool).Sample(
            (year, alsaceMoselle) =>
            {
                var listed = FrenchPublicHolidays.For(year, alsaceMoselle).Select(holiday => holiday.Date).ToHashSet();
                var days = new DateRange(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)).Days();
                Assert.Equal(listed.Order(), days.Where(day => FrenchPublicHolidays.IsPublicHoliday(day, alsaceMoselle)));
            },
            iter: 300);
    }

    [Fact]
    public void AscensionOn8May2059_IsOneHolidayNamedVictoire1945()
    {
        var day = new DateOnly(2059, 5, 8);

        Assert.Equal(day, FrenchPublicHolidays.EasterSunday(2059).AddDays(39));
        Assert.Equal("Victoire 1945", FrenchPublicHolidays.NameOf(day, alsaceMoselle: false));
        Assert.Equal([(day, "Victoire 1945"), (day, "Ascension")], FrenchPublicHolidays.For(2059, alsaceMoselle: false).Where(holiday => holiday.Date == day));
    }

    [Fact]
    public void SaintStephen_IsAHolidayOnlyInAlsaceMoselle()
    {
        var day = new DateOnly(2026, 12, 26);

        Assert.False(FrenchPublicHolidays.IsPublicHoliday(day, alsaceMoselle: false));
        Assert.Equal("Saint-Étienne", FrenchPublicHolidays.NameOf(day, alsaceMoselle: true));
    }

    [Fact]
    public void NameOf_AnOrdinaryDay_IsNull()
    {
        Assert.Null(FrenchPublicHolidays.NameOf(new DateOnly(2026, 5, 13), alsaceMoselle: true));
        Assert.Null(FrenchPublicHolidays.NameOf(new DateOnly(2026, 12, 24), alsaceMoselle: true));
    }

    [Fact]
    public void AscensionOn1May2008_IsOneHolidayNamedAfterTheFixedOne_AndBothAreListed()
    {
        var day = new DateOnly(2008, 5, 1);
        var holidays = FrenchPublicHolidays.For(2008, alsaceMoselle: false);

        Assert.Equal("Fête du Travail", FrenchPublicHolidays.NameOf(day, alsaceMoselle: false));
        Assert.Equal(11, holidays.Count);
        Assert.Equal(10, holidays.Select(holiday => holiday.Date).Distinct().Count());
        Assert.Equal([(day, "Fête du Travail"), (day, "Ascension")], holidays.Where(holiday => holiday.Date == day));
    }
}
