using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Tests.Families;

public class SecondGuardianTests
{
    private const string FirstNameMessage = "Saisissez le prénom du second responsable (lettres, espaces, tirets et apostrophes).";
    private const string LastNameMessage = "Saisissez le nom du second responsable (lettres, espaces, tirets et apostrophes).";
    private const string EmailMessage = "Saisissez une adresse email valide, par exemple nom@exemple.fr.";
    private const string SameEmailMessage = "Le second responsable doit avoir sa propre adresse email.";
    private const string AlreadyTwoMessage = "La famille a déjà deux responsables.";
    private const string UnknownGuardianMessage = "Ce responsable n'appartient pas à la famille.";

    private static readonly DateTimeOffset Now = new(2025, 9, 1, 8, 30, 0, TimeSpan.FromHours(2));

    [Fact]
    public void AddSecondGuardian_WithValidInput_AddsParent2AfterParent1()
    {
        var family = NewFamily();
        var parent1 = family.Responsible;

        var outcome = family.AddSecondGuardian(" Karim ", "Martin  Benali", " Karim.Benali@Exemple.FR ");

        Assert.True(outcome.Succeeded);
        var guardian = outcome.Value;
        Assert.Equal(2, guardian.Rank);
        Assert.Equal(family.Id, guardian.FamilyId);
        Assert.NotEqual(parent1.Id, guardian.Id);
        Assert.Equal("Karim", guardian.FirstName);
        Assert.Equal("Martin Benali", guardian.LastName);
        Assert.Equal("karim.benali@exemple.fr", guardian.Email);
        Assert.Collection(family.Guardians, g => Assert.Same(parent1, g), g => Assert.Same(guardian, g));
        Assert.Same(parent1, family.Responsible);
        Assert.Equal("MARTIN Sophie", family.DisplayName);
    }

    [Fact]
    public void AddSecondGuardian_WhenTheFamilyAlreadyHasTwo_IsRefused()
    {
        var family = NewFamily();
        var parent2 = family.AddSecondGuardian("Karim", "Benali", "karim.benali@exemple.fr").Value;

        var outcome = family.AddSecondGuardian("Lucie", "Durand", "lucie.durand@exemple.fr");

        AssertSingleRefusal(outcome.Refusals, string.Empty, AlreadyTwoMessage);
        Assert.Equal(2, family.Guardians.Count);
        Assert.Same(parent2, family.Guardians[1]);
    }

    [Theory]
    [InlineData("sophie.martin@exemple.fr")]
    [InlineData("SOPHIE.MARTIN@EXEMPLE.FR")]
    [InlineData("  Sophie.Martin@Exemple.fr ")]
    public void AddSecondGuardian_WithTheEmailOfParent1_IsRefused_WhateverTheCase(string email)
    {
        var family = NewFamily();

        var outcome = family.AddSecondGuardian("Karim", "Benali", email);

        AssertSingleRefusal(outcome.Refusals, "Email", SameEmailMessage);
        Assert.Single(family.Guardians);
    }

    [Theory]
    [InlineData(null, "Benali", "FirstName", FirstNameMessage)]
    [InlineData("K4rim", "Benali", "FirstName", FirstNameMessage)]
    [InlineData("Karim", "", "LastName", LastNameMessage)]
    [InlineData("Karim", "Benali!", "LastName", LastNameMessage)]
    public void AddSecondGuardian_WithAnInvalidName_IsRefusedWithAMessageAboutTheSecondGuardian(string? firstName, string? lastName, string field, string message)
    {
        var family = NewFamily();

        var outcome = family.AddSecondGuardian(firstName, lastName, "karim.benali@exemple.fr");

        AssertSingleRefusal(outcome.Refusals, field, message);
        Assert.Contains("du second responsable", outcome.Refusals[0].Message, StringComparison.Ordinal);
        Assert.Single(family.Guardians);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("karim.benali")]
    [InlineData("karim@exemple")]
    public void AddSecondGuardian_WithAnInvalidEmail_IsRefusedOnEmail(string? email)
    {
        var family = NewFamily();

        var outcome = family.AddSecondGuardian("Karim", "Benali", email);

        AssertSingleRefusal(outcome.Refusals, "Email", EmailMessage);
        Assert.Single(family.Guardians);
    }

