using PortailFamille.Domain.Billing;

namespace PortailFamille.Domain.Tests.Billing;

public class DocumentNumberTests
{
    [Theory]
    [InlineData(DocumentNumber.InvoiceSeries, 2026, 123, "2026-000123")]
    [InlineData(DocumentNumber.InvoiceSeries, 2027, 1, "2027-000001")]
    [InlineData(DocumentNumber.InvoiceSeries, 2026, 1_234_567, "2026-1234567")]
    [InlineData(DocumentNumber.CreditNoteSeries, 2026, 4, "AV-2026-000004")]
    [InlineData(DocumentNumber.ReceiptSeries, 2026, 1, "R-2026-000001")]
    [InlineData(DocumentNumber.RefundSeries, 2027, 2, "RB-2027-000002")]
    [InlineData(DocumentNumber.TaxCertificateSeries, 2027, 12, "AF-2027-000012")]
    public void Format_WritesTheYearAndTheSequence(string series, int year, long sequence, string expected) =>
        Assert.Equal(expected, DocumentNumber.Format(series, year, sequence));

    [Fact]
    public void Format_RefusesASequenceBelowOne_AndAnUnknownSeries()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DocumentNumber.Format(DocumentNumber.InvoiceSeries, 2026, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DocumentNumber.Format("devis", 2026, 1));
    }

    [Fact]
    public void TheLongestNumber_FitsItsColumn() =>
        Assert.True(DocumentNumber.Format(DocumentNumber.CreditNoteSeries, 9999, int.MaxValue).Length <= DocumentNumber.MaxLength);
}
