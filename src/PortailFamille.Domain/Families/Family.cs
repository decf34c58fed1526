using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Families;

/// <summary>
/// A household (dossier famille): its guardians, its children and where its file stands with
/// the service.
/// </summary>
public sealed class Family
{
    /// <summary>Oldest age, in years, at which a child can still be added to a family.</summary>
    public const int MaxChildAge = 17;

    private readonly List<Guardian> _guardians = [];
    private readonly List<Child> _children = [];

    private Family()
    {
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>Where the file stands with the service.</summary>
    public FamilyStatus Status { get; private set; }

    /// <summary>When the file was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The adults of the family, Parent 1 first.</summary>
    public IReadOnlyList<Guardian> Guardians => _guardians;

    /// <summary>The children of the family.</summary>
    public IReadOnlyList<Child> Children => _children;

    /// <summary>The responsable du foyer (Parent 1).</summary>
    public Guardian Responsible => _guardians.Single(g => g.Rank == 1);

    /// <summary>"DUPONT Marie": how the portal names the family.</summary>
    public string DisplayName => Responsible.DisplayName;

    /// <summary>
    /// Creates the file of a family that the service already knows: an agent enters the
    /// responsable du foyer, the file is active at once and the family is invited by email.
    /// </summary>
    public static Outcome<Family> CreateKnown(string? firstName, string? lastName, string? email, DateTimeOffset now)
    {
        var refusals = new List<Refusal>();
        var first = Text.NormalizeName(firstName);
        if (first is null)
        {
            refusals.Add(new("FirstName", "Saisissez le prénom du responsable du foyer (lettres, espaces, tirets et apostrophes)."));
        }

        var last = Text.NormalizeName(lastName);
        if (last is null)
        {
            refusals.Add(new("LastName", "Saisissez le nom du responsable du foyer (lettres, espaces, tirets et apostrophes)."));
        }

        var normalizedEmail = Text.NormalizeEmail(email);
        if (normalizedEmail is null)
        {
            refusals.Add(new("Email", "Saisissez une adresse email valide, par exemple nom@exemple.fr."));
        }

        if (refusals.Count > 0)
        {
            return Outcome<Family>.Refused(refusals);
        }

        var family = new Family { Id = Guid.NewGuid(), Status = FamilyStatus.Active, CreatedAt = now };
        family._guardians.Add(new Guardian(family.Id, 1, first!, last!, normalizedEmail!));
        return Outcome<Family>.Success(family);
    }

    /// <summary>
    /// Adds a child. The birth date must not be in the future nor make the child older than
    /// <see cref="MaxChildAge"/> on <paramref name="today"/>.
    /// </summary>
    public Outcome<Child> AddChild(string? firstName, string? lastName, DateOnly? birthDate, Sex? sex, DateOnly today)
    {
        var refusals = new List<Refusal>();
        var first = Text.NormalizeName(firstName);
        if (first is null)
        {
            refusals.Add(new("FirstName", "Saisissez le prénom de l'enfant (lettres, espaces, tirets et apostrophes)."));
        }

        var last = Text.NormalizeName(lastName);
        if (last is null)
        {
            refusals.Add(new("LastName", "Saisissez le nom de l'enfant (lettres, espaces, tirets et apostrophes)."));
        }

        if (birthDate is null)
        {
            refusals.Add(new("BirthDate", "Saisissez la date de naissance au format jj/mm/aaaa."));
        }
        else if (birthDate > today)
        {
            refusals.Add(new("BirthDate", "La date de naissance ne peut pas être dans le futur."));
        }
        else if (Age.On(birthDate.Value, today) > MaxChildAge)
        {
            refusals.Add(new("BirthDate", $"Le portail accueille les enfants jusqu'à {MaxChildAge} ans : vérifiez la date de naissance."));
        }

        if (sex is not (Sex.Female or Sex.Male))
        {
            refusals.Add(new("Sex", "Indiquez le sexe de l'enfant."));
        }

        if (refusals.Count > 0)
        {
            return Outcome<Child>.Refused(refusals);
        }

        var child = new Child(Id, first!, last!, birthDate!.Value, sex!.Value);
        _children.Add(child);
        return Outcome<Child>.Success(child);
    }
}
