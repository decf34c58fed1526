using Microsoft.Playwright;
using PortailFamille.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PortailFamille.BrowserTests.Journeys;

/// <summary>
/// What an agent and a family really do, in a real browser: the agent creates the file of a
/// family known to the service, the family chooses its password from the emailed link and signs in.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class FamilyJourneyTests(BrowserPortal portal)
{
    private const string AgentEmail = "agent@portail.example";
    private const string AgentPassword = "Demo-Agent-2026!";
    private const string FamilyPassword = "Famille-Test-2026!";

    [Fact]
    public async Task AgentCreatesFamily_FamilyChoosesPasswordFromEmailAndSignsIn_EveryPageAccessible()
    {
        var axe = new AxeAudit();
        var email = $"famille-{Guid.NewGuid():N}@portail.example";

        // The agent, at a desktop, comes through the portal's public pages.
        await using var office = await portal.NewContextAsync(width: 1280, height: 800);
        var officeProblems = PageProblems.Watch(office, portal.PublicUrl);
        var agent = await office.NewPageAsync();

        await agent.GotoAsync("/");
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Le Portail de la Famille", Level = 1 })).ToBeVisibleAsync();
        await axe.CheckAsync(agent, "/ (ordinateur)");
        await Artifacts.ScreenshotAsync(agent, "accueil-ordinateur");

        await agent.GetByRole(AriaRole.Link, new() { Name = "Mentions légales" }).ClickAsync();
        await Expect(agent).ToHaveURLAsync(portal.Url("/mentions-legales"));
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Mentions légales", Level = 1 })).ToBeVisibleAsync();
        await axe.CheckAsync(agent);

        await agent.GetByRole(AriaRole.Link, new() { Name = "E-accessibilité" }).ClickAsync();
        await Expect(agent).ToHaveURLAsync(portal.Url("/accessibilite"));
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Déclaration d'accessibilité", Level = 1 })).ToBeVisibleAsync();
        await axe.CheckAsync(agent);

        await agent.GetByRole(AriaRole.Link, new() { Name = "Contactez-nous" }).ClickAsync();
        await Expect(agent).ToHaveURLAsync(portal.Url("/contact"));
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Contactez-nous", Level = 1 })).ToBeVisibleAsync();
        await axe.CheckAsync(agent);

        await agent.GotoAsync("/");
        await agent.GetByRole(AriaRole.Link, new() { Name = "Mot de passe oublié ?" }).ClickAsync();
        await Expect(agent).ToHaveURLAsync(portal.Url("/mot-de-passe-oublie"));
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Mot de passe oublié ?", Level = 1 })).ToBeVisibleAsync();
        await axe.CheckAsync(agent);

        await agent.GotoAsync("/");
        await agent.GetByRole(AriaRole.Link, new() { Name = "M'inscrire" }).ClickAsync();
        await Expect(agent).ToHaveURLAsync(portal.Url("/inscription"));
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Inscrivez-vous au portail de la famille !", Level = 1 })).ToBeVisibleAsync();
        await axe.CheckAsync(agent);

        // The back office.
        await agent.GetByRole(AriaRole.Link, new() { Name = "Accès gestion" }).ClickAsync();
        await Expect(agent).ToHaveURLAsync(portal.Url("/gestion/connexion"));
        await axe.CheckAsync(agent);
        await agent.GetByLabel("Identifiant", new() { Exact = true }).FillAsync(AgentEmail);
        await agent.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(AgentPassword);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Connexion" }).ClickAsync();

        await Expect(agent).ToHaveURLAsync(portal.Url("/gestion"));
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord", Level = 1 })).ToBeVisibleAsync();
        await axe.CheckAsync(agent);

        await agent.GetByRole(AriaRole.Link, new() { Name = "Familles", Exact = true }).ClickAsync();
        await Expect(agent).ToHaveURLAsync(portal.Url("/gestion/familles"));
        await axe.CheckAsync(agent);

        await agent.GetByRole(AriaRole.Link, new() { Name = "Créer une famille" }).ClickAsync();
        await Expect(agent).ToHaveURLAsync(portal.Url("/gestion/familles/nouvelle"));
        await axe.CheckAsync(agent);
        await agent.GetByLabel("Nom du responsable du foyer", new() { Exact = true }).FillAsync("Durand");
        await agent.GetByLabel("Prénom du responsable du foyer").FillAsync("Camille");
        await agent.GetByLabel("Adresse email").FillAsync(email);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Créer la famille et envoyer l'invitation" }).ClickAsync();

        await Expect(agent).ToHaveURLAsync(portal.Url("/gestion/familles"));
        await Expect(agent.GetByRole(AriaRole.Status)).ToContainTextAsync($"Une invitation à choisir un mot de passe a été envoyée à {email}.");
        await Expect(agent.GetByRole(AriaRole.Row).Filter(new() { HasText = email })).ToContainTextAsync("Invitation envoyée, pas encore acceptée");
        await axe.CheckAsync(agent, "/gestion/familles (après création)");

        await agent.GetByRole(AriaRole.Button, new() { Name = "Déconnexion" }).ClickAsync();
        await Expect(agent).ToHaveURLAsync(portal.Url("/gestion/connexion"));
        await Expect(agent.GetByRole(AriaRole.Button, new() { Name = "Déconnexion" })).ToHaveCountAsync(0);

        // The family, on a phone, opens the link of the invitation email.
        var invitation = await portal.Smtp.WaitForMessageAsync(email);
        var link = Journey.PortalLink(portal, invitation);
        Assert.StartsWith(portal.Url("/invitation?"), link, StringComparison.Ordinal);

        await using var phone = await portal.NewContextAsync(width: 390, height: 844, phone: true);
        var familyProblems = PageProblems.Watch(phone, portal.PublicUrl);
        var family = await phone.NewPageAsync();

        await family.GotoAsync(link);
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Choisir mon mot de passe", Level = 1 })).ToBeVisibleAsync();
        await Expect(family.GetByText("Bienvenue Camille")).ToBeVisibleAsync();
        await axe.CheckAsync(family, "/invitation (téléphone)");
        await family.GetByLabel("Nouveau mot de passe", new() { Exact = true }).FillAsync(FamilyPassword);
        await family.GetByLabel("Confirmez le nouveau mot de passe").FillAsync(FamilyPassword);
        await family.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mon mot de passe" }).ClickAsync();

        await Expect(family).ToHaveURLAsync(portal.Url("/"));
        await Expect(family.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre mot de passe est enregistré.");
        await axe.CheckAsync(family, "/ (téléphone)");
        await Artifacts.ScreenshotAsync(family, "accueil-telephone");
        await family.GetByLabel("Votre identifiant").FillAsync(email);
        await family.GetByLabel("Votre mot de passe").FillAsync(FamilyPassword);
        await family.GetByRole(AriaRole.Button, new() { Name = "Connexion" }).ClickAsync();

        await Expect(family).ToHaveURLAsync(portal.Url("/famille"));
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Ma famille", Level = 1 })).ToBeVisibleAsync();
        await Expect(family.GetByText("Aucun enfant n'est encore enregistré dans votre dossier.")).ToBeVisibleAsync();
        await axe.CheckAsync(family, "/famille (téléphone)");
        await Artifacts.ScreenshotAsync(family, "espace-famille-telephone");

        await family.GetByRole(AriaRole.Button, new() { Name = "Déconnexion" }).ClickAsync();
        await Expect(family).ToHaveURLAsync(portal.Url("/"));
        await Expect(family.GetByRole(AriaRole.Status)).ToContainTextAsync("Vous êtes déconnecté.");
        await Expect(family.GetByRole(AriaRole.Button, new() { Name = "Déconnexion" })).ToHaveCountAsync(0);

        axe.AssertNoSeriousViolation();
        officeProblems.AssertNone();
        familyProblems.AssertNone();
    }

    [Fact]
    public async Task DemoFamily_WithoutJavaScript_SignsInAndSeesItsChildren()
    {
        await using var context = await portal.NewContextAsync(width: 390, height: 844, javaScript: false, phone: true);
        var problems = PageProblems.Watch(context, portal.PublicUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByLabel("Votre identifiant").FillAsync("famille@portail.example");
        await page.GetByLabel("Votre mot de passe").FillAsync("Demo-Famille-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Connexion" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(portal.Url("/famille"));
        var children = page.GetByRole(AriaRole.Region, new() { Name = "Mes enfants" }).GetByRole(AriaRole.Heading, new() { Level = 3 });
        await Expect(children).ToHaveCountAsync(2);
        await Expect(page.GetByText("Age : 8 an(s)")).ToBeVisibleAsync();
        await Expect(page.GetByText("Age : 4 an(s)")).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "espace-famille-demo-sans-javascript-telephone");
        problems.AssertNone();
    }
}
