using CsCheck;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Tests.Families;

public class FamilyResourcesTests
{
    private const string ResourcesRangeMessage = "Les revenus mensuels doivent être compris entre 0 et 100 000 €.";
    private const string ResourcesDecimalsMessage = "Les revenus mensuels s'écrivent avec au plus 2 décimales.";
    private const string PartsMessage = "Le nombre de parts est compris entre 1 et 20, par demi-part (par exemple 2,5).";
    private const string QuotientRangeMessage = "Le quotient familial doit être compris entre 0 et 100 000.";
    private const string MissingQuotientMessage = "Saisissez soit le quotient familial donné par la CAF ou la MSA, soit les revenus mensuels et le nombre de parts.";

    private static readonly DateTimeOffset Now = new(2025, 9, 1, 8, 30, 0, TimeSpan.FromHours(2));
    private static readonly DateOnly UpdatedOn = new(2025, 9, 15);

    public static TheoryData<decimal> RefusedParts => [2.3m, 0.5m, 0m, -2m, 2.25m, 20.5m, 21m];

    public static TheoryData<decimal> AcceptedParts => [1m, 1.5m, 2m, 2.5m, 3m, 20m];

    public static TheoryData<decimal> ResourcesOutOfRange => [-0.01m, -500m, 100_000.01m, 1_000_000m];

    [Fact]
    public void SetResources_WithResourcesAndParts_ComputesTheQuotient_AsInTheExample()
    {
        var family = NewFamily();

        var outcome = family.SetResources(1083.33m, 2m, null, UpdatedOn);

        Assert.True(outcome.Succeeded);
        var resources = outcome.Value;
        Assert.Equal(1083.33m, resources.MonthlyResources);
        Assert.Equal(2m, resources.Parts);
        Assert.Equal(542, resources.Quotient);
        Assert.Equal(UpdatedOn, resources.UpdatedOn);
        Assert.False(resources.QuotientGivenByFund);
        Assert.Same(resources, family.Resources);
    }

    [Fact]
    public void SetResources_WithAQuotientGivenByTheFund_KeepsThatQuotient_EvenWithResourcesAndParts()
    {
        var family = NewFamily();

        var outcome = family.SetResources(1083.33m, 2m, 450, UpdatedOn);

        Assert.True(outcome.Succeeded);
        Assert.Equal(450, outcome.Value.Quotient);
        Assert.True(outcome.Value.QuotientGivenByFund);
        Assert.Equal(1083.33m, outcome.Value.MonthlyResources);
        Assert.Equal(2m, outcome.Value.Parts);
        Assert.Same(outcome.Value, family.Resources);
    }

