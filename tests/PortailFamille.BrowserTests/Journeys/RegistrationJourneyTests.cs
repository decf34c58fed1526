using Microsoft.Playwright;
using PortailFamille.BrowserTests.Infrastructure;
using PortailFamille.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PortailFamille.BrowserTests.Journeys;

/// <summary>
/// A registration from the request to the decision, in a real browser: the family asks for
/// ALSH mercredi with a semaine type, the agent validates it from "Demandes d'inscription",
/// and the family finds it under "Inscriptions en cours".
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class RegistrationJourneyTests(BrowserPortal portal)
{
    [Fact]
    public async Task FamilyRequests_AgentValidates_FamilySeesItInProgress_EveryPageAccessible()
    {
        var axe = new AxeAudit();
        // A family of its own, so that no other journey has already asked for this registration.
        var lastName = "Journey" + string.Concat(Guid.NewGuid().ToString("N")[..6].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
        var today = DateOnly.FromDateTime(DateTime.Today);
        var account = await TestData.CreateFamilyAsync(portal, lastName, ("Zoé", today.AddYears(-7)));
        var childName = $"Zoé {lastName.ToUpperInvariant()}";

        // The family: each choice reloads the form with the next list.
        await using var home = await portal.NewContextAsync(width: 1280, height: 800);
        var familyProblems = PageProblems.Watch(home, portal.PublicUrl);
        var family = await home.NewPageAsync();
        family.SetDefaultTimeout(15000);
        await family.GotoAsync("/");
        await Journey.FillFamilySignInAsync(family, account.Email, account.Password);
        await Expect(family).ToHaveURLAsync(portal.Url("/famille"));

        await family.GotoAsync("/famille/inscriptions");
        await family.GetByRole(AriaRole.Link, new() { Name = childName }).ClickAsync();
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = childName, Level = 2 })).ToBeVisibleAsync();
        await axe.CheckAsync(family, "/famille/inscriptions?enfant=…");
        await family.GetByRole(AriaRole.Link, new() { Name = "Nouvelle inscription pour Zoé" }).ClickAsync();
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Nouvelle inscription", Level = 1 })).ToBeVisibleAsync();
        await axe.CheckAsync(family, "/famille/inscriptions/nouvelle");

        await family.GetByLabel("Choix de l'équipement").SelectOptionAsync(new SelectOptionValue { Label = "CENTRE DE LOISIRS" });
        await Expect(family.GetByLabel("Choix du type d'activité").Locator("option", new() { HasText = "ALSH" })).ToHaveCountAsync(1);
        await family.GetByLabel("Choix du type d'activité").SelectOptionAsync(new SelectOptionValue { Label = "ALSH" });
        await Expect(family.GetByLabel("Choix de l'activité").Locator("option", new() { HasText = "ALSH mercredi" })).ToHaveCountAsync(1);
        await family.GetByLabel("Choix de l'activité").SelectOptionAsync(new SelectOptionValue { Label = "ALSH mercredi" });
        var period = family.GetByLabel("Choix de la période");
        await Expect(period.Locator("option")).ToHaveCountAsync(2);
        var periodLabel = (await period.Locator("option").Nth(1).TextContentAsync())!.Trim();
        await period.SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Expect(family.GetByLabel("Date de début")).Not.ToHaveValueAsync(string.Empty);
        await family.GetByLabel("mercredi, Matin").CheckAsync();
        await family.GetByLabel("mercredi, Repas").CheckAsync();
        await axe.CheckAsync(family, "/famille/inscriptions/nouvelle (activité choisie)");
        await family.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la demande" }).ClickAsync();

        await Expect(family.GetByRole(AriaRole.Status)).ToContainTextAsync("est enregistrée");
        await Expect(family.GetByRole(AriaRole.Region, new() { Name = "Inscriptions en attente" })).ToContainTextAsync("CENTRE DE LOISIRS");
        await axe.CheckAsync(family, "/famille/inscriptions (demande enregistrée)");

        // The agent validates it from the queue.
        await using var office = await portal.NewContextAsync(width: 1280, height: 800);
        var officeProblems = PageProblems.Watch(office, portal.PublicUrl);
        var agent = await office.NewPageAsync();
        agent.SetDefaultTimeout(15000);
        await Journey.SignInAgentAsync(agent, portal, axe);
        await agent.GetByRole(AriaRole.Link, new() { Name = "Demandes d'inscription à traiter" }).ClickAsync();
        await Expect(agent).ToHaveURLAsync(portal.Url("/gestion/inscriptions"));
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Demandes d'inscription", Level = 1 })).ToBeVisibleAsync();
        await axe.CheckAsync(agent, "/gestion/inscriptions");

        var row = agent.GetByRole(AriaRole.Row).Filter(new() { HasText = childName });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("ALSH mercredi");
        await Expect(row).ToContainTextAsync("mer. : Matin, Repas");
        await row.Locator("summary").ClickAsync();
        await axe.CheckAsync(agent, "/gestion/inscriptions (motif du refus ouvert)");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Valider l'inscription de {childName} à ALSH mercredi" }).ClickAsync();

        await Expect(agent).ToHaveURLAsync(portal.Url("/gestion/inscriptions"));
        await Expect(agent.GetByRole(AriaRole.Status)).ToContainTextAsync("est validée");
        await Expect(agent.GetByRole(AriaRole.Row).Filter(new() { HasText = childName })).ToHaveCountAsync(0);
        await axe.CheckAsync(agent, "/gestion/inscriptions (après validation)");
        var mail = await portal.Smtp.WaitForMessageAsync(account.Email, m => (m.Subject ?? string.Empty).StartsWith("Votre inscription est validée", StringComparison.Ordinal));
        Assert.Contains("Zoé", mail.TextBody);

        // The family sees it in progress.
        await family.ReloadAsync();
        var inProgress = family.GetByRole(AriaRole.Region, new() { Name = "Inscriptions en cours" });
        await Expect(inProgress).ToContainTextAsync("CENTRE DE LOISIRS");
        await Expect(inProgress).ToContainTextAsync(periodLabel.Split(" (", StringSplitOptions.None)[0]);
        await axe.CheckAsync(family, "/famille/inscriptions (inscription validée)");

        axe.AssertNoSeriousViolation();
        familyProblems.AssertNone();
        officeProblems.AssertNone();
    }
}
