using PortailFamille.Domain.Catalogue;

namespace PortailFamille.Domain.Tests.Catalogue;

public class WeekdayMaskTests
{
    [Fact]
    public void From_SetsOneBitPerDay_SundayBeingTheLowest()
    {
        Assert.Equal(1, WeekdayMask.From([DayOfWeek.Sunday]));
        Assert.Equal(8, WeekdayMask.From([DayOfWeek.Wednesday]));
        Assert.Equal(2 | 4 | 16 | 32, WeekdayMask.From([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Friday]));
        Assert.Equal(WeekdayMask.All, WeekdayMask.From(Enum.GetValues<DayOfWeek>()));
    }

    [Fact]
    public void From_CountsARepeatedDayOnce()
    {
        Assert.Equal(8, WeekdayMask.From([DayOfWeek.Wednesday, DayOfWeek.Wednesday]));
    }

    [Fact]
    public void From_AValueThatIsNoDay_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WeekdayMask.From([(DayOfWeek)7]));
    }

    [Fact]
    public void Days_ListsTheMaskMondayFirst_AndContainsAgrees()
    {
        var mask = WeekdayMask.From([DayOfWeek.Sunday, DayOfWeek.Friday, DayOfWeek.Monday]);

        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Friday, DayOfWeek.Sunday], WeekdayMask.Days(mask));
        Assert.True(WeekdayMask.Contains(mask, DayOfWeek.Friday));
        Assert.False(WeekdayMask.Contains(mask, DayOfWeek.Wednesday));
    }

    [Fact]
    public void Days_OfEveryMask_GivesTheMaskBack()
    {
        for (var mask = 0; mask <= WeekdayMask.All; mask++)
        {
            Assert.Equal(mask, WeekdayMask.From(WeekdayMask.Days(mask)));
        }
    }
}
