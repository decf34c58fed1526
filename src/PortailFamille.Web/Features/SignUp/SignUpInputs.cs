using PortailFamille.Domain.Families;

namespace PortailFamille.Web.Features.SignUp;

/// <summary>Step 1, "Responsable du foyer", as typed (the password is bound apart and never stored).</summary>
public sealed class ResponsibleInput
{
    public string? LastName { get; set; }

    public string? FirstName { get; set; }

    public string? Email { get; set; }
}

/// <summary>
/// Step 2, "Coordonnées", as typed. The property names are those of
/// <see cref="ContactDetailsInput"/>, so the domain's refusals name these fields.
/// </summary>
public sealed class ContactInput
{
    public string? Street { get; set; }

    public string? PostalCode { get; set; }

    public string? Town { get; set; }

    public string? HomePhone { get; set; }

    public string? MobilePhone1 { get; set; }

    public string? MobilePhone2 { get; set; }

    public string? WorkPhone1 { get; set; }

    public string? WorkPhone2 { get; set; }

    public string? BeneficiaryName { get; set; }

    public BenefitScheme? BenefitScheme { get; set; }

    public string? BeneficiaryNumber { get; set; }

    public ContactDetailsInput ToDomain() => new(
        Street, PostalCode, Town, HomePhone, MobilePhone1, MobilePhone2, WorkPhone1, WorkPhone2,
        BeneficiaryName, BenefitScheme, BeneficiaryNumber);
}

/// <summary>One child of step 3, as typed; the birth date stays text until it is checked.</summary>
public sealed class ChildInput
{
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    /// <summary>jj/mm/aaaa.</summary>
    public string? BirthDate { get; set; }

    public Sex? Sex { get; set; }
}

/// <summary>What a <see cref="SignUpDraft"/> keeps between the steps, stored as JSON.</summary>
public sealed class SignUpPayload
{
    /// <summary>SHA-256 of the secret held in the browser's cookie: only that browser may resume the draft.</summary>
    public string SecretHash { get; set; } = string.Empty;

    public ResponsibleInput Responsible { get; set; } = new();

    public ContactInput Contact { get; set; } = new();

    public List<ChildInput> Children { get; set; } = [];
}