    [Fact]
    public void AddSecondGuardian_WithEveryFieldInvalid_GivesOneRefusalPerField()
    {
        var family = NewFamily();

        var outcome = family.AddSecondGuardian("", "B3nali", "pas-une-adresse");

        Assert.Collection(
            outcome.Refusals,
            r => Assert.Equal(new Refusal("FirstName", FirstNameMessage), r),
            r => Assert.Equal(new Refusal("LastName", LastNameMessage), r),
            r => Assert.Equal(new Refusal("Email", EmailMessage), r));
        Assert.Single(family.Guardians);
    }

    [Fact]
    public void ChangeGuardianEmail_WithAValidEmail_StoresItNormalised()
    {
        var family = NewFamily();
        var parent1 = family.Responsible;

        var outcome = family.ChangeGuardianEmail(parent1.Id, "  Sophie.Martin@Nouveau-Fournisseur.FR ");

        Assert.True(outcome.Succeeded);
        Assert.Same(parent1, outcome.Value);
        Assert.Equal("sophie.martin@nouveau-fournisseur.fr", parent1.Email);
    }

    [Fact]
    public void ChangeGuardianEmail_OfParent2_ChangesOnlyParent2()
    {
        var family = NewFamily();
        var parent2 = family.AddSecondGuardian("Karim", "Benali", "karim.benali@exemple.fr").Value;

        family.ChangeGuardianEmail(parent2.Id, "karim@autre-exemple.fr");

        Assert.Equal("karim@autre-exemple.fr", parent2.Email);
        Assert.Equal("sophie.martin@exemple.fr", family.Responsible.Email);
    }

    [Fact]
    public void ChangeGuardianEmail_OfAGuardianOfAnotherFamily_IsRefused()
    {
        var family = NewFamily();
        var stranger = NewFamily().Responsible;

        var outcome = family.ChangeGuardianEmail(stranger.Id, "sophie@autre-exemple.fr");

        AssertSingleRefusal(outcome.Refusals, string.Empty, UnknownGuardianMessage);
        Assert.Equal("sophie.martin@exemple.fr", stranger.Email);
        Assert.Equal("sophie.martin@exemple.fr", family.Responsible.Email);
    }

    [Fact]
    public void ChangeGuardianEmail_OfAnUnknownGuardian_IsRefused()
    {
        var outcome = NewFamily().ChangeGuardianEmail(Guid.NewGuid(), "sophie@autre-exemple.fr");

        AssertSingleRefusal(outcome.Refusals, string.Empty, UnknownGuardianMessage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sophie.martin")]
    [InlineData("sophie martin@exemple.fr")]
    public void ChangeGuardianEmail_WithAnInvalidEmail_IsRefused_AndKeepsTheOldEmail(string? email)
    {
        var family = NewFamily();
        var parent1 = family.Responsible;

        var outcome = family.ChangeGuardianEmail(parent1.Id, email);

        AssertSingleRefusal(outcome.Refusals, "Email", EmailMessage);
        Assert.Equal("sophie.martin@exemple.fr", parent1.Email);
    }

    /// <summary>
    /// Each guardian signs in with their own email (see <see cref="Guardian"/>): AddSecondGuardian
    /// refuses a shared address, and changing an email must not let two guardians share one either.
    /// </summary>
    [Fact]
    public void ChangeGuardianEmail_ToTheEmailOfTheOtherGuardian_IsRefused()
    {
        var family = NewFamily();
        var parent2 = family.AddSecondGuardian("Karim", "Benali", "karim.benali@exemple.fr").Value;

        var outcome = family.ChangeGuardianEmail(parent2.Id, "Sophie.Martin@Exemple.fr");

        Assert.False(outcome.Succeeded, "Parent 2 was given the sign-in email of Parent 1.");
        Assert.Equal("Email", Assert.Single(outcome.Refusals).Field);
        Assert.Equal("karim.benali@exemple.fr", parent2.Email);
    }

    private static Family NewFamily() => Family.CreateKnown("Sophie", "Martin", "sophie.martin@exemple.fr", Now).Value;

    private static void AssertSingleRefusal(IReadOnlyList<Refusal> refusals, string field, string message)
    {
        var refusal = Assert.Single(refusals);
        Assert.Equal(field, refusal.Field);
        Assert.Equal(message, refusal.Message);
    }
}
