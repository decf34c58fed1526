using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Tests.Families;

public class FamilyStatusTests
{
    private const string OnlyPendingCanBeValidated = "Seul un dossier en attente de validation peut être validé.";
    private const string OnlyPendingCanBeRejected = "Seul un dossier en attente de validation peut être refusé.";
    private const string MissingReasonMessage = "Indiquez le motif du refus : il est envoyé à la famille.";
    private const string LongReasonMessage = "Le motif ne doit pas dépasser 1000 caractères.";
    private const string AlreadyDeactivatedMessage = "Ce dossier est déjà désactivé.";
    private const string OnlyDeactivatedCanBeReactivated = "Seul un dossier désactivé peut être réactivé.";

    private static readonly DateTimeOffset SignedUpAt = new(2025, 9, 1, 8, 30, 0, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset DecisionTime = new(2025, 9, 3, 14, 0, 0, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset LaterDecisionTime = new(2025, 10, 6, 9, 15, 0, TimeSpan.FromHours(2));

    [Fact]
    public void SignUp_GivesAFamilyPendingValidation_WithItsContactDetails()
    {
        var contact = Contact();

        var outcome = Family.SignUp("  Sophie ", "Martin", "Sophie.Martin@Exemple.fr", contact, SignedUpAt);

        Assert.True(outcome.Succeeded);
        var family = outcome.Value;
        Assert.Equal(FamilyStatus.PendingValidation, family.Status);
        Assert.Same(contact, family.Contact);
        Assert.Equal(SignedUpAt, family.CreatedAt);
        Assert.Null(family.DecidedAt);
        Assert.Null(family.RejectionReason);
        Assert.Null(family.Resources);
        var guardian = Assert.Single(family.Guardians);
        Assert.Equal(1, guardian.Rank);
        Assert.Equal("Sophie", guardian.FirstName);
        Assert.Equal("sophie.martin@exemple.fr", guardian.Email);
    }

    [Fact]
    public void SignUp_WithAnInvalidName_IsRefusedLikeAKnownFamily()
    {
        var outcome = Family.SignUp("Sophie", "M4rtin", "sophie.martin@exemple.fr", Contact(), SignedUpAt);

        AssertSingleRefusal(outcome.Refusals, "LastName", "Saisissez le nom du responsable du foyer (lettres, espaces, tirets et apostrophes).");
    }

    [Fact]
    public void CreateKnown_HasNoContactDetailsYet()
    {
        var family = Family.CreateKnown("Sophie", "Martin", "sophie.martin@exemple.fr", SignedUpAt).Value;

        Assert.Null(family.Contact);
    }

    [Fact]
    public void Validate_APendingFamily_MakesItActive_AndRecordsWhen()
    {
        var family = PendingFamily();

        var outcome = family.Validate(DecisionTime);

        Assert.True(outcome.Succeeded);
        Assert.Same(family, outcome.Value);
        Assert.Equal(FamilyStatus.Active, family.Status);
        Assert.Equal(DecisionTime, family.DecidedAt);
        Assert.Null(family.RejectionReason);
    }

    [Fact]
    public void Validate_AnActiveFamily_IsRefused_AndChangesNothing()
    {
        var family = PendingFamily();
        family.Validate(DecisionTime);

        var outcome = family.Validate(LaterDecisionTime);

        AssertSingleRefusal(outcome.Refusals, string.Empty, OnlyPendingCanBeValidated);
        Assert.Equal(FamilyStatus.Active, family.Status);
        Assert.Equal(DecisionTime, family.DecidedAt);
    }

    [Fact]
    public void Validate_AKnownFamily_IsRefused()
    {
        var family = Family.CreateKnown("Sophie", "Martin", "sophie.martin@exemple.fr", SignedUpAt).Value;

        var outcome = family.Validate(DecisionTime);

        AssertSingleRefusal(outcome.Refusals, string.Empty, OnlyPendingCanBeValidated);
        Assert.Null(family.DecidedAt);
    }

    [Fact]
    public void Validate_ARejectedFamily_IsRefused_AndKeepsTheReason()
    {
        var family = PendingFamily();
        family.Reject("Justificatif de domicile manquant.", DecisionTime);

        var outcome = family.Validate(LaterDecisionTime);

        AssertSingleRefusal(outcome.Refusals, string.Empty, OnlyPendingCanBeValidated);
        Assert.Equal(FamilyStatus.Rejected, family.Status);
        Assert.Equal("Justificatif de domicile manquant.", family.RejectionReason);
        Assert.Equal(DecisionTime, family.DecidedAt);
    }

    [Fact]
    public void Validate_ADeactivatedFamily_IsRefused()
    {
        var family = ActiveFamily();
        family.Deactivate(DecisionTime);

        var outcome = family.Validate(LaterDecisionTime);

        AssertSingleRefusal(outcome.Refusals, string.Empty, OnlyPendingCanBeValidated);
        Assert.Equal(FamilyStatus.Deactivated, family.Status);
    }

    [Fact]
    public void Reject_WithAReason_MakesItRejected_AndKeepsTheTrimmedReason()
    {
        var family = PendingFamily();

        var outcome = family.Reject("  Vous n'habitez pas la commune.  ", DecisionTime);

        Assert.True(outcome.Succeeded);
        Assert.Same(family, outcome.Value);
        Assert.Equal(FamilyStatus.Rejected, family.Status);
        Assert.Equal("Vous n'habitez pas la commune.", family.RejectionReason);
        Assert.Equal(DecisionTime, family.DecidedAt);
    }

    [Fact]
    public void Reject_WithAReasonOfExactly5Characters_IsAccepted()
    {
        var family = PendingFamily();

        var outcome = family.Reject("  Refus  ", DecisionTime);

        Assert.True(outcome.Succeeded);
        Assert.Equal("Refus", family.RejectionReason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("    ")]
    [InlineData("Non")]
    [InlineData("  Abcd  ")]
    public void Reject_WithoutAReasonOfAtLeast5Characters_IsRefusedOnReason(string? reason)
    {
        var family = PendingFamily();

        var outcome = family.Reject(reason, DecisionTime);

        AssertSingleRefusal(outcome.Refusals, "Reason", MissingReasonMessage);
        Assert.Equal(FamilyStatus.PendingValidation, family.Status);
        Assert.Null(family.RejectionReason);
        Assert.Null(family.DecidedAt);
    }

    [Fact]
    public void Reject_WithAReasonOf1000Characters_IsAccepted()
    {
        var family = PendingFamily();

        var outcome = family.Reject(new string('x', 1000), DecisionTime);

        Assert.True(outcome.Succeeded);
        Assert.Equal(1000, family.RejectionReason!.Length);
    }

    [Fact]
    public void Reject_WithAReasonLongerThan1000Characters_IsRefusedOnReason()
    {
        var family = PendingFamily();

        var outcome = family.Reject(new string('x', 1001), DecisionTime);

        AssertSingleRefusal(outcome.Refusals, "Reason", LongReasonMessage);
        Assert.Equal(FamilyStatus.PendingValidation, family.Status);
    }

    [Fact]
    public void Reject_AnActiveFamily_IsRefused_AndChangesNothing()
    {
        var family = PendingFamily();
        family.Validate(DecisionTime);

        var outcome = family.Reject("Dossier incomplet.", LaterDecisionTime);

        AssertSingleRefusal(outcome.Refusals, string.Empty, OnlyPendingCanBeRejected);
        Assert.Equal(FamilyStatus.Active, family.Status);
        Assert.Null(family.RejectionReason);
        Assert.Equal(DecisionTime, family.DecidedAt);
    }

    [Fact]
    public void Reject_AnAlreadyRejectedFamily_IsRefused_AndKeepsTheFirstReason()
    {
        var family = PendingFamily();
        family.Reject("Premier motif.", DecisionTime);

        var outcome = family.Reject("Second motif.", LaterDecisionTime);

        AssertSingleRefusal(outcome.Refusals, string.Empty, OnlyPendingCanBeRejected);
        Assert.Equal("Premier motif.", family.RejectionReason);
        Assert.Equal(DecisionTime, family.DecidedAt);
    }

    [Fact]
    public void Deactivate_AnActiveFamily_MakesItDeactivated_AndRecordsWhen()
    {
        var family = ActiveFamily();

        var outcome = family.Deactivate(LaterDecisionTime);

        Assert.True(outcome.Succeeded);
        Assert.Same(family, outcome.Value);
        Assert.Equal(FamilyStatus.Deactivated, family.Status);
        Assert.Equal(LaterDecisionTime, family.DecidedAt);
    }

    [Fact]
    public void Deactivate_APendingFamily_IsRefused_SoThatReactivatingNeverSkipsValidation()
    {
        var family = PendingFamily();

        var outcome = family.Deactivate(DecisionTime);

        AssertSingleRefusal(outcome.Refusals, string.Empty, "Seul un dossier actif peut être désactivé : une inscription en attente se valide ou se refuse.");
        Assert.Equal(FamilyStatus.PendingValidation, family.Status);
        Assert.Null(family.DecidedAt);
    }

    [Fact]
    public void Deactivate_ARejectedFamily_IsRefused()
    {
        var family = PendingFamily();
        family.Reject("Hors commune", DecisionTime);

        var outcome = family.Deactivate(LaterDecisionTime);

        Assert.False(outcome.Succeeded);
        Assert.Equal(FamilyStatus.Rejected, family.Status);
    }

    [Fact]
    public void Deactivate_AnAlreadyDeactivatedFamily_IsRefused_AndKeepsTheFirstDecisionTime()
    {
        var family = ActiveFamily();
        family.Deactivate(DecisionTime);

        var outcome = family.Deactivate(LaterDecisionTime);

        AssertSingleRefusal(outcome.Refusals, string.Empty, AlreadyDeactivatedMessage);
        Assert.Equal(FamilyStatus.Deactivated, family.Status);
        Assert.Equal(DecisionTime, family.DecidedAt);
    }

    [Fact]
    public void Reactivate_ADeactivatedFamily_MakesItActive_AndRecordsWhen()
    {
        var family = ActiveFamily();
        family.Deactivate(DecisionTime);

        var outcome = family.Reactivate(LaterDecisionTime);

        Assert.True(outcome.Succeeded);
        Assert.Same(family, outcome.Value);
        Assert.Equal(FamilyStatus.Active, family.Status);
        Assert.Equal(LaterDecisionTime, family.DecidedAt);
    }

    [Fact]
    public void Reactivate_AnActiveFamily_IsRefused()
    {
        var family = ActiveFamily();

        var outcome = family.Reactivate(LaterDecisionTime);

        AssertSingleRefusal(outcome.Refusals, string.Empty, OnlyDeactivatedCanBeReactivated);
        Assert.Equal(FamilyStatus.Active, family.Status);
        Assert.Null(family.DecidedAt);
    }

    [Fact]
    public void Reactivate_APendingFamily_IsRefused()
    {
        var family = PendingFamily();

        var outcome = family.Reactivate(DecisionTime);

        AssertSingleRefusal(outcome.Refusals, string.Empty, OnlyDeactivatedCanBeReactivated);
        Assert.Equal(FamilyStatus.PendingValidation, family.Status);
    }

    [Fact]
    public void Reactivate_ARejectedFamily_IsRefused()
    {
        var family = PendingFamily();
        family.Reject("Dossier incomplet.", DecisionTime);

        var outcome = family.Reactivate(LaterDecisionTime);

        AssertSingleRefusal(outcome.Refusals, string.Empty, OnlyDeactivatedCanBeReactivated);
        Assert.Equal(FamilyStatus.Rejected, family.Status);
    }

    [Fact]
    public void CanSignIn_IsTrue_ForAnActiveFamily()
    {
        Assert.True(ActiveFamily().CanSignIn);
    }

    [Fact]
    public void CanSignIn_IsTrue_ForAFamilyPendingValidation()
    {
        Assert.True(PendingFamily().CanSignIn);
    }

    [Fact]
    public void CanSignIn_IsFalse_ForARejectedFamily()
    {
        var family = PendingFamily();
        family.Reject("Dossier incomplet.", DecisionTime);

        Assert.False(family.CanSignIn);
    }

    [Fact]
    public void CanSignIn_IsFalse_ForADeactivatedFamily()
    {
        var family = ActiveFamily();
        family.Deactivate(DecisionTime);

        Assert.False(family.CanSignIn);
    }

    [Fact]
    public void CanSignIn_IsTrueAgain_AfterReactivation()
    {
        var family = ActiveFamily();
        family.Deactivate(DecisionTime);
        family.Reactivate(LaterDecisionTime);

        Assert.True(family.CanSignIn);
    }

    [Fact]
    public void UpdateContactDetails_ReplacesTheContactDetails()
    {
        var family = PendingFamily();
        var moved = ContactDetails.Create(ContactInput() with { Street = "3 place de la Mairie", Town = "Vizille", PostalCode = "38220" }).Value;

        family.UpdateContactDetails(moved);

        Assert.Same(moved, family.Contact);
        Assert.Equal("VIZILLE", family.Contact!.Town);
    }

    [Fact]
    public void UpdateContactDetails_WithNothing_Throws_AndKeepsTheDetails()
    {
        var family = PendingFamily();
        var before = family.Contact;

        Assert.Throws<ArgumentNullException>(() => family.UpdateContactDetails(null!));
        Assert.Same(before, family.Contact);
    }

    private static ContactDetailsInput ContactInput() => new(
        "12 rue des Alpes", "38860", "Les Deux Alpes", "04 76 12 34 56", null, null, null, null, null, null, null);

    private static ContactDetails Contact() => ContactDetails.Create(ContactInput()).Value;

    private static Family PendingFamily() =>
        Family.SignUp("Sophie", "Martin", "sophie.martin@exemple.fr", Contact(), SignedUpAt).Value;

    private static Family ActiveFamily() =>
        Family.CreateKnown("Sophie", "Martin", "sophie.martin@exemple.fr", SignedUpAt).Value;

    private static void AssertSingleRefusal(IReadOnlyList<Refusal> refusals, string field, string message)
    {
        var refusal = Assert.Single(refusals);
        Assert.Equal(field, refusal.Field);
        Assert.Equal(message, refusal.Message);
    }
}
