using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Domain.Common;
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
    /// <summary>Empty rows offered for new authorised persons, so the form works without JavaScript.</summary>
    public const int BlankPersonRows = 2;

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

        PadPersons();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        var (family, child) = await LoadAsync(id);
        if (family is null || (!IsNew && child is null))
        {
            return NotFound();
        }

        var today = clock.Today;
        var birthDate = ParseDate(Input.BirthDate);
        if (!string.IsNullOrWhiteSpace(Input.BirthDate) && birthDate is null)
        {
            ModelState.AddModelError("Input.BirthDate", "Saisissez la date de naissance au format jj/mm/aaaa, par exemple 05/09/2019.");
        }

        var persons = new List<AuthorisedPerson>();
        for (var i = 0; i < Input.Persons.Count; i++)
        {
            var row = Input.Persons[i];
            if (row.IsBlank)
            {
                continue;
            }

            var person = AuthorisedPerson.Create(row.Name, row.Phone, row.Relationship, row.MayPickUp, row.EmergencyContact);
            AddRefusals(person.Refusals, $"Input.Persons[{i}].");
            if (person.Succeeded)
            {
                persons.Add(person.Value);
            }
        }

        var before = child is null ? null : ChildInput.From(child);
        var identity = IsNew
            ? family.AddChild(Input.FirstName, Input.LastName, birthDate, Input.Sex, today)
            : family.UpdateChild(child!.Id, Input.FirstName, Input.LastName, birthDate, Input.Sex, today);
        AddRefusals(birthDate is null && !string.IsNullOrWhiteSpace(Input.BirthDate)
            ? [.. identity.Refusals.Where(r => r.Field != "BirthDate")]
            : identity.Refusals, "Input.");
        if (identity.Succeeded)
        {
            AddRefusals(identity.Value.UpdateCare(Input.School, Input.ClassName, Input.Diet, Input.HealthNote, persons).Refusals, "Input.");
        }

        if (!ModelState.IsValid)
        {
            // Nothing is saved: the tracked changes die with this request.
            PadPersons();
            return Page();
        }

        var saved = identity.Value;
        var name = $"{saved.FirstName} {saved.LastName.ToUpperInvariant()}";
        if (before is null)
        {
            audit.Record("Famille", family.Id, $"Enfant ajouté : {name}, né(e) le {ParisClock.FormatDate(saved.BirthDate)}.");
        }
        else
        {
            var changes = ChildInput.From(saved).Compare(before);
            if (!changes.IsEmpty)
            {
                audit.Record("Famille", family.Id, $"Informations de {name} modifiées : {changes}.");
            }
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = before is null ? $"{saved.FirstName} est ajouté(e) à votre famille." : $"Les informations de {saved.FirstName} sont enregistrées.";
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

    private void PadPersons()
    {
        for (var i = 0; i < BlankPersonRows && Input.Persons.Count < Child.MaxAuthorisedPersons; i++)
        {
            Input.Persons.Add(new PersonInput());
        }
    }

    private void AddRefusals(IEnumerable<Refusal> refusals, string prefix)
    {
        foreach (var refusal in refusals)
        {
            ModelState.AddModelError(string.IsNullOrEmpty(refusal.Field) ? string.Empty : prefix + refusal.Field, refusal.Message);
        }
    }

    internal static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), ["dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
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
    public string? HealthNote { get; set; }

    public List<PersonInput> Persons { get; set; } = [];

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
