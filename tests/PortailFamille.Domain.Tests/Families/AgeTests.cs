using CsCheck;
using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Tests.Families;

public class AgeTests
{
    private static readonly DateOnly BirthDate = new(2015, 6, 10);

    [Fact]
    public void Age_OnTheBirthday_IsTheNewAge()
    {
        Assert.Equal(10, Age.On(BirthDate, new DateOnly(2025, 6, 10)));
    }

    [Fact]
    public void Age_OnTheDayBeforeTheBirthday_IsStillTheYoungerAge()
    {
        Assert.Equal(9, Age.On(BirthDate, new DateOnly(2025, 6, 9)));
    }

    [Fact]
    public void Age_InAnEarlierMonthWithALaterDayOfMonth_IsStillTheYoungerAge()
    {
        Assert.Equal(9, Age.On(BirthDate, new DateOnly(2025, 5, 20)));
    }

    [Fact]
    public void Age_InALaterMonthWithAnEarlierDayOfMonth_IsTheNewAge()
    {
        Assert.Equal(10, Age.On(BirthDate, new DateOnly(2025, 7, 1)));
    }

    [Fact]
    public void Age_OnTheLastDayOfTheYearAfterTheBirthday_IsTheNewAge()
    {
        Assert.Equal(10, Age.On(BirthDate, new DateOnly(2025, 12, 31)));
    }

    [Fact]
    public void Age_OnTheDayOfBirth_IsZero()
    {
        Assert.Equal(0, Age.On(BirthDate, BirthDate));
    }

    [Fact]
    public void Age_OnTheDayBeforeTheFirstBirthday_IsZero()
    {
        Assert.Equal(0, Age.On(BirthDate, new DateOnly(2016, 6, 9)));
    }

    [Theory]
    [InlineData(2015, 6, 9)]
    [InlineData(2015, 1, 1)]
    [InlineData(2014, 12, 31)]
    [InlineData(2010, 7, 1)]
    public void Age_BeforeTheBirthDate_IsZero(int year, int month, int day)
    {
        Assert.Equal(0, Age.On(BirthDate, new DateOnly(year, month, day)));
    }

    [Fact]
    public void Age_Of29FebruaryBirth_On28FebruaryOfACommonYear_IsStillTheYoungerAge()
    {
        Assert.Equal(8, Age.On(new DateOnly(2016, 2, 29), new DateOnly(2025, 2, 28)));
    }

    [Fact]
    public void Age_Of29FebruaryBirth_On1MarchOfACommonYear_IsAYearOlder()
    {
        Assert.Equal(9, Age.On(new DateOnly(2016, 2, 29), new DateOnly(2025, 3, 1)));
    }

    [Fact]
    public void Age_Of29FebruaryBirth_On28FebruaryOfALeapYear_IsStillTheYoungerAge()
    {
        Assert.Equal(7, Age.On(new DateOnly(2016, 2, 29), new DateOnly(2024, 2, 28)));
    }

    [Fact]
    public void Age_Of29FebruaryBirth_On29FebruaryOfALeapYear_IsAYearOlder()
    {
        Assert.Equal(8, Age.On(new DateOnly(2016, 2, 29), new DateOnly(2024, 2, 29)));
    }

    [Fact]
    public void Age_NeverDecreases_AsTheDayMovesForward()
    {
        var birthDates = Gen.DateOnly[new DateOnly(1900, 1, 1), new DateOnly(2100, 12, 31)];
        var offsetsFromBirth = Gen.OneOf(Gen.Int[-800, 800], Gen.Int[-2000, 45000]);
        Gen.Select(birthDates, offsetsFromBirth, Gen.Int[0, 800]).Sample(
            (birthDate, daysFromBirth, daysLater) =>
            {
                var day = birthDate.AddDays(daysFromBirth);
                var before = Age.On(birthDate, day);
                var after = Age.On(birthDate, day.AddDays(daysLater));
                Assert.True(after >= before, $"Age went from {before} on {day} to {after} on {day.AddDays(daysLater)} for a birth on {birthDate}.");
            },
            iter: 10_000);
    }

    [Fact]
    public void Age_OnTheNthBirthday_IsN_AndOnTheDayBeforeIsNMinusOne()
    {
        var birthDates = Gen.DateOnly[new DateOnly(1900, 1, 1), new DateOnly(2100, 12, 31)]
            .Where(d => !(d.Month == 2 && d.Day == 29));
        Gen.Select(birthDates, Gen.Int[1, 120]).Sample((birthDate, years) =>
        {
            var birthday = birthDate.AddYears(years);
            Assert.Equal(years, Age.On(birthDate, birthday));
            Assert.Equal(years - 1, Age.On(birthDate, birthday.AddDays(-1)));
        });
    }
}
