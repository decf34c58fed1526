using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Features.Reservations;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Gestion.Reservations;

/// <summary>
/// "Réservation directe": an agent books a day of a validated registration for the family,
/// confirmed at once without a request, within capacity (docs/product.md 4.2, 4.3). The booking, its
/// line in the family's history and the family's email are saved together or not at all.
/// </summary>
public sealed class BookModel(
    AppDbContext db,
    CommuneCalendar commune,
    ServiceDecisions decisions,
    AuditTrail audit,
    ParisClock clock) : PageModel
{
    public sealed record Booked(Guid Id, DateOnly Date, string Unit, ReservationState State);

    /// <summary>The registration, as typed in the address.</summary>
    [BindProperty(SupportsGet = true, Name = "inscription")]
    public string? RegistrationText { get; set; }

    /// <summary>The day, jj/mm/aaaa.</summary>
    [BindProperty(Name = "date")]
    public string? DateText { get; set; }

    /// <summary>The unit chosen.</summary>
    [BindProperty(Name = "unite")]
    public string? UnitText { get; set; }

    public BookingContext? Context { get; private set; }

    public string ChildName { get; private set; } = "";

    public string PeriodLabel { get; private set; } = "";

    /// <summary>The child's days of this registration from today on, booked or asked for.</summary>
    public IReadOnlyList<Booked> Upcoming { get; private set; } = [];

    /// <summary>The next days the activity runs for this registration, as a help to choose.</summary>
    public IReadOnlyList<DateOnly> NextOpenDays { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(RegistrationText))
        {
            // Opened without a registration: the page says where to start from.
            return Page();
        }

        if (!await LoadAsync())
        {
            return NotFound();
        }

        DateText ??= NextOpenDays.Count > 0 ? ParisClock.FormatDate(NextOpenDays[0]) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        ModelState.Clear();
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var context = Context!;
        var date = ParisClock.ParseDate(DateText);
        if (date is null)
        {
            ModelState.AddModelError("date", ParisClock.DateMessage(DateText, "Saisissez le jour au format jj/mm/aaaa, par exemple 09/12/2026."));
        }
        else if (date < clock.Today)
        {
            ModelState.AddModelError("date", "Ce jour est passé : choisissez aujourd'hui ou un jour à venir.");
        }

        var unit = Guid.TryParse(UnitText, out var unitId) ? context.Unit(unitId) : null;
        if (unit is null)
        {
            ModelState.AddModelError("unite", "Choisissez l'unité à réserver.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var what = $"{ChildName} à {context.Activity.Name} le {ParisClock.FormatDate(date!.Value)} ({unit!.Name})";
        // Recorded before the booking so that its save writes both in the same transaction.
        audit.Record("Famille", context.Registration.FamilyId, $"Réservation directe de {what}.");
        var outcome = await decisions.BookDirectlyAsync(context, date.Value, unit.Id, ReservationWords.Agent(User), ct);
        if (!outcome.Succeeded)
        {
            db.ChangeTracker.Clear();
            foreach (var refusal in outcome.Refusals)
            {
                ModelState.AddModelError("date", refusal.Message);
            }

            await LoadAsync();
            return Page();
        }

        TempData["Message"] = $"Réservation validée pour {what}. La famille en est informée par email.";
        return Redirect($"/gestion/reservations/reserver?inscription={context.Registration.Id}");
    }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!Guid.TryParse(RegistrationText, out var registrationId))
        {
            return false;
        }

        Context = await BookingContext.LoadAsync(db, commune, registrationId, null, ct);
        if (Context is null)
        {
            return false;
        }

        var registration = Context.Registration;
        var child = await db.Children.AsNoTracking().Where(c => c.Id == registration.ChildId).Select(c => new { c.FirstName, c.LastName }).SingleAsync(ct);
        ChildName = $"{child.FirstName} {child.LastName.ToUpperInvariant()}";
        PeriodLabel = await db.Periods.AsNoTracking().Where(p => p.Id == registration.PeriodId).Select(p => p.Label).SingleAsync(ct);
        var today = clock.Today;
        var units = Context.Units.ToDictionary(u => u.Id, u => u.Name);
        Upcoming =
        [
            .. (await db.Reservations.AsNoTracking()
                    .Where(r => r.RegistrationId == registration.Id && r.Date >= today && r.State != ReservationState.Free)
                    .OrderBy(r => r.Date)
                    .Take(40)
                    .Select(r => new { r.Id, r.Date, r.UnitId, r.State })
                    .ToListAsync(ct))
                .Select(r => new Booked(r.Id, r.Date, units.GetValueOrDefault(r.UnitId, "?"), r.State))
                .OrderBy(r => r.Date).ThenBy(r => r.Unit, StringComparer.Ordinal),
        ];
        var from = registration.Start > today ? registration.Start : today;
        NextOpenDays = from > registration.End ? [] : [.. Context.OpenDays(new Domain.Calendar.DateRange(from, registration.End)).Take(8)];
        return true;
    }
}
