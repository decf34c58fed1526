using CsCheck;
using PortailFamille.Domain.Billing;

namespace PortailFamille.Domain.Tests.Billing;

/// <summary>A payment pays the oldest invoices first, or as the agent chose; the rest is a credit.</summary>
public class PaymentAllocationTests
{
    private static readonly Guid September = Guid.NewGuid();
    private static readonly Guid October = Guid.NewGuid();
    private static readonly Guid OctoberBis = Guid.NewGuid();
    private static readonly Guid November = Guid.NewGuid();

    // Given out of order on purpose: the rule orders them, not the caller.
    private static readonly OpenInvoice[] Open =
    [
        new(November, new DateOnly(2026, 12, 1), "2026-000300", 30.00m),
        new(OctoberBis, new DateOnly(2026, 11, 2), "2026-000201", 20.00m),
        new(September, new DateOnly(2026, 10, 1), "2026-000100", 10.00m),
        new(October, new DateOnly(2026, 11, 2), "2026-000200", 15.00m),
    ];

    public static TheoryData<decimal, (Guid, decimal)[], decimal> OldestFirstCases() => new()
    {
        { 0m, [], 0m },
        { 5.00m, [(September, 5.00m)], 0m },
        { 10.00m, [(September, 10.00m)], 0m },
        { 12.34m, [(September, 10.00m), (October, 2.34m)], 0m },
        // Two invoices of the same day: the smaller number first.
        { 40.00m, [(September, 10.00m), (October, 15.00m), (OctoberBis, 15.00m)], 0m },
        { 75.00m, [(September, 10.00m), (October, 15.00m), (OctoberBis, 20.00m), (November, 30.00m)], 0m },
        { 100.00m, [(September, 10.00m), (October, 15.00m), (OctoberBis, 20.00m), (November, 30.00m)], 25.00m },
    };

    [Theory]
    [MemberData(nameof(OldestFirstCases))]
    public void OldestFirst_PaysEachInvoiceInFull_BeforeTheNext(decimal amount, (Guid, decimal)[] expected, decimal leftover)
    {
        var split = PaymentAllocation.OldestFirst(amount, Open);

        Assert.Equal(expected, split.Allocations.Select(a => (a.InvoiceId, a.Amount)));
        Assert.Equal(leftover, split.Leftover);
    }

    [Fact]
    public void NoInvoiceDue_TheWholePaymentIsACredit()
    {
        var split = PaymentAllocation.OldestFirst(25.00m, [new(September, new DateOnly(2026, 10, 1), "2026-000100", 0m)]);

        Assert.Empty(split.Allocations);
        Assert.Equal(25.00m, split.Leftover);
    }

