using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Families;

/// <summary>What a family types in "Mes coordonnées", before it is checked.</summary>
public sealed record ContactDetailsInput(
    string? Street,
    string? PostalCode,
    string? Town,
    string? HomePhone,
    string? MobilePhone1,
    string? MobilePhone2,
    string? WorkPhone1,
    string? WorkPhone2,
    string? BeneficiaryName,
    BenefitScheme? BenefitScheme,
    string? BeneficiaryNumber);

/// <summary>
/// "Coordonnées": the family's address, phones and allocataire data (CAF or MSA), checked
/// and normalised. The email is not here: it is the sign-in identifier, held by the account.
/// </summary>
public sealed record ContactDetails
{
    /// <summary>Longest street line accepted.</summary>
    public const int MaxStreetLength = 200;

    /// <summary>Longest town name accepted.</summary>
    public const int MaxTownLength = 100;

    private ContactDetails()
    {
    }

    /// <summary>Street and number.</summary>
    public string Street { get; private init; } = string.Empty;

    /// <summary>Code postal: 5 digits.</summary>
    public string PostalCode { get; private init; } = string.Empty;

    /// <summary>Commune.</summary>
    public string Town { get; private init; } = string.Empty;

    /// <summary>Tél domicile, international form.</summary>
    public string? HomePhone { get; private init; }

    /// <summary>Portable Parent 1.</summary>
    public string? MobilePhone1 { get; private init; }

    /// <summary>Portable Parent 2.</summary>
    public string? MobilePhone2 { get; private init; }

    /// <summary>Tél travail parent 1.</summary>
    public string? WorkPhone1 { get; private init; }

    /// <summary>Tél travail parent 2.</summary>
    public string? WorkPhone2 { get; private init; }

    /// <summary>Nom de l'allocataire.</summary>
    public string? BeneficiaryName { get; private init; }

    /// <summary>Régime allocataire.</summary>
    public BenefitScheme BenefitScheme { get; private init; }

    /// <summary>Numéro allocataire.</summary>
    public string? BeneficiaryNumber { get; private init; }

    /// <summary>True when at least one phone number lets the service reach the family.</summary>
    public bool HasPhone => HomePhone is not null || MobilePhone1 is not null || MobilePhone2 is not null;

    /// <summary>
    /// Checks every field; refusals name the field (as in <see cref="ContactDetailsInput"/>) with a
    /// French message. At least one of home phone and mobiles is required, so that the service
    /// can call about a child.
    /// </summary>
    public static Outcome<ContactDetails> Create(ContactDetailsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var refusals = new List<Refusal>();

        var street = Clean(input.Street);
        if (street is null)
        {
            refusals.Add(new(nameof(input.Street), "Saisissez l'adresse (numéro et rue)."));
        }
        else if (street.Length > MaxStreetLength)
        {
            refusals.Add(new(nameof(input.Street), $"L'adresse ne doit pas dépasser {MaxStreetLength} caractères."));
        }

        var postalCode = input.PostalCode?.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(postalCode))
        {
            refusals.Add(new(nameof(input.PostalCode), "Saisissez le code postal."));
        }
        else if (!IsFrenchPostalCode(postalCode))
        {
            refusals.Add(new(nameof(input.PostalCode), "Le code postal doit comporter 5 chiffres, par exemple 38860."));
        }

        var town = Clean(input.Town);
        if (town is null)
        {
            refusals.Add(new(nameof(input.Town), "Saisissez la commune."));
        }
        else if (town.Length > MaxTownLength || town.Any(char.IsAsciiDigit))
        {
            refusals.Add(new(nameof(input.Town), "Le nom de la commune n'est pas valide."));
        }

        string? Phone(string? value, string field, string label)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            var normalized = PhoneNumber.Normalize(value);
            if (normalized is null)
            {
                refusals.Add(new(field, $"{label} : saisissez un numéro à 10 chiffres, par exemple 06 12 34 56 78."));
            }

