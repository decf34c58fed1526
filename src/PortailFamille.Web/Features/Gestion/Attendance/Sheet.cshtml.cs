using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Gestion.Families;
using PortailFamille.Web.Features.Gestion.Reservations;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Gestion.Attendance;

/// <summary>
/// The attendance sheet of a unit's day (docs/product.md 4.6): the children expected with
/// what the staff must know (class, diet, allergies / PAI, who may fetch them), a mark per
/// child, "Tous présents", the children who came without a booking, and a printable layout.
/// Its address holds the activity, the unit and the day, so it can be bookmarked. Every change
/// goes through <see cref="AttendanceRecorder"/>.
/// </summary>
public sealed class SheetModel(AppDbContext db, AttendanceRecorder recorder, ParisClock clock) : PageModel
{
    /// <summary>The most children the "Ajouter un enfant" list and search offer.</summary>
    public const int MaxCandidates = 300;

    public const int MaxSearchFamilies = 20;

    [BindProperty(SupportsGet = true, Name = "activite")]
    public string? ActivityText { get; set; }

    [BindProperty(SupportsGet = true, Name = "unite")]
    public string? UnitText { get; set; }

    /// <summary>The day, aaaa-mm-jj as in the sheet's address.</summary>
    [BindProperty(SupportsGet = true, Name = "jour")]
    public string? DayText { get; set; }

    /// <summary>The name typed in "Rechercher un enfant".</summary>
    [BindProperty(SupportsGet = true, Name = "recherche")]
    public string? Search { get; set; }

    public AttendanceSheet? Sheet { get; private set; }

    /// <summary>Why the day cannot be marked (a day to come), or null.</summary>
    public string? Locked { get; private set; }

    public IReadOnlyList<SheetCandidate> Registered { get; private set; } = [];

    /// <summary>The children found by the search; null when nothing was searched.</summary>
    public IReadOnlyList<SheetCandidate>? Found { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        ModelState.Clear();
        return await ShowAsync();
    }

    /// <summary>One child's mark: a button per mark, the reason with "Absent justifié".</summary>
    public Task<IActionResult> OnPostMarkAsync(
        [FromForm(Name = "enfant")] string? child,
        [FromForm(Name = "marque")] string? mark,
        [FromForm(Name = "motif")] string? reason) =>
        ChangeAsync(child, async (day, childId) =>
        {
            if (!Enum.TryParse<AttendanceMark>(mark, ignoreCase: false, out var chosen) || !Enum.IsDefined(chosen))
            {
                return Outcome<AttendanceRecorder.Done>.Refused([new Refusal("", "Choisissez Présent, Absent justifié ou Absent non justifié.")]);
            }

            var outcome = await recorder.MarkAsync(day, childId, chosen, reason, ReservationWords.Agent(User), HttpContext.RequestAborted);
            // A missing or too long reason belongs to that child's reason field.
            return outcome.Succeeded
                ? outcome
                : Outcome<AttendanceRecorder.Done>.Refused([.. outcome.Refusals.Select(r => r.Field == AttendanceRecorder.ReasonField ? r with { Field = ReasonField(childId) } : r)]);
        });

    /// <summary>"Ajouter un enfant (présence non prévue)": the child is marked present.</summary>
    public Task<IActionResult> OnPostAddAsync([FromForm(Name = "enfant")] string? child) =>
        ChangeAsync(child, (day, childId) =>
            recorder.MarkAsync(day, childId, AttendanceMark.Present, null, ReservationWords.Agent(User), HttpContext.RequestAborted));

    /// <summary>Takes off the sheet a child added by mistake.</summary>
    public Task<IActionResult> OnPostRemoveAsync([FromForm(Name = "enfant")] string? child) =>
        ChangeAsync(child, (day, childId) => recorder.RemoveUnexpectedAsync(day, childId, HttpContext.RequestAborted));

    /// <summary>"Tous présents".</summary>
    public async Task<IActionResult> OnPostAllPresentAsync()
    {
        ModelState.Clear();
        var day = await DayAsync();
        if (day is null)
        {
            return await ShowAsync();
        }

        var outcome = await recorder.MarkAllPresentAsync(day, ReservationWords.Agent(User), HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            return await RefusedAsync(outcome.Refusals);
        }

        var done = outcome.Value;
        TempData["Message"] = (done.Marked, done.Invoiced) switch
        {
            (0, 0) => "Tous les enfants attendus étaient déjà pointés.",
            (_, 0) => $"{done.Marked} enfant(s) pointé(s) présent(s).",
            _ => $"{done.Marked} enfant(s) pointé(s) présent(s). {done.Invoiced} enfant(s) non pointé(s) : jour déjà facturé.",
        };
        return Redirect(day.Url);
    }

