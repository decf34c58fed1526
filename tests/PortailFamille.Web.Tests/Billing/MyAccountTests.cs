using System.Net;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Infrastructure.Time;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Billing;

/// <summary>"Mon compte" and its financial details, as a family reads them, and only its own.</summary>
public sealed class MyAccountTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Mon_compte_shows_the_balance_the_situation_and_the_resources_in_french()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Durand", ("Zoé", new DateOnly(2018, 5, 2)));
        await BillingTestData.CreateInvoiceAsync(factory, family.FamilyId!.Value, "DURAND Alice", new DateOnly(2026, 10, 1),
            new TestLine("Zoé DURAND", "Restaurant scolaire", "Repas", BillingKind.Reserved, 5, 2.5m));
        var partlyPaid = await BillingTestData.CreateInvoiceAsync(factory, family.FamilyId!.Value, "DURAND Alice", new DateOnly(2026, 11, 1),
            new TestLine("Zoé DURAND", "Périscolaire", "Soir", BillingKind.Reserved, 4, 2.5m));
        await SetPaidAsync(partlyPaid.Id, 2.5m);
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(family.Email, family.Password);

        var page = await client.GetAsync("/famille/compte");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var text = Words(page.Text);
        var today = ParisClock.FormatDate(factory.Clock.Today);
        Assert.Equal("Mon compte", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Famille : DURAND Alice", text, StringComparison.Ordinal);
        Assert.Contains($"Solde des factures au {today} : 20,00 €", text, StringComparison.Ordinal);
        Assert.Contains($"Situation financière Famille au {today} : -20,00 €", text, StringComparison.Ordinal);
        Assert.Contains("Nombre d'enfants à charge : 1", text, StringComparison.Ordinal);
        Assert.Contains("Les derniers revenus : non renseignés", text, StringComparison.Ordinal);
        Assert.Contains("Quotient familial : non renseigné", text, StringComparison.Ordinal);
        Assert.Contains("Date de mise à jour de revenus", text, StringComparison.Ordinal);
        Assert.Contains("Dans cet écran vous pourrez consulter le solde de votre compte et régler vos factures par carte bleue.", text, StringComparison.Ordinal);
        Assert.Contains("Vous pouvez également utiliser les modes de règlements habituels en réglant auprès des services de Mairie concernés.", text, StringComparison.Ordinal);
        var links = page.Document.QuerySelectorAll("main a").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href"));
        Assert.Equal("/compte/mot-de-passe", links["Mot de passe"]);
        Assert.Equal("/famille/compte/inscriptions", links["Détail financier par inscription"]);
        Assert.Equal("/famille/compte/factures", links["Détail financier par facture"]);
    }

    [Fact]
    public async Task The_invoice_list_shows_each_invoice_and_its_pdf()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Petit");
        var invoice = await BillingTestData.CreateInvoiceAsync(factory, family.FamilyId!.Value, "PETIT Alice", new DateOnly(2026, 11, 1),
            new TestLine("Jules PETIT", "ALSH mercredi", "Journée", BillingKind.Reserved, 3, 12.5m));
        await SetPaidAsync(invoice.Id, 10m);
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(family.Email, family.Password);

        var page = await client.GetAsync("/famille/compte/factures");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var table = page.Document.QuerySelector("main table")!;
        Assert.NotNull(table.QuerySelector("caption"));
        Assert.Equal(
            ["Numéro", "Date", "Mois", "Montant", "Réglé", "Reste à payer", "État", "Document", "Paiement"],
            table.QuerySelectorAll("thead th[scope=col]").Select(th => th.TextContent.Trim()));
        var row = table.QuerySelectorAll("tbody tr").Single();
        Assert.Equal(
            [invoice.Number, ParisClock.FormatDate(invoice.IssuedOn), "novembre 2026", "37,50 €", "10,00 €", "27,50 €", "Partiellement payée", "PDF", "Payer cette facture"],
            row.QuerySelectorAll("th, td").Select(c => Words(c.TextContent.Trim())));
        var link = row.QuerySelector("a")!;
        Assert.Equal($"PDF de la facture {invoice.Number}", link.GetAttribute("aria-label"));

        var pdf = await client.Http.GetAsync(link.GetAttribute("href"));

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = BillingTestData.PdfText(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains(invoice.Number, text, StringComparison.Ordinal);
        Assert.Contains("PETIT Alice", text, StringComparison.Ordinal);
        Assert.Contains("Jules PETIT", text, StringComparison.Ordinal);
        Assert.Contains("ALSH mercredi – Journée", text, StringComparison.Ordinal);
        Assert.Contains("Total de la facture 37,50 €", text, StringComparison.Ordinal);
        Assert.Contains("Déjà réglé -10,00 €", text, StringComparison.Ordinal);
        Assert.Contains("Reste à payer 27,50 €", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_family_never_reaches_another_familys_invoice_or_credit_note()
    {
        var owner = await TestData.CreateFamilyAsync(factory, "Proprio");
        var invoice = await BillingTestData.CreateInvoiceAsync(factory, owner.FamilyId!.Value, "PROPRIO Alice", new DateOnly(2026, 11, 1),
            new TestLine("Max PROPRIO", "Restaurant scolaire", "Repas", BillingKind.Reserved, 2, 3m));
        var note = await CreditNoteTests.IssueDirectlyAsync(factory, invoice.Id, 1m);
        var other = await TestData.CreateFamilyAsync(factory, "Voisin");
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(other.Email, other.Password);

        foreach (var url in new[]
        {
            $"/famille/compte/factures/{invoice.Id}/pdf",
            $"/famille/compte/avoirs/{note.Id}/pdf",
        })
        {
            var response = await client.Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}.");
        }

        // Nor through the agents' pages, which are not for families.
        foreach (var url in new[]
        {
            $"/gestion/factures/{invoice.Id}",
            $"/gestion/factures/{invoice.Id}/pdf",
            $"/gestion/avoirs/{note.Id}/pdf",
        })
        {
            var response = await client.Http.GetAsync(url);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
        }

        var list = await client.GetAsync("/famille/compte/factures");
        Assert.DoesNotContain(invoice.Number, list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(note.Number, list.Text, StringComparison.Ordinal);

        // The owner reaches both.
        using var ownerClient = factory.NewClient();
        await ownerClient.SignInFamilyAsync(owner.Email, owner.Password);
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.Http.GetAsync($"/famille/compte/factures/{invoice.Id}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.Http.GetAsync($"/famille/compte/avoirs/{note.Id}/pdf")).StatusCode);
    }

    [Fact]
    public async Task The_detail_by_registration_sums_the_lines_of_each_month()
    {
        var found = await factory.WithDbAsync(db => (
            from u in db.Users
            where u.Email == Demo.FamilyEmail
            join c in db.Children on u.FamilyId equals c.FamilyId
            where c.FirstName == "Léa"
            join r in db.Registrations on c.Id equals r.ChildId
            join a in db.Activities on r.ActivityId equals a.Id
            where a.Name == "Restaurant scolaire"
            select new { FamilyId = u.FamilyId!.Value, RegistrationId = r.Id }).AsNoTracking().SingleAsync());
        var (familyId, registrationId) = (found.FamilyId, found.RegistrationId);
        await BillingTestData.CreateInvoiceAsync(factory, familyId, "MARTIN Sophie", new DateOnly(2026, 11, 1),
            new TestLine("Léa MARTIN", "Restaurant scolaire", "Repas", BillingKind.Reserved, 10, 3.2m, registrationId),
            new TestLine("Léa MARTIN", "Restaurant scolaire", "Repas", BillingKind.UnjustifiedAbsence, 1, 5m, registrationId));
        await BillingTestData.CreateInvoiceAsync(factory, familyId, "MARTIN Sophie", new DateOnly(2026, 12, 1),
            new TestLine("Léa MARTIN", "Restaurant scolaire", "Repas", BillingKind.Reserved, 8, 3.2m, registrationId));
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);

        var page = await client.GetAsync("/famille/compte/inscriptions");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var section = page.Document.QuerySelectorAll("main section").Single(s => s.QuerySelector("h2")!.TextContent.Contains("Restaurant scolaire", StringComparison.Ordinal));
        Assert.Contains("Léa MARTIN", section.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        var rows = section.QuerySelectorAll("tr").Skip(1).Select(r => Words(string.Join(" ", r.Children.Select(c => c.TextContent.Trim())))).ToList();
        Assert.Equal(["Novembre 2026 37,00 €", "Décembre 2026 25,60 €", "Total 62,60 €"], rows);
    }

    private Task<int> SetPaidAsync(Guid invoiceId, decimal paid) =>
        factory.WithDbAsync(db => db.Invoices.Where(i => i.Id == invoiceId).ExecuteUpdateAsync(u => u.SetProperty(i => i.Paid, paid)));

    private static string Words(string text) =>
        System.Text.RegularExpressions.Regex.Replace(BillingTestData.Normalize(text), @"\s+", " ");
}
