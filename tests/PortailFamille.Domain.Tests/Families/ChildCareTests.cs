using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Tests.Families;

public class ChildCareTests
{
    private const string UnknownChildMessage = "Cet enfant n'appartient pas à la famille.";
    private const string FutureBirthDateMessage = "La date de naissance ne peut pas être dans le futur.";
    private const string TooOldMessage = "Le portail accueille les enfants jusqu'à 17 ans : vérifiez la date de naissance.";
    private const string SchoolMessage = "Le nom de l'école ne doit pas dépasser 100 caractères.";
    private const string ClassMessage = "La classe ne doit pas dépasser 30 caractères.";
    private const string DietMessage = "Choisissez le régime alimentaire dans la liste.";
    private const string HealthNoteMessage = "Les informations de santé ne doivent pas dépasser 1000 caractères.";
    private const string TooManyPersonsMessage = "Indiquez au plus 6 personnes autorisées.";

    private static readonly DateTimeOffset Now = new(2025, 9, 1, 8, 30, 0, TimeSpan.FromHours(2));
    private static readonly DateOnly Today = new(2025, 9, 1);
    private static readonly DateOnly BirthDate = new(2018, 3, 14);

    [Fact]
    public void UpdateChild_WithAValidCorrection_AppliesIt_AndKeepsTheSameChild()
    {
        var family = NewFamily();
        var child = family.AddChild("Lea", "Martn", BirthDate, Sex.Male, Today).Value;
        var id = child.Id;

        var outcome = family.UpdateChild(id, " Léa ", "Martin", new DateOnly(2018, 4, 14), Sex.Female, Today);

        Assert.True(outcome.Succeeded);
        Assert.Same(child, outcome.Value);
        Assert.Equal(id, child.Id);
        Assert.Equal(family.Id, child.FamilyId);
        Assert.Equal("Léa", child.FirstName);
        Assert.Equal("Martin", child.LastName);
        Assert.Equal(new DateOnly(2018, 4, 14), child.BirthDate);
        Assert.Equal(Sex.Female, child.Sex);
        Assert.Same(child, Assert.Single(family.Children));
    }

    [Fact]
    public void UpdateChild_ChangesOnlyThatChild()
    {
        var family = NewFamily();
        var lea = family.AddChild("Léa", "Martin", BirthDate, Sex.Female, Today).Value;
        var hugo = family.AddChild("Hugo", "Martin", new DateOnly(2020, 11, 2), Sex.Male, Today).Value;

        family.UpdateChild(hugo.Id, "Hugo", "Martin-Benali", new DateOnly(2020, 11, 2), Sex.Male, Today);

        Assert.Equal("Martin-Benali", hugo.LastName);
        Assert.Equal("Martin", lea.LastName);
    }

    [Fact]
    public void UpdateChild_OfAnUnknownChild_IsRefused()
    {
        var family = NewFamily();
        family.AddChild("Léa", "Martin", BirthDate, Sex.Female, Today);

        var outcome = family.UpdateChild(Guid.NewGuid(), "Léa", "Martin", BirthDate, Sex.Female, Today);

        AssertSingleRefusal(outcome.Refusals, string.Empty, UnknownChildMessage);
    }

    [Fact]
    public void UpdateChild_OfAChildOfAnotherFamily_IsRefused_AndLeavesThatChildAlone()
    {
        var family = NewFamily();
        var otherChild = NewFamily().AddChild("Hugo", "Durand", BirthDate, Sex.Male, Today).Value;

        var outcome = family.UpdateChild(otherChild.Id, "Léa", "Martin", BirthDate, Sex.Female, Today);

        AssertSingleRefusal(outcome.Refusals, string.Empty, UnknownChildMessage);
        Assert.Equal("Hugo", otherChild.FirstName);
        Assert.Empty(family.Children);
    }

    [Fact]
    public void UpdateChild_WithABirthDateInTheFuture_IsRefused_AndChangesNothing()
    {
        var family = NewFamily();
        var child = family.AddChild("Léa", "Martin", BirthDate, Sex.Female, Today).Value;

        var outcome = family.UpdateChild(child.Id, "Lucie", "Durand", Today.AddDays(1), Sex.Female, Today);

        AssertSingleRefusal(outcome.Refusals, "BirthDate", FutureBirthDateMessage);
        Assert.Equal("Léa", child.FirstName);
        Assert.Equal("Martin", child.LastName);
        Assert.Equal(BirthDate, child.BirthDate);
    }

    [Fact]
    public void UpdateChild_MakingTheChildOlderThan17_IsRefused()
    {
        var family = NewFamily();
        var child = family.AddChild("Léa", "Martin", BirthDate, Sex.Female, Today).Value;

        var outcome = family.UpdateChild(child.Id, "Léa", "Martin", Today.AddYears(-18), Sex.Female, Today);

        AssertSingleRefusal(outcome.Refusals, "BirthDate", TooOldMessage);
        Assert.Equal(BirthDate, child.BirthDate);
    }

