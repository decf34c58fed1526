namespace PortailFamille.Domain.Families;

/// <summary>A child of the family, who can be registered to activities.</summary>
public sealed class Child
{
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

    /// <summary>Age in whole years on the given day ("Age : N an(s)").</summary>
    public int AgeOn(DateOnly day) => Age.On(BirthDate, day);
}
