using Microsoft.Playwright;
using PortailFamille.BrowserTests.Infrastructure;
using PortailFamille.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PortailFamille.BrowserTests.Journeys;

/// <summary>
/// "Nouvelle inscription" with JavaScript, on a phone: choosing in a list fills the next one
/// without a "Choisir" button and without reloading the page, and the page fits the screen.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class NewRegistrationScriptTests(BrowserPortal portal)
{
    [Fact]
    public async Task WithJavaScript_EachChoiceFillsTheNextList_OnA390pxScreen()
    {
        var axe = new AxeAudit();
        var today = DateOnly.FromDateTime(DateTime.Today);
        var account = await TestData.CreateFamilyAsync(portal, "Script", ("Léon", today.AddYears(-6)));
        await using var phone = await portal.NewContextAsync(width: 390, height: 844, phone: true);
        var problems = PageProblems.Watch(phone, portal.PublicUrl);
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/");
        await Journey.FillFamilySignInAsync(page, account.Email, account.Password);
        await Expect(page).ToHaveURLAsync(portal.Url("/famille"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle inscription pour Léon" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nouvelle inscription", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Choisir l'équipement" })).ToBeHiddenAsync();
        // A mark left in the page survives only if no choice reloads it.
        await page.EvaluateAsync("() => { window.portailMarque = 42; }");

        await page.GetByLabel("Choix de l'équipement").SelectOptionAsync(new SelectOptionValue { Label = "CENTRE DE LOISIRS" });
        await Expect(page.GetByLabel("Choix du type d'activité").Locator("option", new() { HasText = "ALSH" })).ToHaveCountAsync(1);
        await page.GetByLabel("Choix du type d'activité").SelectOptionAsync(new SelectOptionValue { Label = "ALSH" });
        await Expect(page.GetByLabel("Choix de l'activité").Locator("option", new() { HasText = "ALSH mercredi" })).ToHaveCountAsync(1);
        await page.GetByLabel("Choix de l'activité").SelectOptionAsync(new SelectOptionValue { Label = "ALSH mercredi" });
        await Expect(page.GetByLabel("Mercredi, Repas")).ToBeVisibleAsync();
        await page.GetByLabel("Choix de la période").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Expect(page.GetByLabel("Date de début")).Not.ToHaveValueAsync(string.Empty);
        Assert.Equal(42, await page.EvaluateAsync<int>("() => window.portailMarque"));
        // A refresh is not a request: nothing was asked yet.
        await Expect(page.Locator(".alert--error")).ToHaveCountAsync(0);
        await Journey.AssertFitsTheScreenAsync(page, "/famille/inscriptions/nouvelle (390 px)");
        await axe.CheckAsync(page, "/famille/inscriptions/nouvelle (JavaScript, 390 px)");

        await page.GetByLabel("Mercredi, Repas").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la demande" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("est enregistrée");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Inscriptions en attente" })).ToContainTextAsync("CENTRE DE LOISIRS");
        await Journey.AssertFitsTheScreenAsync(page, "/famille/inscriptions (390 px)");
        await axe.CheckAsync(page, "/famille/inscriptions (390 px)");

        axe.AssertNoSeriousViolation();
        problems.AssertNone();
    }
    // Without JavaScript the page runs no script at all, axe and the overflow check included:
    // the boxes the browser lays out are measured instead (axe checks the same markup above).
    [Fact]
    public async Task WithoutJavaScript_TheChooseButtonsAndTheSemaineType_FitA390pxScreen()
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        var account = await TestData.CreateFamilyAsync(portal, "Sansscript", ("Léna", today.AddYears(-8)));
        await using var phone = await portal.NewContextAsync(width: 390, height: 844, javaScript: false, phone: true);
        var problems = PageProblems.Watch(phone, portal.PublicUrl);
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/");
        await Journey.FillFamilySignInAsync(page, account.Email, account.Password);
        await Expect(page).ToHaveURLAsync(portal.Url("/famille"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle inscription pour Léna" }).ClickAsync();

        await page.GetByLabel("Choix de l'équipement").SelectOptionAsync(new SelectOptionValue { Label = "CENTRE DE LOISIRS" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Choisir l'équipement" }).ClickAsync();
        await page.GetByLabel("Choix du type d'activité").SelectOptionAsync(new SelectOptionValue { Label = "ALSH" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Choisir le type d'activité" }).ClickAsync();
        await page.GetByLabel("Choix de l'activité").SelectOptionAsync(new SelectOptionValue { Label = "ALSH vacances" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Choisir l'activité" }).ClickAsync();
        await page.GetByLabel("Choix de la période").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Choisir la période" }).ClickAsync();
        await Expect(page.GetByLabel("Vendredi, Après-midi")).ToBeVisibleAsync();
        await AssertInsideAsync(page.GetByRole(AriaRole.Button, new() { Name = "Choisir la période" }));
        await AssertInsideAsync(page.Locator("table.week-table"));
        await AssertInsideAsync(page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la demande" }));

        await page.GetByLabel("Date de début").FillAsync("31/02/2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la demande" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Saisissez la date de début au format jj/mm/aaaa");
        await AssertInsideAsync(page.GetByRole(AriaRole.Alert));
        problems.AssertNone();
    }

    private static async Task AssertInsideAsync(ILocator locator)
    {
        var box = await locator.BoundingBoxAsync() ?? throw new InvalidOperationException("Not laid out.");
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"{locator} dépasse de l'écran de 390 px : x={box.X}, largeur={box.Width}.");
    }
}
