using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;
using static PortailFamille.Domain.Tests.Catalogue.DemoCatalogue;

namespace PortailFamille.Domain.Tests.Catalogue;

public class PeriodTests
{
    private const string LabelMessage = "Saisissez le libellé de la période (100 caractères au plus).";
    private static readonly Guid ActivityId = Guid.NewGuid();
    private static readonly DateOnly Start = new(2026, 9, 2);
    private static readonly DateOnly End = new(2027, 6, 30);
    private static readonly DateOnly Opens = new(2026, 6, 1);
    private static readonly DateOnly Closes = new(2026, 8, 31);

    [Fact]
    public void Create_KeepsTheLabelDatesAndWindow()
    {
        var outcome = Period.Create(ActivityId, " ALSH  mercredi 2026/2027 ", Start, End, Opens, Closes);

        Assert.True(outcome.Succeeded);
        var period = outcome.Value;
        Assert.NotEqual(Guid.Empty, period.Id);
        Assert.Equal(ActivityId, period.ActivityId);
        Assert.Equal("ALSH mercredi 2026/2027", period.Label);
        Assert.Equal(new DateRange(Start, End), period.Dates);
        Assert.Equal(Opens, period.RegistrationOpens);
        Assert.Equal(Closes, period.RegistrationCloses);
    }

    [Fact]
    public void Create_OfOneDay_IsAPeriod()
    {
        Assert.True(Period.Create(ActivityId, "Sortie", Start, Start, null, null).Succeeded);
    }

    [Fact]
    public void Create_WithNothingRight_GivesEveryRefusal()
    {
        var outcome = Period.Create(Guid.Empty, "", End, Start, null, null);

        Assert.Equal(
            [
                new("ActivityId", "Choisissez l'activité de la période."),
                new("Label", LabelMessage),
                new("End", "La date de fin de la période ne peut pas précéder sa date de début."),
            ],
            outcome.Refusals);
    }

    [Fact]
    public void Create_WithALabelOf101Characters_IsRefused()
    {
        AssertSingleRefusal(Period.Create(ActivityId, new string('a', 101), Start, End, null, null).Refusals, "Label", LabelMessage);
    }

    [Fact]
    public void Create_WithAWindowClosingBeforeItOpens_IsRefused()
    {
        AssertSingleRefusal(
            Period.Create(ActivityId, "ALSH mercredi 2026/2027", Start, End, Closes, Opens).Refusals,
            "RegistrationCloses",
            "La clôture des inscriptions ne peut pas précéder leur ouverture.");
    }

    [Fact]
    public void Create_WithAWindowClosingAfterThePeriod_IsRefused()
    {
        AssertSingleRefusal(
            Period.Create(ActivityId, "ALSH mercredi 2026/2027", Start, End, null, End.AddDays(1)).Refusals,
            "RegistrationCloses",
            "Les inscriptions doivent se clore au plus tard le dernier jour de la période (30/06/2027).");
    }

    [Fact]
    public void Create_WithAWindowClosingOnTheLastDay_IsAccepted()
    {
        Assert.True(Period.Create(ActivityId, "ALSH mercredi 2026/2027", Start, End, Opens, End).Succeeded);
    }

    [Fact]
    public void Rename_ChangesTheLabel_OrRefusesAndKeepsIt()
    {
        var period = Period.Create(ActivityId, "ALSH mercredi 2026/2027", Start, End, null, null).Value;

        Assert.True(period.Rename("Mercredis 2026/2027").Succeeded);
        AssertSingleRefusal(period.Rename("  ").Refusals, "Label", LabelMessage);

        Assert.Equal("Mercredis 2026/2027", period.Label);
    }

    [Fact]
    public void SetRegistrationWindow_ChangesTheWindow_OrRefusesAndKeepsIt()
    {
        var period = Period.Create(ActivityId, "ALSH mercredi 2026/2027", Start, End, Opens, Closes).Value;

        Assert.True(period.SetRegistrationWindow(null, new DateOnly(2026, 9, 30)).Succeeded);
        AssertSingleRefusal(
            period.SetRegistrationWindow(Opens, new DateOnly(2027, 7, 1)).Refusals,
            "RegistrationCloses",
            "Les inscriptions doivent se clore au plus tard le dernier jour de la période (30/06/2027).");

        Assert.Null(period.RegistrationOpens);
        Assert.Equal(new DateOnly(2026, 9, 30), period.RegistrationCloses);
    }

    [Theory]
    [InlineData("2026-05-31", "Les inscriptions pour cette période sont ouvertes du 01/06/2026 au 31/08/2026.")]
    [InlineData("2026-06-01", null)]
    [InlineData("2026-07-14", null)]
    [InlineData("2026-08-31", null)]
    [InlineData("2026-09-01", "Les inscriptions pour cette période sont closes depuis le 01/09/2026.")]
    [InlineData("2026-12-25", "Les inscriptions pour cette période sont closes depuis le 01/09/2026.")]
    public void AcceptsRequestsOn_TheWindow_BothEndsIncluded(string today, string? reason)
    {
        var period = Period.Create(ActivityId, "ALSH mercredi 2026/2027", Start, End, Opens, Closes).Value;
        var day = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(reason is null, period.AcceptsRequestsOn(day));
        Assert.Equal(reason, period.WhyRequestsAreClosedOn(day));
    }

    [Fact]
    public void AcceptsRequestsOn_AWindowWithoutEnd_SaysWhenItOpens()
    {
        var period = Period.Create(ActivityId, "ALSH mercredi 2026/2027", Start, End, Opens, null).Value;

        Assert.Equal("Les inscriptions pour cette période ouvrent le 01/06/2026.", period.WhyRequestsAreClosedOn(Opens.AddDays(-1)));
        Assert.True(period.AcceptsRequestsOn(End.AddYears(1)));
    }

    [Fact]
    public void AcceptsRequestsOn_AWindowWithoutStart_AcceptsUntilItCloses()
    {
        var period = Period.Create(ActivityId, "ALSH mercredi 2026/2027", Start, End, null, Closes).Value;

        Assert.True(period.AcceptsRequestsOn(new DateOnly(2000, 1, 1)));
        Assert.False(period.AcceptsRequestsOn(Closes.AddDays(1)));
    }

    [Fact]
    public void AcceptsRequestsOn_WithoutWindow_AlwaysAccepts()
    {
        var period = Period.Create(ActivityId, "ALSH mercredi 2026/2027", Start, End, null, null).Value;

        Assert.True(period.AcceptsRequestsOn(DateOnly.MinValue));
        Assert.Null(period.WhyRequestsAreClosedOn(DateOnly.MaxValue));
    }
}
