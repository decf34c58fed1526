using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Billing;
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
        Assert.Equal("Type;Numéro;Date;Famille;Pièce d'origine;Mois facturé;Mode de règlement;Montant", lines[0]);
        const string Family = "\"'=HYPERLINK(\"\"x\"\";1) EXPORT\"";
        Assert.Contains($"Facture;{invoice.Number};13/01/2027;{Family};;décembre 2026;;12357,60", lines);
        Assert.Contains($"Avoir;{note.Number};13/01/2027;{Family};{invoice.Number};décembre 2026;;-6,30", lines);
        // Invoices first, then credit notes; the file ends with a line break.
        Assert.True(Array.FindIndex(lines, l => l.StartsWith("Facture;", StringComparison.Ordinal)) < Array.FindIndex(lines, l => l.StartsWith("Avoir;", StringComparison.Ordinal)));
        Assert.Equal("", lines[^1]);
    }

    [Fact]
    public async Task Payments_received_and_cancelled_in_the_period_have_their_lines()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Reglement");
        var invoice = await BillingTestData.CreateInvoiceAsync(factory, family.FamilyId!.Value, "REGLEMENT Alice", new DateOnly(2026, 12, 1),
            new TestLine("Léa REGLEMENT", "Restaurant scolaire", "Repas", BillingKind.Reserved, 10, 3m));
        Payment kept, cancelled;
        using (var scope = factory.Services.CreateScope())
        {
            var recording = scope.ServiceProvider.GetRequiredService<PaymentRecording>();
            kept = (await recording.RecordAsync(family.FamilyId!.Value, PaymentMethod.Cheque, 20m, new DateOnly(2027, 1, 13), "Alice REGLEMENT", "1234567", "Banque postale", [], "Tests", null, CancellationToken.None)).Value;
            cancelled = (await recording.RecordAsync(family.FamilyId!.Value, PaymentMethod.Cash, 10m, new DateOnly(2027, 1, 12), "Alice REGLEMENT", null, null, [], "Tests", null, CancellationToken.None)).Value;
            Assert.True((await recording.CancelAsync(cancelled.Id, "Saisi deux fois", "Tests", CancellationToken.None)).Succeeded);
        }

        using var agent = await AgentAsync();
        var lines = await LinesAsync(agent, "13/01/2027", "13/01/2027");
        var dayBefore = await LinesAsync(agent, "12/01/2027", "12/01/2027");

        // The name of the family is its responsible's; a payment names the invoices it paid and its means.
        Assert.Contains($"Règlement;{kept.Number};13/01/2027;REGLEMENT Alice;{invoice.Number};;Chèque;20,00", lines);
        // Received on the 12th, cancelled on the 13th (the fixed clock's day): each line on its own day.
        Assert.Contains($"Annulation de règlement;{cancelled.Number};13/01/2027;REGLEMENT Alice;{invoice.Number};;Espèces;-10,00", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith($"Règlement;{cancelled.Number};", StringComparison.Ordinal));
        Assert.Contains($"Règlement;{cancelled.Number};12/01/2027;REGLEMENT Alice;{invoice.Number};;Espèces;10,00", dayBefore);
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

    private static async Task<string[]> LinesAsync(PortalClient agent, string from, string to)
    {
        var response = await agent.Http.GetAsync($"/gestion/export-comptable?du={from}&au={to}&telecharger=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n");
    }

    private async Task<PortalClient> AgentAsync()
    {
        var agent = await TestData.CreateStaffAsync(factory, Roles.Agent);
        var client = factory.NewClient();
        await client.SignInStaffAsync(agent.Email, agent.Password);
        return client;
    }
}
