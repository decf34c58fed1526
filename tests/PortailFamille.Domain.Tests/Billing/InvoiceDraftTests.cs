using PortailFamille.Domain.Billing;

namespace PortailFamille.Domain.Tests.Billing;

/// <summary>A family's month becomes one line per child, activity, unit, kind and price.</summary>
public class InvoiceDraftTests
{
    private static readonly Guid Lea = Guid.NewGuid();
    private static readonly Guid Hugo = Guid.NewGuid();
    private static readonly Guid Canteen = Guid.NewGuid();
    private static readonly Guid Repas = Guid.NewGuid();

    private static BillableDay Day(Guid child, int day, BillingKind kind = BillingKind.Reserved, decimal price = 2.50m) =>
        new(child, null, Canteen, Repas, new DateOnly(2026, 11, day), kind, price);

    [Fact]
    public void DaysOfTheSameChildUnitKindAndPrice_MakeOneLine()
    {
        var draft = InvoiceDraft.From([Day(Lea, 2), Day(Lea, 3), Day(Lea, 5), Day(Hugo, 2)]);

        Assert.Equal(2, draft.Lines.Count);
        var lea = Assert.Single(draft.Lines, l => l.ChildId == Lea);
        Assert.Equal((3, 2.50m, 7.50m), (lea.Count, lea.UnitPrice, lea.Amount));
        Assert.Equal(10.00m, draft.Total);
    }

    [Fact]
    public void AnUnexpectedPresenceAndAnUnjustifiedAbsence_HaveLinesOfTheirOwn()
    {
        var draft = InvoiceDraft.From([Day(Lea, 2), Day(Lea, 3, BillingKind.Unexpected, 3.50m), Day(Lea, 4, BillingKind.UnjustifiedAbsence, 5.50m)]);

        Assert.Equal([BillingKind.Reserved, BillingKind.Unexpected, BillingKind.UnjustifiedAbsence], draft.Lines.Select(l => l.Kind));
        Assert.Equal(11.50m, draft.Total);
    }

    [Fact]
    public void AQuotientThatChangesWithinTheMonth_GivesTwoLinesAtTwoPrices()
    {
        var draft = InvoiceDraft.From([Day(Lea, 2, price: 3.80m), Day(Lea, 3, price: 3.80m), Day(Lea, 20, price: 2.50m)]);

        Assert.Equal([(1, 2.50m), (2, 3.80m)], draft.Lines.Select(l => (l.Count, l.UnitPrice)));
    }

    [Fact]
    public void ADayGivenTwice_IsBilledOnce()
    {
        var draft = InvoiceDraft.From([Day(Lea, 2), Day(Lea, 2)]);

        Assert.Equal(1, Assert.Single(draft.Lines).Count);
    }

    [Fact]
    public void NoDay_NoLine() => Assert.Empty(InvoiceDraft.From([]).Lines);
}
