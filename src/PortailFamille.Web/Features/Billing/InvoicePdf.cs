using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Common;
using PortailFamille.Web.Infrastructure.Municipality;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Billing;

/// <summary>
/// The PDF of an invoice (facture) and of a credit note (avoir), built when someone asks for it,
/// from what the documents recorded when issued: names and prices never change afterwards.
/// </summary>
public sealed class InvoicePdf(IOptions<MunicipalityOptions> municipality, IWebHostEnvironment environment)
{
    /// <summary>How families may pay, printed on every invoice.</summary>
    public const string HowToPay = "En ligne sur le portail, rubrique Mon compte, ou auprès de la mairie : espèces, chèque, CESU, carte.";

    public byte[] Invoice(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        using var document = new PdfWriter($"Facture {invoice.Number}", LogoBytes());
        var commune = municipality.Value;
        document.Header(commune, "FACTURE",
        [
            $"N° {invoice.Number}",
            $"Date : {ParisClock.FormatDate(invoice.IssuedOn)}",
            $"Période : {FrenchDates.MonthAndYear(invoice.Month)}",
            $"À régler avant le : {ParisClock.FormatDate(invoice.DueOn)}",
        ]);
        document.Recipient(invoice.FamilyName, invoice.FamilyAddress);

        document.TableHeader();
        foreach (var child in invoice.Lines.OrderBy(l => l.Order).GroupBy(l => l.ChildName))
        {
            document.ChildRow(child.Key);
            foreach (var line in child)
            {
                document.LineRow(
                    $"{line.ActivityName} – {line.UnitName}",
                    BillingRule.Label(line.Kind),
                    line.Count.ToString(ParisClock.French),
                    Money.Euros(line.UnitPrice),
                    Money.Euros(line.Amount));
            }
        }

        var amounts = invoice.Amounts;
        document.Space(8);
        document.Amount("Total de la facture", invoice.Total, bold: true);
        document.Amount("Avoirs", -invoice.Credited);
        document.Amount("Déjà réglé", -invoice.Paid);
        document.Amount("Reste à payer", amounts.Remaining, bold: true);
        document.Space(4);
        document.Paragraph($"État : {InvoiceStatuses.Label(amounts.Status)}");
        document.Space(12);
        document.Title("Comment régler");
        document.Paragraph(HowToPay);
        document.Paragraph($"Merci d'indiquer le numéro de la facture ({invoice.Number}) avec votre règlement.");
        return document.Save($"Facture {invoice.Number}");
    }

    public byte[] CreditNote(CreditNote note, Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(invoice);
        using var document = new PdfWriter($"Avoir {note.Number}", LogoBytes());
        var commune = municipality.Value;
        document.Header(commune, "AVOIR",
        [
            $"N° {note.Number}",
            $"Date : {ParisClock.FormatDate(note.IssuedOn)}",
            $"Facture corrigée : {invoice.Number}",
            $"du {ParisClock.FormatDate(invoice.IssuedOn)} ({FrenchDates.MonthAndYear(invoice.Month)})",
        ]);
        document.Recipient(invoice.FamilyName, invoice.FamilyAddress);
        document.Paragraph($"Cet avoir annule {(note.Amount >= invoice.Total ? "la totalité" : "une partie")} de la facture {invoice.Number} du {ParisClock.FormatDate(invoice.IssuedOn)}.");
        document.Space(8);
        document.Amount("Montant de la facture", invoice.Total);
        document.Amount("Montant de l'avoir", note.Amount, bold: true);
        document.Space(8);
        document.Title("Motif");
        document.Paragraph(note.Reason);
        return document.Save($"Avoir {note.Number}");
    }

