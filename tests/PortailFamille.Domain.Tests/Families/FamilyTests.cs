using CsCheck;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Tests.Families;

public class FamilyTests
{
    private const string FirstNameMessage = "Saisissez le prénom du responsable du foyer (lettres, espaces, tirets et apostrophes).";
    private const string LastNameMessage = "Saisissez le nom du responsable du foyer (lettres, espaces, tirets et apostrophes).";
    private const string EmailMessage = "Saisissez une adresse email valide, par exemple nom@exemple.fr.";
    private const string ChildFirstNameMessage = "Saisissez le prénom de l'enfant (lettres, espaces, tirets et apostrophes).";
    private const string ChildLastNameMessage = "Saisissez le nom de l'enfant (lettres, espaces, tirets et apostrophes).";
    private const string MissingBirthDateMessage = "Saisissez la date de naissance au format jj/mm/aaaa.";
    private const string FutureBirthDateMessage = "La date de naissance ne peut pas être dans le futur.";
    private const string TooOldMessage = "Le portail accueille les enfants jusqu'à 17 ans : vérifiez la date de naissance.";
    private const string SexMessage = "Indiquez le sexe de l'enfant.";

    private static readonly DateTimeOffset Now = new(2025, 9, 1, 8, 30, 0, TimeSpan.FromHours(2));
    private static readonly DateOnly Today = new(2025, 9, 1);

    [Fact]
    public void CreateKnown_WithValidInput_GivesAnActiveFamilyWithTheResponsibleAsParent1()
    {
        var outcome = Family.CreateKnown("Sophie", "Martin", "sophie.martin@exemple.fr", Now);

        Assert.True(outcome.Succeeded);
        Assert.Empty(outcome.Refusals);
        var family = outcome.Value;
        Assert.NotEqual(Guid.Empty, family.Id);
        Assert.Equal(FamilyStatus.Active, family.Status);
        Assert.Equal(Now, family.CreatedAt);
        Assert.Empty(family.Children);
        var guardian = Assert.Single(family.Guardians);
        Assert.Equal(1, guardian.Rank);
        Assert.Same(guardian, family.Responsible);
        Assert.Equal(family.Id, guardian.FamilyId);
        Assert.NotEqual(Guid.Empty, guardian.Id);
        Assert.Equal("Sophie", guardian.FirstName);
        Assert.Equal("Martin", guardian.LastName);
        Assert.Equal("sophie.martin@exemple.fr", guardian.Email);
    }

    [Fact]
    public void CreateKnown_NormalisesTheEmailAndNames()
    {
        var family = Family.CreateKnown("  Jean   Paul ", " N'Diaye  ", "  Jean.NDIAYE@Exemple.FR ", Now).Value;

        var guardian = family.Responsible;
        Assert.Equal("Jean Paul", guardian.FirstName);
        Assert.Equal("N'Diaye", guardian.LastName);
        Assert.Equal("jean.ndiaye@exemple.fr", guardian.Email);
    }

    [Fact]
    public void CreateKnown_DisplayName_IsTheUpperCaseLastNameThenTheFirstName()
    {
        var family = Family.CreateKnown("Sophie", "Martin", "sophie.martin@exemple.fr", Now).Value;

        Assert.Equal("MARTIN Sophie", family.DisplayName);
        Assert.Equal("MARTIN Sophie", family.Responsible.DisplayName);
    }

    [Fact]
    public void CreateKnown_GivesEachFamilyItsOwnIdentifier()
    {
        var first = Family.CreateKnown("Sophie", "Martin", "sophie.martin@exemple.fr", Now).Value;
        var second = Family.CreateKnown("Sophie", "Martin", "sophie.martin@exemple.fr", Now).Value;

        Assert.NotEqual(first.Id, second.Id);
    }

