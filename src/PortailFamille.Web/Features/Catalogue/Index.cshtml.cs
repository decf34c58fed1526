using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Auditing;

namespace PortailFamille.Web.Features.Catalogue;

/// <summary>The commune's offer as a tree: équipements, types, activities and their periods; creates and renames équipements and types.</summary>
public sealed class IndexModel(AppDbContext db, AuditTrail audit) : PageModel
{
    public IReadOnlyList<Facility> Facilities { get; private set; } = [];

    public IReadOnlyList<ActivityType> Types { get; private set; } = [];

    public IReadOnlyList<Activity> Activities { get; private set; } = [];

    public IReadOnlyList<Period> Periods { get; private set; } = [];

    /// <summary>What was typed in a refused form, by field id, so that it is shown again.</summary>
    public Dictionary<string, string?> Typed { get; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostFacilityAsync([FromForm] string? newFacility)
    {
        var outcome = Facility.Create(newFacility);
        if (!outcome.Succeeded)
        {
            return await RefusedAsync("NewFacility", newFacility, outcome.Refusals);
        }

        db.Facilities.Add(outcome.Value);
        audit.Record("Catalogue", outcome.Value.Id, $"Équipement créé : {outcome.Value.Name}.");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = $"L'équipement {outcome.Value.Name} est créé.";
        return Redirect("/gestion/catalogue");
    }

    public async Task<IActionResult> OnPostRenameFacilityAsync(Guid id, [FromForm] string? name)
    {
        var facility = await db.Facilities.SingleOrDefaultAsync(f => f.Id == id, HttpContext.RequestAborted);
        if (facility is null)
        {
            return NotFound();
        }

        var before = facility.Name;
        var outcome = facility.Rename(name);
        if (!outcome.Succeeded)
        {
            return await RefusedAsync($"facility-{id}", name, outcome.Refusals);
        }

        audit.Record("Catalogue", id, $"Équipement renommé : {before} → {facility.Name}.");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = $"L'équipement s'appelle maintenant {facility.Name}.";
        return Redirect("/gestion/catalogue");
    }

    public async Task<IActionResult> OnPostTypeAsync(Guid facilityId, [FromForm] string? newType)
    {
        if (!await db.Facilities.AnyAsync(f => f.Id == facilityId, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        var outcome = ActivityType.Create(facilityId, newType);
        if (!outcome.Succeeded)
        {
            return await RefusedAsync($"newtype-{facilityId}", newType, outcome.Refusals);
        }

        db.ActivityTypes.Add(outcome.Value);
        audit.Record("Catalogue", outcome.Value.Id, $"Type d'activité créé : {outcome.Value.Name}.");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = $"Le type d'activité {outcome.Value.Name} est créé.";
        return Redirect("/gestion/catalogue");
    }

    public async Task<IActionResult> OnPostRenameTypeAsync(Guid id, [FromForm] string? name)
    {
        var type = await db.ActivityTypes.SingleOrDefaultAsync(t => t.Id == id, HttpContext.RequestAborted);
        if (type is null)
        {
            return NotFound();
        }

        var before = type.Name;
        var outcome = type.Rename(name);
        if (!outcome.Succeeded)
        {
            return await RefusedAsync($"type-{id}", name, outcome.Refusals);
        }

        audit.Record("Catalogue", id, $"Type d'activité renommé : {before} → {type.Name}.");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = $"Le type d'activité s'appelle maintenant {type.Name}.";
        return Redirect("/gestion/catalogue");
    }

    public string? Error(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private async Task<IActionResult> RefusedAsync(string key, string? typed, IEnumerable<Domain.Common.Refusal> refusals)
    {
        foreach (var refusal in refusals)
        {
            ModelState.AddModelError(key, refusal.Message);
        }

        Typed[key] = typed;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Facilities = await db.Facilities.AsNoTracking().OrderBy(f => f.Name).ToListAsync(ct);
        Types = await db.ActivityTypes.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        Activities = await db.Activities.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct);
        Periods = await db.Periods.AsNoTracking().OrderBy(p => p.Start).ThenBy(p => p.Label).ToListAsync(ct);
    }
}
