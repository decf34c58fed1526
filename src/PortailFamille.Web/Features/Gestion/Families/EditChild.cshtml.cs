using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.FamilySpace;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Gestion.Families;

/// <summary>An agent adds a child to a family or corrects one, with the family's own rules.</summary>
public sealed class EditChildModel(AppDbContext db, ParisClock clock, AuditTrail audit) : PageModel
{
    [BindProperty]
    public ChildInput Input { get; set; } = new();

    public Family Family { get; private set; } = null!;

    public bool IsNew { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string child)
    {
        var (family, found) = await LoadAsync(id, child);
        if (family is null || (!IsNew && found is null))
        {
            return NotFound();
        }

        if (found is not null)
        {
            Input = ChildInput.From(found);
        }

        Input.PadPersons();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string child)
    {
        var (family, found) = await LoadAsync(id, child);
        if (family is null || (!IsNew && found is null))
        {
            return NotFound();
        }

        var saved = FamilyEditing.SaveChild(family, found, Input, clock.Today, ModelState, audit);
        if (saved is null)
        {
            Input.PadPersons();
            return Page();
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = IsNew ? $"{saved.FirstName} est ajouté(e) à la famille." : $"Les informations de {saved.FirstName} sont enregistrées.";
        return Redirect($"/gestion/familles/{id}");
    }

    private async Task<(Family? Family, Child? Child)> LoadAsync(Guid id, string child)
    {
        IsNew = string.Equals(child, "nouveau", StringComparison.Ordinal);
        var family = await FamilyFile.LoadAsync(db, id, withChildren: true, HttpContext.RequestAborted);
        if (family is not null)
        {
            Family = family;
        }

        var found = IsNew || family is null || !Guid.TryParse(child, out var childId) ? null : family.Children.SingleOrDefault(c => c.Id == childId);
        return (family, found);
    }
}