            return normalized;
        }

        var home = Phone(input.HomePhone, nameof(input.HomePhone), "Tél domicile");
        var mobile1 = Phone(input.MobilePhone1, nameof(input.MobilePhone1), "Portable Parent 1");
        var mobile2 = Phone(input.MobilePhone2, nameof(input.MobilePhone2), "Portable Parent 2");
        var work1 = Phone(input.WorkPhone1, nameof(input.WorkPhone1), "Tél travail parent 1");
        var work2 = Phone(input.WorkPhone2, nameof(input.WorkPhone2), "Tél travail parent 2");
        if (string.IsNullOrWhiteSpace(input.HomePhone) && string.IsNullOrWhiteSpace(input.MobilePhone1) && string.IsNullOrWhiteSpace(input.MobilePhone2))
        {
            refusals.Add(new(nameof(input.MobilePhone1), "Indiquez au moins un numéro (domicile ou portable) où joindre la famille."));
        }

        var scheme = input.BenefitScheme ?? BenefitScheme.None;
        if (!Enum.IsDefined(scheme))
        {
            refusals.Add(new(nameof(input.BenefitScheme), "Choisissez le régime allocataire dans la liste."));
        }

        var beneficiaryName = Clean(input.BeneficiaryName);
        var beneficiaryNumber = input.BeneficiaryNumber?.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (string.IsNullOrEmpty(beneficiaryNumber))
        {
            beneficiaryNumber = null;
        }

        if (scheme == BenefitScheme.None)
        {
            if (beneficiaryNumber is not null)
            {
                refusals.Add(new(nameof(input.BeneficiaryNumber), "Un numéro allocataire est saisi alors que le régime est « Non allocataire » : choisissez le régime ou effacez le numéro."));
            }
        }
        else if (beneficiaryNumber is not null && !IsBeneficiaryNumber(scheme, beneficiaryNumber))
        {
            refusals.Add(new(nameof(input.BeneficiaryNumber), scheme switch
            {
                BenefitScheme.General => "Le numéro allocataire CAF comporte de 1 à 8 chiffres.",
                BenefitScheme.Msa => "Le numéro allocataire MSA comporte de 1 à 13 chiffres.",
                _ => "Le numéro allocataire comporte au plus 20 lettres ou chiffres.",
            }));
        }

        if (beneficiaryName is not null && Text.NormalizeName(beneficiaryName) is null)
        {
            refusals.Add(new(nameof(input.BeneficiaryName), "Le nom de l'allocataire ne peut contenir que des lettres, espaces, tirets et apostrophes."));
        }

        if (refusals.Count > 0)
        {
            return Outcome<ContactDetails>.Refused(refusals);
        }

        return Outcome<ContactDetails>.Success(new ContactDetails
        {
            Street = street!,
            PostalCode = postalCode!,
            Town = town!.ToUpperInvariant(),
            HomePhone = home,
            MobilePhone1 = mobile1,
            MobilePhone2 = mobile2,
            WorkPhone1 = work1,
            WorkPhone2 = work2,
            BeneficiaryName = beneficiaryName is null ? null : Text.NormalizeName(beneficiaryName),
            BenefitScheme = scheme,
            BeneficiaryNumber = scheme == BenefitScheme.None ? null : beneficiaryNumber,
        });
    }

    /// <summary>Metropolitan (01–95, with 2A/2B written 20) and overseas (97, 98) postcodes.</summary>
    public static bool IsFrenchPostalCode(string value) =>
        value.Length == 5 && value.All(char.IsAsciiDigit) && value[..2] is not ("00" or "96" or "99");

    private static bool IsBeneficiaryNumber(BenefitScheme scheme, string number) => scheme switch
    {
        BenefitScheme.General => number.Length <= 8 && number.All(char.IsAsciiDigit),
        BenefitScheme.Msa => number.Length <= 13 && number.All(char.IsAsciiDigit),
        _ => number.Length <= 20 && number.All(char.IsAsciiLetterOrDigit),
    };

    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
