using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Reservations;

/// <summary>What a save did, carried across the redirect of Post-Redirect-Get: <paramref name="Changes"/> names each cell changed when there were several.</summary>
public sealed record BookingNotice(bool Error, string Summary, IReadOnlyList<string> Refusals, IReadOnlyList<string>? Changes = null);

/// <summary>The names around a registration, for the title and the caption.</summary>
public sealed record CalendarHeading(string ChildFirstName, string Facility, string Activity, string Period);

/// <summary>
/// "Mes réservations" (docs/product.md 3.6): the month grid of one validated registration of the
/// signed-in family. Without JavaScript it is a form of checkboxes and one "Enregistrer"; with
/// it, reservations.js posts each click to <see cref="OnPostCaseAsync"/> and updates the cell in
/// place. Every handler loads the registration filtered by the family first: another family's
/// registration, or one not validated, answers 404 to every verb.
/// </summary>
public sealed class CalendarModel(AppDbContext db, CommuneCalendar commune, FamilyBooking booking, ParisClock clock) : PageModel
{
    private const string NoticeKey = "Reservations.Notice";

    /// <summary>A post carries at most a few months of cells; more is not a family's page.</summary>
    private const int MaxCells = 400;

    public BookingContext Booking { get; private set; } = null!;

    public CalendarHeading Heading { get; private set; } = null!;

    public MonthGrid Grid { get; private set; } = null!;

    public BookingNotice? Notice { get; private set; }

    /// <summary>"2026-12", the month shown, as the links and forms carry it.</summary>
    public string MonthParameter => Grid.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>"décembre 2026".</summary>
    public static string MonthName(DateOnly month) => FrenchDates.MonthAndYear(month);

    public string PageUrl(DateOnly? month = null) =>
        string.Create(CultureInfo.InvariantCulture, $"/famille/reservations/{Booking.Registration.Id:D}?mois={month ?? Grid.Month:yyyy-MM}");

    public string HandlerUrl(string handler) => PageUrl() + "&handler=" + handler;

    public bool HasSemaineType => !Booking.Registration.Pattern.IsEmpty;

    public async Task<IActionResult> OnGetAsync(Guid id, string? mois)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        await BuildAsync(ParseMonth(mois));
        if (TempData[NoticeKey] is string stored)
        {
            Notice = JsonSerializer.Deserialize<BookingNotice>(stored);
        }

