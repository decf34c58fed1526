using System.Globalization;
using CsCheck;
using PortailFamille.Domain.Billing;

namespace PortailFamille.Domain.Tests.Billing;

/// <summary>The attestation fiscale: care paid during the year for children under six, without meals, penalties and surcharges.</summary>
public class TaxCertificateTests
{
    private static readonly TaxChild Lea = new(Guid.NewGuid(), "MARTIN Léa", new DateOnly(2022, 3, 14));
    private static readonly TaxChild Hugo = new(Guid.NewGuid(), "MARTIN Hugo", new DateOnly(2023, 9, 2));
    private static readonly TaxChild Emma = new(Guid.NewGuid(), "MARTIN Emma", new DateOnly(2018, 5, 20));
    private static readonly TaxChild[] Children = [Lea, Hugo, Emma];

    private static TaxInvoiceLine Care(TaxChild child, decimal amount, string activity = "Périscolaire") =>
        new(child.Id, activity, false, BillingKind.Reserved, 10, amount / 10, amount);

    private static TaxInvoiceLine Meal(TaxChild child, decimal amount) =>
        new(child.Id, "Restauration scolaire", true, BillingKind.Reserved, 10, amount / 10, amount);

    private static TaxInvoice Invoice(int year, int month, params TaxInvoiceLine[] lines) => new(Guid.NewGuid(), new DateOnly(year, month, 1), 0m, lines);

    private static TaxPayment Paid(TaxInvoice invoice, int year, int month, int day, decimal amount) => new(new DateOnly(year, month, day), invoice.Id, amount);

    private static decimal AmountOf(TaxCertificate certificate, TaxChild child) =>
        certificate.Children.SingleOrDefault(c => c.ChildId == child.Id)?.Amount ?? 0m;

    [Theory]
    [InlineData("2020-01-02", 2026, true)]
    // Six on 1 January 2026 itself: too old.
    [InlineData("2020-01-01", 2026, false)]
    [InlineData("2019-12-31", 2026, false)]
    [InlineData("2020-02-29", 2026, true)]
    // Born on 29 February 2020: five on 1 January 2026, six on 1 January 2027.
    [InlineData("2020-02-29", 2027, false)]
    [InlineData("2021-02-28", 2027, true)]
    [InlineData("2021-01-01", 2027, false)]
    [InlineData("2026-06-01", 2026, true)]
    [InlineData("2027-01-01", 2026, false)]
    public void AChildCounts_WhenUnderSixOnTheFirstOfJanuary(string birthDate, int year, bool eligible) =>
        Assert.Equal(eligible, TaxCertificate.IsEligible(DateOnly.Parse(birthDate, CultureInfo.InvariantCulture), year));

    [Fact]
    public void ADecemberInvoicePaidInJanuary_CountsForTheNextYear()
    {
        var december = Invoice(2025, 12, Care(Lea, 80.00m));
        var payments = new[] { Paid(december, 2026, 1, 8, 80.00m) };

        Assert.Empty(TaxCertificate.Compute(2025, Children, [december], payments).Children);
        var next = TaxCertificate.Compute(2026, Children, [december], payments);
        Assert.Equal(80.00m, next.Total);
        Assert.Equal(new DateOnly(2025, 12, 1), Assert.Single(next.Children).FirstMonth);
    }

    [Fact]
    public void Meals_AreLeftOut()
    {
        var invoice = Invoice(2026, 3, Care(Lea, 60.00m), Meal(Lea, 40.00m));

        var certificate = TaxCertificate.Compute(2026, Children, [invoice], [Paid(invoice, 2026, 4, 2, 100.00m)]);

        Assert.Equal(60.00m, certificate.Total);
        Assert.Equal(["Périscolaire"], Assert.Single(certificate.Children).Activities);
    }

    [Fact]
    public void UnjustifiedAbsences_AreLeftOutWhole_AndTheSurchargeOfUnexpectedPresences()
    {
        var invoice = Invoice(2026, 3,
            Care(Lea, 30.00m),
            // 2 days at 3,00 € + 1,50 € of penalty.
            new TaxInvoiceLine(Lea.Id, "Périscolaire", false, BillingKind.UnjustifiedAbsence, 2, 4.50m, 9.00m),
            // 3 days at 3,00 € + 1,00 € of surcharge: 9,00 € of care.
            new TaxInvoiceLine(Lea.Id, "Périscolaire", false, BillingKind.Unexpected, 3, 4.00m, 12.00m, SurchargePerDay: 1.00m),
            // The same without knowing the surcharge: left out rather than guessed.
            new TaxInvoiceLine(Lea.Id, "Accueil du soir", false, BillingKind.Unexpected, 1, 4.00m, 4.00m));

        var certificate = TaxCertificate.Compute(2026, Children, [invoice], [Paid(invoice, 2026, 4, 2, 55.00m)]);

        Assert.Equal(39.00m, certificate.Total);
        Assert.Equal(["Périscolaire"], Assert.Single(certificate.Children).Activities);
    }

