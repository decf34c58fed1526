using PortailFamille.Domain.Billing;

namespace PortailFamille.Domain.Tests.Billing;

public sealed class CreditRefundTests
{
    private static readonly DateOnly Today = new(2027, 1, 13);

    public static TheoryData<PaymentMethod, decimal, DateOnly, decimal, string[]> Cases => new()
    {
        { PaymentMethod.Transfer, 10m, Today, 10m, [] },
        { PaymentMethod.Cheque, 0.01m, Today.AddYears(-1), 10m, [] },
        { PaymentMethod.Cash, 10m, Today, 25m, [] },
        { PaymentMethod.Card, 10m, Today, 10m, ["Method"] },
        { PaymentMethod.Online, 10m, Today, 10m, ["Method"] },
        { PaymentMethod.Transfer, 0m, Today, 10m, ["Amount"] },
        { PaymentMethod.Transfer, -5m, Today, 10m, ["Amount"] },
        { PaymentMethod.Transfer, 1.005m, Today, 10m, ["Amount"] },
        { PaymentMethod.Transfer, 10.01m, Today, 10m, ["Amount"] },
        { PaymentMethod.Transfer, 1m, Today, 0m, ["Amount"] },
        { PaymentMethod.Transfer, 1m, Today.AddDays(1), 10m, ["Date"] },
        { PaymentMethod.Transfer, 1m, Today.AddYears(-1).AddDays(-1), 10m, ["Date"] },
        { PaymentMethod.Cesu, 20m, new DateOnly(9999, 12, 31), 10m, ["Method", "Amount", "Date"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_refund_is_refused_field_by_field(PaymentMethod method, decimal amount, DateOnly date, decimal credit, string[] fields)
    {
        var refusals = CreditRefund.Check(method, amount, date, Today, credit);

        Assert.Equal(fields, refusals.Select(r => r.Field));
        Assert.All(refusals, r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
    }

    [Fact]
    public void The_message_says_the_credit_available_or_that_there_is_none()
    {
        Assert.Equal("Le remboursement ne peut dépasser le crédit disponible de la famille (12,50\u00a0€).",
            Assert.Single(CreditRefund.Check(PaymentMethod.Transfer, 13m, Today, Today, 12.5m)).Message);
        Assert.Equal("La famille n'a aucun crédit à rembourser.", Assert.Single(CreditRefund.Check(PaymentMethod.Transfer, 1m, Today, Today, 0m)).Message);
    }

    [Fact]
    public void A_refund_takes_the_oldest_payments_credit_first()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var parts = CreditRefund.Spread(12m, [new(a, 5m), new(b, 4m), new(c, 10m)]);

        Assert.Equal([new RefundPart(a, 5m), new RefundPart(b, 4m), new RefundPart(c, 3m)], parts);
    }

    [Fact]
    public void A_refund_beyond_the_credit_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CreditRefund.Spread(10.01m, [new(Guid.NewGuid(), 10m)]));
    }

    [Theory]
    [InlineData(0.01, new[] { 0.01 })]
    [InlineData(7.77, new[] { 3.33, 4.44, 1 })]
    [InlineData(8.77, new[] { 3.33, 4.44, 1 })]
    [InlineData(1, new[] { 3.33, 4.44, 1 })]
    public void The_parts_sum_to_the_amount_and_none_passes_its_payment_s_credit(double amount, double[] credits)
    {
        var payments = credits.Select(c => new PaymentCredit(Guid.NewGuid(), (decimal)c)).ToList();

        var parts = CreditRefund.Spread((decimal)amount, payments);

        Assert.Equal((decimal)amount, parts.Sum(p => p.Amount));
        Assert.All(parts, p => Assert.InRange(p.Amount, 0.01m, payments.Single(c => c.PaymentId == p.PaymentId).Credit));
        Assert.Equal(parts.Select(p => p.PaymentId), payments.Take(parts.Count).Select(c => c.PaymentId));
    }
}
