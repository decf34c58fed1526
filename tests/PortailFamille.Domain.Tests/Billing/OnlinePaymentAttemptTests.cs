using PortailFamille.Domain.Billing;

namespace PortailFamille.Domain.Tests.Billing;

/// <summary>An online attempt records its payment exactly once, whatever order the answers come in.</summary>
public class OnlinePaymentAttemptTests
{
    private const OnlinePaymentState Pending = OnlinePaymentState.Pending;
    private const OnlinePaymentState Paid = OnlinePaymentState.Paid;
    private const OnlinePaymentState Refused = OnlinePaymentState.Refused;
    private const OnlinePaymentState Abandoned = OnlinePaymentState.Abandoned;
    private const OnlinePaymentState Expired = OnlinePaymentState.Expired;
    private const OnlinePaymentEffect None = OnlinePaymentEffect.None;
    private const OnlinePaymentEffect Decided = OnlinePaymentEffect.Decided;
    private const OnlinePaymentEffect Record = OnlinePaymentEffect.RecordPayment;
    private const OnlinePaymentEffect Contradicted = OnlinePaymentEffect.Contradicted;

    // Written again here, row by row, rather than read from the code.
    public static TheoryData<OnlinePaymentState, OnlinePaymentEvent, OnlinePaymentState, OnlinePaymentEffect> EveryStateTimesEveryEvent() => new()
    {
        { Pending, OnlinePaymentEvent.Paid, Paid, Record },
        { Pending, OnlinePaymentEvent.Refused, Refused, Decided },
        { Pending, OnlinePaymentEvent.Abandoned, Abandoned, Decided },
        { Pending, OnlinePaymentEvent.StillPending, Pending, None },
        { Pending, OnlinePaymentEvent.Expire, Expired, Decided },
        { Paid, OnlinePaymentEvent.Paid, Paid, None },
        { Paid, OnlinePaymentEvent.Refused, Paid, Contradicted },
        { Paid, OnlinePaymentEvent.Abandoned, Paid, Contradicted },
        { Paid, OnlinePaymentEvent.StillPending, Paid, None },
        { Paid, OnlinePaymentEvent.Expire, Paid, None },
        { Refused, OnlinePaymentEvent.Paid, Paid, Record },
        { Refused, OnlinePaymentEvent.Refused, Refused, None },
        { Refused, OnlinePaymentEvent.Abandoned, Refused, Contradicted },
        { Refused, OnlinePaymentEvent.StillPending, Refused, None },
        { Refused, OnlinePaymentEvent.Expire, Refused, None },
        { Abandoned, OnlinePaymentEvent.Paid, Paid, Record },
        { Abandoned, OnlinePaymentEvent.Refused, Abandoned, Contradicted },
        { Abandoned, OnlinePaymentEvent.Abandoned, Abandoned, None },
        { Abandoned, OnlinePaymentEvent.StillPending, Abandoned, None },
        { Abandoned, OnlinePaymentEvent.Expire, Abandoned, None },
        { Expired, OnlinePaymentEvent.Paid, Paid, Record },
        { Expired, OnlinePaymentEvent.Refused, Refused, Decided },
        { Expired, OnlinePaymentEvent.Abandoned, Abandoned, Decided },
        { Expired, OnlinePaymentEvent.StillPending, Expired, None },
        { Expired, OnlinePaymentEvent.Expire, Expired, None },
    };

    [Theory]
    [MemberData(nameof(EveryStateTimesEveryEvent))]
    public void Next_FollowsTheTable(OnlinePaymentState state, OnlinePaymentEvent @event, OnlinePaymentState expected, OnlinePaymentEffect effect) =>
        Assert.Equal(new OnlinePaymentStep(expected, effect), OnlinePaymentAttempt.Next(state, @event));

    [Fact]
    public void TheTable_CoversEveryStateAndEvent() =>
        Assert.Equal(Enum.GetValues<OnlinePaymentState>().Length * Enum.GetValues<OnlinePaymentEvent>().Length, EveryStateTimesEveryEvent().Count);

