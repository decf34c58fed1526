using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.FamilySpace;

/// <summary>"Ma famille": the signed-in family's children and guardians.</summary>
public sealed class IndexModel(AppDbContext db, ParisClock clock) : PageModel
{
    public Family Family { get; private set; } = null!;

    public IReadOnlyList<Child> Children { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public bool IsResponsible { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // Every query of a family page is restricted to the family of the signed-in account.
        var family = await FamilyFile.LoadAsync(db, User.FamilyId(), withChildren: true, HttpContext.RequestAborted);
        if (family is null)
        {
            return NotFound();
        }

        Family = family;
        Children = [.. family.Children.OrderByDescending(c => c.BirthDate)];
        Today = clock.Today;
        IsResponsible = FamilyFile.IsResponsible(family, User);
        return Page();
    }
}