    [Fact]
    public void UpdateChild_WithInvalidFields_GivesOneRefusalPerField()
    {
        var family = NewFamily();
        var child = family.AddChild("Léa", "Martin", BirthDate, Sex.Female, Today).Value;

        var outcome = family.UpdateChild(child.Id, "L3a", null, null, (Sex)0, Today);

        Assert.Collection(
            outcome.Refusals,
            r => Assert.Equal(new Refusal("FirstName", "Saisissez le prénom de l'enfant (lettres, espaces, tirets et apostrophes)."), r),
            r => Assert.Equal(new Refusal("LastName", "Saisissez le nom de l'enfant (lettres, espaces, tirets et apostrophes)."), r),
            r => Assert.Equal(new Refusal("BirthDate", "Saisissez la date de naissance au format jj/mm/aaaa."), r),
            r => Assert.Equal(new Refusal("Sex", "Indiquez le sexe de l'enfant."), r));
        Assert.Equal("Léa", child.FirstName);
        Assert.Equal(Sex.Female, child.Sex);
    }

    [Fact]
    public void NewChild_HasNoCareDetailsYet()
    {
        var child = NewChild();

        Assert.Null(child.School);
        Assert.Null(child.ClassName);
        Assert.Equal(Diet.Standard, child.Diet);
        Assert.Null(child.HealthNote);
        Assert.Empty(child.AuthorisedPersons);
    }

    [Fact]
    public void UpdateCare_WithValidInput_RecordsEverythingTrimmed()
    {
        var child = NewChild();
        var grandMother = Person("Jeanne Martin", "grand-mère");

        var outcome = child.UpdateCare("  École Jules Ferry ", " CE1 ", Diet.NoPork, "  Allergie aux arachides, PAI.  ", [grandMother]);

        Assert.True(outcome.Succeeded);
        Assert.Same(child, outcome.Value);
        Assert.Equal("École Jules Ferry", child.School);
        Assert.Equal("CE1", child.ClassName);
        Assert.Equal(Diet.NoPork, child.Diet);
        Assert.Equal("Allergie aux arachides, PAI.", child.HealthNote);
        Assert.Same(grandMother, Assert.Single(child.AuthorisedPersons));
    }

    [Fact]
    public void UpdateCare_ReplacesEverything_IncludingThePersonsInsteadOfAddingToThem()
    {
        var child = NewChild();
        child.UpdateCare("École Jules Ferry", "CE1", Diet.Vegetarian, "Asthme.", [Person("Jeanne Martin", "grand-mère"), Person("Paul Roux", "voisin")]);
        var aunt = Person("Claire Martin", "tante");

        var outcome = child.UpdateCare("École du Château", "CE2", null, "   ", [aunt]);

        Assert.True(outcome.Succeeded);
        Assert.Equal("École du Château", child.School);
        Assert.Equal("CE2", child.ClassName);
        Assert.Equal(Diet.Standard, child.Diet);
        Assert.Null(child.HealthNote);
        Assert.Same(aunt, Assert.Single(child.AuthorisedPersons));
    }

    [Fact]
    public void UpdateCare_WithBlankTexts_ClearsThem()
    {
        var child = NewChild();
        child.UpdateCare("École Jules Ferry", "CE1", Diet.NoMeat, "Asthme.", [Person("Jeanne Martin", "grand-mère")]);

        var outcome = child.UpdateCare(null, "  ", Diet.NoMeat, "", []);

        Assert.True(outcome.Succeeded);
        Assert.Null(child.School);
        Assert.Null(child.ClassName);
        Assert.Null(child.HealthNote);
        Assert.Empty(child.AuthorisedPersons);
    }

    [Fact]
    public void UpdateCare_KeepsItsOwnListOfPersons_NotTheCallersList()
    {
        var child = NewChild();
        var persons = new List<AuthorisedPerson> { Person("Jeanne Martin", "grand-mère") };

        child.UpdateCare(null, null, null, null, persons);
        persons.Add(Person("Paul Roux", "voisin"));

        Assert.Single(child.AuthorisedPersons);
    }

    [Fact]
    public void UpdateCare_WithASchoolOf100Characters_IsAccepted()
    {
        var child = NewChild();

        var outcome = child.UpdateCare(new string('e', 100), null, null, null, []);

        Assert.True(outcome.Succeeded);
        Assert.Equal(100, child.School!.Length);
    }

    [Fact]
    public void UpdateCare_WithASchoolLongerThan100Characters_IsRefused()
    {
        var outcome = NewChild().UpdateCare(new string('e', 101), null, null, null, []);

        AssertSingleRefusal(outcome.Refusals, "School", SchoolMessage);
    }

    [Fact]
    public void UpdateCare_CountsTheSchoolLengthAfterTrimming()
    {
        var outcome = NewChild().UpdateCare("   " + new string('e', 100) + "   ", null, null, null, []);

        Assert.True(outcome.Succeeded);
    }

