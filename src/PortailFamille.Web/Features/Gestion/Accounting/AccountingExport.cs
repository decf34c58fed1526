using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Common;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Gestion.Accounting;

/// <summary>
/// The accounting export of a period (docs/product.md 4.10): the invoices and credit notes
/// issued in it, the payments received in it and the payments cancelled in it, one line each,
/// as a CSV file the commune's accounting software reads — UTF-8 with a byte order mark
/// (spreadsheets then read the accents right), ";" between fields, French decimals without a
/// thousands separator, dates jj/mm/aaaa. A credit note's amount is negative: it lowers what
/// the families owe; a payment's is positive, its cancellation negative, on the day it was
/// cancelled, so that a period already exported is never rewritten.
/// </summary>
public sealed class AccountingExport(AppDbContext db)
{
    public const string Header = "Type;Numéro;Date;Famille;Pièce d'origine;Mois facturé;Mode de règlement;Montant";

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>"export-comptable-2026-11-01-au-2026-11-30.csv".</summary>
    public static string FileName(DateOnly from, DateOnly to) =>
        string.Create(CultureInfo.InvariantCulture, $"export-comptable-{from:yyyy-MM-dd}-au-{to:yyyy-MM-dd}.csv");

    /// <summary>Writes the period's lines, oldest first, invoices before credit notes on the same day; the rows are streamed, not held.</summary>
    public async Task WriteAsync(Stream output, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 65536, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(Header);
        var invoices = db.Invoices.AsNoTracking()
            .Where(i => i.IssuedOn >= first && i.IssuedOn <= last)
            .OrderBy(i => i.IssuedOn).ThenBy(i => i.Year).ThenBy(i => i.Sequence)
            .Select(i => new { i.Number, i.IssuedOn, i.FamilyName, i.Month, i.Total });
        await foreach (var invoice in invoices.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(Line("Facture", invoice.Number, invoice.IssuedOn, invoice.FamilyName, "", FrenchDates.MonthAndYear(invoice.Month), "", invoice.Total));
        }

        var notes = from n in db.CreditNotes.AsNoTracking()
                    join i in db.Invoices on n.InvoiceId equals i.Id
                    where n.IssuedOn >= first && n.IssuedOn <= last
                    orderby n.IssuedOn, n.Year, n.Sequence
                    select new { n.Number, n.IssuedOn, i.FamilyName, InvoiceNumber = i.Number, i.Month, n.Amount };
        await foreach (var note in notes.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(Line("Avoir", note.Number, note.IssuedOn, note.FamilyName, note.InvoiceNumber, FrenchDates.MonthAndYear(note.Month), "", -note.Amount));
        }

        // Cancellations by their day in Paris: the instants from the period's first midnight to the next day after its last.
        var since = TimeZoneInfo.ConvertTimeToUtc(first.ToDateTime(TimeOnly.MinValue), ParisClock.Zone);
        var until = TimeZoneInfo.ConvertTimeToUtc(last.AddDays(1).ToDateTime(TimeOnly.MinValue), ParisClock.Zone);
        var inPeriod = db.Payments.AsNoTracking()
            .Where(p => (p.ReceivedOn >= first && p.ReceivedOn <= last) || (p.CancelledAt != null && p.CancelledAt >= since && p.CancelledAt < until));
        var payments = await (
                from p in inPeriod
                join g in db.Guardians on new { p.FamilyId, Rank = 1 } equals new { g.FamilyId, g.Rank } into responsible
                from g in responsible.DefaultIfEmpty()
                select new { p.Id, p.Number, p.Year, p.Sequence, p.ReceivedOn, p.CancelledAt, p.Method, p.Amount, LastName = g == null ? "" : g.LastName, FirstName = g == null ? "" : g.FirstName })
            .ToListAsync(cancellationToken);
        // The invoices each payment paid, read with the same period rather than a list of ids.
        var paid = (await (from a in db.PaymentAllocations.AsNoTracking()
                           join p in inPeriod on a.PaymentId equals p.Id
                           join i in db.Invoices on a.InvoiceId equals i.Id
                           select new { a.PaymentId, i.Number, i.Year, i.Sequence })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.PaymentId);
        var lines = new List<(DateOnly Day, int Order, long Year, long Sequence, string Text)>();
        foreach (var payment in payments)
        {
            var name = $"{payment.LastName.ToUpperInvariant()} {payment.FirstName}".Trim();
            var paidInvoices = string.Join(", ", paid[payment.Id].OrderBy(a => a.Year).ThenBy(a => a.Sequence).Select(a => a.Number));
            var method = PaymentMethods.Label(payment.Method);
            if (payment.ReceivedOn >= first && payment.ReceivedOn <= last)
            {
                lines.Add((payment.ReceivedOn, 0, payment.Year, payment.Sequence, Line("Règlement", payment.Number, payment.ReceivedOn, name, paidInvoices, "", method, payment.Amount)));
            }

            if (payment.CancelledAt is { } cancelledAt && cancelledAt >= since && cancelledAt < until)
            {
                var day = DateOnly.FromDateTime(ParisClock.ToParis(cancelledAt).DateTime);
                lines.Add((day, 1, payment.Year, payment.Sequence, Line("Annulation de règlement", payment.Number, day, name, paidInvoices, "", method, -payment.Amount)));
            }
        }

        // Refunds of a family's credit: money going out, written negative, with the receipts whose credit they gave back.
        var refunds = await (
                from r in db.Refunds.AsNoTracking()
                where r.PaidOn >= first && r.PaidOn <= last
                join g in db.Guardians on new { r.FamilyId, Rank = 1 } equals new { g.FamilyId, g.Rank } into responsible
                from g in responsible.DefaultIfEmpty()
                select new { r.Id, r.Number, r.Year, r.Sequence, r.PaidOn, r.Method, r.Amount, LastName = g == null ? "" : g.LastName, FirstName = g == null ? "" : g.FirstName })
            .ToListAsync(cancellationToken);
        var refunded = (await (from part in db.RefundParts.AsNoTracking()
                               join r in db.Refunds on part.RefundId equals r.Id
                               join p in db.Payments on part.PaymentId equals p.Id
                               where r.PaidOn >= first && r.PaidOn <= last
                               select new { part.RefundId, p.Number, p.Year, p.Sequence })
                .ToListAsync(cancellationToken))
            .ToLookup(p => p.RefundId);
        foreach (var refund in refunds)
        {
            var name = $"{refund.LastName.ToUpperInvariant()} {refund.FirstName}".Trim();
            var receipts = string.Join(", ", refunded[refund.Id].OrderBy(p => p.Year).ThenBy(p => p.Sequence).Select(p => p.Number));
            lines.Add((refund.PaidOn, 2, refund.Year, refund.Sequence, Line("Remboursement", refund.Number, refund.PaidOn, name, receipts, "", PaymentMethods.Label(refund.Method), -refund.Amount)));
        }

        foreach (var line in lines.OrderBy(l => l.Day).ThenBy(l => l.Order).ThenBy(l => l.Year).ThenBy(l => l.Sequence))
        {
            await writer.WriteLineAsync(line.Text);
        }
    }

    /// <summary>One line: text fields quoted when needed, amounts in French.</summary>
    public static string Line(string type, string number, DateOnly date, string family, string origin, string month, string method, decimal amount) =>
        string.Join(';', Text(type), Text(number), ParisClock.FormatDate(date), Text(family), Text(origin), Text(month), Text(method), amount.ToString("0.00", French));

    /// <summary>
    /// A text field as a spreadsheet reads it safely: quoted when it holds a separator, a quote
    /// or a line break; led by an apostrophe when it starts like a formula (a family's name is
    /// typed by the family, and "=…" would be run by the spreadsheet).
    /// </summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