    [Theory]
    [InlineData(null, "FirstName", FirstNameMessage)]
    [InlineData("", "FirstName", FirstNameMessage)]
    [InlineData("Sophie2", "FirstName", FirstNameMessage)]
    [InlineData("-Sophie", "FirstName", FirstNameMessage)]
    public void CreateKnown_WithAnInvalidFirstName_IsRefusedOnFirstName(string? firstName, string field, string message)
    {
        var outcome = Family.CreateKnown(firstName, "Martin", "sophie.martin@exemple.fr", Now);

        AssertSingleRefusal(outcome.Refusals, field, message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("Martin!")]
    public void CreateKnown_WithAnInvalidLastName_IsRefusedOnLastName(string? lastName)
    {
        var outcome = Family.CreateKnown("Sophie", lastName, "sophie.martin@exemple.fr", Now);

        AssertSingleRefusal(outcome.Refusals, "LastName", LastNameMessage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sophie.martin")]
    [InlineData("sophie@exemple")]
    [InlineData("sophie martin@exemple.fr")]
    public void CreateKnown_WithAnInvalidEmail_IsRefusedOnEmail(string? email)
    {
        var outcome = Family.CreateKnown("Sophie", "Martin", email, Now);

        AssertSingleRefusal(outcome.Refusals, "Email", EmailMessage);
    }

    [Fact]
    public void CreateKnown_WithSeveralInvalidFields_GivesOneRefusalPerField()
    {
        var outcome = Family.CreateKnown("", "M4rtin", "pas-une-adresse", Now);

        Assert.False(outcome.Succeeded);
        Assert.Collection(
            outcome.Refusals,
            r => Assert.Equal(new Refusal("FirstName", FirstNameMessage), r),
            r => Assert.Equal(new Refusal("LastName", LastNameMessage), r),
            r => Assert.Equal(new Refusal("Email", EmailMessage), r));
    }

    [Fact]
    public void CreateKnown_WhenRefused_HasNoValueToRead()
    {
        var outcome = Family.CreateKnown("Sophie", "Martin", "", Now);

        Assert.False(outcome.Succeeded);
        var error = Assert.Throws<InvalidOperationException>(() => outcome.Value);
        Assert.Equal("L'opération a été refusée.", error.Message);
    }

    [Fact]
    public void AddChild_WithValidInput_AddsTheChildAndReturnsIt()
    {
        var family = NewFamily();

        var outcome = family.AddChild("  Léa ", "Martin", new DateOnly(2018, 3, 14), Sex.Female, Today);

        Assert.True(outcome.Succeeded);
        var child = outcome.Value;
        Assert.NotEqual(Guid.Empty, child.Id);
        Assert.Equal(family.Id, child.FamilyId);
        Assert.Equal("Léa", child.FirstName);
        Assert.Equal("Martin", child.LastName);
        Assert.Equal(new DateOnly(2018, 3, 14), child.BirthDate);
        Assert.Equal(Sex.Female, child.Sex);
        Assert.Same(child, Assert.Single(family.Children));
    }

    [Fact]
    public void AddChild_SeveralTimes_KeepsTheChildrenInOrder()
    {
        var family = NewFamily();

        var first = family.AddChild("Léa", "Martin", new DateOnly(2018, 3, 14), Sex.Female, Today).Value;
        var second = family.AddChild("Hugo", "Martin", new DateOnly(2020, 11, 2), Sex.Male, Today).Value;

        Assert.NotEqual(first.Id, second.Id);
        Assert.Collection(family.Children, c => Assert.Same(first, c), c => Assert.Same(second, c));
    }

    [Fact]
    public void AddChild_BornToday_IsAccepted()
    {
        var family = NewFamily();

        var outcome = family.AddChild("Léa", "Martin", Today, Sex.Female, Today);

        Assert.True(outcome.Succeeded);
        Assert.Equal(0, outcome.Value.AgeOn(Today));
        Assert.Single(family.Children);
    }

    [Fact]
    public void AddChild_BornInTheFuture_IsRefused()
    {
        var family = NewFamily();

        var outcome = family.AddChild("Léa", "Martin", Today.AddDays(1), Sex.Female, Today);

        AssertSingleRefusal(outcome.Refusals, "BirthDate", FutureBirthDateMessage);
        Assert.Empty(family.Children);
    }

    [Fact]
    public void AddChild_OnTheDayBeforeThe18thBirthday_IsAccepted()
    {
        var family = NewFamily();
        var birthDate = Today.AddYears(-18).AddDays(1);

        var outcome = family.AddChild("Léa", "Martin", birthDate, Sex.Female, Today);

        Assert.True(outcome.Succeeded);
        Assert.Equal(17, outcome.Value.AgeOn(Today));
        Assert.Single(family.Children);
    }

    [Fact]
    public void AddChild_OlderThan17_IsRefused()
    {
        var family = NewFamily();

        var outcome = family.AddChild("Léa", "Martin", Today.AddYears(-18), Sex.Female, Today);

        AssertSingleRefusal(outcome.Refusals, "BirthDate", TooOldMessage);
        Assert.Empty(family.Children);
    }

    [Fact]
    public void AddChild_WithoutABirthDate_IsRefused()
    {
        var family = NewFamily();

        var outcome = family.AddChild("Léa", "Martin", null, Sex.Female, Today);

        AssertSingleRefusal(outcome.Refusals, "BirthDate", MissingBirthDateMessage);
        Assert.Empty(family.Children);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(3)]
    public void AddChild_WithoutAKnownSex_IsRefused(int? sex)
    {
        var family = NewFamily();

        var outcome = family.AddChild("Léa", "Martin", new DateOnly(2018, 3, 14), (Sex?)sex, Today);

        AssertSingleRefusal(outcome.Refusals, "Sex", SexMessage);
        Assert.Empty(family.Children);
    }

    [Theory]
    [InlineData(null, "Martin", "FirstName", ChildFirstNameMessage)]
    [InlineData("L3a", "Martin", "FirstName", ChildFirstNameMessage)]
    [InlineData("Léa", "", "LastName", ChildLastNameMessage)]
    [InlineData("Léa", "-Martin", "LastName", ChildLastNameMessage)]
    public void AddChild_WithAnInvalidName_IsRefusedOnThatName(string? firstName, string? lastName, string field, string message)
    {
        var family = NewFamily();

        var outcome = family.AddChild(firstName, lastName, new DateOnly(2018, 3, 14), Sex.Female, Today);

        AssertSingleRefusal(outcome.Refusals, field, message);
        Assert.Empty(family.Children);
    }

    [Fact]
    public void AddChild_WithEveryFieldInvalid_GivesOneRefusalPerField()
    {
        var family = NewFamily();

        var outcome = family.AddChild("", "", null, null, Today);

        Assert.Collection(
            outcome.Refusals,
            r => Assert.Equal(new Refusal("FirstName", ChildFirstNameMessage), r),
            r => Assert.Equal(new Refusal("LastName", ChildLastNameMessage), r),
            r => Assert.Equal(new Refusal("BirthDate", MissingBirthDateMessage), r),
            r => Assert.Equal(new Refusal("Sex", SexMessage), r));
        Assert.Empty(family.Children);
    }

    [Fact]
    public void AddChild_RefusedAfterAnAcceptedChild_KeepsOnlyTheAcceptedChild()
    {
        var family = NewFamily();
        var accepted = family.AddChild("Léa", "Martin", new DateOnly(2018, 3, 14), Sex.Female, Today).Value;

        var refused = family.AddChild("Hugo", "Martin", Today.AddDays(1), Sex.Male, Today);

        Assert.False(refused.Succeeded);
        Assert.Same(accepted, Assert.Single(family.Children));
    }

    [Fact]
    public void Child_AgeOn_CountsWholeYears()
    {
        var child = NewFamily().AddChild("Léa", "Martin", new DateOnly(2015, 6, 10), Sex.Female, Today).Value;

        Assert.Equal(9, child.AgeOn(new DateOnly(2025, 6, 9)));
        Assert.Equal(10, child.AgeOn(new DateOnly(2025, 6, 10)));
    }

    [Fact]
    public void Child_AgeOn_MatchesAgeOn()
    {
        var birthDates = Gen.DateOnly[Today.AddYears(-17), Today];
        var days = Gen.DateOnly[Today.AddYears(-20), Today.AddYears(20)];
        Gen.Select(birthDates, days).Sample((birthDate, day) =>
        {
            var child = NewFamily().AddChild("Léa", "Martin", birthDate, Sex.Female, Today).Value;
            Assert.Equal(Age.On(birthDate, day), child.AgeOn(day));
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
