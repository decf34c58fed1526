using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.FamilySpace.Account;

/// <summary>"Mon compte": the signed-in family's balance, situation and resources (docs/product.md 3.7).</summary>
public sealed class IndexModel(AppDbContext db, ParisClock clock) : PageModel
{
    public Family Family { get; private set; } = null!;

    public FamilyAccount Account { get; private set; } = new(0, 0, 0, 0);

    public DateOnly Today { get; private set; }

    /// <summary>What the family's payments left to no invoice.</summary>
    public decimal Credit { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var familyId = User.FamilyId();
        var family = await FamilyFile.LoadAsync(db, familyId, withChildren: true, ct);
        if (family is null)
        {
            return NotFound();
        }

        Family = family;
        var payments = await FamilyBilling.PaymentsAsync(db, familyId, ct);
        Account = FamilyBilling.Account(await FamilyBilling.InvoicesAsync(db, familyId, ct), payments);
        Credit = FamilyBilling.Credit(payments);
        Today = clock.Today;
        return Page();
    }
}