    [Fact]
    public void UpdateCare_WithAClassOf30Characters_IsAccepted()
    {
        var outcome = NewChild().UpdateCare(null, new string('c', 30), null, null, []);

        Assert.True(outcome.Succeeded);
    }

    [Fact]
    public void UpdateCare_WithAClassLongerThan30Characters_IsRefused()
    {
        var outcome = NewChild().UpdateCare(null, new string('c', 31), null, null, []);

        AssertSingleRefusal(outcome.Refusals, "ClassName", ClassMessage);
    }

    [Fact]
    public void UpdateCare_WithAHealthNoteOf1000Characters_IsAccepted()
    {
        var outcome = NewChild().UpdateCare(null, null, null, new string('n', 1000), []);

        Assert.True(outcome.Succeeded);
    }

    [Fact]
    public void UpdateCare_WithAHealthNoteLongerThan1000Characters_IsRefused()
    {
        var outcome = NewChild().UpdateCare(null, null, null, new string('n', 1001), []);

        AssertSingleRefusal(outcome.Refusals, "HealthNote", HealthNoteMessage);
    }

    [Fact]
    public void UpdateCare_With6Persons_IsAccepted()
    {
        var child = NewChild();

        var outcome = child.UpdateCare(null, null, null, null, Persons(6));

        Assert.True(outcome.Succeeded);
        Assert.Equal(6, child.AuthorisedPersons.Count);
    }

    [Fact]
    public void UpdateCare_WithMoreThan6Persons_IsRefused()
    {
        var outcome = NewChild().UpdateCare(null, null, null, null, Persons(7));

        AssertSingleRefusal(outcome.Refusals, "AuthorisedPersons", TooManyPersonsMessage);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(-1)]
    [InlineData(99)]
    public void UpdateCare_WithADietOutsideTheList_IsRefused(int diet)
    {
        var outcome = NewChild().UpdateCare(null, null, (Diet)diet, null, []);

        AssertSingleRefusal(outcome.Refusals, "Diet", DietMessage);
    }

    [Theory]
    [InlineData(Diet.Standard)]
    [InlineData(Diet.NoPork)]
    [InlineData(Diet.NoMeat)]
    [InlineData(Diet.Vegetarian)]
    [InlineData(Diet.AllergenFree)]
    public void UpdateCare_WithEachDietOfTheList_IsAccepted(Diet diet)
    {
        var child = NewChild();

        child.UpdateCare(null, null, diet, null, []);

        Assert.Equal(diet, child.Diet);
    }

    [Fact]
    public void UpdateCare_WithEverythingInvalid_GivesOneRefusalPerField_AndChangesNothing()
    {
        var child = NewChild();
        var grandMother = Person("Jeanne Martin", "grand-mère");
        child.UpdateCare("École Jules Ferry", "CE1", Diet.NoPork, "Asthme.", [grandMother]);

        var outcome = child.UpdateCare(new string('e', 101), new string('c', 31), (Diet)42, new string('n', 1001), Persons(7));

        Assert.Collection(
            outcome.Refusals,
            r => Assert.Equal(new Refusal("School", SchoolMessage), r),
            r => Assert.Equal(new Refusal("ClassName", ClassMessage), r),
            r => Assert.Equal(new Refusal("Diet", DietMessage), r),
            r => Assert.Equal(new Refusal("HealthNote", HealthNoteMessage), r),
            r => Assert.Equal(new Refusal("AuthorisedPersons", TooManyPersonsMessage), r));
        Assert.Equal("École Jules Ferry", child.School);
        Assert.Equal("CE1", child.ClassName);
        Assert.Equal(Diet.NoPork, child.Diet);
        Assert.Equal("Asthme.", child.HealthNote);
        Assert.Same(grandMother, Assert.Single(child.AuthorisedPersons));
    }

    [Fact]
    public void UpdateCare_WithoutAListOfPersons_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => NewChild().UpdateCare(null, null, null, null, null!));
    }

    private static Family NewFamily() => Family.CreateKnown("Sophie", "Martin", "sophie.martin@exemple.fr", Now).Value;

    private static Child NewChild() => NewFamily().AddChild("Léa", "Martin", BirthDate, Sex.Female, Today).Value;

    private static AuthorisedPerson Person(string name, string relationship) =>
        AuthorisedPerson.Create(name, "06 12 34 56 78", relationship, mayPickUp: true, emergencyContact: true).Value;

    private static List<AuthorisedPerson> Persons(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Person("Personne " + (char)('A' + i), "voisin"))];

    private static void AssertSingleRefusal(IReadOnlyList<Refusal> refusals, string field, string message)
    {
        var refusal = Assert.Single(refusals);
        Assert.Equal(field, refusal.Field);
        Assert.Equal(message, refusal.Message);
    }
}