        return Page();
    }

    /// <summary>"Enregistrer": the ticked boxes of the form without JavaScript.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, string? mois, [FromForm(Name = "cases")] string[]? cases)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var (choices, refusals) = ReadChoices(cases ?? []);
        if (choices.Count == 0 && refusals.Count == 0)
        {
            return Back(mois, new BookingNotice(true, "Aucune case n'était cochée : rien n'a été enregistré. Cochez les jours à changer puis appuyez sur « Enregistrer ».", []));
        }

        return await SaveAsync(mois, () => booking.ApplyClicksAsync(Booking, choices, By, HttpContext.RequestAborted), null, refusals);
    }

    /// <summary>
    /// One click of the script: makes the move and answers the cell as it now stands, with a
    /// sentence for the page's live region. A conflict answers 409 so that the script reloads
    /// the grid.
    /// </summary>
    public async Task<IActionResult> OnPostCaseAsync(Guid id, [FromForm(Name = "case")] string? cell)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var choice = CalendarCells.Parse(cell);
        if (choice is null || Booking.Unit(choice.UnitId) is null || !Booking.Registration.Dates.Contains(choice.Date))
        {
            return new JsonResult(new { ok = false, message = "Cette case n'a pas été reconnue : rien n'a été enregistré. Rechargez la page." }) { StatusCode = StatusCodes.Status400BadRequest };
        }

        string message;
        var ok = true;
        var result = await booking.ApplyClicksAsync(Booking, [choice], By, HttpContext.RequestAborted);
        if (result.Conflict is { } conflict)
        {
            return new JsonResult(new { ok = false, conflict = true, message = conflict }) { StatusCode = StatusCodes.Status409Conflict };
        }

        if (result.Refused.Count > 0)
        {
            ok = false;
            message = "Non enregistré : " + CalendarCells.Refusal(result.Refused[0]);
        }
        else
        {
            message = "Enregistré : " + CalendarCells.Summary(result, UnitName);
        }

        var view = await CellAsync(choice.Date, choice.UnitId);
        return new JsonResult(new
        {
            ok,
            message,
            cell = new { view.Value, view.CssClass, view.Code, view.Text, view.Describe, view.Verb, view.ButtonLabel, view.CheckboxLabel },
        });
    }

    /// <summary>"Appliquer ma semaine type" to the month shown or to the whole registration.</summary>
    public async Task<IActionResult> OnPostSemaineTypeAsync(Guid id, string? mois, string? portee)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!HasSemaineType)
        {
            return Back(mois, new BookingNotice(true, "Votre inscription n'a pas de semaine type : demandez les jours un par un dans le calendrier.", []));
        }

        var month = ParseMonth(mois);
        var whole = string.Equals(portee, "inscription", StringComparison.Ordinal);
        var range = whole ? Booking.Registration.Dates : new DateRange(month, month.AddMonths(1).AddDays(-1));
        var cells = booking.SemaineType(Booking, range);
        var what = whole ? "Semaine type appliquée à toute l'inscription" : $"Semaine type appliquée à {MonthName(month)}";
        return await SaveAsync(mois, () => booking.RequestAllAsync(Booking, cells, By, HttpContext.RequestAborted), what, []);
    }

    /// <summary>"Tout le jour": every unit of one day.</summary>
    public async Task<IActionResult> OnPostJourAsync(Guid id, string? mois, string? jour)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!DateOnly.TryParseExact(jour, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || !Booking.Registration.Dates.Contains(day))
        {
            return Back(mois, new BookingNotice(true, "Ce jour n'a pas été reconnu ou n'appartient pas à l'inscription : rien n'a été enregistré.", []));
        }

        var cells = Booking.Units.Select(u => (day, u.Id)).ToList();
        return await SaveAsync(mois, () => booking.RequestAllAsync(Booking, cells, By, HttpContext.RequestAborted), $"Tout le jour du {CalendarCells.LongDay(day)}", []);
    }

    /// <summary>"Toute la ligne": one unit on every day of the month still open to requests.</summary>
    public async Task<IActionResult> OnPostLigneAsync(Guid id, string? mois, string? unite)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!Guid.TryParse(unite, out var unitId) || Booking.Unit(unitId) is not { } unit)
        {
            return Back(mois, new BookingNotice(true, "Cette unité ne fait pas partie de l'activité : rien n'a été enregistré.", []));
        }

        var month = ParseMonth(mois);
        var from = month > clock.Today ? month : clock.Today;
        var end = month.AddMonths(1).AddDays(-1);
        var cells = from > end ? [] : Booking.ChangeableDays(new DateRange(from, end), clock.Now.DateTime).Select(d => (d, unitId)).ToList();
        return await SaveAsync(mois, () => booking.RequestAllAsync(Booking, cells, By, HttpContext.RequestAborted), $"Toute la ligne « {unit.Name} » de {MonthName(month)}", []);
    }

    /// <summary>Beyond this many cells changed at once, the result gives the counts only.</summary>
    private const int MaxNamedChanges = 12;

    private string UnitName(Guid unitId) => Booking.Unit(unitId)?.Name ?? "";

    private string By => User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name ?? "famille";

    private async Task<bool> LoadAsync(Guid id)
    {
        var context = await BookingContext.LoadAsync(db, commune, id, User.FamilyId(), HttpContext.RequestAborted);
        if (context is null)
        {
            return false;
        }

        Booking = context;
        return true;
    }

    /// <summary>The month asked for (?mois=2026-12), or this month; always inside the registration.</summary>
    private DateOnly ParseMonth(string? mois)
    {
        var month = DateOnly.TryParseExact(mois, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked) && DateBounds.Contains(asked) ? asked : clock.Today;
        return ReservationGrid.ClampMonth(month, Booking.Registration.Dates);
    }

    private (List<CellChoice> Choices, List<string> Refusals) ReadChoices(string[] values)
    {
        var choices = new List<CellChoice>();
        var refusals = new List<string>();
        var unreadable = 0;
        foreach (var value in values.Take(MaxCells))
        {
            var choice = CalendarCells.Parse(value);
            if (choice is null)
            {
                unreadable++;
            }
            else if (Booking.Unit(choice.UnitId) is null)
            {
                refusals.Add($"{CalendarCells.LongDay(choice.Date)} : cette unité ne fait pas partie de l'activité {Booking.Activity.Name}.");
            }
            else if (!Booking.Registration.Dates.Contains(choice.Date))
            {
                refusals.Add($"{CalendarCells.LongDay(choice.Date)}, {Booking.Unit(choice.UnitId)!.Name} : jour non disponible (hors inscription).");
            }
            else
            {
                choices.Add(choice);
            }
        }

        if (unreadable > 0 || values.Length > MaxCells)
        {
            refusals.Add(unreadable + Math.Max(0, values.Length - MaxCells) == 1
                ? "Une case envoyée n'a pas été reconnue : elle a été ignorée."
                : $"{unreadable + Math.Max(0, values.Length - MaxCells)} cases envoyées n'ont pas été reconnues : elles ont été ignorées.");
        }

        return (choices, refusals);
    }

    private async Task<IActionResult> SaveAsync(string? mois, Func<Task<BookingResult>> save, string? what, List<string> refusals)
    {
        var result = await save();
        if (result.Conflict is { } conflict)
        {
            return Back(mois, new BookingNotice(true, conflict, []));
        }

        refusals.AddRange(result.Refused.Select(CalendarCells.Refusal));
        var summary = CalendarCells.Summary(result, UnitName);
        if (what is not null)
        {
            summary = result.Changed.Count == 0 && result.Refused.Count == 0
                ? $"{what} : aucun nouveau jour à demander, tout était déjà demandé ou réservé."
                : $"{what} : {CalendarCells.Summary(result)}";
        }

        // Each cell is named when a save changed a few (a day, ticked boxes); a whole semaine
        // type is told by its counts, and the grid shows the days.
        var changes = result.Changed.Count > 1 || what is not null ? CalendarCells.Changes(result, UnitName, MaxNamedChanges) : [];
        return Back(mois, new BookingNotice(result.Changed.Count == 0 && refusals.Count > 0, summary, refusals, changes));
    }

    private RedirectResult Back(string? mois, BookingNotice notice)
    {
        TempData[NoticeKey] = JsonSerializer.Serialize(notice);
        return Redirect(PageUrl(ParseMonth(mois)) + "#resultat");
    }

    /// <summary>
    /// The grid of a month, from two reads: the child's cells of the month for this activity,
    /// then, only if some are waitlisted, the waiting lists of those days to place them.
    /// </summary>
    private async Task BuildAsync(DateOnly month)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var registration = Booking.Registration;
        var activityId = Booking.Activity.Id;
        var activityTypeId = Booking.Activity.ActivityTypeId;
        var first = ReservationGrid.ClampMonth(month, registration.Dates);
        var last = first.AddMonths(1).AddDays(-1);

        Heading = await db.Periods.AsNoTracking()
            .Where(p => p.Id == registration.PeriodId)
            .Select(p => new CalendarHeading(
                db.Children.Where(c => c.Id == registration.ChildId).Select(c => c.FirstName).FirstOrDefault() ?? "",
                (from t in db.ActivityTypes
                 join f in db.Facilities on t.FacilityId equals f.Id
                 where t.Id == activityTypeId
                 select f.Name).FirstOrDefault() ?? "",
                Booking.Activity.Name,
                p.Label))
            .FirstAsync(cancellationToken);

        var childId = registration.ChildId;
        var stored = await db.Reservations.AsNoTracking()
            .Where(r => r.ChildId == childId && r.ActivityId == activityId && r.Date >= first && r.Date <= last)
            .Select(r => new { r.Id, r.Date, r.UnitId, r.State, r.RequestedAt })
            .ToListAsync(cancellationToken);
        var states = stored.ToDictionary(r => (r.Date, r.UnitId), r => r.State);

        var positions = new Dictionary<(DateOnly, Guid), int>();
        var waitlisted = stored.Where(r => r.State == ReservationState.Waitlisted).ToList();
        if (waitlisted.Count > 0)
        {
            var days = waitlisted.Select(r => r.Date).Distinct().ToList();
            var lists = await db.Reservations.AsNoTracking()
                .Where(r => r.ActivityId == activityId && r.State == ReservationState.Waitlisted && days.Contains(r.Date))
                .Select(r => new { r.Id, r.Date, r.UnitId, r.RequestedAt })
                .ToListAsync(cancellationToken);

            foreach (var mine in waitlisted)
            {
                positions[(mine.Date, mine.UnitId)] = WaitingList.Position(
                    lists.Where(r => r.Date == mine.Date && r.UnitId == mine.UnitId), r => r.RequestedAt, r => r.Id, mine.RequestedAt, mine.Id);
            }
        }

        Grid = Build(first, states, positions);
    }

    private MonthGrid Build(
        DateOnly month,
        IReadOnlyDictionary<(DateOnly Date, Guid UnitId), ReservationState> states,
        IReadOnlyDictionary<(DateOnly Date, Guid UnitId), int> positions) =>
        ReservationGrid.Build(
            month,
            Booking.Registration.Dates,
            [.. Booking.Units.Select(u => new GridUnit(u.Id, u.Name))],
            Booking.Runs,
            Booking.Activity.Deadline,
            Booking.Calendar,
            clock.Now.DateTime,
            states,
            positions);

    /// <summary>One cell as it stands now, for the answer of a click.</summary>
    private async Task<CellView> CellAsync(DateOnly date, Guid unitId)
    {
        var childId = Booking.Registration.ChildId;
        var stored = await db.Reservations.AsNoTracking()
            .Where(r => r.ChildId == childId && r.UnitId == unitId && r.Date == date)
            .Select(r => new { r.Id, r.State, r.RequestedAt })
            .FirstOrDefaultAsync(HttpContext.RequestAborted);
        var state = stored?.State ?? ReservationState.Free;
        var positions = new Dictionary<(DateOnly, Guid), int>();
        if (stored is { State: ReservationState.Waitlisted })
        {
            var list = await db.Reservations.AsNoTracking()
                .Where(r => r.UnitId == unitId && r.Date == date && r.State == ReservationState.Waitlisted)
                .Select(r => new { r.Id, r.RequestedAt })
                .ToListAsync(HttpContext.RequestAborted);
            positions[(date, unitId)] = WaitingList.Position(list, r => r.RequestedAt, r => r.Id, stored.RequestedAt, stored.Id);
        }

        var grid = Build(date, new Dictionary<(DateOnly, Guid), ReservationState> { [(date, unitId)] = state }, positions);
        var row = grid.Rows.Single(r => r.UnitId == unitId);
        return CellView.For(row.Cells.Single(c => c.Date == date), row.Name);
    }
}
