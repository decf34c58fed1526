using CsCheck;
using PortailFamille.Domain.Billing;

namespace PortailFamille.Domain.Tests.Billing;

/// <summary>Status, remaining amount, credit notes and the family's account.</summary>
public class InvoiceAmountsTests
{
    [Theory]
    [InlineData(40.00, 0, 0, InvoiceStatus.Issued, 40.00)]
    [InlineData(40.00, 0, 15.00, InvoiceStatus.PartlyPaid, 25.00)]
    [InlineData(40.00, 0, 40.00, InvoiceStatus.Paid, 0)]
    [InlineData(40.00, 40.00, 0, InvoiceStatus.Cancelled, 0)]
    [InlineData(40.00, 10.00, 0, InvoiceStatus.Issued, 30.00)]
    [InlineData(40.00, 10.00, 30.00, InvoiceStatus.Paid, 0)]
    [InlineData(40.00, 10.00, 5.00, InvoiceStatus.PartlyPaid, 25.00)]
    [InlineData(0, 0, 0, InvoiceStatus.Paid, 0)]
    public void Status_AndRemaining_FollowTheAmounts(double total, double credited, double paid, InvoiceStatus status, double remaining)
    {
        var amounts = new InvoiceAmounts((decimal)total, (decimal)credited, (decimal)paid);

        Assert.Equal(status, amounts.Status);
        Assert.Equal((decimal)remaining, amounts.Remaining);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(0.001)]
    [InlineData(30.01)]
    public void ACreditNote_IsRefused_WhenNotPositive_NotInCents_OrMoreThanWhatRemainsToCancel(double amount)
    {
        var amounts = new InvoiceAmounts(40.00m, 10.00m, 0m);

        Assert.NotEmpty(amounts.CheckCreditNote((decimal)amount));
    }

    [Fact]
    public void ACreditNote_NeverExceedsWhatRemainsToCancel() =>
        Gen.Select(Gen.Int[1, 100_000], Gen.Int[0, 100_000], Gen.Int[1, 200_000]).Sample((totalCents, creditedCents, amountCents) =>
        {
            var total = totalCents / 100m;
            var credited = Math.Min(creditedCents, totalCents) / 100m;
            var amount = amountCents / 100m;
            var accepted = new InvoiceAmounts(total, credited, 0m).CheckCreditNote(amount).Count == 0;
            return accepted == (credited + amount <= total);
        });

    [Fact]
    public void TheRestOfTheInvoice_CanBeCancelled_AndThenItIsCancelled()
    {
        var amounts = new InvoiceAmounts(40.00m, 10.00m, 0m);

        Assert.Empty(amounts.CheckCreditNote(30.00m));
        Assert.Equal(InvoiceStatus.Cancelled, (amounts with { Credited = 40.00m }).Status);
    }

    [Fact]
    public void TheFamilysSituation_IsPaymentsMinusInvoicesPlusCreditNotes()
    {
        Assert.Equal(-30.00m, new FamilyAccount(Invoiced: 50.00m, Credited: 10.00m, Paid: 10.00m, Due: 30.00m).Situation);
        Assert.Equal(5.00m, new FamilyAccount(Invoiced: 50.00m, Credited: 0m, Paid: 55.00m, Due: 0m).Situation);
    }

    [Fact]
    public void EveryStatus_HasItsFrenchWord() =>
        Assert.Equal(["Émise", "Partiellement payée", "Payée", "Annulée"], Enum.GetValues<InvoiceStatus>().Select(InvoiceStatuses.Label));
}