    /// <summary>The field of a child's reason, also the key of its error.</summary>
    public static string ReasonField(Guid childId) => $"motif-{childId:N}";

    /// <summary>The anchor of a child's line, where the page comes back after a change.</summary>
    public static string Anchor(Guid childId) => $"enfant-{childId:N}";

    private async Task<IActionResult> ChangeAsync(string? childText, Func<SheetDay, Guid, Task<Outcome<AttendanceRecorder.Done>>> change)
    {
        ModelState.Clear();
        var day = await DayAsync();
        if (day is null)
        {
            return await ShowAsync();
        }

        if (!Guid.TryParse(childText, out var childId))
        {
            return await RefusedAsync([new Refusal("", "Choisissez un enfant.")]);
        }

        var outcome = await change(day, childId);
        if (!outcome.Succeeded)
        {
            return await RefusedAsync(outcome.Refusals);
        }

        TempData["Message"] = outcome.Value.Message;
        return Redirect(day.Url + "#" + Anchor(childId));
    }

    private async Task<IActionResult> RefusedAsync(IReadOnlyList<Refusal> refusals)
    {
        db.ChangeTracker.Clear();
        foreach (var refusal in refusals)
        {
            ModelState.AddModelError(refusal.Field, refusal.Message);
        }

        return await ShowAsync();
    }

    private async Task<IActionResult> ShowAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (string.IsNullOrWhiteSpace(ActivityText) && string.IsNullOrWhiteSpace(UnitText) && string.IsNullOrWhiteSpace(DayText))
        {
            // Opened without a sheet: the page says where to choose one.
            return Page();
        }

        var day = await DayAsync();
        if (day is null)
        {
            return ModelState.IsValid ? NotFound() : Page();
        }

        Locked = recorder.DayRefusal(day.Date);
        Sheet = await AttendanceSheet.LoadAsync(db, day, ct);
        if (Locked is null)
        {
            Registered = await Sheet.RegisteredOthersAsync(db, MaxCandidates, ct);
            if (!string.IsNullOrWhiteSpace(Search))
            {
                Found = await SearchAsync(Sheet, ct);
            }
        }

        return Page();
    }

    // The activity, unit and day of the address; a wrong date is a form error, a wrong
    // activity or unit is "not found".
    private async Task<SheetDay?> DayAsync()
    {
        var text = DayText?.Trim();
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            ModelState.AddModelError("", "Le jour de la feuille est illisible : ouvrez-la depuis la page Pointage.");
            return null;
        }

        if (!DateBounds.Contains(date))
        {
            ModelState.AddModelError("", DateBounds.Message);
            return null;
        }

        return Guid.TryParse(ActivityText, out var activityId) && Guid.TryParse(UnitText, out var unitId)
            ? await SheetDay.FindAsync(db, activityId, unitId, date, HttpContext.RequestAborted)
            : null;
    }

    // Children of active families found by the family search (a child's or a parent's name),
    // those already on the sheet left out.
    private async Task<IReadOnlyList<SheetCandidate>> SearchAsync(AttendanceSheet sheet, CancellationToken ct)
    {
        var onSheet = sheet.Expected.Concat(sheet.Unexpected).Select(c => c.ChildId).ToHashSet();
        var families = db.Families.AsNoTracking().Where(f => f.Status == FamilyStatus.Active).Matching(db, Search).Select(f => f.Id).Take(MaxSearchFamilies);
        var children = await db.Children.AsNoTracking()
            .Where(c => families.Contains(c.FamilyId))
            .Select(c => new { c.Id, c.FirstName, c.LastName, c.ClassName, c.BirthDate })
            .Take(MaxCandidates)
            .ToListAsync(ct);
        var today = clock.Today;
        return
        [
            .. children.Where(c => !onSheet.Contains(c.Id))
                .OrderBy(c => c.LastName, AttendanceSheet.NameOrder).ThenBy(c => c.FirstName, AttendanceSheet.NameOrder)
                .Select(c => new SheetCandidate(c.Id, AttendanceSheet.NameOf(c.FirstName, c.LastName), $"{Age.On(c.BirthDate, today)} an(s){(c.ClassName is null ? "" : ", " + c.ClassName)}")),
        ];
    }
}
