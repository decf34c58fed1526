using AngleSharp.Html.Dom;
using PortailFamille.Web.Tests.Infrastructure;
using PortailFamille.Web.Tests.Reservations;
using static PortailFamille.Web.Tests.Registrations.RegistrationTestData;

namespace PortailFamille.Web.Tests.Registrations;

/// <summary>The portal on Friday 4 December 2026 at 10:00 in Paris, three months into the demo school year.</summary>
public sealed class DecemberFactory : CalendarFactory
{
    protected override DateTime StartParisNow => new(2026, 12, 4, 10, 0, 0);
}

/// <summary>
/// "Nouvelle inscription" in December: the dates proposed start on the first day the child can
/// still be booked, not on the period's first day (01/09, long gone).
/// </summary>
public sealed class ProposedStartTests(DecemberFactory factory) : IClassFixture<DecemberFactory>
{
    [Theory]
    [InlineData("ALSH mercredi")]
    [InlineData("Périscolaire")]
    public async Task InDecember_TheDateDeDebutProposed_IsTheFirstDayStillBookable(string activity)
    {
        var account = await TestData.CreateFamilyAsync(factory, "Decembre", ("Zoé", BornYearsAgo(factory, 7)));
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(account.Email, account.Password);
        var offer = await OfferAsync(factory, activity);
        var childId = await ChildOfAsync(factory, account);
        var page = await client.GetAsync($"/famille/inscriptions/nouvelle?enfant={childId}");

        page = await client.PressAsync(page, "Choisir la période", offer.Form(string.Empty, string.Empty));

        Assert.True(offer.Period.Start < factory.Clock.Today, "The demo's period started before December.");
        var proposed = ((IHtmlInputElement)page.Document.GetElementById("Input_Start")!).Value;
        var first = await FirstBookableDayAsync(factory, offer);
        Assert.True(first > factory.Clock.Today);
        Assert.Equal(Day(first), proposed);
        Assert.Equal(Day(offer.Period.End), ((IHtmlInputElement)page.Document.GetElementById("Input_End")!).Value);
    }
}
