using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.FamilySpace;

/// <summary>
/// "AJOUTER une nouvelle personne" and "Modifier mes informations": a child's identity, school,
/// diet, health note and authorised persons. The change applies at once and goes to the
/// family's history.
/// </summary>
public sealed class ChildFormModel(AppDbContext db, ParisClock clock, AuditTrail audit) : PageModel
{
    [BindProperty]
    public ChildInput Input { get; set; } = new();

    public bool IsNew { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var (family, child) = await LoadAsync(id);
        if (family is null || (!IsNew && child is null))
        {
            return NotFound();
        }

        if (child is not null)
        {
            Input = ChildInput.From(child);
        }

        Input.PadPersons();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        var (family, child) = await LoadAsync(id);
        if (family is null || (!IsNew && child is null))
        {
            return NotFound();
        }

        var saved = FamilyEditing.SaveChild(family, child, Input, clock.Today, ModelState, audit);
        if (saved is null)
        {
            // Nothing is saved: the tracked changes die with this request.
            Input.PadPersons();
            return Page();
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = IsNew ? $"{saved.FirstName} est ajouté(e) à votre famille." : $"Les informations de {saved.FirstName} sont enregistrées.";
        return Redirect("/famille");
    }

    private async Task<(Family? Family, Child? Child)> LoadAsync(string id)
    {
        IsNew = string.Equals(id, "nouveau", StringComparison.Ordinal);
        if (!IsNew && !Guid.TryParse(id, out _))
        {
            return (null, null);
        }

        var family = await FamilyFile.LoadAsync(db, User.FamilyId(), withChildren: true, HttpContext.RequestAborted);
        // A child id of another family is simply not found in this family's children.
        var child = IsNew || family is null ? null : family.Children.SingleOrDefault(c => c.Id == Guid.Parse(id));
        return (family, child);
    }
}

public sealed class ChildInput
{
    [Display(Name = "Prénom")]
    public string? FirstName { get; set; }

    [Display(Name = "Nom")]
    public string? LastName { get; set; }

    [Display(Name = "Date de naissance")]
    public string? BirthDate { get; set; }

    [Display(Name = "Sexe")]
    public Sex? Sex { get; set; }

    [Display(Name = "École")]
    public string? School { get; set; }

    [Display(Name = "Classe")]
    public string? ClassName { get; set; }

    [Display(Name = "Régime alimentaire")]
    public Diet? Diet { get; set; }

    [Display(Name = "Allergies, PAI, informations de santé")]
    [DataType(DataType.MultilineText)]
    public string? HealthNote { get; set; }

    public List<PersonInput> Persons { get; set; } = [];

    /// <summary>Offers two empty rows for new authorised persons, so the form works without JavaScript.</summary>
    public void PadPersons()
    {
        for (var i = 0; i < 2 && Persons.Count < Child.MaxAuthorisedPersons; i++)
        {
            Persons.Add(new PersonInput());
        }
    }

    public static ChildInput From(Child child) => new()
    {
        FirstName = child.FirstName,
        LastName = child.LastName,
        BirthDate = ParisClock.FormatDate(child.BirthDate),
        Sex = child.Sex,
        School = child.School,
        ClassName = child.ClassName,
        Diet = child.Diet,
        HealthNote = child.HealthNote,
        Persons = [.. child.AuthorisedPersons.Select(p => new PersonInput
        {
            Name = p.Name,
            Phone = PhoneNumber.Format(p.Phone),
            Relationship = p.Relationship,
            MayPickUp = p.MayPickUp,
            EmergencyContact = p.EmergencyContact,
        })],
    };

    public ChangeList Compare(ChildInput before) =>
        new ChangeList()
            .Compare("Prénom", before.FirstName, FirstName)
            .Compare("Nom", before.LastName, LastName)
            .Compare("Date de naissance", before.BirthDate, BirthDate)
            .Compare("Sexe", before.Sex is { } s1 ? Labels.Of(s1) : null, Sex is { } s2 ? Labels.Of(s2) : null)
            .Compare("École", before.School, School)
            .Compare("Classe", before.ClassName, ClassName)
            .Compare("Régime alimentaire", before.Diet is { } d1 ? Labels.Of(d1) : null, Diet is { } d2 ? Labels.Of(d2) : null)
            .Compare("Informations de santé", before.HealthNote, HealthNote)
            .Compare("Personnes autorisées", string.Join(", ", before.Persons.Select(p => $"{p.Name} ({p.Relationship}, {p.Phone})")), string.Join(", ", Persons.Select(p => $"{p.Name} ({p.Relationship}, {p.Phone})")));
}

public sealed class PersonInput
{
    public string? Name { get; set; }

    public string? Phone { get; set; }

    public string? Relationship { get; set; }

    public bool MayPickUp { get; set; }

    public bool EmergencyContact { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Relationship);
}
