using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Auditing;

namespace PortailFamille.Web.Features.Catalogue;

/// <summary>An administrator creates an activity of a type, with its days and first units.</summary>
public sealed class CreateActivityModel(AppDbContext db, AuditTrail audit) : PageModel
{
    /// <summary>Rows offered for the first units; blank rows are ignored.</summary>
    public const int UnitRows = 4;

    public IReadOnlyList<(Guid Id, string Label)> TypeChoices { get; private set; } = [];

    [BindProperty]
    public Guid? TypeId { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<DayOfWeek> Weekdays { get; set; } = [];

    [BindProperty]
    public SchoolTimeRule? SchoolTimeRule { get; set; }

    [BindProperty]
    public List<UnitInput> Units { get; set; } = [];

    public async Task OnGetAsync([FromQuery(Name = "type")] Guid? type)
    {
        TypeId = type;
        SchoolTimeRule = Domain.Calendar.SchoolTimeRule.SchoolDaysOnly;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var definitions = new List<UnitDefinition>();
        var rows = new List<int>();
        for (var i = 0; i < Units.Count; i++)
        {
            var unit = Units[i];
            if (unit.IsBlank)
            {
                continue;
            }

            if (unit.TryRead(ModelState, $"Units[{i}].") is { } read)
            {
                definitions.Add(new UnitDefinition(unit.Name, read.Start, read.End, unit.IsMeal, read.Capacity));
                rows.Add(i);
            }
        }

        var typeId = TypeId ?? Guid.Empty;
        if (typeId != Guid.Empty && !await db.ActivityTypes.AnyAsync(t => t.Id == typeId, ct))
        {
            typeId = Guid.Empty;
        }

        var outcome = Activity.Create(typeId, Name, Weekdays, SchoolTimeRule ?? (Domain.Calendar.SchoolTimeRule)(-1), definitions);
        // The domain numbers the units it was given; the form's row numbers skip the blank rows.
        CatalogueText.AddRefusals(ModelState, outcome.Refusals, string.Empty, field => field switch
        {
            "ActivityTypeId" => nameof(TypeId),
            _ when field.StartsWith("Units[", StringComparison.Ordinal) && int.TryParse(field[6..field.IndexOf(']', StringComparison.Ordinal)], out var n) && n < rows.Count
                => $"Units[{rows[n]}]{field[(field.IndexOf(']', StringComparison.Ordinal) + 1)..]}",
            "Units" => "Units[0].Name",
            _ => field,
        });
        if (!ModelState.IsValid || !outcome.Succeeded)
        {
            await LoadAsync();
            return Page();
        }

        var activity = outcome.Value;
        db.Activities.Add(activity);
        audit.Record("Catalogue", activity.Id, $"Activité créée : {activity.Name} ({CatalogueText.Weekdays(activity.DaysOfWeekMask)}, {CatalogueText.SchoolRule(activity.SchoolTimeRule)}, unités {string.Join(", ", activity.Units.Select(u => u.Name))}).");
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"L'activité {activity.Name} est créée. Complétez ses âges, son délai, ses tarifs et ses périodes.";
        return Redirect($"/gestion/catalogue/activites/{activity.Id}");
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var facilities = await db.Facilities.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        var types = await db.ActivityTypes.AsNoTracking().ToListAsync(ct);
        TypeChoices = [.. types.Select(t => (t.Id, $"{facilities.GetValueOrDefault(t.FacilityId)} — {t.Name}")).OrderBy(t => t.Item2, StringComparer.CurrentCulture)];
        while (Units.Count < UnitRows)
        {
            Units.Add(new UnitInput());
        }
    }
}