    [Theory]
    [InlineData(BillingKind.Reserved, false, 1, 3.00, 3.00, null, 3.00)]
    [InlineData(BillingKind.Reserved, true, 1, 3.00, 3.00, null, 0)]
    [InlineData(BillingKind.UnjustifiedAbsence, false, 2, 4.50, 9.00, null, 0)]
    [InlineData(BillingKind.Unexpected, false, 3, 4.00, 12.00, 1.00, 9.00)]
    [InlineData(BillingKind.Unexpected, false, 3, 4.00, 12.00, 0.0, 12.00)]
    [InlineData(BillingKind.Unexpected, false, 3, 4.00, 12.00, null, 0)]
    [InlineData(BillingKind.Unexpected, true, 3, 4.00, 12.00, 1.00, 0)]
    [InlineData(BillingKind.Unexpected, false, 3, 0.335, 1.01, 0.001, 1.00)]
    public void ChildcarePart_OfALine(BillingKind kind, bool isMeal, int count, double unitPrice, double amount, double? surcharge, double expected) =>
        Assert.Equal((decimal)expected, TaxCertificate.ChildcarePart(new(Lea.Id, "Périscolaire", isMeal, kind, count, (decimal)unitPrice, (decimal)amount, (decimal?)surcharge)));

    [Fact]
    public void ACreditNote_LowersWhatCounts()
    {
        // 100,00 € of care and meals, 20,00 € credited, 80,00 € paid: 80 % of the care counts.
        var invoice = Invoice(2026, 3, Care(Lea, 50.00m), Meal(Lea, 50.00m)) with { Credited = 20.00m };

        var certificate = TaxCertificate.Compute(2026, Children, [invoice], [Paid(invoice, 2026, 4, 2, 80.00m)]);

        Assert.Equal(40.00m, certificate.Total);
    }

    [Fact]
    public void ACreditNoteAfterTheInvoiceWasPaid_CountsOnlyWhatTheInvoiceCostInTheEnd()
    {
        // Paid in full, then 30,00 € credited: the 30,00 € became a credit of the family, not care.
        var invoice = Invoice(2026, 3, Care(Lea, 100.00m)) with { Credited = 30.00m };

        var certificate = TaxCertificate.Compute(2026, Children, [invoice], [Paid(invoice, 2026, 4, 2, 100.00m)]);

        Assert.Equal(70.00m, certificate.Total);
    }

    [Fact]
    public void AnInvoicePaidOverTwoYears_NeverCountsMoreThanItCost()
    {
        var invoice = Invoice(2025, 11, Care(Lea, 100.00m)) with { Credited = 10.00m };
        var payments = new[] { Paid(invoice, 2025, 12, 10, 60.00m), Paid(invoice, 2026, 1, 10, 40.00m) };

        Assert.Equal(60.00m, TaxCertificate.Compute(2025, Children, [invoice], payments).Total);
        Assert.Equal(30.00m, TaxCertificate.Compute(2026, Children, [invoice], payments).Total);
    }

    [Fact]
    public void AChildOfSixOrMore_IsLeftOut()
    {
        var invoice = Invoice(2026, 3, Care(Lea, 40.00m), Care(Emma, 60.00m));

        var certificate = TaxCertificate.Compute(2026, Children, [invoice], [Paid(invoice, 2026, 4, 2, 100.00m)]);

        Assert.Equal([Lea.Id], certificate.Children.Select(c => c.ChildId));
        Assert.Equal(40.00m, certificate.Total);
    }

    [Fact]
    public void TwoChildrenOnOneInvoice_ShareItInProportion()
    {
        var invoice = Invoice(2026, 3, Care(Lea, 30.00m), Care(Hugo, 10.00m, "Centre de loisirs"), Meal(Hugo, 20.00m));

        // Half of the 60,00 € paid: 15,00 € for Léa, 5,00 € for Hugo.
        var certificate = TaxCertificate.Compute(2026, Children, [invoice], [Paid(invoice, 2026, 4, 2, 30.00m)]);

        Assert.Equal(15.00m, AmountOf(certificate, Lea));
        Assert.Equal(5.00m, AmountOf(certificate, Hugo));
        Assert.Equal(20.00m, certificate.Total);
        Assert.Equal([Lea.Id, Hugo.Id], certificate.Children.Select(c => c.ChildId));
        Assert.Equal(["Centre de loisirs"], certificate.Children[1].Activities);
    }

    [Fact]
    public void APartlyPaidInvoice_CountsOnlyWhatWasPaid()
    {
        var invoice = Invoice(2026, 3, Care(Lea, 80.00m));

        var certificate = TaxCertificate.Compute(2026, Children, [invoice], [Paid(invoice, 2026, 4, 2, 25.00m)]);

        Assert.Equal(25.00m, certificate.Total);
    }

    [Fact]
    public void ACentThatCannotBeSplit_GoesToOneChild_NotToBoth()
    {
        var invoice = Invoice(2026, 3, Care(Lea, 10.00m), Care(Hugo, 10.00m));

        var certificate = TaxCertificate.Compute(2026, Children, [invoice], [Paid(invoice, 2026, 4, 2, 0.01m)]);

        Assert.Equal(0.01m, certificate.Total);
        Assert.Equal([Lea.Id], certificate.Children.Select(c => c.ChildId));
    }