    [Fact]
    public void APaymentIsRecorded_ExactlyWhenTheAttemptBecomesPaid()
    {
        foreach (var state in Enum.GetValues<OnlinePaymentState>())
        {
            foreach (var @event in Enum.GetValues<OnlinePaymentEvent>())
            {
                var step = OnlinePaymentAttempt.Next(state, @event);
                Assert.Equal(state != Paid && step.State == Paid, step.Effect == Record);
                // Nothing ever takes a paid attempt back.
                Assert.True(state != Paid || step.State == Paid);
            }
        }
    }

    public static TheoryData<OnlinePaymentEvent[]> AnswersInAnyOrder() => new()
    {
        { [OnlinePaymentEvent.Paid, OnlinePaymentEvent.Paid] },
        { [OnlinePaymentEvent.StillPending, OnlinePaymentEvent.Paid, OnlinePaymentEvent.StillPending, OnlinePaymentEvent.Paid] },
        { [OnlinePaymentEvent.Expire, OnlinePaymentEvent.Paid, OnlinePaymentEvent.Paid, OnlinePaymentEvent.Expire] },
        { [OnlinePaymentEvent.Paid, OnlinePaymentEvent.Expire, OnlinePaymentEvent.Refused, OnlinePaymentEvent.Paid] },
        { [OnlinePaymentEvent.Abandoned, OnlinePaymentEvent.Expire, OnlinePaymentEvent.Paid] },
    };

    [Theory]
    [MemberData(nameof(AnswersInAnyOrder))]
    public void AnAttemptThatIsPaid_RecordsItsPaymentOnce_WhateverTheOrderOfTheAnswers(OnlinePaymentEvent[] events)
    {
        var state = Pending;
        var recorded = 0;
        foreach (var @event in events)
        {
            var step = OnlinePaymentAttempt.Next(state, @event);
            recorded += step.Effect == Record ? 1 : 0;
            state = step.State;
        }

        Assert.Equal(Paid, state);
        Assert.Equal(1, recorded);
    }

    [Theory]
    [InlineData(PayFipOutcome.Paid, false, OnlinePaymentEvent.Paid)]
    [InlineData(PayFipOutcome.Paid, true, OnlinePaymentEvent.Paid)]
    [InlineData(PayFipOutcome.Refused, true, OnlinePaymentEvent.Refused)]
    [InlineData(PayFipOutcome.Abandoned, false, OnlinePaymentEvent.Abandoned)]
    [InlineData(PayFipOutcome.Pending, false, OnlinePaymentEvent.StillPending)]
    [InlineData(PayFipOutcome.Pending, true, OnlinePaymentEvent.Expire)]
    [InlineData(PayFipOutcome.UnknownOperation, false, OnlinePaymentEvent.StillPending)]
    [InlineData(PayFipOutcome.UnknownOperation, true, OnlinePaymentEvent.Expire)]
    [InlineData(PayFipOutcome.Unknown, true, OnlinePaymentEvent.Expire)]
    public void TheTreasurysAnswer_MakesTheEvent_AndExpiresOnlyWithoutAResult(PayFipOutcome outcome, bool outlived, OnlinePaymentEvent expected) =>
        Assert.Equal(expected, OnlinePaymentAttempt.EventFor(outcome, outlived));

    [Theory]
    [InlineData(Pending, true)]
    [InlineData(Paid, false)]
    [InlineData(Refused, false)]
    [InlineData(Abandoned, false)]
    [InlineData(Expired, false)]
    public void OnlyAnUndecidedAttempt_BlocksAnother(OnlinePaymentState state, bool blocks) =>
        Assert.Equal(blocks, OnlinePaymentAttempt.BlocksNewAttempt(state));

    [Fact]
    public void TheFamily_ReadsEachStateInFrench()
    {
        Assert.Equal(
            ["Paiement en cours de vérification", "Paiement enregistré", "Paiement refusé", "Paiement abandonné", "Paiement non abouti"],
            Enum.GetValues<OnlinePaymentState>().Select(OnlinePaymentAttempt.Label));
        Assert.All(Enum.GetValues<OnlinePaymentState>(), s => Assert.EndsWith(".", OnlinePaymentAttempt.Explanation(s), StringComparison.Ordinal));
        Assert.Contains("en cours de vérification", OnlinePaymentAttempt.AttemptUnderway.Message, StringComparison.Ordinal);
    }
}
