using Microsoft.Playwright;
using PortailFamille.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PortailFamille.BrowserTests.Journeys;

/// <summary>A new family signs up in 4 steps on a phone, confirms its address from the email, then signs in and sees its file waiting.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class SignUpJourneyTests(BrowserPortal portal)
{
    private const string Password = "Inscription-Phone-26!";

    [Fact]
    public async Task NewFamily_SignsUpOnAPhone_EveryStepAccessible_ThenSignsIn()
    {
        var axe = new AxeAudit();
        var email = $"inscription-{Guid.NewGuid():N}@portail.example";
        var birth = DateOnly.FromDateTime(DateTime.Today).AddYears(-6).AddDays(-30).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        await using var phone = await portal.NewContextAsync(width: 390, height: 844, phone: true);
        var problems = PageProblems.Watch(phone, portal.PublicUrl);
        var page = await phone.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "M'inscrire" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Étape 1 sur 4 : Responsable du foyer" })).ToBeVisibleAsync();
        await CheckStepAsync(page, axe, "inscription-1-telephone");
        await page.GetByLabel("Nom *", new() { Exact = true }).FillAsync("Garnier");
        await page.GetByLabel("Prénom *", new() { Exact = true }).FillAsync("Élise");
        await page.GetByLabel("Email *", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Mot de passe *", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Confirmez le mot de passe *", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Étape 2 sur 4 : Coordonnées" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Saisissez l'adresse (numéro et rue).");
        await CheckStepAsync(page, axe, "inscription-2-erreurs-telephone");
        await page.GetByLabel("Adresse (numéro et rue) *").FillAsync("4 allée des Mésanges");
        await page.GetByLabel("Code postal *").FillAsync("38860");
        await page.GetByLabel("Commune *").FillAsync("Beaulieu-les-Sagnes");
        await page.GetByLabel("Portable Parent 1").FillAsync("06 12 34 56 78");
        await page.GetByLabel("Régime général").CheckAsync();
        // Enter goes forward, as "Suivant" does, not back.
        await page.GetByLabel("Numéro allocataire").PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Étape 3 sur 4 : Enfants" })).ToBeVisibleAsync();
        await page.GetByLabel("Prénom *", new() { Exact = true }).FillAsync("Léo");
        await page.GetByLabel("Date de naissance *").FillAsync(birth);
        await page.GetByLabel("Masculin").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter un enfant" }).ClickAsync();
        var second = page.GetByRole(AriaRole.Group, new() { Name = "Enfant 2" });
        await Expect(second).ToBeVisibleAsync();
        await CheckStepAsync(page, axe, "inscription-3-telephone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retirer l'enfant 2" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Enfant 2" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Étape 4 sur 4 : Validation" })).ToBeVisibleAsync();
        await Expect(page.GetByText($"Léo GARNIER, né(e) le {birth}, Masculin")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma demande d'inscription" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("J'accepte que mes données soient traitées");
        await CheckStepAsync(page, axe, "inscription-4-telephone");
        await page.GetByLabel("J'accepte que mes données soient traitées").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma demande d'inscription" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(portal.Url("/inscription/envoyee"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("confirmer votre adresse email");
        await CheckStepAsync(page, axe, "inscription-envoyee-telephone");

        // The link of the email, opened on the same phone.
        var mail = await portal.Smtp.WaitForMessageAsync(email, m => m.Subject?.StartsWith("Confirmez votre adresse email", StringComparison.Ordinal) == true);
        var text = mail.TextBody!;
        var start = text.IndexOf(portal.Url("/inscription/confirmer?"), StringComparison.Ordinal);
        Assert.True(start >= 0, "No confirmation link in: " + text);
        var end = text.IndexOfAny(['\n', '\r', ' '], start);
        await page.GotoAsync(end < 0 ? text[start..] : text[start..end]);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirmer votre adresse email" })).ToBeVisibleAsync();
        await CheckStepAsync(page, axe, "inscription-confirmer-telephone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon adresse email" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Votre adresse email est confirmée" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("en attente de validation");
        await CheckStepAsync(page, axe, "inscription-confirmee-telephone");
        await page.GetByRole(AriaRole.Link, new() { Name = "Me connecter" }).ClickAsync();
        await page.GetByLabel("Votre identifiant").FillAsync(email);
        await page.GetByLabel("Votre mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Connexion" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(portal.Url("/famille"));
        await Expect(page.GetByText("Votre dossier est en attente de validation par le service.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Léo GARNIER", Level = 3 })).ToBeVisibleAsync();

        axe.AssertNoSeriousViolation();
        problems.AssertNone();
    }

    /// <summary>Axe, a screenshot, and nothing wider than the phone's screen.</summary>
    private static async Task CheckStepAsync(IPage page, AxeAudit axe, string name)
    {
        await axe.CheckAsync(page, name);
        await Artifacts.ScreenshotAsync(page, name);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{name} : la page fait {width} px de large sur un écran de 390 px.");
    }
}
