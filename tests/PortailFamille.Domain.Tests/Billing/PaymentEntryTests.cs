using PortailFamille.Domain.Billing;

namespace PortailFamille.Domain.Tests.Billing;

/// <summary>What the desk may record: amount, day, payer, and a cheque's number and bank.</summary>
public class PaymentEntryTests
{
    private static readonly DateOnly Today = new(2026, 12, 15);

    [Fact]
    public void EveryMeans_HasItsFrenchWord() =>
        Assert.Equal(["Espèces", "Chèque", "CESU", "Virement", "Carte bancaire", "Paiement en ligne"], Enum.GetValues<PaymentMethod>().Select(PaymentMethods.Label));

    [Fact]
    public void TheDesk_TakesEveryMeansButOnline() =>
        Assert.Equal(Enum.GetValues<PaymentMethod>().Where(m => m != PaymentMethod.Online), PaymentMethods.Counter);

    [Theory]
    [InlineData(PaymentMethod.Cash, 12.50, "2026-12-15", "MARTIN Paul", null, null)]
    [InlineData(PaymentMethod.Cash, 100000.00, "2026-12-15", "MARTIN Paul", null, null)]
    [InlineData(PaymentMethod.Cesu, 0.01, "2025-12-15", "MARTIN Paul", null, null)]
    [InlineData(PaymentMethod.Cheque, 40.00, "2026-12-01", "  MARTIN Paul  ", " 0012345 ", " Crédit Agricole ")]
    [InlineData(PaymentMethod.Cheque, 40.00, "2026-12-01", "MARTIN Paul", "AB12345678901234567Z", "La Banque Postale")]
    // For another means, a cheque number left in the form is not read.
    [InlineData(PaymentMethod.Transfer, 40.00, "2026-12-01", "MARTIN Paul", "n° 12 !", null)]
    [InlineData(PaymentMethod.Card, 40.00, "2026-12-01", "MARTIN Paul", null, null)]
    public void APlausiblePayment_IsAccepted(PaymentMethod method, double amount, string date, string payer, string? number, string? bank) =>
        Assert.Empty(PaymentEntry.Check(method, (decimal)amount, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Today, payer, number, bank));

    [Theory]
    [InlineData(PaymentMethod.Cash, 0, "2026-12-15", "MARTIN Paul", null, null, "Amount")]
    [InlineData(PaymentMethod.Cash, -5, "2026-12-15", "MARTIN Paul", null, null, "Amount")]
    [InlineData(PaymentMethod.Cash, 12.505, "2026-12-15", "MARTIN Paul", null, null, "Amount")]
    [InlineData(PaymentMethod.Cash, 100000.01, "2026-12-15", "MARTIN Paul", null, null, "Amount")]
    [InlineData(PaymentMethod.Cash, 12.50, "2026-12-16", "MARTIN Paul", null, null, "Date")]
    [InlineData(PaymentMethod.Cash, 12.50, "2025-12-14", "MARTIN Paul", null, null, "Date")]
    [InlineData(PaymentMethod.Cash, 12.50, "2026-12-15", "   ", null, null, "Payer")]
    [InlineData(PaymentMethod.Cash, 12.50, "2026-12-15", null, null, null, "Payer")]
    [InlineData(PaymentMethod.Cheque, 12.50, "2026-12-15", "MARTIN Paul", null, "Crédit Agricole", "ChequeNumber")]
    [InlineData(PaymentMethod.Cheque, 12.50, "2026-12-15", "MARTIN Paul", "12 345", "Crédit Agricole", "ChequeNumber")]
    [InlineData(PaymentMethod.Cheque, 12.50, "2026-12-15", "MARTIN Paul", "123456789012345678901", "Crédit Agricole", "ChequeNumber")]
    [InlineData(PaymentMethod.Cheque, 12.50, "2026-12-15", "MARTIN Paul", "1234567", " ", "Bank")]
    [InlineData(PaymentMethod.Online, 12.50, "2026-12-15", "MARTIN Paul", null, null, "Method")]
    [InlineData((PaymentMethod)42, 12.50, "2026-12-15", "MARTIN Paul", null, null, "Method")]
    public void AMistake_IsRefusedOnItsField_InFrench(PaymentMethod method, double amount, string date, string? payer, string? number, string? bank, string field)
    {
        var refusal = Assert.Single(PaymentEntry.Check(method, (decimal)amount, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Today, payer, number, bank));

        Assert.Equal(field, refusal.Field);
        Assert.EndsWith(".", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APayerNameOf200Characters_IsTheLongestAccepted()
    {
        Assert.Empty(PaymentEntry.Check(PaymentMethod.Cash, 1m, Today, Today, new string('a', 200), null, null));
        Assert.Equal("Payer", Assert.Single(PaymentEntry.Check(PaymentMethod.Cash, 1m, Today, Today, new string('a', 201), null, null)).Field);
    }

    [Fact]
    public void Create_TrimsWhatWasTyped_AndKeepsTheChequeForACheque()
    {
        var cheque = PaymentEntry.Create(PaymentMethod.Cheque, 40m, Today, Today, " MARTIN Paul ", " 0012345 ", " Crédit Agricole ").Value;
        var cash = PaymentEntry.Create(PaymentMethod.Cash, 40m, Today, Today, "MARTIN Paul", "0012345", "Crédit Agricole").Value;

        Assert.Equal(new CounterPayment(PaymentMethod.Cheque, 40m, Today, "MARTIN Paul", "0012345", "Crédit Agricole"), cheque);
        Assert.Equal(new CounterPayment(PaymentMethod.Cash, 40m, Today, "MARTIN Paul", null, null), cash);
    }

    [Fact]
    public void Create_GivesEveryRefusalAtOnce()
    {
        var outcome = PaymentEntry.Create(PaymentMethod.Cheque, 0m, Today.AddDays(1), Today, "", "", "");

        Assert.Equal(["Amount", "Date", "Payer", "ChequeNumber", "Bank"], outcome.Refusals.Select(r => r.Field));
    }
}
