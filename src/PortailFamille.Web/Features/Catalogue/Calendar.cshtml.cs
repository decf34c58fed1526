using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PortailFamille.Domain.Calendar;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Municipality;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Catalogue;

/// <summary>
/// The commune's calendar: computed public holidays, school holidays (typed or imported from
/// the ministry's .ics file) and local closures.
/// </summary>
[RequestSizeLimit(2 * SchoolCalendarImport.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * SchoolCalendarImport.MaxBytes)]
public sealed class CalendarModel(AppDbContext db, AuditTrail audit, ParisClock clock, IOptions<MunicipalityOptions> municipality) : PageModel
{
    public bool AlsaceMoselle => municipality.Value.AlsaceMoselle;

    public IReadOnlyList<(int Year, IReadOnlyList<(DateOnly Date, string Name)> Days)> PublicHolidays { get; private set; } = [];

    public IReadOnlyList<SchoolHolidayEntry> SchoolHolidays { get; private set; } = [];

    public IReadOnlyList<ClosureEntry> Closures { get; private set; } = [];

    [BindProperty]
    public string? HolidayLabel { get; set; }

    [BindProperty]
    public string? HolidayStart { get; set; }

    [BindProperty]
    public string? HolidayEnd { get; set; }

    [BindProperty]
    public string? ClosureDate { get; set; }

    [BindProperty]
    public string? ClosureReason { get; set; }

    [BindProperty]
    public IFormFile? IcsFile { get; set; }

    [BindProperty]
    public string? IcsFilter { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddHolidayAsync()
    {
        var ct = HttpContext.RequestAborted;
        var start = PeriodDates.Required(ModelState, nameof(HolidayStart), HolidayStart, "le premier jour sans école");
        var end = PeriodDates.Required(ModelState, nameof(HolidayEnd), HolidayEnd, "le dernier jour sans école");
        var existing = await db.SchoolHolidays.AsNoTracking().ToListAsync(ct);
        var outcome = start is { } first && end is { } last
            ? CommuneCalendarRules.NewHoliday(HolidayLabel, first, last, existing.Select(ToDomain))
            // Unreadable dates are already said: the name is still checked with them.
            : CommuneCalendarRules.NewHoliday(HolidayLabel, DateOnly.MinValue, DateOnly.MinValue, []);
        foreach (var refusal in outcome.Refusals)
        {
            ModelState.AddModelError(refusal.Field switch
            {
                nameof(SchoolHoliday.Label) => nameof(HolidayLabel),
                nameof(DateRange.Start) => nameof(HolidayStart),
                _ => nameof(HolidayEnd),
            }, refusal.Message);
        }

        if (!ModelState.IsValid || !outcome.Succeeded)
        {
            await LoadAsync();
            return Page();
        }

        var holiday = outcome.Value;
        var entry = new SchoolHolidayEntry { Id = Guid.NewGuid(), Label = holiday.Label, Start = holiday.Dates.Start, End = holiday.Dates.End };
        db.SchoolHolidays.Add(entry);
        audit.Record("Catalogue", entry.Id, $"Vacances scolaires ajoutées : {entry.Label}, du {ParisClock.FormatDate(entry.Start)} au {ParisClock.FormatDate(entry.End)}.");
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"{entry.Label} : du {ParisClock.FormatDate(entry.Start)} au {ParisClock.FormatDate(entry.End)}, ajoutées.";
        return Redirect("/gestion/catalogue/calendrier");
    }

    public async Task<IActionResult> OnPostDeleteHolidayAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var entry = await db.SchoolHolidays.SingleOrDefaultAsync(h => h.Id == id, ct);
        if (entry is null)
        {
            return NotFound();
        }

        db.SchoolHolidays.Remove(entry);
        audit.Record("Catalogue", entry.Id, $"Vacances scolaires supprimées : {entry.Label}, du {ParisClock.FormatDate(entry.Start)} au {ParisClock.FormatDate(entry.End)}.");
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"{entry.Label} ({ParisClock.FormatDate(entry.Start)} – {ParisClock.FormatDate(entry.End)}) : supprimées.";
        return Redirect("/gestion/catalogue/calendrier");
    }

    public async Task<IActionResult> OnPostAddClosureAsync()
    {
        var ct = HttpContext.RequestAborted;
        var date = PeriodDates.Required(ModelState, nameof(ClosureDate), ClosureDate, "la date de fermeture");
        var closed = await db.Closures.AsNoTracking().Select(c => c.Date).ToListAsync(ct);
        var outcome = CommuneCalendarRules.NewClosure(date ?? DateOnly.MinValue, ClosureReason, date is null ? [] : closed);
        foreach (var refusal in outcome.Refusals)
        {
            ModelState.AddModelError(refusal.Field == nameof(Closure.Date) ? nameof(ClosureDate) : nameof(ClosureReason), refusal.Message);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var closure = outcome.Value;
        var entry = new ClosureEntry { Id = Guid.NewGuid(), Date = closure.Date, Label = closure.Label };
        db.Closures.Add(entry);
        audit.Record("Catalogue", entry.Id, $"Fermeture ajoutée : {ParisClock.FormatDate(entry.Date)}, {entry.Label}.");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
        {
            // The same day added at the same moment from another page: one closure per day.
            db.ChangeTracker.Clear();
            ModelState.AddModelError(nameof(ClosureDate), CommuneCalendarRules.NewClosure(closure.Date, closure.Label, [closure.Date]).Refusals[0].Message);
            await LoadAsync();
            return Page();
        }

        TempData["Message"] = $"Fermeture du {ParisClock.FormatDate(entry.Date)} ajoutée.";
        return Redirect("/gestion/catalogue/calendrier");
    }

    public async Task<IActionResult> OnPostDeleteClosureAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var entry = await db.Closures.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (entry is null)
        {
            return NotFound();
        }

        db.Closures.Remove(entry);
        audit.Record("Catalogue", entry.Id, $"Fermeture supprimée : {ParisClock.FormatDate(entry.Date)}, {entry.Label}.");
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"Fermeture du {ParisClock.FormatDate(entry.Date)} supprimée.";
        return Redirect("/gestion/catalogue/calendrier");
    }

