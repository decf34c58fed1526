using System.Net;
using PortailFamille.Web.Tests.Infrastructure;
using static PortailFamille.Web.Tests.Registrations.RegistrationTestData;

namespace PortailFamille.Web.Tests.Registrations;

public sealed class MyRegistrationsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task WithoutAChild_TheFamilyChoosesAmongItsChildren()
    {
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);
        var lea = await DemoChildAsync(factory, "Léa");
        var hugo = await DemoChildAsync(factory, "Hugo");

        var page = await client.GetAsync("/famille/inscriptions");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Mes inscriptions", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.Document.QuerySelector($"a[href='/famille/inscriptions?enfant={lea}']"));
        Assert.NotNull(page.Document.QuerySelector($"a[href='/famille/inscriptions?enfant={hugo}']"));
        Assert.NotNull(page.Document.QuerySelector("nav.main-nav a[href='/famille/inscriptions']"));
    }

    [Fact]
    public async Task DemoFamily_SeesLeasTwoRegistrations_WithTheFourColumns_OneWaiting()
    {
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);
        var lea = await DemoChildAsync(factory, "Léa");
        var canteen = await OfferAsync(factory, "Restaurant scolaire");
        var care = await OfferAsync(factory, "Périscolaire");

        var page = await client.GetAsync($"/famille/inscriptions?enfant={lea}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Attention ! Ne pas demander une nouvelle inscription pour une activité où vous avez déjà une inscription. Ajouter uniquement des réservations en cliquant sur Mes réservations.", page.Text);
        var current = page.Document.GetElementById("en-cours")!.ParentElement!;
        Assert.Equal(["Equipement", "Libellé inscription", "Date début", "Date fin", "Réservations"], current.QuerySelectorAll("th[scope=col]").Select(th => th.TextContent.Trim()));
        var currentRow = current.QuerySelectorAll("tbody tr").Single().QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["RESTAURANT SCOLAIRE", canteen.Period.Label, Day(canteen.Period.Start), Day(canteen.Period.End), "Mes réservations"], currentRow);

        var waiting = page.Document.GetElementById("en-attente")!.ParentElement!;
        var waitingRow = waiting.QuerySelectorAll("tbody tr").Single();
        Assert.Equal("?", waitingRow.QuerySelector("[aria-hidden=true]")!.TextContent.Trim());
        Assert.Equal("en attente de validation", waitingRow.QuerySelector(".visually-hidden")!.TextContent.Trim());
        Assert.Contains("ACCUEIL PÉRISCOLAIRE", waitingRow.TextContent);
        Assert.Contains(care.Period.Label, waitingRow.TextContent);
        Assert.Contains(Day(care.Period.Start), waitingRow.TextContent);

        // A validated registration links to its calendar; a waiting one has none yet.
        Assert.Equal("Mes réservations", Assert.Single(page.Document.QuerySelectorAll("a[href^='/famille/reservations/']")).TextContent.Trim());
        Assert.Empty(waitingRow.QuerySelectorAll("a[href^='/famille/reservations/']"));
        Assert.DoesNotContain("ALSH mercredi", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaFamille_OffersTheRegistrationButtons_ForEachChild()
    {
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);
        var hugo = await DemoChildAsync(factory, "Hugo");

        var page = await client.GetAsync("/famille");

        var card = page.Document.QuerySelectorAll(".child-card").Single(c => c.TextContent.Contains("Hugo", StringComparison.Ordinal));
        Assert.StartsWith("Nouvelle inscription", card.QuerySelector($"a[href='/famille/inscriptions/nouvelle?enfant={hugo}']")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Inscriptions en attente", card.QuerySelector($"a[href='/famille/inscriptions?enfant={hugo}#en-attente']")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Inscriptions en cours", card.QuerySelector($"a[href='/famille/inscriptions?enfant={hugo}#en-cours']")!.TextContent, StringComparison.Ordinal);
        var registrations = await client.GetAsync($"/famille/inscriptions?enfant={hugo}");
        Assert.NotNull(registrations.Document.QuerySelector("#en-attente"));
        Assert.Contains("ALSH mercredi", registrations.Document.GetElementById("en-cours")!.ParentElement!.QuerySelector("tbody")!.TextContent);
    }
}
