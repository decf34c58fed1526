using PortailFamille.Domain.Billing;

namespace PortailFamille.Domain.Tests.Billing;

/// <summary>What a day costs for each pair of "held a place" × attendance mark (docs/product.md 4.6).</summary>
public class BillingRuleTests
{
    public static TheoryData<bool, AttendanceMark?, BillingKind?> Days => new()
    {
        // A reserved day is billed when attended or not marked, not when the absence is justified.
        { true, null, BillingKind.Reserved },
        { true, AttendanceMark.Present, BillingKind.Reserved },
        { true, AttendanceMark.AbsentJustified, null },
        { true, AttendanceMark.AbsentUnjustified, BillingKind.UnjustifiedAbsence },

        // Without a place (never booked, refused, waitlisted, cancellation accepted): only a presence is billed.
        { false, null, null },
        { false, AttendanceMark.Present, BillingKind.Unexpected },
        { false, AttendanceMark.AbsentJustified, null },
        { false, AttendanceMark.AbsentUnjustified, null },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public void Decide_FollowsTheTable(bool heldPlace, AttendanceMark? mark, BillingKind? expected) =>
        Assert.Equal(expected, BillingRule.Decide(heldPlace, mark));

    [Fact]
    public void Decide_AnswersForEveryPairOfPlaceAndMark()
    {
        var marks = Enum.GetValues<AttendanceMark>().Select(m => (AttendanceMark?)m).Append(null);
        foreach (var held in new[] { true, false })
        {
            foreach (var mark in marks)
            {
                _ = BillingRule.Decide(held, mark);
            }
        }

        Assert.Equal(2 * (Enum.GetValues<AttendanceMark>().Length + 1), Days.Count);
    }

    [Theory]
    [InlineData(BillingKind.Reserved, 2.50, null, null, 2.50)]
    [InlineData(BillingKind.Reserved, 2.50, 1.00, 3.00, 2.50)]
    [InlineData(BillingKind.Unexpected, 2.50, null, 3.00, 2.50)]
    [InlineData(BillingKind.Unexpected, 2.50, 1.00, 3.00, 3.50)]
    [InlineData(BillingKind.UnjustifiedAbsence, 2.50, 1.00, null, 2.50)]
    [InlineData(BillingKind.UnjustifiedAbsence, 2.50, 1.00, 3.00, 5.50)]
    public void UnitPrice_AddsTheSurchargeOrThePenaltyOfTheKindOnly(BillingKind kind, double tariff, double? surcharge, double? penalty, double expected) =>
        Assert.Equal((decimal)expected, BillingRule.UnitPrice(kind, (decimal)tariff, (decimal?)surcharge, (decimal?)penalty));

    [Fact]
    public void EveryKindAndMark_HasItsFrenchWords()
    {
        Assert.All(Enum.GetValues<BillingKind>(), k => Assert.False(string.IsNullOrWhiteSpace(BillingRule.Label(k))));
        Assert.Equal("Absent justifié", AttendanceMarks.Label(AttendanceMark.AbsentJustified));
    }
}
