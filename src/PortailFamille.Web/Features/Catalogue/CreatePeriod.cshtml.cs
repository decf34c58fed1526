using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Auditing;

namespace PortailFamille.Web.Features.Catalogue;

/// <summary>An administrator creates a period of an activity, with its request window.</summary>
public sealed class CreatePeriodModel(AppDbContext db, AuditTrail audit) : PageModel
{
    public IReadOnlyList<(Guid Id, string Name)> ActivityChoices { get; private set; } = [];

    [BindProperty]
    public Guid? ActivityId { get; set; }

    [BindProperty]
    public string? Label { get; set; }

    [BindProperty]
    public string? Start { get; set; }

    [BindProperty]
    public string? End { get; set; }

    [BindProperty]
    public string? RegistrationOpens { get; set; }

    [BindProperty]
    public string? RegistrationCloses { get; set; }

    public async Task OnGetAsync([FromQuery(Name = "activite")] Guid? activite)
    {
        ActivityId = activite;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var start = PeriodDates.Required(ModelState, nameof(Start), Start, "la date de début");
        var end = PeriodDates.Required(ModelState, nameof(End), End, "la date de fin");
        var opens = PeriodDates.Optional(ModelState, nameof(RegistrationOpens), RegistrationOpens, "la date d'ouverture des inscriptions");
        var closes = PeriodDates.Optional(ModelState, nameof(RegistrationCloses), RegistrationCloses, "la date de clôture des inscriptions");
        var activityId = ActivityId ?? Guid.Empty;
        if (activityId != Guid.Empty && !await db.Activities.AnyAsync(a => a.Id == activityId, ct))
        {
            activityId = Guid.Empty;
        }

        if (ModelState.IsValid)
        {
            var outcome = Period.Create(activityId, Label, start!.Value, end!.Value, opens, closes);
            CatalogueText.AddRefusals(ModelState, outcome.Refusals, string.Empty);
            if (outcome.Succeeded)
            {
                var period = outcome.Value;
                db.Periods.Add(period);
                audit.Record("Catalogue", period.Id, $"Période créée : {period.Label}, du {PeriodDates.Format(period.Start)} au {PeriodDates.Format(period.End)}, {PeriodDates.Window(period.RegistrationOpens, period.RegistrationCloses)}.");
                await db.SaveChangesAsync(ct);
                TempData["Message"] = $"La période {period.Label} est créée.";
                return Redirect("/gestion/catalogue");
            }
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var activities = await db.Activities.AsNoTracking().Select(a => new { a.Id, a.Name }).ToListAsync(HttpContext.RequestAborted);
        ActivityChoices = [.. activities.OrderBy(a => a.Name, StringComparer.CurrentCulture).Select(a => (a.Id, a.Name))];
    }
}
