using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PortailFamille.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PortailFamille.BrowserTests.Journeys;

/// <summary>An agent looks a family up by a child's name and opens its whole file.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class FamilyFileJourneyTests(BrowserPortal portal)
{
    [GeneratedRegex(@"/gestion/familles\?recherche=l%C3%A9a&etat=Active$")]
    private static partial Regex SearchAddress();

    [Fact]
    public async Task Agent_FindsTheDemoFamilyByItsChild_AndReadsItsFile_EveryPageAccessible()
    {
        var axe = new AxeAudit();
        await using var office = await portal.NewContextAsync(width: 1280, height: 800);
        var problems = PageProblems.Watch(office, portal.PublicUrl);
        var agent = await office.NewPageAsync();

        await agent.GotoAsync("/gestion/connexion");
        await agent.GetByLabel("Identifiant", new() { Exact = true }).FillAsync("agent@portail.example");
        await agent.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync("Demo-Agent-2026!");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Connexion" }).ClickAsync();
        await Expect(agent).ToHaveURLAsync(portal.Url("/gestion"));

        await agent.GetByRole(AriaRole.Link, new() { Name = "Familles", Exact = true }).ClickAsync();
        await agent.GetByLabel("Rechercher", new() { Exact = true }).FillAsync("léa");
        await agent.GetByLabel("État du dossier").SelectOptionAsync(new SelectOptionValue { Label = "Actif" });
        await agent.GetByRole(AriaRole.Button, new() { Name = "Rechercher", Exact = true }).ClickAsync();

        await Expect(agent).ToHaveURLAsync(SearchAddress());
        await Expect(agent.GetByRole(AriaRole.Row).Filter(new() { HasText = "famille@portail.example" })).ToContainTextAsync("Actif");
        await axe.CheckAsync(agent, "/gestion/familles (recherche)");

        await agent.GetByRole(AriaRole.Link, new() { Name = "MARTIN Sophie", Exact = true }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Famille MARTIN Sophie", Level = 1 })).ToBeVisibleAsync();
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Léa MARTIN", Level = 3 })).ToBeVisibleAsync();
        await axe.CheckAsync(agent, "/gestion/familles/{id}");
        await Artifacts.ScreenshotAsync(agent, "gestion-dossier-famille");

        // A mistyped amount comes back in French, on its field, and nothing is saved.
        await agent.GetByLabel("Revenus mensuels (€)").FillAsync("beaucoup");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les revenus" }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Alert)).ToContainTextAsync("Saisissez les revenus mensuels en euros, par exemple 1083,33.");
        await Expect(agent.GetByLabel("Revenus mensuels (€)")).ToHaveValueAsync("beaucoup");
        await axe.CheckAsync(agent, "/gestion/familles/{id} (erreur)");

        axe.AssertNoSeriousViolation();
        problems.AssertNone();
    }
}
