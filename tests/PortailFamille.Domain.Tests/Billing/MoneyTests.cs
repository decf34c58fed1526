using CsCheck;
using PortailFamille.Domain.Billing;

namespace PortailFamille.Domain.Tests.Billing;

/// <summary>A line is count × unit price rounded once; a total is the exact sum of its lines.</summary>
public class MoneyTests
{
    [Theory]
    [InlineData(3, 2.50, 7.50)]
    [InlineData(0, 2.50, 0.00)]
    [InlineData(1, 0.005, 0.01)]
    [InlineData(3, 0.335, 1.01)]
    [InlineData(7, 1.115, 7.81)]
    public void Line_IsRoundedOnce_HalfAwayFromZero(int count, double unitPrice, double expected) =>
        Assert.Equal((decimal)expected, Money.Line(count, (decimal)unitPrice));

    [Fact]
    public void Line_RoundsTheProduct_NotEachDay()
    {
        // Three days at 0,335 €: 1,005 rounds to 1,01; rounding each day first would give 1,02.
        Assert.Equal(1.01m, Money.Line(3, 0.335m));
    }

    [Fact]
    public void Line_IsAlwaysInCentsAndWithinHalfACentOfTheProduct() =>
        Gen.Select(Gen.Int[0, 31], Gen.Int[0, 100_000]).Sample((count, milliCents) =>
        {
            var unitPrice = milliCents / 1000m;
            var line = Money.Line(count, unitPrice);
            return Money.IsInCents(line) && Math.Abs(line - (count * unitPrice)) <= 0.005m;
        });

    [Fact]
    public void Draft_TotalIsTheExactSumOfItsRoundedLines() =>
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 2], Gen.Int[1, 28], Gen.Int[0, 2], Gen.Int[0, 5000]).Array[0, 60].Sample(rows =>
        {
            var children = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
            var units = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
            var activity = Guid.NewGuid();
            var days = rows.Select(r => new BillableDay(children[r.Item1], null, activity, units[r.Item2], new DateOnly(2026, 11, r.Item3), (BillingKind)r.Item4, r.Item5 / 1000m)).ToList();

            var draft = InvoiceDraft.From(days);

            return draft.Total == draft.Lines.Sum(l => l.Amount)
                && draft.Lines.All(l => l.Amount == Money.Line(l.Count, l.UnitPrice))
                && draft.Lines.Sum(l => l.Count) == days.DistinctBy(d => (d.ChildId, d.UnitId, d.Date)).Count();
        });

    [Theory]
    [InlineData(1083.33, "1\u00a0083,33\u00a0€")]
    [InlineData(12.5, "12,50\u00a0€")]
    [InlineData(0, "0,00\u00a0€")]
    [InlineData(-3.2, "-3,20\u00a0€")]
    public void Euros_IsWrittenTheFrenchWay(double amount, string expected) =>
        Assert.Equal(expected, Money.Euros((decimal)amount));
}
