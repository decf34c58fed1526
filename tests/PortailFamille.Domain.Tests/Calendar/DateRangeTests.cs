using PortailFamille.Domain.Calendar;

namespace PortailFamille.Domain.Tests.Calendar;

public class DateRangeTests
{
    private static readonly DateOnly Start = new(2026, 7, 6);
    private static readonly DateOnly End = new(2026, 8, 28);

    [Fact]
    public void Create_WithTheEndAfterTheStart_Succeeds()
    {
        var outcome = DateRange.Create(Start, End);

        Assert.True(outcome.Succeeded);
        Assert.Equal(new DateRange(Start, End), outcome.Value);
    }

    [Fact]
    public void Create_OfASingleDay_Succeeds()
    {
        var outcome = DateRange.Create(Start, Start);

        Assert.True(outcome.Succeeded);
        Assert.Equal(1, outcome.Value.Length);
    }

    [Fact]
    public void Create_WithTheEndBeforeTheStart_IsRefusedOnTheEnd()
    {
        var outcome = DateRange.Create(End, Start);

        var refusal = Assert.Single(outcome.Refusals);
        Assert.Equal("End", refusal.Field);
        Assert.Equal("La date de fin doit être postérieure ou égale à la date de début.", refusal.Message);
    }

    [Fact]
    public void Length_CountsBothEnds()
    {
        // July 6 to 31 is 26 days, August 1 to 28 is 28.
        Assert.Equal(54, new DateRange(Start, End).Length);
    }

    [Fact]
    public void Contains_BothEnds_AndNotTheDaysAround()
    {
        var range = new DateRange(Start, End);

        Assert.True(range.Contains(Start));
        Assert.True(range.Contains(End));
        Assert.True(range.Contains(new DateOnly(2026, 8, 1)));
        Assert.False(range.Contains(Start.AddDays(-1)));
        Assert.False(range.Contains(End.AddDays(1)));
    }

    [Fact]
    public void Days_AreEveryDayInOrder()
    {
        var days = new DateRange(new DateOnly(2026, 2, 27), new DateOnly(2026, 3, 2)).Days();

        Assert.Equal(
            [new DateOnly(2026, 2, 27), new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)],
            days);
    }

    [Fact]
    public void Days_UpToTheLastRepresentableDay_StopWithoutOverflow()
    {
        var range = new DateRange(DateOnly.MaxValue.AddDays(-1), DateOnly.MaxValue);

        Assert.Equal([DateOnly.MaxValue.AddDays(-1), DateOnly.MaxValue], range.Days());
    }

    [Fact]
    public void ARangeBuiltBackwards_IsEmpty()
    {
        var range = new DateRange(End, Start);

        Assert.Equal(0, range.Length);
        Assert.Empty(range.Days());
        Assert.False(range.Contains(Start));
    }
}
