using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace PortailFamille.Web.Tests.Billing;

/// <summary>The PDFs of an invoice and of a credit note, read back as a family's PDF reader would.</summary>
public sealed class InvoicePdfTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_invoice_pdf_carries_the_number_the_family_the_lines_and_the_amounts()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Lefèvre");
        var invoice = await BillingTestData.CreateInvoiceAsync(factory, family.FamilyId!.Value, "LEFÈVRE Alice", new DateOnly(2026, 11, 1),
            new TestLine("Zoé LEFÈVRE", "Restaurant scolaire", "Repas", BillingKind.Reserved, 5, 2.5m),
            new TestLine("Zoé LEFÈVRE", "Restaurant scolaire", "Repas", BillingKind.UnjustifiedAbsence, 1, 4m));

        var text = BillingTestData.PdfText(Build(pdf => pdf.Invoice(invoice)));

        Assert.Contains(invoice.Number, text, StringComparison.Ordinal);
        Assert.Contains("LEFÈVRE Alice", text, StringComparison.Ordinal);
        Assert.Contains("novembre 2026", text, StringComparison.Ordinal);
        Assert.Contains("Zoé LEFÈVRE", text, StringComparison.Ordinal);
        Assert.Contains("Jours réservés", text, StringComparison.Ordinal);
        Assert.Contains("Absences non justifiées", text, StringComparison.Ordinal);
        Assert.Contains("12,50 €", text, StringComparison.Ordinal);
        Assert.Contains("Total de la facture 16,50 €", text, StringComparison.Ordinal);
        Assert.Contains("Reste à payer 16,50 €", text, StringComparison.Ordinal);
        Assert.Contains(ParisClock(invoice.DueOn), text, StringComparison.Ordinal);
        Assert.Contains("espèces, chèque, CESU, carte", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_invoice_goes_on_several_pages_each_numbered()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Nombreux");
        var lines = Enumerable.Range(1, 90)
            .Select(i => new TestLine($"Enfant {i / 10}", $"Activité {i}", "Journée", BillingKind.Reserved, 1, 1m))
            .ToArray();
        var invoice = await BillingTestData.CreateInvoiceAsync(factory, family.FamilyId!.Value, "NOMBREUX Alice", new DateOnly(2026, 10, 1), lines);

        var pdf = Build(p => p.Invoice(invoice));

        using var document = PdfDocument.Open(pdf);
        Assert.True(document.NumberOfPages > 1);
        var last = BillingTestData.Normalize(string.Join(" ", document.GetPage(document.NumberOfPages).GetWords().Select(w => w.Text)));
        Assert.Contains("Activité 90", last, StringComparison.Ordinal);
        Assert.Contains("Total de la facture 90,00 €", last, StringComparison.Ordinal);
        Assert.Contains($"page {document.NumberOfPages}/{document.NumberOfPages}", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_credit_note_pdf_names_the_invoice_it_corrects_its_amount_and_reason()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Avoir");
        var invoice = await BillingTestData.CreateInvoiceAsync(factory, family.FamilyId!.Value, "AVOIR Alice", new DateOnly(2026, 11, 1),
            new TestLine("Léo AVOIR", "ALSH mercredi", "Journée", BillingKind.Reserved, 4, 12m));
        var note = new CreditNote
        {
            Id = Guid.NewGuid(),
            Number = DocumentNumber.Format(DocumentNumber.CreditNoteSeries, 2026, 4),
            Year = 2026,
            Sequence = 4,
            InvoiceId = invoice.Id,
            FamilyId = invoice.FamilyId,
            Amount = 12m,
            Reason = "Sortie annulée le 18/11/2026",
            IssuedOn = new DateOnly(2026, 12, 2),
        };

        var text = BillingTestData.PdfText(Build(pdf => pdf.CreditNote(note, invoice)));

        Assert.Contains("AV-2026-000004", text, StringComparison.Ordinal);
        Assert.Contains(invoice.Number, text, StringComparison.Ordinal);
        Assert.Contains("AVOIR Alice", text, StringComparison.Ordinal);
        Assert.Contains("Montant de l'avoir 12,00 €", text, StringComparison.Ordinal);
        Assert.Contains("Sortie annulée le 18/11/2026", text, StringComparison.Ordinal);
        Assert.Contains("02/12/2026", text, StringComparison.Ordinal);
    }

    private byte[] Build(Func<InvoicePdf, byte[]> build)
    {
        using var scope = factory.Services.CreateScope();
        return build(scope.ServiceProvider.GetRequiredService<InvoicePdf>());
    }

    private static string ParisClock(DateOnly date) => Web.Infrastructure.Time.ParisClock.FormatDate(date);
}
