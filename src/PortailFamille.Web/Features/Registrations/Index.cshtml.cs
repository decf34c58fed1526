using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Registrations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;

namespace PortailFamille.Web.Features.Registrations;

/// <summary>
/// "Mes inscriptions": a child's registrations in progress, waiting ("?") and refused; without
/// a child, the list of the family's children to choose from.
/// </summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    /// <summary>The family's children, eldest first.</summary>
    public IReadOnlyList<Child> Children { get; private set; } = [];

    /// <summary>The child shown, or null for the chooser.</summary>
    public Child? Child { get; private set; }

    public IReadOnlyList<RegistrationRow> Validated { get; private set; } = [];

    public IReadOnlyList<RegistrationRow> Requested { get; private set; } = [];

    public IReadOnlyList<RegistrationRow> Refused { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "enfant")] string? enfant)
    {
        var familyId = User.FamilyId();
        Children = await db.Children.AsNoTracking()
            .Where(c => c.FamilyId == familyId)
            .OrderBy(c => c.BirthDate)
            .ToListAsync(HttpContext.RequestAborted);
        if (string.IsNullOrEmpty(enfant))
        {
            return Page();
        }

        // A child of another family is simply not among this family's children: 404.
        Child = Guid.TryParse(enfant, out var childId) ? Children.SingleOrDefault(c => c.Id == childId) : null;
        if (Child is null)
        {
            return NotFound();
        }

        var rows = await RegistrationViews.ForChildAsync(db, familyId, Child.Id, HttpContext.RequestAborted);
        Validated = [.. rows.Where(r => r.Status == RegistrationStatus.Validated)];
        Requested = [.. rows.Where(r => r.Status == RegistrationStatus.Requested)];
        Refused = [.. rows.Where(r => r.Status == RegistrationStatus.Refused)];
        return Page();
    }
}
