using System.Net;
using System.Text;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Tests.Infrastructure;
using PortailFamille.Web.Tests.Reservations;

namespace PortailFamille.Web.Tests.Billing;

/// <summary>
/// "Export comptable": the invoices and credit notes of a period as the CSV an accounting
/// software imports (UTF-8 with a byte order mark, ";", French decimals), and French messages
/// for a period that cannot be read. On a fixed clock (13/01/2027).
/// </summary>
public sealed class AccountingExportTests(CalendarFactory factory) : IClassFixture<CalendarFactory>
{
    [Fact]
    public async Task The_period_s_invoices_and_credit_notes_come_as_a_CSV_with_French_amounts_and_safe_names()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Export");
        // A name typed by a family that a spreadsheet would take for a formula, with a separator and a quote.
        const string Name = "=HYPERLINK(\"x\";1) EXPORT";
        var invoice = await BillingTestData.CreateInvoiceAsync(factory, family.FamilyId!.Value, Name, new DateOnly(2026, 12, 1),
            new TestLine("Léa EXPORT", "Restaurant scolaire", "Repas", BillingKind.Reserved, 4, 3.15m),
            new TestLine("Léa EXPORT", "Accueil périscolaire", "Soir", BillingKind.Reserved, 10, 1234.5m));
        var note = await CreditNoteTests.IssueDirectlyAsync(factory, invoice.Id, 6.3m);
        using var agent = await AgentAsync();

        var response = await agent.Http.GetAsync("/gestion/export-comptable?du=13/01/2027&au=13/01/2027&telecharger=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("export-comptable-2027-01-13-au-2027-01-13.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Equal("Type;Numéro;Date;Famille;Pièce d'origine;Mois facturé;Montant", lines[0]);
        const string Family = "\"'=HYPERLINK(\"\"x\"\";1) EXPORT\"";
        Assert.Contains($"Facture;{invoice.Number};13/01/2027;{Family};;décembre 2026;12357,60", lines);
        Assert.Contains($"Avoir;{note.Number};13/01/2027;{Family};{invoice.Number};décembre 2026;-6,30", lines);
        // Invoices first, then credit notes; the file ends with a line break.
        Assert.True(Array.FindIndex(lines, l => l.StartsWith("Facture;", StringComparison.Ordinal)) < Array.FindIndex(lines, l => l.StartsWith("Avoir;", StringComparison.Ordinal)));
        Assert.Equal("", lines[^1]);
    }

    [Fact]
    public async Task A_day_after_the_period_is_not_in_it()
    {
        using var agent = await AgentAsync();
        var response = await agent.Http.GetAsync("/gestion/export-comptable?du=01/12/2026&au=31/12/2026&telecharger=true");
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("13/01/2027", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("31/02/2027", "13/01/2027", "Saisissez la date de début au format jj/mm/aaaa, par exemple 01/11/2026.")]
    [InlineData("01/01/2027", "pas une date", "Saisissez la date de fin au format jj/mm/aaaa, par exemple 30/11/2026.")]
    [InlineData("01/01/9999", "13/01/2027", "Saisissez une date comprise entre le 01/01/1900 et le 31/12/2099.")]
    [InlineData("13/01/2027", "01/01/2027", "La date de fin doit être postérieure ou égale à la date de début.")]
    [InlineData("01/01/2026", "02/01/2027", "Une période d'au plus 366 jours par fichier : exportez une année à la fois.")]
    [InlineData("", "", "Saisissez la date de début au format jj/mm/aaaa, par exemple 01/11/2026.")]
    public async Task A_period_that_cannot_be_exported_is_explained_in_French(string from, string to, string message)
    {
        using var agent = await AgentAsync();

        var page = await agent.GetAsync($"/gestion/export-comptable?du={Uri.EscapeDataString(from)}&au={Uri.EscapeDataString(to)}&telecharger=true");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("text/html", page.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_proposes_last_month_and_a_family_cannot_export()
    {
        using var agent = await AgentAsync();
        var page = await agent.GetAsync("/gestion/export-comptable");
        Assert.Equal("01/12/2026", page.Document.QuerySelector("#du")?.GetAttribute("value"));
        Assert.Equal("31/12/2026", page.Document.QuerySelector("#au")?.GetAttribute("value"));

        var family = await TestData.CreateFamilyAsync(factory, "Curieuse");
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(family.Email, family.Password);
        var refused = await client.Http.GetAsync("/gestion/export-comptable?du=01/01/2027&au=13/01/2027&telecharger=true");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.NotEqual("text/csv", refused.Content.Headers.ContentType?.MediaType);
    }

    private async Task<PortalClient> AgentAsync()
    {
        var agent = await TestData.CreateStaffAsync(factory, Roles.Agent);
        var client = factory.NewClient();
        await client.SignInStaffAsync(agent.Email, agent.Password);
        return client;
    }
}
