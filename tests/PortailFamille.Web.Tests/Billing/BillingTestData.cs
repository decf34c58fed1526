using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace PortailFamille.Web.Tests.Billing;

/// <summary>A line to put on a test invoice.</summary>
public sealed record TestLine(string Child, string Activity, string Unit, BillingKind Kind, int Days, decimal UnitPrice, Guid? RegistrationId = null, Guid? ChildId = null, Guid? UnitId = null, decimal? SurchargePerDay = null);

/// <summary>
/// Invoices written straight in the database, numbered as the portal numbers them, for tests
/// about what families and agents do with invoices rather than about issuing them.
/// </summary>
public static class BillingTestData
{
    public const string Address = "12 rue des Lilas\n38000 Beaulieu-les-Sagnes";

    public static async Task<Invoice> CreateInvoiceAsync(PortalFactory factory, Guid familyId, string familyName, DateOnly month, params TestLine[] lines)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var today = factory.Clock.Today;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var sequence = await BillingLocks.TakeNumbersAsync(db, DocumentNumber.InvoiceSeries, today.Year, 1, CancellationToken.None);
        var invoice = new Invoice
        {
            Id = Guid.NewGuid(),
            Number = DocumentNumber.Format(DocumentNumber.InvoiceSeries, today.Year, sequence),
            Year = today.Year,
            Sequence = sequence,
            FamilyId = familyId,
            FamilyName = familyName,
            FamilyAddress = Address,
            Month = new DateOnly(month.Year, month.Month, 1),
            IssuedOn = today,
            DueOn = today.AddDays(30),
            IssuedAt = factory.Clock.UtcNow,
            IssuedBy = "Tests",
        };
        var order = 1;
        foreach (var line in lines)
        {
            invoice.Lines.Add(new InvoiceLine
            {
                Id = Guid.NewGuid(),
                InvoiceId = invoice.Id,
                Order = order++,
                ChildId = line.ChildId ?? Guid.NewGuid(),
                ChildName = line.Child,
                RegistrationId = line.RegistrationId,
                ActivityId = Guid.NewGuid(),
                ActivityName = line.Activity,
                UnitId = line.UnitId ?? Guid.NewGuid(),
                UnitName = line.Unit,
                Kind = line.Kind,
                Count = line.Days,
                UnitPrice = line.UnitPrice,
                Amount = Money.Line(line.Days, line.UnitPrice),
                SurchargePerDay = line.SurchargePerDay,
            });
        }

        invoice.Total = invoice.Lines.Sum(l => l.Amount);
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return invoice;
    }

    /// <summary>The text of a PDF, pages one after the other, with no-break spaces read as spaces.</summary>
    public static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            text.AppendLine(string.Join(" ", page.GetWords().Select(w => w.Text)));
        }

        return Normalize(text.ToString());
    }

    /// <summary>No-break spaces (thousands, before "€") read as plain spaces.</summary>
    public static string Normalize(string text) => text.Replace('\u00a0', ' ').Replace('\u202f', ' ');
}
