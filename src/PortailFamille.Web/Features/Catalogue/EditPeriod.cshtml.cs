using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Auditing;

namespace PortailFamille.Web.Features.Catalogue;

/// <summary>An administrator renames a period or changes its request window.</summary>
public sealed class EditPeriodModel(AppDbContext db, AuditTrail audit) : PageModel
{
    public Period Period { get; private set; } = null!;

    public string ActivityName { get; private set; } = string.Empty;

    [BindProperty]
    public string? Label { get; set; }

    [BindProperty]
    public string? RegistrationOpens { get; set; }

    [BindProperty]
    public string? RegistrationCloses { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Label = Period.Label;
        RegistrationOpens = PeriodDates.Format(Period.RegistrationOpens);
        RegistrationCloses = PeriodDates.Format(Period.RegistrationCloses);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var opens = PeriodDates.Optional(ModelState, nameof(RegistrationOpens), RegistrationOpens, "la date d'ouverture des inscriptions");
        var closes = PeriodDates.Optional(ModelState, nameof(RegistrationCloses), RegistrationCloses, "la date de clôture des inscriptions");
        var before = $"{Period.Label}, {PeriodDates.Window(Period.RegistrationOpens, Period.RegistrationCloses)}";
        CatalogueText.AddRefusals(ModelState, Period.Rename(Label).Refusals, string.Empty);
        if (ModelState.IsValid)
        {
            CatalogueText.AddRefusals(ModelState, Period.SetRegistrationWindow(opens, closes).Refusals, string.Empty);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        audit.Record("Catalogue", Period.Id, $"Période modifiée : {before} → {Period.Label}, {PeriodDates.Window(Period.RegistrationOpens, Period.RegistrationCloses)}.");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = $"La période {Period.Label} est enregistrée.";
        return Redirect("/gestion/catalogue");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var period = await db.Periods.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (period is null)
        {
            return false;
        }

        Period = period;
        ActivityName = await db.Activities.AsNoTracking().Where(a => a.Id == period.ActivityId).Select(a => a.Name).SingleAsync(ct);
        return true;
    }
}
