using Microsoft.Playwright;
using PortailFamille.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PortailFamille.BrowserTests.Journeys;

/// <summary>An administrator reads the commune's offer, edits an activity's tariffs and opens the calendar.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class CatalogueJourneyTests(BrowserPortal portal)
{
    [Fact]
    public async Task Administrator_ReadsTheCatalogue_AndIsToldOfAGapInATariffGrid_EveryPageAccessible()
    {
        var axe = new AxeAudit();
        await using var office = await portal.NewContextAsync(width: 1280, height: 800);
        var problems = PageProblems.Watch(office, portal.PublicUrl);
        var admin = await office.NewPageAsync();

        await admin.GotoAsync("/gestion/connexion");
        await admin.GetByLabel("Identifiant", new() { Exact = true }).FillAsync("admin@portail.example");
        await admin.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync("Demo-Admin-2026!");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Connexion" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(portal.Url("/gestion"));

        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Catalogue", Exact = true }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Catalogue", Level = 1 })).ToBeVisibleAsync();
        await Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "ALSH mercredi" })).ToContainTextAsync("Jours d'école");
        await axe.CheckAsync(admin, "/gestion/catalogue");
        await Artifacts.ScreenshotAsync(admin, "gestion-catalogue");

        await admin.GetByRole(AriaRole.Link, new() { Name = "ALSH mercredi", Exact = true }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Activité ALSH mercredi", Level = 1 })).ToBeVisibleAsync();
        await axe.CheckAsync(admin, "/gestion/catalogue/activites/{id}");

        await admin.GetByLabel("Matin : quotient de début de la tranche").Nth(1).FillAsync("500");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les tarifs" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("Matin : aucune tranche ne couvre les quotients de 401 à 499");
        await axe.CheckAsync(admin, "/gestion/catalogue/activites/{id} (erreur)");
        await Artifacts.ScreenshotAsync(admin, "gestion-catalogue-activite-erreur");

        await admin.GotoAsync("/gestion/catalogue/calendrier");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Calendrier de la commune", Level = 1 })).ToBeVisibleAsync();
        await axe.CheckAsync(admin, "/gestion/catalogue/calendrier");
        await Artifacts.ScreenshotAsync(admin, "gestion-catalogue-calendrier");
        await admin.GotoAsync("/gestion/catalogue/activites/nouvelle");
        await axe.CheckAsync(admin, "/gestion/catalogue/activites/nouvelle");
        await admin.GotoAsync("/gestion/catalogue/periodes/nouvelle");
        await axe.CheckAsync(admin, "/gestion/catalogue/periodes/nouvelle");

        axe.AssertNoSeriousViolation();
        problems.AssertNone();
    }
}