    [Fact]
    public void SetResources_WithOnlyAQuotientGivenByTheFund_IsAccepted()
    {
        var family = NewFamily();

        var outcome = family.SetResources(null, null, 731, UpdatedOn);

        Assert.True(outcome.Succeeded);
        Assert.Equal(new FamilyResources(null, null, 731, UpdatedOn, true), family.Resources);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_000)]
    public void SetResources_WithAQuotientGivenByTheFundAtTheLimits_IsAccepted(int quotient)
    {
        var outcome = NewFamily().SetResources(null, null, quotient, UpdatedOn);

        Assert.Equal(quotient, outcome.Value.Quotient);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100_001)]
    public void SetResources_WithAQuotientGivenByTheFundOutOfRange_IsRefusedOnQuotient(int quotient)
    {
        var family = NewFamily();

        var outcome = family.SetResources(null, null, quotient, UpdatedOn);

        AssertSingleRefusal(outcome.Refusals, "Quotient", QuotientRangeMessage);
        Assert.Null(family.Resources);
    }

    [Fact]
    public void SetResources_WithNeitherQuotientNorResourcesAndParts_IsRefusedOnQuotient()
    {
        var family = NewFamily();

        var outcome = family.SetResources(null, null, null, UpdatedOn);

        AssertSingleRefusal(outcome.Refusals, "Quotient", MissingQuotientMessage);
        Assert.Null(family.Resources);
    }

    [Fact]
    public void SetResources_WithResourcesButNoParts_AndNoQuotient_IsRefusedOnQuotient()
    {
        var outcome = NewFamily().SetResources(1083.33m, null, null, UpdatedOn);

        AssertSingleRefusal(outcome.Refusals, "Quotient", MissingQuotientMessage);
    }

    [Fact]
    public void SetResources_WithPartsButNoResources_AndNoQuotient_IsRefusedOnQuotient()
    {
        var outcome = NewFamily().SetResources(null, 2.5m, null, UpdatedOn);

        AssertSingleRefusal(outcome.Refusals, "Quotient", MissingQuotientMessage);
    }

    [Theory]
    [MemberData(nameof(ResourcesOutOfRange))]
    public void SetResources_WithNegativeResourcesOrMoreThan100000_IsRefused(decimal monthlyResources)
    {
        var family = NewFamily();

        var outcome = family.SetResources(monthlyResources, 2m, null, UpdatedOn);

        AssertSingleRefusal(outcome.Refusals, "MonthlyResources", ResourcesRangeMessage);
        Assert.Null(family.Resources);
    }

    [Fact]
    public void SetResources_WithResourcesOfExactly100000_IsAccepted()
    {
        var outcome = NewFamily().SetResources(100_000m, 2m, null, UpdatedOn);

        Assert.Equal(50_000, outcome.Value.Quotient);
    }

    [Fact]
    public void SetResources_WithResourcesOfZero_GivesAQuotientOfZero()
    {
        var outcome = NewFamily().SetResources(0m, 3m, null, UpdatedOn);

        Assert.Equal(0, outcome.Value.Quotient);
    }

    [Fact]
    public void SetResources_WithResourcesOf3Decimals_IsRefused()
    {
        var family = NewFamily();

        var outcome = family.SetResources(1083.333m, 2m, null, UpdatedOn);

        AssertSingleRefusal(outcome.Refusals, "MonthlyResources", ResourcesDecimalsMessage);
        Assert.Null(family.Resources);
    }

    [Fact]
    public void SetResources_WithATrailingZeroThirdDecimal_IsAccepted()
    {
        var outcome = NewFamily().SetResources(1083.330m, 2m, null, UpdatedOn);

        Assert.Equal(542, outcome.Value.Quotient);
    }

    [Theory]
    [MemberData(nameof(RefusedParts))]
    public void SetResources_WithPartsOutside1To20OrNotByHalfPart_IsRefused(decimal parts)
    {
        var family = NewFamily();

        var outcome = family.SetResources(1083.33m, parts, null, UpdatedOn);

        AssertSingleRefusal(outcome.Refusals, "Parts", PartsMessage);
        Assert.Null(family.Resources);
    }

    [Theory]
    [MemberData(nameof(AcceptedParts))]
    public void SetResources_WithPartsFrom1To20ByHalfPart_IsAccepted(decimal parts)
    {
        var outcome = NewFamily().SetResources(3000m, parts, null, UpdatedOn);

        Assert.True(outcome.Succeeded);
        Assert.Equal(parts, outcome.Value.Parts);
        Assert.Equal(FamilyQuotient.Compute(3000m, parts), outcome.Value.Quotient);
    }

    [Fact]
    public void SetResources_With2AndAHalfParts_DividesBy2AndAHalf()
    {
        var outcome = NewFamily().SetResources(2500m, 2.5m, null, UpdatedOn);

        Assert.Equal(1000, outcome.Value.Quotient);
    }

    [Fact]
    public void SetResources_WithAQuotientGivenByTheFund_StillChecksTheResourcesAndParts()
    {
        var outcome = NewFamily().SetResources(-1m, 2.3m, 450, UpdatedOn);

        Assert.Collection(
            outcome.Refusals,
            r => Assert.Equal(new Refusal("MonthlyResources", ResourcesRangeMessage), r),
            r => Assert.Equal(new Refusal("Parts", PartsMessage), r));
    }

    [Fact]
    public void SetResources_WithSeveralInvalidValues_GivesOneRefusalPerProblem()
    {
        var outcome = NewFamily().SetResources(1083.333m, 0.5m, -5, UpdatedOn);

        Assert.Collection(
            outcome.Refusals,
            r => Assert.Equal(new Refusal("MonthlyResources", ResourcesDecimalsMessage), r),
            r => Assert.Equal(new Refusal("Parts", PartsMessage), r),
            r => Assert.Equal(new Refusal("Quotient", QuotientRangeMessage), r));
    }

    [Fact]
    public void SetResources_WhenRefused_KeepsThePreviousResources()
    {
        var family = NewFamily();
        var before = family.SetResources(1083.33m, 2m, null, UpdatedOn).Value;

        var refusals = new[]
        {
            family.SetResources(100_001m, 2m, null, UpdatedOn.AddDays(1)),
            family.SetResources(1200.125m, 2m, null, UpdatedOn.AddDays(1)),
            family.SetResources(1200m, 2.3m, null, UpdatedOn.AddDays(1)),
            family.SetResources(null, null, null, UpdatedOn.AddDays(1)),
            family.SetResources(null, null, 100_001, UpdatedOn.AddDays(1)),
        };

        Assert.All(refusals, outcome => Assert.False(outcome.Succeeded));
        Assert.Same(before, family.Resources);
        Assert.Equal(new FamilyResources(1083.33m, 2m, 542, UpdatedOn, false), family.Resources);
    }

    [Fact]
    public void SetResources_WhenAccepted_ReplacesThePreviousResources()
    {
        var family = NewFamily();
        family.SetResources(1083.33m, 2m, null, UpdatedOn);

        family.SetResources(null, null, 610, UpdatedOn.AddMonths(1));

        Assert.Equal(new FamilyResources(null, null, 610, UpdatedOn.AddMonths(1), true), family.Resources);
    }

    [Fact]
    public void SetResources_WithoutAFundQuotient_AlwaysGivesTheComputedQuotient()
    {
        var cents = Gen.Long[0, 10_000_000];
        var halfParts = Gen.Int[2, 40];
        Gen.Select(cents, halfParts).Sample((amountInCents, numberOfHalfParts) =>
        {
            var resources = amountInCents / 100m;
            var parts = numberOfHalfParts / 2m;

            var outcome = NewFamily().SetResources(resources, parts, null, UpdatedOn);

            Assert.True(outcome.Succeeded, $"{resources} € with {parts} parts was refused.");
            Assert.Equal(FamilyQuotient.Compute(resources, parts), outcome.Value.Quotient);
            Assert.False(outcome.Value.QuotientGivenByFund);
        });
    }

    private static Family NewFamily() => Family.CreateKnown("Sophie", "Martin", "sophie.martin@exemple.fr", Now).Value;

    private static void AssertSingleRefusal(IReadOnlyList<Refusal> refusals, string field, string message)
    {
        var refusal = Assert.Single(refusals);
        Assert.Equal(field, refusal.Field);
        Assert.Equal(message, refusal.Message);
    }
}
