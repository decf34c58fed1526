using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PortailFamille.BrowserTests.Infrastructure;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Tests.Billing;
using PortailFamille.Web.Tests.Infrastructure;
using PortailFamille.Web.Tests.Reservations;
using static Microsoft.Playwright.Assertions;

namespace PortailFamille.BrowserTests.Journeys;

/// <summary>
/// A payment at the counter and what the family gets from it, in a real browser (docs/product.md
/// 4.7 and 4.8): an agent records a cheque on the family's file and opens the payment's page;
/// the family finds it in Mon compte › Mes règlements, downloads the receipt, then asks for the
/// year's tax certificate and downloads it. Every page is checked with axe on a desktop screen
/// and on a phone, where it must fit without scrolling sideways.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class PaymentJourneyTests(BrowserPortal portal)
{
    [Fact]
    public async Task Agent_RecordsACheque_FamilyDownloadsTheReceiptAndTheTaxCertificate()
    {
        var axe = new AxeAudit();
        var overflows = new List<string>();
        var today = portal.Clock.Today;
        var lastName = GestionTestData.UniqueName("Cheque");
        var account = await TestData.CreateFamilyAsync(portal, lastName, ("Lou", today.AddYears(-4)));
        var familyId = account.FamilyId!.Value;
        var childId = await portal.WithDbAsync(db => db.Children.Where(c => c.FamilyId == familyId).Select(c => c.Id).SingleAsync());
        var unitId = await portal.WithDbAsync(async db => (await db.Activities.AsNoTracking().ToListAsync())
            .SelectMany(a => a.Units.Where(u => !u.IsMeal).Select(u => u.Id)).First());
        var upper = lastName.ToUpperInvariant();
        var invoice = await BillingTestData.CreateInvoiceAsync(portal, familyId, $"{upper} Alice", new DateOnly(today.Year, today.Month, 1).AddMonths(-1),
            new TestLine($"Lou {upper}", "Périscolaire", "Matin", BillingKind.Reserved, 10, 2m, ChildId: childId, UnitId: unitId));

        await using var office = await portal.NewContextAsync(width: 1280, height: 900);
        await using var officePhone = await portal.NewContextAsync(width: 390, height: 844, phone: true);
        var officeProblems = PageProblems.Watch(office, portal.PublicUrl);
        var agent = await office.NewPageAsync();
        agent.SetDefaultTimeout(15000);
        var small = await officePhone.NewPageAsync();
        small.SetDefaultTimeout(15000);
        await Journey.SignInAgentAsync(agent, portal, axe);
        await Journey.SignInAgentAsync(small, portal, axe);

        // The family's file: a cheque of 20,00 €, by keyboard-reachable fields named as the agent reads them.
        await agent.GotoAsync($"/gestion/familles/{familyId}");
        var form = agent.GetByRole(AriaRole.Region, new() { Name = "Enregistrer un règlement" });
        await form.GetByLabel("Mode de paiement").SelectOptionAsync(new SelectOptionValue { Label = "Chèque" });
        await form.GetByLabel("Montant (€)").FillAsync("20,00");
        await form.GetByLabel("Numéro du chèque").FillAsync("0012345");
        await form.GetByLabel("Banque").FillAsync("Banque postale");
        await form.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le règlement" }).ClickAsync();
        var payments = agent.GetByRole(AriaRole.Table, new() { Name = "Règlements de la famille, du plus récent au plus ancien" });
        var row = payments.GetByRole(AriaRole.Row).Filter(new() { HasText = "0012345" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td[data-label='Affecté à']")).ToHaveTextAsync(new Regex($"{Regex.Escape(invoice.Number)} \\(20,00\\s€\\)"));
        var number = (await row.Locator("th").TextContentAsync())!.Trim();
        Assert.Matches(ReceiptPattern(), number);
        await Journey.CheckDesktopAndPhoneAsync(agent, small, axe, overflows, "/gestion/familles/{id} (règlement)", "reglement-fiche-famille");

        await row.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(number);
        await Journey.CheckDesktopAndPhoneAsync(agent, small, axe, overflows, "/gestion/reglements/{id}", "reglement-page");

        // The family, on a desktop screen and on a phone.
        await using var home = await FamilyOnBothScreensAsync(account);
        var (family, phone, homeProblems) = (home.Desktop, home.Phone, home.Problems);

        await family.GotoAsync("/famille/compte");
        await family.GetByRole(AriaRole.Link, new() { Name = "Mes règlements", Exact = true }).ClickAsync();
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Mes règlements", Level = 1 })).ToBeVisibleAsync();
        await Journey.CheckDesktopAndPhoneAsync(family, phone, axe, overflows, "/famille/compte/reglements", "reglement-mes-reglements");
        var receipt = await family.RunAndWaitForDownloadAsync(() =>
            family.GetByRole(AriaRole.Link, new() { Name = $"PDF du reçu du règlement {number}", Exact = true }).ClickAsync());
        var receiptText = BillingTestData.PdfText(await File.ReadAllBytesAsync(await receipt.PathAsync()));
        Assert.Contains(number, receiptText, StringComparison.Ordinal);
        Assert.Contains("20,00", receiptText, StringComparison.Ordinal);

        await family.GetByRole(AriaRole.Link, new() { Name = "Retour à Mon compte" }).ClickAsync();
        await family.GetByRole(AriaRole.Link, new() { Name = "Demande d'Attestation fiscale", Exact = true }).ClickAsync();
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Demande d'Attestation fiscale", Level = 1 })).ToBeVisibleAsync();
        await Journey.CheckDesktopAndPhoneAsync(family, phone, axe, overflows, "/famille/compte/attestation-fiscale", "attestation-fiscale");
        await family.GetByLabel("Sommes payées en").SelectOptionAsync(today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var certificate = await family.RunAndWaitForDownloadAsync(() =>
            family.GetByRole(AriaRole.Button, new() { Name = "Obtenir l'attestation fiscale (PDF)" }).ClickAsync());
        var certificateText = BillingTestData.PdfText(await File.ReadAllBytesAsync(await certificate.PathAsync()));
        Assert.Contains("ATTESTATION FISCALE", certificateText, StringComparison.Ordinal);
        Assert.Contains($"Lou {upper}", certificateText, StringComparison.Ordinal);
        Assert.Contains("20,00", certificateText, StringComparison.Ordinal);

        axe.AssertNoSeriousViolation();
        Assert.True(overflows.Count == 0, string.Join(Environment.NewLine, overflows));
        officeProblems.AssertNone();
        homeProblems.AssertNone();
    }

    [Fact]
    public async Task Family_PaysAnInvoiceOnlineThroughTheTestProvider_AndSeesItPaid()
    {
        var axe = new AxeAudit();
        var overflows = new List<string>();
        var today = portal.Clock.Today;
        var lastName = GestionTestData.UniqueName("Carte");
        var account = await TestData.CreateFamilyAsync(portal, lastName, ("Noé", today.AddYears(-7)));
        var familyId = account.FamilyId!.Value;
        var upper = lastName.ToUpperInvariant();
        var invoice = await BillingTestData.CreateInvoiceAsync(portal, familyId, $"{upper} Alice", new DateOnly(today.Year, today.Month, 1).AddMonths(-1),
            new TestLine($"Noé {upper}", "Restaurant scolaire", "Repas", BillingKind.Reserved, 10, 3.75m));

        await using var home = await FamilyOnBothScreensAsync(account);
        var (family, phone, homeProblems) = (home.Desktop, home.Phone, home.Problems);

        await family.GotoAsync("/famille/compte/factures");
        var row = family.GetByRole(AriaRole.Row).Filter(new() { HasText = invoice.Number });
        await row.GetByRole(AriaRole.Link, new() { Name = $"Payer cette facture : {invoice.Number}" }).ClickAsync();
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = $"Payer la facture {invoice.Number}", Level = 1 })).ToBeVisibleAsync();
        await Journey.CheckDesktopAndPhoneAsync(family, phone, axe, overflows, "/famille/compte/factures/{id}/payer", "paiement-en-ligne-confirmation");

        // By keyboard: the button focused and Enter pressed, as on the treasury's page after it.
        var pay = family.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Payer 37,50\s€ en ligne$") });
        await pay.FocusAsync();
        await family.Keyboard.PressAsync("Enter");
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Paiement sécurisé — fournisseur de test", Level = 1 })).ToBeVisibleAsync();
        await Expect(family.GetByText(new Regex(@"^37,50\s€$"))).ToBeVisibleAsync();
        await Journey.CheckDesktopAndPhoneAsync(family, phone, axe, overflows, "/payfip-test/paiement", "paiement-en-ligne-fournisseur-de-test");

        // Meanwhile, in a second tab, the payment's page says it waits for the treasury, and
        // turns to the result by itself once the family has paid in the first.
        var attemptId = await portal.WithDbAsync(db => db.OnlinePaymentAttempts.Where(a => a.InvoiceId == invoice.Id).Select(a => a.Id).SingleAsync());
        var waiting = await home.DesktopContext.NewPageAsync();
        waiting.SetDefaultTimeout(15000);
        await waiting.GotoAsync($"/famille/compte/paiements-en-ligne/{attemptId}");
        await Expect(waiting.GetByRole(AriaRole.Heading, new() { Name = "Paiement en cours de vérification", Level = 1 })).ToBeVisibleAsync();
        await axe.CheckAsync(waiting, "/famille/compte/paiements-en-ligne/{id} (en cours, 1280 px)");
        await family.GetByRole(AriaRole.Button, new() { Name = "Payer", Exact = true }).FocusAsync();
        await family.Keyboard.PressAsync("Enter");

        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Paiement enregistré", Level = 1 })).ToBeVisibleAsync();
        await Expect(family.GetByText("Votre paiement est enregistré : merci.")).ToBeVisibleAsync();
        await Expect(waiting.GetByRole(AriaRole.Heading, new() { Name = "Paiement enregistré", Level = 1 })).ToBeVisibleAsync();
        await waiting.CloseAsync();
        Assert.Matches(@"/famille/compte/paiements-en-ligne/[0-9a-f-]{36}$", family.Url);
        await Journey.CheckDesktopAndPhoneAsync(family, phone, axe, overflows, "/famille/compte/paiements-en-ligne/{id}", "paiement-en-ligne-resultat");
        var receipt = await family.RunAndWaitForDownloadAsync(() =>
            family.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^PDF du reçu du règlement R-\d{4}-\d{6}$") }).ClickAsync());
        var receiptText = BillingTestData.PdfText(await File.ReadAllBytesAsync(await receipt.PathAsync()));
        Assert.Contains("37,50", receiptText, StringComparison.Ordinal);

        await family.GetByRole(AriaRole.Link, new() { Name = "Retour au détail financier par facture" }).ClickAsync();
        await Expect(family.GetByRole(AriaRole.Row).Filter(new() { HasText = invoice.Number }).Locator("td[data-label='État']")).ToHaveTextAsync("Payée");

        // The agents find the attempt and the payment it recorded.
        await using var office = await portal.NewContextAsync(width: 1280, height: 900);
        await using var officePhone = await portal.NewContextAsync(width: 390, height: 844, phone: true);
        var agent = await office.NewPageAsync();
        agent.SetDefaultTimeout(15000);
        var small = await officePhone.NewPageAsync();
        small.SetDefaultTimeout(15000);
        await Journey.SignInAgentAsync(agent, portal, axe);
        await Journey.SignInAgentAsync(small, portal, axe);
        await agent.GotoAsync("/gestion/facturation");
        await agent.GetByRole(AriaRole.Link, new() { Name = "Paiements en ligne", Exact = true }).ClickAsync();
        var attempt = agent.GetByRole(AriaRole.Row).Filter(new() { HasText = invoice.Number });
        await Expect(attempt.Locator("td[data-label='État']")).ToHaveTextAsync("Paiement enregistré");
        await Journey.CheckDesktopAndPhoneAsync(agent, small, axe, overflows, "/gestion/paiements-en-ligne", "paiements-en-ligne-gestion");

        // The year's tax certificates, started without emails, and the run's page: a payment of
        // last year, so that the year the page offers first has something to go through.
        await portal.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var year = today.Year - 1;
            var sequence = await PortailFamille.Web.Features.Billing.BillingLocks.TakeNumbersAsync(db, DocumentNumber.ReceiptSeries, year, 1, CancellationToken.None);
            db.Payments.Add(new PortailFamille.Web.Features.Billing.Payment
            {
                Id = Guid.NewGuid(),
                Number = DocumentNumber.Format(DocumentNumber.ReceiptSeries, year, sequence),
                Year = year,
                Sequence = sequence,
                FamilyId = familyId,
                Method = PaymentMethod.Cash,
                Amount = 1m,
                ReceivedOn = new DateOnly(year, 6, 1),
                Payer = $"Alice {upper}",
                RecordedAt = DateTimeOffset.UtcNow,
                RecordedBy = "Tests",
            });
            var saved = await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return saved;
        });
        await agent.GotoAsync("/gestion/facturation");
        await agent.GetByRole(AriaRole.Link, new() { Name = "Attestations fiscales de toutes les familles", Exact = true }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Attestations fiscales", Level = 1 })).ToBeVisibleAsync();
        await Journey.CheckDesktopAndPhoneAsync(agent, small, axe, overflows, "/gestion/attestations-fiscales", "attestations-fiscales-gestion");
        await agent.GetByLabel("Envoyer par email aux familles").UncheckAsync();
        await agent.GetByRole(AriaRole.Button, new() { Name = "Lancer l'édition" }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex(@"^Attestations fiscales \d{4}$"), Level = 1 })).ToBeVisibleAsync();
        await Journey.CheckDesktopAndPhoneAsync(agent, small, axe, overflows, "/gestion/attestations-fiscales/{id}", "attestations-fiscales-edition");

        axe.AssertNoSeriousViolation();
        Assert.True(overflows.Count == 0, string.Join(Environment.NewLine, overflows));
        homeProblems.AssertNone();
    }

    /// <summary>The family signed in on a desktop screen and on a phone, the pages' problems watched on the desktop.</summary>
    private async Task<BothScreens> FamilyOnBothScreensAsync(TestAccount account)
    {
        var desktop = await portal.NewContextAsync(width: 1280, height: 900);
        var phone = await portal.NewContextAsync(width: 390, height: 844, phone: true);
        var screens = new BothScreens(desktop, phone, await desktop.NewPageAsync(), await phone.NewPageAsync(), PageProblems.Watch(desktop, portal.PublicUrl));
        foreach (var page in new[] { screens.Desktop, screens.Phone })
        {
            page.SetDefaultTimeout(15000);
            await page.GotoAsync("/");
            await Journey.FillFamilySignInAsync(page, account.Email, account.Password);
            await Expect(page).ToHaveURLAsync(portal.Url("/famille"));
        }

        return screens;
    }

    private sealed record BothScreens(IBrowserContext DesktopContext, IBrowserContext PhoneContext, IPage Desktop, IPage Phone, PageProblems Problems) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await DesktopContext.DisposeAsync();
            await PhoneContext.DisposeAsync();
        }
    }

    [GeneratedRegex(@"^R-\d{4}-\d{6}$")]
    private static partial Regex ReceiptPattern();
}
