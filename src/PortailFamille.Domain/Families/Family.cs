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

    /// <summary>The family's address, phones and allocataire data; null until someone fills them in.</summary>
    public ContactDetails? Contact { get; private set; }

    /// <summary>Income and quotient familial, entered by an agent.</summary>
    public FamilyResources? Resources { get; private set; }

    /// <summary>Why an agent rejected the sign-up.</summary>
    public string? RejectionReason { get; private set; }

    /// <summary>When an agent last validated, rejected, deactivated or reactivated the file.</summary>
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>
    /// Creates the file of a family that the service already knows: an agent enters the
    /// responsable du foyer, the file is active at once and the family is invited by email.
    /// </summary>
    public static Outcome<Family> CreateKnown(string? firstName, string? lastName, string? email, DateTimeOffset now) =>
        Create(firstName, lastName, email, FamilyStatus.Active, null, now);

    /// <summary>
    /// Creates the file of a new family that signed up online: it waits "en attente de
    /// validation" until an agent validates or rejects it.
    /// </summary>
    public static Outcome<Family> SignUp(string? firstName, string? lastName, string? email, ContactDetails contact, DateTimeOffset now) =>
        Create(firstName, lastName, email, FamilyStatus.PendingValidation, contact, now);

    private static Outcome<Family> Create(string? firstName, string? lastName, string? email, FamilyStatus status, ContactDetails? contact, DateTimeOffset now)
    {
        var refusals = new List<Refusal>();
        var (first, last, normalizedEmail) = CheckGuardian(firstName, lastName, email, "du responsable du foyer", refusals);
        if (refusals.Count > 0)
        {
            return Outcome<Family>.Refused(refusals);
        }

        var family = new Family { Id = Guid.NewGuid(), Status = status, CreatedAt = now, Contact = contact };
        family._guardians.Add(new Guardian(family.Id, 1, first!, last!, normalizedEmail!));
        return Outcome<Family>.Success(family);
    }

    private static (string? First, string? Last, string? Email) CheckGuardian(string? firstName, string? lastName, string? email, string who, List<Refusal> refusals)
    {
        var first = Text.NormalizeName(firstName);
        if (first is null)
        {
            refusals.Add(new("FirstName", $"Saisissez le prénom {who} (lettres, espaces, tirets et apostrophes)."));
        }

        var last = Text.NormalizeName(lastName);
        if (last is null)
        {
            refusals.Add(new("LastName", $"Saisissez le nom {who} (lettres, espaces, tirets et apostrophes)."));
        }

        var normalizedEmail = Text.NormalizeEmail(email);
        if (normalizedEmail is null)
        {
            refusals.Add(new("Email", "Saisissez une adresse email valide, par exemple nom@exemple.fr."));
        }

        return (first, last, normalizedEmail);
    }

    /// <summary>An agent accepts a sign-up: the family may now use the whole portal.</summary>
    public Outcome<Family> Validate(DateTimeOffset now)
    {
        if (Status != FamilyStatus.PendingValidation)
        {
            return Refuse("Seul un dossier en attente de validation peut être validé.");
        }

        Status = FamilyStatus.Active;
        RejectionReason = null;
        DecidedAt = now;
        return Outcome<Family>.Success(this);
    }

    /// <summary>An agent rejects a sign-up; the reason is required and sent to the family.</summary>
    public Outcome<Family> Reject(string? reason, DateTimeOffset now)
    {
        if (Status != FamilyStatus.PendingValidation)
        {
            return Refuse("Seul un dossier en attente de validation peut être refusé.");
        }

        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length < 5)
        {
            return Outcome<Family>.Refused([new("Reason", "Indiquez le motif du refus : il est envoyé à la famille.")]);
        }

        if (text.Length > 1000)
        {
            return Outcome<Family>.Refused([new("Reason", "Le motif ne doit pas dépasser 1000 caractères.")]);
        }

        Status = FamilyStatus.Rejected;
        RejectionReason = text;
        DecidedAt = now;
        return Outcome<Family>.Success(this);
    }

    /// <summary>
    /// An agent closes an active file: nobody of the family can sign in any more. A sign-up
    /// still waiting is rejected instead, so that reactivating never skips its validation.
    /// </summary>
    public Outcome<Family> Deactivate(DateTimeOffset now)
    {
        if (Status != FamilyStatus.Active)
        {
            return Refuse(Status == FamilyStatus.Deactivated
                ? "Ce dossier est déjà désactivé."
                : "Seul un dossier actif peut être désactivé : une inscription en attente se valide ou se refuse.");
        }

        Status = FamilyStatus.Deactivated;
        DecidedAt = now;
        return Outcome<Family>.Success(this);
    }

    /// <summary>An agent opens a closed file again.</summary>
    public Outcome<Family> Reactivate(DateTimeOffset now)
    {
        if (Status != FamilyStatus.Deactivated)
        {
            return Refuse("Seul un dossier désactivé peut être réactivé.");
        }

        Status = FamilyStatus.Active;
        DecidedAt = now;
        return Outcome<Family>.Success(this);
    }

    /// <summary>Whether the family's guardians may sign in.</summary>
    public bool CanSignIn => Status is FamilyStatus.Active or FamilyStatus.PendingValidation;

    /// <summary>Replaces the coordonnées, already checked by <see cref="ContactDetails.Create"/>.</summary>
    public void UpdateContactDetails(ContactDetails contact) => Contact = contact ?? throw new ArgumentNullException(nameof(contact));

    /// <summary>
    /// Records the family's income as an agent enters it: either a quotient given by the CAF or
    /// the MSA, or the monthly resources and the number of parts from which it is computed.
    /// </summary>
    public Outcome<FamilyResources> SetResources(decimal? monthlyResources, decimal? parts, int? quotientGivenByFund, DateOnly updatedOn)
    {
        var refusals = new List<Refusal>();
        if (monthlyResources is < 0 or > FamilyResources.MaxMonthlyResources)
        {
            refusals.Add(new("MonthlyResources", "Les revenus mensuels doivent être compris entre 0 et 100 000 €."));
        }
        else if (monthlyResources is { } m && decimal.Round(m, 2) != m)
        {
            refusals.Add(new("MonthlyResources", "Les revenus mensuels s'écrivent avec au plus 2 décimales."));
        }

        if (parts is { } p && (p < 1 || p > 20 || p * 2 != decimal.Truncate(p * 2)))
        {
            refusals.Add(new("Parts", "Le nombre de parts est compris entre 1 et 20, par demi-part (par exemple 2,5)."));
        }

        if (quotientGivenByFund is < 0 or > 100_000)
        {
            refusals.Add(new("Quotient", "Le quotient familial doit être compris entre 0 et 100 000."));
        }

        if (quotientGivenByFund is null && (monthlyResources is null || parts is null))
        {
            refusals.Add(new("Quotient", "Saisissez soit le quotient familial donné par la CAF ou la MSA, soit les revenus mensuels et le nombre de parts."));
        }

        if (refusals.Count > 0)
        {
            return Outcome<FamilyResources>.Refused(refusals);
        }

        var quotient = quotientGivenByFund ?? FamilyQuotient.Compute(monthlyResources!.Value, parts!.Value);
        Resources = new FamilyResources(monthlyResources, parts, quotient, updatedOn, quotientGivenByFund is not null);
        return Outcome<FamilyResources>.Success(Resources);
    }

    /// <summary>
    /// Adds the second guardian (Parent 2), who signs in with their own email to the same
    /// family. A family has at most two guardians.
    /// </summary>
    public Outcome<Guardian> AddSecondGuardian(string? firstName, string? lastName, string? email)
    {
        if (_guardians.Count >= 2)
        {
            return Outcome<Guardian>.Refused([new(string.Empty, "La famille a déjà deux responsables.")]);
        }

        var refusals = new List<Refusal>();
        var (first, last, normalizedEmail) = CheckGuardian(firstName, lastName, email, "du second responsable", refusals);
        if (normalizedEmail is not null && _guardians.Any(g => g.Email == normalizedEmail))
        {
            refusals.Add(new("Email", "Le second responsable doit avoir sa propre adresse email."));
        }

        if (refusals.Count > 0)
        {
            return Outcome<Guardian>.Refused(refusals);
        }

        var guardian = new Guardian(Id, 2, first!, last!, normalizedEmail!);
        _guardians.Add(guardian);
        return Outcome<Guardian>.Success(guardian);
    }

    /// <summary>Changes a guardian's sign-in email, once the new address is confirmed.</summary>
    public Outcome<Guardian> ChangeGuardianEmail(Guid guardianId, string? newEmail)
    {
        var guardian = _guardians.SingleOrDefault(g => g.Id == guardianId);
        var normalized = Text.NormalizeEmail(newEmail);
        if (guardian is null)
        {
            return Outcome<Guardian>.Refused([new(string.Empty, "Ce responsable n'appartient pas à la famille.")]);
        }

        if (normalized is null)
        {
            return Outcome<Guardian>.Refused([new("Email", "Saisissez une adresse email valide, par exemple nom@exemple.fr.")]);
        }

        if (_guardians.Any(g => g.Id != guardianId && g.Email == normalized))
        {
            return Outcome<Guardian>.Refused([new("Email", "Chaque responsable doit avoir sa propre adresse email : celle-ci est déjà celle de l'autre parent.")]);
        }

        guardian.ChangeEmail(normalized);
        return Outcome<Guardian>.Success(guardian);
    }

    private static Outcome<Family> Refuse(string message) => Outcome<Family>.Refused([new(string.Empty, message)]);

    /// <summary>
    /// Adds a child. The birth date must not be in the future nor make the child older than
    /// <see cref="MaxChildAge"/> on <paramref name="today"/>.
    /// </summary>
    public Outcome<Child> AddChild(string? firstName, string? lastName, DateOnly? birthDate, Sex? sex, DateOnly today)
    {
        var refusals = CheckChild(firstName, lastName, birthDate, sex, today, out var first, out var last);
        if (refusals.Count > 0)
        {
            return Outcome<Child>.Refused(refusals);
        }

        var child = new Child(Id, first!, last!, birthDate!.Value, sex!.Value);
        _children.Add(child);
        return Outcome<Child>.Success(child);
    }

    /// <summary>Corrects a child's name, birth date or sex, with the same rules as <see cref="AddChild"/>.</summary>
    public Outcome<Child> UpdateChild(Guid childId, string? firstName, string? lastName, DateOnly? birthDate, Sex? sex, DateOnly today)
    {
        var child = _children.SingleOrDefault(c => c.Id == childId);
        if (child is null)
        {
            return Outcome<Child>.Refused([new(string.Empty, "Cet enfant n'appartient pas à la famille.")]);
        }

        var refusals = CheckChild(firstName, lastName, birthDate, sex, today, out var first, out var last);
        if (refusals.Count > 0)
        {
            return Outcome<Child>.Refused(refusals);
        }

        child.Rename(first!, last!, birthDate!.Value, sex!.Value);
        return Outcome<Child>.Success(child);
    }

    private static List<Refusal> CheckChild(string? firstName, string? lastName, DateOnly? birthDate, Sex? sex, DateOnly today, out string? first, out string? last)
    {
        var refusals = new List<Refusal>();
        first = Text.NormalizeName(firstName);
        if (first is null)
        {
            refusals.Add(new("FirstName", "Saisissez le prénom de l'enfant (lettres, espaces, tirets et apostrophes)."));
        }

        last = Text.NormalizeName(lastName);
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

        return refusals;
    }
}