    public async Task<IActionResult> OnPostImportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var holidays = await ReadFileAsync(ct);
        if (holidays is null)
        {
            await LoadAsync();
            return Page();
        }

        var existing = await db.SchoolHolidays.ToListAsync(ct);
        var outcome = CommuneCalendarRules.Import(holidays.Select(h => new SchoolHoliday(h.Label, new DateRange(h.Start, h.End))), existing.Select(e => (e, ToDomain(e))));
        if (!outcome.Succeeded)
        {
            foreach (var refusal in outcome.Refusals)
            {
                ModelState.AddModelError(nameof(IcsFile), refusal.Message);
            }

            await LoadAsync();
            return Page();
        }

        var (added, replaced) = (outcome.Value.Added, outcome.Value.Replaced);
        db.SchoolHolidays.RemoveRange(replaced);
        foreach (var h in added)
        {
            db.SchoolHolidays.Add(new SchoolHolidayEntry { Id = Guid.NewGuid(), Label = h.Label, Start = h.Dates.Start, End = h.Dates.End });
        }

        var summary = string.Join(" ; ", added.Select(h => $"{h.Label} du {ParisClock.FormatDate(h.Dates.Start)} au {ParisClock.FormatDate(h.Dates.End)}"));
        audit.Record("Catalogue", Guid.Empty, $"Calendrier scolaire importé ({IcsFile!.FileName}) : {added.Count} vacances, {replaced.Count} remplacées. {summary}.");
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"{added.Count} {(added.Count > 1 ? "périodes de vacances importées" : "période de vacances importée")}" +
            (replaced.Count > 0 ? $", {replaced.Count} {(replaced.Count > 1 ? "anciennes remplacées" : "ancienne remplacée")}." : ".");
        return Redirect("/gestion/catalogue/calendrier");
    }

    private async Task<IReadOnlyList<ImportedHoliday>?> ReadFileAsync(CancellationToken ct)
    {
        if (IcsFile is null || IcsFile.Length == 0)
        {
            ModelState.AddModelError(nameof(IcsFile), "Choisissez le fichier du calendrier scolaire (.ics) à importer.");
            return null;
        }

        if (!IcsFile.FileName.EndsWith(".ics", StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(IcsFile), "Le fichier doit être un calendrier au format iCalendar, avec l'extension .ics.");
            return null;
        }

        if (IcsFile.Length > SchoolCalendarImport.MaxBytes)
        {
            ModelState.AddModelError(nameof(IcsFile), "Le fichier est trop volumineux : 1 Mo au plus.");
            return null;
        }

        string text;
        using (var reader = new StreamReader(IcsFile.OpenReadStream(), Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(ct);
        }

        var holidays = text.Contains("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase) ? SchoolCalendarImport.Read(text, IcsFilter) : null;
        if (holidays is null)
        {
            ModelState.AddModelError(nameof(IcsFile), "Le fichier n'est pas un calendrier iCalendar lisible : téléchargez le calendrier scolaire au format .ics.");
            return null;
        }

        if (holidays.Count == 0)
        {
            ModelState.AddModelError(nameof(IcsFile), string.IsNullOrWhiteSpace(IcsFilter)
                ? "Le fichier ne contient aucune période de vacances."
                : $"Aucune période de vacances du fichier ne mentionne « {IcsFilter.Trim()} ».");
            return null;
        }

        if (holidays.FirstOrDefault(h => !DateBounds.Contains(h.Start) || !DateBounds.Contains(h.End)) is { } outside)
        {
            ModelState.AddModelError(nameof(IcsFile), $"« {outside.Label} » tombe hors des dates que le portail accepte (du {ParisClock.FormatDate(DateBounds.Earliest)} au {ParisClock.FormatDate(DateBounds.Latest)}) : vérifiez le fichier.");
            return null;
        }

        return holidays;
    }

    private static SchoolHoliday ToDomain(SchoolHolidayEntry entry) => new(entry.Label, new DateRange(entry.Start, entry.End));

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var year = clock.Today.Year;
        PublicHolidays = [(year, FrenchPublicHolidays.For(year, AlsaceMoselle)), (year + 1, FrenchPublicHolidays.For(year + 1, AlsaceMoselle))];
        SchoolHolidays = await db.SchoolHolidays.AsNoTracking().OrderBy(h => h.Start).ToListAsync(ct);
        Closures = await db.Closures.AsNoTracking().OrderBy(c => c.Date).ToListAsync(ct);
    }
}
