using Microsoft.Extensions.Time.Testing;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Tests.Portal;

/// <summary>Dates and deadlines are Paris dates, whatever the server's zone and across daylight saving.</summary>
public sealed class ParisClockTests
{
    private static ParisClock At(string utc) => new(new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    // Winter (UTC+1): 23:30 UTC is already tomorrow in Paris.
    [InlineData("2026-01-14T23:30:00Z", "2026-01-15", "00:30")]
    // Summer (UTC+2): 22:30 UTC is already tomorrow in Paris.
    [InlineData("2026-07-14T22:30:00Z", "2026-07-15", "00:30")]
    [InlineData("2026-07-14T21:30:00Z", "2026-07-14", "23:30")]
    // The night of the change to summer time, 29/03/2026: 02:00 jumps to 03:00.
    [InlineData("2026-03-29T00:59:00Z", "2026-03-29", "01:59")]
    [InlineData("2026-03-29T01:00:00Z", "2026-03-29", "03:00")]
    // The night of the change to winter time, 25/10/2026: 03:00 goes back to 02:00.
    [InlineData("2026-10-25T00:30:00Z", "2026-10-25", "02:30")]
    [InlineData("2026-10-25T01:30:00Z", "2026-10-25", "02:30")]
    [InlineData("2026-10-24T21:59:00Z", "2026-10-24", "23:59")]
    [InlineData("2026-10-24T22:00:00Z", "2026-10-25", "00:00")]
    public void Now_IsTheParisWallClock(string utc, string parisDate, string parisTime)
    {
        var clock = At(utc);

        Assert.Equal(DateOnly.Parse(parisDate, System.Globalization.CultureInfo.InvariantCulture), clock.Today);
        Assert.Equal(parisTime, clock.Now.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void FrenchFormats_AreDayMonthYear()
    {
        Assert.Equal("05/09/2019", ParisClock.FormatDate(new DateOnly(2019, 9, 5)));
        Assert.Equal(new DateOnly(2019, 9, 5), ParisClock.ParseDate("5/9/2019"));
        Assert.Equal(new DateOnly(2019, 9, 5), ParisClock.ParseDate(" 05/09/2019 "));
        Assert.Null(ParisClock.ParseDate("2019-09-05"));
        Assert.Null(ParisClock.ParseDate("31/02/2019"));
        Assert.Equal("28/11/2026 à 14:05", ParisClock.FormatInstant(new DateTimeOffset(2026, 11, 28, 13, 5, 0, TimeSpan.Zero)));
    }
}