    [Fact]
    public void TheActivitiesAndThePeriod_AreThoseOfTheCareCounted()
    {
        var march = Invoice(2026, 3, Care(Lea, 20.00m, "Périscolaire"), Meal(Lea, 10.00m));
        var july = Invoice(2026, 7, Care(Lea, 50.00m, "Centre de loisirs"));
        var october = Invoice(2026, 10, Care(Lea, 20.00m, "Accueil du mercredi"));

        var certificate = TaxCertificate.Compute(2026, Children, [march, july, october], [Paid(march, 2026, 4, 1, 30.00m), Paid(july, 2026, 8, 1, 50.00m)]);

        var lea = Assert.Single(certificate.Children);
        Assert.Equal(["Centre de loisirs", "Périscolaire"], lea.Activities);
        Assert.Equal((new DateOnly(2026, 3, 1), new DateOnly(2026, 7, 1)), (lea.FirstMonth, lea.LastMonth));
        Assert.Equal((Lea.Name, Lea.BirthDate, 70.00m), (lea.Name, lea.BirthDate, lea.Amount));
    }

    [Fact]
    public void APaymentOfAnInvoiceNotGiven_IsAProgrammingError() =>
        Assert.Throws<ArgumentException>(() => TaxCertificate.Compute(2026, Children, [], [new TaxPayment(new DateOnly(2026, 1, 1), Guid.NewGuid(), 1m)]));

    // A family of up to three children of random ages, random invoices (care, meals, absences,
    // unexpected presences, credit notes) and payments over three years.
    private static readonly Gen<(TaxChild[] Children, TaxInvoice[] Invoices, TaxPayment[] Payments)> Family =
        Gen.Select(
            Gen.Int[0, 3650].Array[1, 3],
            Gen.Select(Gen.Int[0, 2], Gen.Bool, Gen.Int[0, 2], Gen.Int[1, 20], Gen.Int[1, 900], Gen.Int[0, 200]).Array[1, 6].Array[1, 5],
            Gen.Int[0, 100],
            Gen.Select(Gen.Int[0, 4], Gen.Int[0, 1095], Gen.Int[0, 30_000]).Array[0, 10])
        .Select((ages, invoiceRows, creditPercent, paymentRows) =>
        {
            var children = ages.Select((days, n) => new TaxChild(Guid.NewGuid(), $"Enfant {n}", new DateOnly(2026, 1, 1).AddDays(-days))).ToArray();
            var invoices = invoiceRows.Select((rows, n) =>
            {
                var lines = rows.Select(r =>
                {
                    var unitPrice = r.Item5 / 100m;
                    return new TaxInvoiceLine(children[r.Item1 % children.Length].Id, $"Activité {r.Item1}", r.Item2, (BillingKind)r.Item3, r.Item4, unitPrice, Money.Line(r.Item4, unitPrice), r.Item6 / 100m);
                }).ToArray();
                var total = lines.Sum(l => l.Amount);
                return new TaxInvoice(Guid.NewGuid(), new DateOnly(2025, 1 + (n % 12), 1), Money.Cents(total * creditPercent / 100m * (n % 2)), lines);
            }).ToArray();
            var payments = paymentRows.Select(p => new TaxPayment(new DateOnly(2025, 1, 1).AddDays(p.Item2), invoices[p.Item1 % invoices.Length].Id, p.Item3 / 100m)).ToArray();
            return (children, invoices, payments);
        });

    [Fact]
    public void TheTotal_IsNeverMoreThanWhatWasPaidInTheYear_AndNoChildIsNegative() =>
        Family.Sample(family =>
        {
            var certificate = TaxCertificate.Compute(2026, family.Children, family.Invoices, family.Payments);
            var paidInYear = family.Payments.Where(p => p.PaidOn.Year == 2026).Sum(p => p.Amount);

            return certificate.Total <= paidInYear
                && certificate.Children.All(c => c.Amount > 0 && Money.IsInCents(c.Amount) && TaxCertificate.IsEligible(c.BirthDate, 2026))
                && certificate.Total == certificate.Children.Sum(c => c.Amount);
        });

    [Fact]
    public void OverTheYears_AnInvoiceNeverCountsMoreThanItsChildcareNetOfCreditNotes() =>
        Family.Sample(family =>
        {
            // Every child eligible every year, to add the years up.
            var young = family.Children.Select(c => c with { BirthDate = new DateOnly(2025, 1, 1) }).ToArray();
            var counted = Enumerable.Range(2025, 3).Sum(y => TaxCertificate.Compute(y, young, family.Invoices, family.Payments).Total);
            var ceiling = family.Invoices.Sum(i => i.Total == 0 ? 0 : i.Lines.Sum(TaxCertificate.ChildcarePart) * (i.Total - i.Credited) / i.Total);

            // Rounding once per year may add up to half a cent a year.
            return counted <= ceiling + 0.015m;
        });
}
