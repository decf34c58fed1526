using PortailFamille.Domain.Billing;

namespace PortailFamille.Domain.Tests.Billing;

/// <summary>The quotient of a day and the grid of a family's town.</summary>
public class TariffChoiceTests
{
    private static readonly QuotientFrom[] History =
    [
        new(new DateOnly(2026, 9, 1), 900),
        new(new DateOnly(2026, 11, 16), 542),
    ];

    [Theory]
    [InlineData("2026-11-15", 900)]
    [InlineData("2026-11-16", 542)]
    [InlineData("2026-12-01", 542)]
    [InlineData("2026-09-01", 900)]
    [InlineData("2026-08-31", 900)]
    public void QuotientOn_IsTheLastOneApplyingThatDay_OrTheFirstBeforeIt(string day, int expected) =>
        Assert.Equal(expected, TariffChoice.QuotientOn(History, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void QuotientOn_IsUnknownWithoutAnyQuotient() =>
        Assert.Null(TariffChoice.QuotientOn([], new DateOnly(2026, 11, 2)));

    [Theory]
    [InlineData("Beaulieu-les-Sagnes", false)]
    [InlineData("beaulieu les sagnes", false)]
    [InlineData("BEAULIEU LES SAGNES ", false)]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("Sagnac", true)]
    [InlineData("Beaulieu", true)]
    public void IsOutOfCommune_ComparesTownsAsPeopleWriteThem(string? town, bool expected) =>
        Assert.Equal(expected, TariffChoice.IsOutOfCommune(town, "Beaulieu-les-Sagnes"));

    [Fact]
    public void IsOutOfCommune_ReadsAccentsAndSaintAlike() =>
        Assert.False(TariffChoice.IsOutOfCommune("St Étienne", "Saint-Etienne"));
}