    [Fact]
    public void ACredit_PaysTheOldestInvoiceFirst_WhenANewOneArrives()
    {
        var split = PaymentAllocation.ApplyCredit(18.00m, Open);

        Assert.Equal([(September, 10.00m), (October, 8.00m)], split.Allocations.Select(a => (a.InvoiceId, a.Amount)));
        Assert.Equal(0m, split.Leftover);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0.001)]
    public void AWrongAmount_IsAProgrammingError(double amount) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PaymentAllocation.OldestFirst((decimal)amount, Open));

    [Fact]
    public void TheAgentsChoice_IsKeptInItsOrder_AndTheRestIsACredit()
    {
        var outcome = PaymentAllocation.Chosen(50.00m, Open, [new(November, 30.00m), new(September, 4.50m)]);

        Assert.Equal([new Allocation(November, 30.00m), new Allocation(September, 4.50m)], outcome.Value.Allocations);
        Assert.Equal(15.50m, outcome.Value.Leftover);
    }

    public static TheoryData<Allocation[], string, string> ChoicesRefused() => new()
    {
        { [new(November, 0m)], "Allocations[0].Amount", "supérieur à 0,00" },
        { [new(September, 5.00m), new(November, -1m)], "Allocations[1].Amount", "supérieur à 0,00" },
        { [new(November, 1.001m)], "Allocations[0].Amount", "2 décimales" },
        { [new(September, 10.01m)], "Allocations[0].Amount", "ne peut dépasser ce qui reste à payer (10,00\u00a0€)" },
        { [new(Guid.NewGuid(), 5.00m)], "Allocations[0].Amount", "n'a plus rien à payer" },
        { [new(September, 5.00m), new(September, 5.00m)], "Allocations[1].Amount", "choisie deux fois" },
        { [new(November, 30.00m), new(OctoberBis, 20.00m), new(September, 0.01m)], "Amount", "dépassent le montant du paiement (50,00\u00a0€)" },
    };

    [Theory]
    [MemberData(nameof(ChoicesRefused))]
    public void AWrongChoice_IsRefusedOnItsRow_InFrench(Allocation[] chosen, string field, string words)
    {
        var refusal = Assert.Single(PaymentAllocation.Chosen(50.00m, Open, chosen).Refusals);

        Assert.Equal(field, refusal.Field);
        Assert.Contains(words, refusal.Message, StringComparison.Ordinal);
    }

    // Invoices with random days, numbers and amounts due, some of them settled already.
    private static readonly Gen<OpenInvoice[]> Invoices =
        Gen.Select(Gen.Int[1, 60], Gen.Int[1, 999], Gen.Int[0, 20_000]).Array[0, 12]
            .Select(rows => rows
                .Select(r => new OpenInvoice(Guid.NewGuid(), new DateOnly(2026, 1, 1).AddDays(r.Item1), $"2026-{r.Item2:000000}", r.Item3 / 100m))
                .ToArray());

    [Fact]
    public void OldestFirst_AllocatesTheWholePayment_NeverMoreThanDue_NeverNegative_OldestFirst() =>
        Gen.Select(Gen.Int[0, 300_000], Invoices).Sample((cents, invoices) =>
        {
            var amount = cents / 100m;
            var split = PaymentAllocation.OldestFirst(amount, invoices);
            var due = invoices.ToDictionary(i => i.Id, i => i.Remaining);
            var paid = split.Allocations.ToDictionary(a => a.InvoiceId, a => a.Amount);
            var order = PaymentAllocation.InPaymentOrder(invoices);

            // An invoice gets something only when every older one with something due is paid in full.
            var oldestFirst = order.Select((invoice, rank) => (invoice, rank)).All(x =>
                !paid.ContainsKey(x.invoice.Id)
                || order.Take(x.rank).All(older => older.Remaining == 0 || paid.GetValueOrDefault(older.Id) == older.Remaining));

            return split.Allocated + split.Leftover == amount
                && split.Leftover >= 0
                && split.Allocations.All(a => a.Amount > 0 && a.Amount <= due[a.InvoiceId] && Money.IsInCents(a.Amount))
                && (split.Leftover == 0 || split.Allocated == invoices.Sum(i => i.Remaining))
                && oldestFirst;
        });

    [Fact]
    public void AnAcceptedChoice_AllocatesTheWholePayment_NeverMoreThanDue() =>
        Gen.Select(Gen.Int[1, 300_000], Invoices, Gen.Int[0, 20_000].Array[12]).Sample((cents, invoices, asked) =>
        {
            var amount = cents / 100m;
            var chosen = invoices.Select((i, n) => new Allocation(i.Id, asked[n] / 100m)).ToArray();
            var outcome = PaymentAllocation.Chosen(amount, invoices, chosen);
            var due = invoices.ToDictionary(i => i.Id, i => i.Remaining);

            var shouldAccept = chosen.All(a => a.Amount > 0 && a.Amount <= due[a.InvoiceId]) && chosen.Sum(a => a.Amount) <= amount;
            return outcome.Succeeded == shouldAccept
                && (!outcome.Succeeded || (outcome.Value.Allocated + outcome.Value.Leftover == amount && outcome.Value.Leftover >= 0));
        });
}
