using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Auditing;

namespace PortailFamille.Web.Features.FamilySpace;

/// <summary>
/// "Consulter / Modifier mes coordonnées": every field but the email, which is the sign-in
/// identifier and only the service changes.
/// </summary>
public sealed class EditContactDetailsModel(AppDbContext db, AuditTrail audit) : PageModel
{
    [BindProperty]
    public ContactInput Input { get; set; } = new();

    public string Email { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync()
    {
        var family = await FamilyFile.LoadAsync(db, User.FamilyId(), withChildren: false, HttpContext.RequestAborted);
        if (family is null)
        {
            return NotFound();
        }

        Email = family.Responsible.Email;
        Input = ContactInput.From(family.Contact);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var family = await FamilyFile.LoadAsync(db, User.FamilyId(), withChildren: false, HttpContext.RequestAborted);
        if (family is null)
        {
            return NotFound();
        }

        Email = family.Responsible.Email;
        if (!FamilyEditing.SaveContact(family, Input, ModelState, audit))
        {
            return Page();
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = "Vos coordonnées sont enregistrées.";
        return Redirect("/famille/coordonnees");
    }
}

public sealed class ContactInput
{
    [Display(Name = "Adresse (numéro et rue)")]
    public string? Street { get; set; }

    [Display(Name = "Code postal")]
    public string? PostalCode { get; set; }

    [Display(Name = "Commune")]
    public string? Town { get; set; }

    [Display(Name = "Tél domicile")]
    public string? HomePhone { get; set; }

    [Display(Name = "Portable Parent 1")]
    public string? MobilePhone1 { get; set; }

    [Display(Name = "Portable Parent 2")]
    public string? MobilePhone2 { get; set; }

    [Display(Name = "Tél travail parent 1")]
    public string? WorkPhone1 { get; set; }

    [Display(Name = "Tél travail parent 2")]
    public string? WorkPhone2 { get; set; }

    [Display(Name = "Nom de l'allocataire")]
    public string? BeneficiaryName { get; set; }

    [Display(Name = "Régime allocataire")]
    public BenefitScheme? BenefitScheme { get; set; }

    [Display(Name = "Numéro allocataire")]
    public string? BeneficiaryNumber { get; set; }

    public ContactDetailsInput ToDomain() => new(Street, PostalCode, Town, HomePhone, MobilePhone1, MobilePhone2, WorkPhone1, WorkPhone2, BeneficiaryName, BenefitScheme, BeneficiaryNumber);

    public static ContactInput From(ContactDetails? contact) => contact is null ? new ContactInput() : new ContactInput
    {
        Street = contact.Street,
        PostalCode = contact.PostalCode,
        Town = contact.Town,
        HomePhone = PhoneNumber.Format(contact.HomePhone),
        MobilePhone1 = PhoneNumber.Format(contact.MobilePhone1),
        MobilePhone2 = PhoneNumber.Format(contact.MobilePhone2),
        WorkPhone1 = PhoneNumber.Format(contact.WorkPhone1),
        WorkPhone2 = PhoneNumber.Format(contact.WorkPhone2),
        BeneficiaryName = contact.BeneficiaryName,
        BenefitScheme = contact.BenefitScheme,
        BeneficiaryNumber = contact.BeneficiaryNumber,
    };

    public ChangeList Compare(ContactInput before) =>
        new ChangeList()
            .Compare("Adresse", before.Street, Street)
            .Compare("Code postal", before.PostalCode, PostalCode)
            .Compare("Commune", before.Town, Town)
            .Compare("Tél domicile", before.HomePhone, HomePhone)
            .Compare("Portable Parent 1", before.MobilePhone1, MobilePhone1)
            .Compare("Portable Parent 2", before.MobilePhone2, MobilePhone2)
            .Compare("Tél travail parent 1", before.WorkPhone1, WorkPhone1)
            .Compare("Tél travail parent 2", before.WorkPhone2, WorkPhone2)
            .Compare("Nom de l'allocataire", before.BeneficiaryName, BeneficiaryName)
            .Compare("Régime allocataire", before.BenefitScheme is { } b1 ? Labels.Of(b1) : null, BenefitScheme is { } b2 ? Labels.Of(b2) : null)
            .Compare("Numéro allocataire", before.BeneficiaryNumber, BeneficiaryNumber);
}
