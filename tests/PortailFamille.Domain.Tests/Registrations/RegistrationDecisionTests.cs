using PortailFamille.Domain.Registrations;
using static PortailFamille.Domain.Tests.Catalogue.DemoCatalogue;

namespace PortailFamille.Domain.Tests.Registrations;

/// <summary>Requested (?) → Validated or Refused, and nothing else (docs/product.md 4.4).</summary>
public class RegistrationDecisionTests
{
    private const string OnlyRequestedCanBeValidated = "Seule une demande d'inscription en attente peut être validée.";
    private const string OnlyRequestedCanBeRefused = "Seule une demande d'inscription en attente peut être refusée.";
    private const string MissingReason = "Indiquez le motif du refus : il est envoyé à la famille.";
    private const string Reason = "Plus de place le mercredi : inscription possible en liste d'attente à l'accueil.";

    private static readonly DateTimeOffset DecisionTime = new(2026, 6, 20, 9, 0, 0, TimeSpan.FromHours(2));

    private readonly RegistrationFixture _f = new();

    public enum Action
    {
        Validate,
        Refuse,
    }

    public static TheoryData<RegistrationStatus, Action, RegistrationStatus, string?> Transitions => new()
    {
        { RegistrationStatus.Requested, Action.Validate, RegistrationStatus.Validated, null },
        { RegistrationStatus.Requested, Action.Refuse, RegistrationStatus.Refused, null },
        { RegistrationStatus.Validated, Action.Validate, RegistrationStatus.Validated, OnlyRequestedCanBeValidated },
        { RegistrationStatus.Validated, Action.Refuse, RegistrationStatus.Validated, OnlyRequestedCanBeRefused },
        { RegistrationStatus.Refused, Action.Validate, RegistrationStatus.Refused, OnlyRequestedCanBeValidated },
        { RegistrationStatus.Refused, Action.Refuse, RegistrationStatus.Refused, OnlyRequestedCanBeRefused },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void EachStateAndAction_LeadsToItsStateOrIsRefused(RegistrationStatus from, Action action, RegistrationStatus to, string? refusal)
    {
        var registration = _f.In(from);
        var decidedBefore = registration.DecidedAt;
        var reasonBefore = registration.RefusalReason;

        var outcome = action == Action.Validate
            ? registration.Validate(DecisionTime)
            : registration.Refuse(Reason, DecisionTime);

        Assert.Equal(to, registration.Status);
        if (refusal is null)
        {
            Assert.True(outcome.Succeeded);
            Assert.Same(registration, outcome.Value);
            Assert.Equal(DecisionTime, registration.DecidedAt);
            Assert.Equal(TimeSpan.Zero, registration.DecidedAt!.Value.Offset);
            Assert.Equal(action == Action.Refuse ? Reason : null, registration.RefusalReason);
        }
        else
        {
            AssertSingleRefusal(outcome.Refusals, string.Empty, refusal);
            Assert.Equal(decidedBefore, registration.DecidedAt);
            Assert.Equal(reasonBefore, registration.RefusalReason);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("    ")]
    [InlineData("Non")]
    [InlineData(" Non. ")]
    public void Refuse_WithoutAReasonOfAtLeast5Characters_IsRefused_AndTheRequestStillWaits(string? reason)
    {
        var registration = _f.Requested();

        AssertSingleRefusal(registration.Refuse(reason, DecisionTime).Refusals, "Reason", MissingReason);

        Assert.Equal(RegistrationStatus.Requested, registration.Status);
        Assert.Null(registration.DecidedAt);
    }

    [Fact]
    public void Refuse_KeepsTheReasonTrimmed_From5To1000Characters()
    {
        var shortest = _f.Requested();
        var longest = _f.Requested();

        Assert.True(shortest.Refuse("  Complet ", DecisionTime).Succeeded);
        Assert.True(longest.Refuse(new string('x', 1000), DecisionTime).Succeeded);

        Assert.Equal("Complet", shortest.RefusalReason);
        Assert.Equal(1000, longest.RefusalReason!.Length);
    }

    [Fact]
    public void Refuse_WithAReasonOver1000Characters_IsRefused()
    {
        var registration = _f.Requested();

        AssertSingleRefusal(registration.Refuse(new string('x', 1001), DecisionTime).Refusals, "Reason", "Le motif ne doit pas dépasser 1000 caractères.");

        Assert.Equal(RegistrationStatus.Requested, registration.Status);
    }

    [Fact]
    public void Refuse_ARefusedRegistrationWithoutReason_SaysItIsAlreadyDecided()
    {
        var registration = _f.Refused();

        AssertSingleRefusal(registration.Refuse(null, DecisionTime).Refusals, string.Empty, OnlyRequestedCanBeRefused);
    }
}
