using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;

namespace PortailFamille.Domain.Tests.Calendar;

public class DateBoundsTests
{
    [Theory]
    [InlineData(1, 1, 1, false)]
    [InlineData(1899, 12, 31, false)]
    [InlineData(1900, 1, 1, true)]
    [InlineData(2026, 9, 1, true)]
    [InlineData(2099, 12, 31, true)]
    [InlineData(2100, 1, 1, false)]
    [InlineData(9999, 12, 31, false)]
    public void Contains_TheDatesThePortalAccepts(int year, int month, int day, bool accepted)
    {
        Assert.Equal(accepted, DateBounds.Contains(new DateOnly(year, month, day)));
    }

    [Fact]
    public void TheMessage_SaysTheBoundsInFrench()
    {
        Assert.Equal("Saisissez une date comprise entre le 01/01/1900 et le 31/12/2099.", DateBounds.Message);
    }

    [Theory]
    [InlineData("0001-01-01", "2027-07-03", null, null, "Start")]
    [InlineData("2026-09-01", "9999-12-31", null, null, "End")]
    [InlineData("2026-09-01", "2027-07-03", "0001-01-01", null, "RegistrationOpens")]
    [InlineData("2026-09-01", "2027-07-03", null, "9999-12-31", "RegistrationCloses")]
    public void APeriod_OutOfBounds_IsRefused(string start, string end, string? opens, string? closes, string field)
    {
        var outcome = Period.Create(Guid.NewGuid(), "Toujours", DateOnly.Parse(start), DateOnly.Parse(end), opens is null ? null : DateOnly.Parse(opens), closes is null ? null : DateOnly.Parse(closes));

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Refusals, r => r.Field == field && r.Message == DateBounds.Message);
    }

    [Fact]
    public void ADateRange_OutOfBounds_IsRefused()
    {
        Assert.False(DateRange.Create(DateOnly.MinValue, new DateOnly(2026, 9, 1)).Succeeded);
        Assert.False(DateRange.Create(new DateOnly(2026, 9, 1), DateOnly.MaxValue).Succeeded);
        Assert.True(DateRange.Create(DateBounds.Earliest, DateBounds.Latest).Succeeded);
    }
}
