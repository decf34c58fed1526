using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using PortailFamille.BrowserTests.Infrastructure;
using PortailFamille.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PortailFamille.BrowserTests.Journeys;

/// <summary>
/// The life of a family file across the portal and the back office: a sign-up that an agent
/// validates, a family that completes its file on a phone, an email changed by the service.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class FamilyFileLifecycleTests(BrowserPortal portal)
{
    private const string Password = "Cycle-Famille-2026!";
    private const string ValidatedSubject = "Votre inscription au Portail Famille est validée";

    [Fact]
    public async Task NewFamily_SignsUp_AgentValidates_FamilyAddsAChildAndEditsItsCoordonnees()
    {
        var axe = new AxeAudit();
        // An address of a usual length: LongEmail_WrapsOnAPhone is about long ones.
        var email = $"ines.{Guid.NewGuid():N}"[..13] + "@portail.example";
        var today = DateOnly.FromDateTime(DateTime.Today);
        // Well clear of a birthday, whatever the difference between this machine's day and Paris's.
        var firstBirth = Date(today.AddYears(-7).AddDays(-40));
        var secondBirth = Date(today.AddYears(-4).AddDays(-60));

        // The family signs up on its phone.
        await using var phone = await portal.NewContextAsync(width: 390, height: 844, phone: true);
        var familyProblems = PageProblems.Watch(phone, portal.PublicUrl);
        var family = await phone.NewPageAsync();
        await SignUpAsync(family, axe, email, firstBirth);

        // The agent, at a desk, finds the new file and validates it.
        await using var office = await portal.NewContextAsync(width: 1280, height: 800);
        var officeProblems = PageProblems.Watch(office, portal.PublicUrl);
        var agent = await office.NewPageAsync();
        await Journey.SignInAgentAsync(agent, portal, axe);
        await Journey.OpenFamilyFileAsync(agent, portal, axe, email, "FONTAINE Inès", "En attente de validation");
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Noé FONTAINE", Level = 3 })).ToBeVisibleAsync();
        await axe.CheckAsync(agent, "/gestion/familles/{id} (en attente)");

        await agent.GetByRole(AriaRole.Button, new() { Name = "Valider l'inscription" }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Status)).ToContainTextAsync("L'inscription de la famille FONTAINE Inès est validée. Un email l'en informe.");
        var state = agent.GetByRole(AriaRole.Region, new() { Name = "État du dossier" });
        await Expect(state).ToContainTextAsync("Actif");
        await Expect(state).Not.ToContainTextAsync("En attente de validation");
        await Expect(agent.GetByRole(AriaRole.Button, new() { Name = "Valider l'inscription" })).ToHaveCountAsync(0);
        await Expect(agent.GetByRole(AriaRole.Button, new() { Name = "Refuser l'inscription" })).ToHaveCountAsync(0);
        await Expect(agent.GetByRole(AriaRole.Button, new() { Name = "Désactiver le dossier" })).ToBeVisibleAsync();
        await Expect(agent.GetByRole(AriaRole.Region, new() { Name = "Historique du dossier" })).ToContainTextAsync("Inscription validée");
        await axe.CheckAsync(agent, "/gestion/familles/{id} (validé)");

        // The same file on a phone-sized screen.
        await agent.SetViewportSizeAsync(390, 844);
        await axe.CheckAsync(agent, "/gestion/familles/{id} (largeur téléphone)");
        await Artifacts.ScreenshotAsync(agent, "gestion-dossier-famille-telephone");
        await Journey.AssertFitsTheScreenAsync(agent, "/gestion/familles/{id} (largeur téléphone)");

        // The family is told, and comes back through the email's link.
        var validated = await portal.Smtp.WaitForMessageAsync(email, Subject(ValidatedSubject));
        Assert.Contains("a validé votre inscription", validated.TextBody, StringComparison.Ordinal);
        var link = Journey.PortalLink(portal, validated);
        Assert.Equal(portal.Url("/"), link);

        await family.GotoAsync(link);
        await axe.CheckAsync(family, "/ (téléphone)");
        await Journey.FillFamilySignInAsync(family, email, Password);
        await Expect(family).ToHaveURLAsync(portal.Url("/famille"));
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Ma famille", Level = 1 })).ToBeVisibleAsync();
        await Expect(family.GetByText("en attente de validation")).ToHaveCountAsync(0);
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Noé FONTAINE", Level = 3 })).ToBeVisibleAsync();
        await axe.CheckAsync(family, "/famille (téléphone)");

        // A second child, through "AJOUTER une nouvelle personne".
        await family.GetByRole(AriaRole.Link, new() { Name = "AJOUTER une nouvelle personne" }).ClickAsync();
        await Expect(family).ToHaveURLAsync(portal.Url("/famille/enfants/nouveau"));
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Ajouter une nouvelle personne", Level = 1 })).ToBeVisibleAsync();
        await axe.CheckAsync(family, "/famille/enfants/nouveau (téléphone)");
        await Journey.AssertFitsTheScreenAsync(family, "/famille/enfants/nouveau");
        await family.GetByLabel("Nom", new() { Exact = true }).FillAsync("Fontaine");
        await family.GetByLabel("Prénom", new() { Exact = true }).FillAsync("Jade");
        await family.GetByLabel("Date de naissance", new() { Exact = true }).FillAsync(secondBirth);
        await family.GetByRole(AriaRole.Radio, new() { Name = "Féminin" }).CheckAsync();
        await family.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();

        await Expect(family).ToHaveURLAsync(portal.Url("/famille"));
        await Expect(family.GetByRole(AriaRole.Status)).ToContainTextAsync("Jade est ajouté(e) à votre famille.");
        var children = family.GetByRole(AriaRole.Region, new() { Name = "Mes enfants" });
        await Expect(children.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveCountAsync(2);
        var jade = children.GetByRole(AriaRole.Listitem).Filter(new() { Has = family.GetByRole(AriaRole.Heading, new() { Name = "Jade FONTAINE", Level = 3 }) });
        await Expect(jade).ToContainTextAsync("Age : 4 an(s)");
        await Expect(jade).ToContainTextAsync($"Né(e) le : {secondBirth}");
        await Expect(jade).ToContainTextAsync("Sexe : Féminin");
        await axe.CheckAsync(family, "/famille (enfant ajouté, téléphone)");
        await Artifacts.ScreenshotAsync(family, "ma-famille-telephone");
        await Journey.AssertFitsTheScreenAsync(family, "/famille");

        // Mes coordonnées: its fields (docs/product.md 3.4), and the email that only the service changes.
        await family.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Mes coordonnées" }).ClickAsync();
        await Expect(family).ToHaveURLAsync(portal.Url("/famille/coordonnees"));
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Mes coordonnées", Level = 1 })).ToBeVisibleAsync();
        await Expect(family.GetByRole(AriaRole.Main)).ToContainTextAsync("Responsable du foyer : FONTAINE Inès");
        await Expect(family.GetByRole(AriaRole.Main)).ToContainTextAsync("Adresse : 12 rue des Tilleuls 38860 BEAULIEU-LES-SAGNES");
        var coordonnees = family.GetByRole(AriaRole.Region, new() { Name = "Coordonnées", Exact = true });
        foreach (var field in new[] { "Tél domicile", "Portable Parent 1", "Portable Parent 2", "Tél travail parent 1", "Tél travail parent 2", "Nom de l'allocataire", "Régime allocataire", "Numéro allocataire" })
        {
            await Expect(coordonnees.GetByText(field, new() { Exact = true })).ToBeVisibleAsync();
        }

        await Expect(Value(coordonnees, "Email")).ToHaveTextAsync(email);
        await Expect(Value(coordonnees, "Portable Parent 1")).ToHaveTextAsync("06 11 22 33 44");
        await Expect(Value(coordonnees, "Régime allocataire")).ToHaveTextAsync("Régime général");
        await Expect(family.GetByText("* La modification du mail doit se faire directement à la structure.")).ToBeVisibleAsync();
        await axe.CheckAsync(family, "/famille/coordonnees (téléphone)");

        await family.GetByRole(AriaRole.Link, new() { Name = "Consulter / Modifier mes coordonnées" }).ClickAsync();
        await Expect(family).ToHaveURLAsync(portal.Url("/famille/coordonnees/modifier"));
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Modifier mes coordonnées", Level = 1 })).ToBeVisibleAsync();
        var emailField = family.GetByRole(AriaRole.Textbox, new() { Name = "Email", Exact = true });
        await Expect(emailField).ToHaveValueAsync(email);
        await Expect(emailField).Not.ToBeEditableAsync();
        await Expect(emailField).ToHaveAccessibleDescriptionAsync("* La modification du mail doit se faire directement à la structure : l'adresse sert d'identifiant pour se connecter.");
        await Expect(family.GetByLabel("Portable Parent 1")).ToHaveValueAsync("06 11 22 33 44");
        await axe.CheckAsync(family, "/famille/coordonnees/modifier (téléphone)");
        await Journey.AssertFitsTheScreenAsync(family, "/famille/coordonnees/modifier");
        await family.GetByLabel("Tél domicile", new() { Exact = true }).FillAsync("0476123456");
        await family.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mes coordonnées" }).ClickAsync();

        await Expect(family).ToHaveURLAsync(portal.Url("/famille/coordonnees"));
        await Expect(family.GetByRole(AriaRole.Status)).ToContainTextAsync("Vos coordonnées sont enregistrées.");
        await Expect(Value(coordonnees, "Tél domicile")).ToHaveTextAsync("04 76 12 34 56");
        await Expect(Value(coordonnees, "Portable Parent 1")).ToHaveTextAsync("06 11 22 33 44");
        await axe.CheckAsync(family, "/famille/coordonnees (enregistrées, téléphone)");
        await Artifacts.ScreenshotAsync(family, "mes-coordonnees-telephone");
        await Journey.AssertFitsTheScreenAsync(family, "/famille/coordonnees");

        // The agent sees what the family did.
        await agent.ReloadAsync();
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Jade FONTAINE", Level = 3 })).ToBeVisibleAsync();
        await Expect(Value(agent.GetByRole(AriaRole.Region, new() { Name = "Coordonnées", Exact = true }), "Tél domicile")).ToHaveTextAsync("04 76 12 34 56");

        axe.AssertNoSeriousViolation();
        familyProblems.AssertNone();
        officeProblems.AssertNone();
    }

    [Fact]
    public async Task Agent_ChangesAFamilysEmail_ThroughTheConfirmationLink()
    {
        var axe = new AxeAudit();
        var account = await TestData.CreateFamilyAsync(portal, "Lefebvre");
        var formerEmail = account.Email;
        var newEmail = $"alice.{Guid.NewGuid():N}"[..14] + "@portail.example";

        await using var office = await portal.NewContextAsync(width: 1280, height: 800);
        var officeProblems = PageProblems.Watch(office, portal.PublicUrl);
        var agent = await office.NewPageAsync();
        await Journey.SignInAgentAsync(agent, portal, axe);
        await Journey.OpenFamilyFileAsync(agent, portal, axe, formerEmail, "LEFEBVRE Alice", "Actif");
        await axe.CheckAsync(agent, "/gestion/familles/{id}");

        var change = agent.GetByRole(AriaRole.Region, new() { Name = "Changer l'adresse email" });
        await Expect(change.GetByRole(AriaRole.Radio, new() { Name = $"Parent 1 : LEFEBVRE Alice ({formerEmail})" })).ToBeCheckedAsync();
        await change.GetByLabel("Nouvelle adresse email").FillAsync(newEmail);
        await change.GetByRole(AriaRole.Button, new() { Name = "Envoyer le lien de confirmation" }).ClickAsync();

        await Expect(agent.GetByRole(AriaRole.Status)).ToContainTextAsync($"Un lien de confirmation, valable 1 heure, a été envoyé à {newEmail}.");
        // Nothing changes until the link is used.
        var guardians = agent.GetByRole(AriaRole.Region, new() { Name = "Responsables", Exact = true });
        await Expect(guardians).ToContainTextAsync(formerEmail);
        await Expect(agent.GetByRole(AriaRole.Region, new() { Name = "Historique du dossier" })).ToContainTextAsync($"{formerEmail} → {newEmail}");
        await axe.CheckAsync(agent, "/gestion/familles/{id} (lien envoyé)");

        var confirmation = await portal.Smtp.WaitForMessageAsync(newEmail, Subject("Confirmez votre nouvelle adresse email"));
        var notice = await portal.Smtp.WaitForMessageAsync(formerEmail, Subject("Demande de changement de votre adresse email"));
        Assert.Contains(newEmail, notice.TextBody, StringComparison.Ordinal);
        var link = Journey.PortalLink(portal, confirmation);
        Assert.StartsWith(portal.Url("/confirmer-email?"), link, StringComparison.Ordinal);

        // The family opens the link on its phone, in a browser that has never been signed in.
        await using var phone = await portal.NewContextAsync(width: 390, height: 844, phone: true);
        var familyProblems = PageProblems.Watch(phone, portal.PublicUrl);
        var family = await phone.NewPageAsync();
        await family.GotoAsync(link);
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Confirmer ma nouvelle adresse email", Level = 1 })).ToBeVisibleAsync();
        await Expect(family.GetByRole(AriaRole.Main)).ToContainTextAsync($"Votre nouvelle adresse email sera {newEmail}.");
        await axe.CheckAsync(family, "/confirmer-email (téléphone)");
        await family.GetByRole(AriaRole.Button, new() { Name = "Confirmer ma nouvelle adresse" }).ClickAsync();

        await Expect(family.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre nouvelle adresse email est enregistrée : elle est désormais votre identifiant.");
        await Expect(family.GetByRole(AriaRole.Main)).ToContainTextAsync($"Connectez-vous désormais avec l'adresse {newEmail}");
        await axe.CheckAsync(family, "/confirmer-email (confirmée, téléphone)");
        await Journey.AssertFitsTheScreenAsync(family, "/confirmer-email");
        var changed = await portal.Smtp.WaitForMessageAsync(formerEmail, Subject("Votre adresse email a été modifiée"));
        Assert.Contains(newEmail, changed.TextBody, StringComparison.Ordinal);

        // The former address no longer signs in; the new one does, with the same password.
        await family.GetByRole(AriaRole.Link, new() { Name = "Aller à la page de connexion" }).ClickAsync();
        await Expect(family).ToHaveURLAsync(portal.Url("/"));
        await Journey.FillFamilySignInAsync(family, formerEmail, account.Password);
        await Expect(family.GetByRole(AriaRole.Alert)).ToContainTextAsync("Identifiant ou mot de passe incorrect.");
        await Expect(family).ToHaveURLAsync(portal.Url("/"));
        await axe.CheckAsync(family, "/ (ancienne adresse refusée, téléphone)");

        await Journey.FillFamilySignInAsync(family, newEmail, account.Password);
        await Expect(family).ToHaveURLAsync(portal.Url("/famille"));
        await Expect(family.GetByRole(AriaRole.Region, new() { Name = "Responsables", Exact = true })).ToContainTextAsync($"LEFEBVRE Alice ({newEmail})");
        await axe.CheckAsync(family, "/famille (nouvelle adresse, téléphone)");

        // The file in the back office follows.
        await agent.ReloadAsync();
        await Expect(guardians).ToContainTextAsync(newEmail);
        await Expect(guardians).Not.ToContainTextAsync(formerEmail);
        await Expect(agent.GetByRole(AriaRole.Region, new() { Name = "Historique du dossier" })).ToContainTextAsync("confirmée avec le lien envoyé à la nouvelle adresse");

        axe.AssertNoSeriousViolation();
        officeProblems.AssertNone();
        familyProblems.AssertNone();
    }

    /// <summary>
    /// Addresses of 50 characters exist (the test helpers make them too): on a phone they must
    /// wrap, in the family space, on the confirmation page and in the file, not push the page
    /// wider than the screen.
    /// </summary>
    [Fact]
    public async Task LongEmail_WrapsOnAPhone_InTheFamilySpace_TheFileAndTheConfirmationPage()
    {
        var axe = new AxeAudit();
        var overflows = new List<string>();
        var account = await TestData.CreateFamilyAsync(portal, "Lefebvre");
        var newEmail = $"nouvelle-adresse-{Guid.NewGuid():N}@portail.example";
        Assert.True(account.Email.Length >= 50 && newEmail.Length >= 50);

        await using var phone = await portal.NewContextAsync(width: 390, height: 844, phone: true);
        var family = await phone.NewPageAsync();
        await family.GotoAsync("/");
        await Journey.FillFamilySignInAsync(family, account.Email, account.Password);
        await Expect(family).ToHaveURLAsync(portal.Url("/famille"));
        await CollectOverflowAsync(family, "/famille", overflows);
        await family.GotoAsync("/famille/coordonnees");
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Mes coordonnées", Level = 1 })).ToBeVisibleAsync();
        await CollectOverflowAsync(family, "/famille/coordonnees", overflows);
        await family.GotoAsync("/famille/coordonnees/modifier");
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Modifier mes coordonnées", Level = 1 })).ToBeVisibleAsync();
        await CollectOverflowAsync(family, "/famille/coordonnees/modifier", overflows);

        await using var office = await portal.NewContextAsync(width: 390, height: 844, phone: true);
        var agent = await office.NewPageAsync();
        await Journey.SignInAgentAsync(agent, portal, axe);
        await Journey.OpenFamilyFileAsync(agent, portal, axe, account.Email, "LEFEBVRE Alice", "Actif");
        await CollectOverflowAsync(agent, "/gestion/familles/{id}", overflows);
        await agent.GetByLabel("Nouvelle adresse email").FillAsync(newEmail);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Envoyer le lien de confirmation" }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Status)).ToContainTextAsync(newEmail);
        await CollectOverflowAsync(agent, "/gestion/familles/{id} (lien envoyé)", overflows);

        var confirmation = await portal.Smtp.WaitForMessageAsync(newEmail, Subject("Confirmez votre nouvelle adresse email"));
        await family.GotoAsync(Journey.PortalLink(portal, confirmation));
        await CollectOverflowAsync(family, "/confirmer-email", overflows);
        await family.GetByRole(AriaRole.Button, new() { Name = "Confirmer ma nouvelle adresse" }).ClickAsync();
        await Expect(family.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre nouvelle adresse email est enregistrée");
        await CollectOverflowAsync(family, "/confirmer-email (confirmée)", overflows);

        Assert.True(overflows.Count == 0, string.Join(Environment.NewLine, overflows));
        axe.AssertNoSeriousViolation();
    }

    /// <summary>The 4 steps of the sign-up, each checked with axe, up to the page that says the request is sent.</summary>
    private async Task SignUpAsync(IPage page, AxeAudit axe, string email, string birth)
    {
        await page.GotoAsync("/");
        await axe.CheckAsync(page, "/ (téléphone, avant inscription)");
        await page.GetByRole(AriaRole.Link, new() { Name = "M'inscrire" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Étape 1 sur 4 : Responsable du foyer" })).ToBeVisibleAsync();
        await axe.CheckAsync(page, "/inscription étape 1");
        await page.GetByLabel("Nom *", new() { Exact = true }).FillAsync("Fontaine");
        await page.GetByLabel("Prénom *", new() { Exact = true }).FillAsync("Inès");
        await page.GetByLabel("Email *", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Mot de passe *", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Confirmez le mot de passe *", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Étape 2 sur 4 : Coordonnées" })).ToBeVisibleAsync();
        await axe.CheckAsync(page, "/inscription étape 2");
        await page.GetByLabel("Adresse (numéro et rue) *").FillAsync("12 rue des Tilleuls");
        await page.GetByLabel("Code postal *").FillAsync("38860");
        await page.GetByLabel("Commune *").FillAsync("Beaulieu-les-Sagnes");
        await page.GetByLabel("Portable Parent 1").FillAsync("0611223344");
        await page.GetByLabel("Régime général").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Étape 3 sur 4 : Enfants" })).ToBeVisibleAsync();
        await axe.CheckAsync(page, "/inscription étape 3");
        await page.GetByLabel("Prénom *", new() { Exact = true }).FillAsync("Noé");
        await page.GetByLabel("Date de naissance *").FillAsync(birth);
        await page.GetByLabel("Masculin").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Étape 4 sur 4 : Validation" })).ToBeVisibleAsync();
        await Expect(page.GetByText($"Noé FONTAINE, né(e) le {birth}, Masculin")).ToBeVisibleAsync();
        await axe.CheckAsync(page, "/inscription étape 4");
        await page.GetByLabel("J'accepte que mes données soient traitées").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma demande d'inscription" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(portal.Url("/inscription/envoyee"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("confirmer votre adresse email");
        await axe.CheckAsync(page, "/inscription/envoyee");

        // The file reaches the service once the address is confirmed from the emailed link.
        var mail = await portal.Smtp.WaitForMessageAsync(email, m => m.Subject?.StartsWith("Confirmez votre adresse email", StringComparison.Ordinal) == true);
        var text = mail.TextBody!;
        var start = text.IndexOf(portal.Url("/inscription/confirmer?"), StringComparison.Ordinal);
        Assert.True(start >= 0, "No confirmation link in: " + text);
        var end = text.IndexOfAny(['\n', '\r', ' '], start);
        await page.GotoAsync(end < 0 ? text[start..] : text[start..end]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon adresse email" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("en attente de validation");
        await axe.CheckAsync(page, "/inscription/confirmer");
    }

    private static async Task CollectOverflowAsync(IPage page, string name, List<string> overflows)
    {
        if (await Journey.OverflowAsync(page, name) is { } overflow)
        {
            overflows.Add(overflow);
        }
    }

    /// <summary>The value (dd) that follows a term (dt) of a description list.</summary>
    private static ILocator Value(ILocator list, string term) =>
        list.Locator("dt").Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(term)}\\s*\\*?$") }).Locator("xpath=following-sibling::dd[1]");

    /// <summary>Matches a message by the start of its subject (the portal adds the commune's name).</summary>
    private static Func<MimeMessage, bool> Subject(string start) =>
        message => message.Subject?.StartsWith(start, StringComparison.Ordinal) == true;

    private static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