    /// <summary>
    /// The receipt (reçu) of a payment: who paid, how, how much, the invoices it paid and the
    /// credit it left; "ANNULÉ" when it was cancelled since.
    /// </summary>
    public byte[] Receipt(PaymentRow payment, string familyName, string familyAddress)
    {
        ArgumentNullException.ThrowIfNull(payment);
        using var document = new PdfWriter($"Reçu {payment.Number}", LogoBytes());
        var commune = municipality.Value;
        List<string> facts =
        [
            $"N° {payment.Number}",
            $"Date du paiement : {ParisClock.FormatDate(payment.ReceivedOn)}",
            $"Mode : {payment.MethodLabel}",
        ];
        if (payment.Method == PaymentMethod.Cheque)
        {
            facts.Add($"Chèque n° {payment.ChequeNumber} – {payment.Bank}");
        }

        document.Header(commune, "REÇU", facts);
        document.Recipient(familyName, familyAddress);
        document.Paragraph($"Reçu de {payment.Payer} la somme de {Money.Euros(payment.Amount)}.");
        if (payment.IsCancelled)
        {
            document.Paragraph($"ANNULÉ le {ParisClock.FormatDate(DateOnly.FromDateTime(ParisClock.ToParis(payment.CancelledAt!.Value).DateTime))} : {payment.CancelReason}");
        }

        document.Space(8);
        document.Amount("Montant reçu", payment.Amount, bold: true);
        foreach (var allocation in payment.Allocations)
        {
            document.Amount($"Facture {allocation.InvoiceNumber}", allocation.Amount);
        }

        document.Amount("Crédit restant sur le compte", payment.Leftover, bold: true);
        return document.Save($"Reçu {payment.Number}");
    }

    /// <summary>
    /// The tax certificate (attestation fiscale) of a year: for each child under six on 1 January,
    /// the activities, the months and the amount paid during the year for its care, then the total.
    /// </summary>
    public byte[] TaxCertificate(TaxCertificateRecord record, TaxCertificate certificate, string familyName, string familyAddress, IReadOnlyList<string> payers, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(payers);
        using var document = new PdfWriter($"Attestation fiscale {record.Number}", LogoBytes());
        var commune = municipality.Value;
        document.Header(commune, "ATTESTATION FISCALE", [$"N° {record.Number}", $"Année {certificate.Year}", $"Établie le {ParisClock.FormatDate(today)}"]);
        document.Recipient(familyName, familyAddress);
        document.Paragraph($"{commune.Name} atteste que {string.Join(" et ", payers)} {(payers.Count > 1 ? "ont" : "a")} versé en {certificate.Year}, pour la garde hors du domicile "
            + $"de {(certificate.Children.Count > 1 ? "leurs enfants" : "leur enfant")} de moins de six ans au 1er janvier {certificate.Year}, les sommes ci-dessous "
            + "(frais de repas, majorations et pénalités exclus, avoirs déduits), au titre de l'article 200 quater B du code général des impôts.");
        foreach (var child in certificate.Children)
        {
            document.Space(6);
            document.Title($"{child.Name}, né(e) le {ParisClock.FormatDate(child.BirthDate)}");
            document.Paragraph($"{string.Join(", ", child.Activities)} : de {FrenchDates.MonthAndYear(child.FirstMonth)} à {FrenchDates.MonthAndYear(child.LastMonth)}.");
            document.Amount($"Montant versé pour {child.Name}", child.Amount);
        }

        document.Space(8);
        document.Amount($"Total versé en {certificate.Year}", certificate.Total, bold: true);
        return document.Save($"Attestation fiscale {record.Number}");
    }

    /// <summary>
    /// The commune's logo when it is a picture PDFsharp can draw (PNG, JPEG) in the portal's own
    /// files; otherwise the header shows the commune's name alone.
    /// </summary>
    private byte[]? LogoBytes()
    {
        var logo = municipality.Value.LogoUrl;
        if (string.IsNullOrEmpty(logo) || !logo.StartsWith('/') || logo.StartsWith("//", StringComparison.Ordinal)
            || !(logo.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || logo.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || logo.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        IFileInfo file = environment.WebRootFileProvider.GetFileInfo(logo);
        if (!file.Exists || file.IsDirectory)
        {
            return null;
        }

        using var stream = file.CreateReadStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
