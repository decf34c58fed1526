using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Gestion.Reservations;

/// <summary>The history of one reservation cell: every move, when, by whom and from where.</summary>
public sealed class HistoryModel(AppDbContext db) : PageModel
{
    public Reservation Reservation { get; private set; } = null!;

    public string Child { get; private set; } = "";

    public string Activity { get; private set; } = "";

    public string Unit { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var reservation = await db.Reservations.AsNoTracking().Include(r => r.History).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (reservation is null)
        {
            return NotFound();
        }

        Reservation = reservation;
        var child = await db.Children.AsNoTracking().Where(c => c.Id == reservation.ChildId).Select(c => new { c.FirstName, c.LastName }).SingleAsync(ct);
        Child = $"{child.FirstName} {child.LastName.ToUpperInvariant()}";
        Activity = await db.Activities.AsNoTracking().IgnoreAutoIncludes().Where(a => a.Id == reservation.ActivityId).Select(a => a.Name).SingleAsync(ct);
        Unit = await db.Set<ActivityUnit>().AsNoTracking().Where(u => u.Id == reservation.UnitId).Select(u => u.Name).SingleAsync(ct);
        return Page();
    }
}
