using System.Globalization;

namespace PortailFamille.Domain.Billing;

/// <summary>
/// The numbers of invoices and credit notes: one series per kind and year, without gaps,
/// written "2026-000123" (invoices), "AV-2026-000004" (credit notes), "R-2026-000001"
/// (receipts of payments) or "AF-2026-000001" (tax certificates).
/// </summary>
public static class DocumentNumber
{
    /// <summary>The series of invoices.</summary>
    public const string InvoiceSeries = "facture";

    /// <summary>The series of credit notes.</summary>
    public const string CreditNoteSeries = "avoir";

    /// <summary>The series of payments' receipts (reçus).</summary>
    public const string ReceiptSeries = "recu";

    /// <summary>The series of tax certificates (attestations fiscales).</summary>
    public const string TaxCertificateSeries = "attestation";

    /// <summary>The series of refunds of a family's credit (remboursements).</summary>
    public const string RefundSeries = "remboursement";

    /// <summary>Longest number written, the column's length.</summary>
    public const int MaxLength = 20;

    /// <summary>The written number of the <paramref name="sequence"/>-th document of the year.</summary>
    public static string Format(string series, int year, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        var number = string.Create(CultureInfo.InvariantCulture, $"{year}-{sequence:000000}");
        return series switch
        {
            InvoiceSeries => number,
            CreditNoteSeries => "AV-" + number,
            ReceiptSeries => "R-" + number,
            TaxCertificateSeries => "AF-" + number,
            RefundSeries => "RB-" + number,
            _ => throw new ArgumentOutOfRangeException(nameof(series), series, null),
        };
    }
}
