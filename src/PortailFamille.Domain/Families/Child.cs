using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Families;

/// <summary>A child of the family, who can be registered to activities.</summary>
public sealed class Child
{
    /// <summary>Longest school or class name accepted.</summary>
    public const int MaxSchoolLength = 100;

    /// <summary>Longest allergies / PAI note accepted.</summary>
    public const int MaxHealthNoteLength = 1000;

    /// <summary>Most authorised persons a child may have.</summary>
    public const int MaxAuthorisedPersons = 6;

    private readonly List<AuthorisedPerson> _authorisedPersons = [];

    private Child()
    {
        FirstName = LastName = string.Empty;
    }

    internal Child(Guid familyId, string firstName, string lastName, DateOnly birthDate, Sex sex)
    {
        Id = Guid.NewGuid();
        FamilyId = familyId;
        FirstName = firstName;
        LastName = lastName;
        BirthDate = birthDate;
        Sex = sex;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The family of the child.</summary>
    public Guid FamilyId { get; private set; }

    /// <summary>Prénom.</summary>
    public string FirstName { get; private set; }

    /// <summary>Nom.</summary>
    public string LastName { get; private set; }

    /// <summary>Date de naissance.</summary>
    public DateOnly BirthDate { get; private set; }

    /// <summary>Sexe.</summary>
    public Sex Sex { get; private set; }

    /// <summary>École.</summary>
    public string? School { get; private set; }

    /// <summary>Classe (CP, CE1, moyenne section…).</summary>
    public string? ClassName { get; private set; }

    /// <summary>Régime alimentaire.</summary>
    public Diet Diet { get; private set; }

    /// <summary>Allergies, PAI (projet d'accueil individualisé) and anything the staff must know.</summary>
    public string? HealthNote { get; private set; }

    /// <summary>Adults who may pick the child up or be called in an emergency.</summary>
    public IReadOnlyList<AuthorisedPerson> AuthorisedPersons => _authorisedPersons;

    /// <summary>
    /// Replaces the school, class, diet, health note and authorised persons. The persons are
    /// already checked by <see cref="AuthorisedPerson.Create"/>.
    /// </summary>
    public Outcome<Child> UpdateCare(string? school, string? className, Diet? diet, string? healthNote, IReadOnlyList<AuthorisedPerson> authorisedPersons)
    {
        ArgumentNullException.ThrowIfNull(authorisedPersons);
        var refusals = new List<Refusal>();
        var cleanSchool = string.IsNullOrWhiteSpace(school) ? null : school.Trim();
        if (cleanSchool is { Length: > MaxSchoolLength })
        {
            refusals.Add(new(nameof(School), $"Le nom de l'école ne doit pas dépasser {MaxSchoolLength} caractères."));
        }

        var cleanClass = string.IsNullOrWhiteSpace(className) ? null : className.Trim();
        if (cleanClass is { Length: > 30 })
        {
            refusals.Add(new(nameof(ClassName), "La classe ne doit pas dépasser 30 caractères."));
        }

        if (diet is { } d && !Enum.IsDefined(d))
        {
            refusals.Add(new(nameof(Diet), "Choisissez le régime alimentaire dans la liste."));
        }

        var cleanNote = string.IsNullOrWhiteSpace(healthNote) ? null : healthNote.Trim();
        if (cleanNote is { Length: > MaxHealthNoteLength })
        {
            refusals.Add(new(nameof(HealthNote), $"Les informations de santé ne doivent pas dépasser {MaxHealthNoteLength} caractères."));
        }

        if (authorisedPersons.Count > MaxAuthorisedPersons)
        {
            refusals.Add(new(nameof(AuthorisedPersons), $"Indiquez au plus {MaxAuthorisedPersons} personnes autorisées."));
        }

        if (refusals.Count > 0)
        {
            return Outcome<Child>.Refused(refusals);
        }

        School = cleanSchool;
        ClassName = cleanClass;
        Diet = diet ?? Diet.Standard;
        HealthNote = cleanNote;
        _authorisedPersons.Clear();
        _authorisedPersons.AddRange(authorisedPersons);
        return Outcome<Child>.Success(this);
    }

    internal void Rename(string firstName, string lastName, DateOnly birthDate, Sex sex)
    {
        FirstName = firstName;
        LastName = lastName;
        BirthDate = birthDate;
        Sex = sex;
    }

    /// <summary>Age in whole years on the given day ("Age : N an(s)").</summary>
    public int AgeOn(DateOnly day) => Age.On(BirthDate, day);
}
