using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Gestion.Attendance;

/// <summary>
/// "Pointage" (docs/product.md 4.6, 5): the agent chooses a day (today by default) and opens
/// the sheet of one of the units open that day; below, "Jours non pointés" lists the recent
/// unit days where a child held a place and has no mark yet, each with its sheet.
/// </summary>
public sealed class IndexModel(AppDbContext db, CommuneCalendar commune, ParisClock clock) : PageModel
{
    public const string Address = "/gestion/pointage";

    /// <summary>How far back "Jours non pointés" looks, in days before today.</summary>
    public const int UnmarkedDaysBack = 60;

    /// <summary>The most lines "Jours non pointés" shows; the oldest come last.</summary>
    public const int UnmarkedShown = 200;

    /// <summary>A unit open on the day chosen, with its children expected and marked.</summary>
    public sealed record OpenUnit(Guid ActivityId, string Activity, Guid UnitId, string Unit, int Expected, int Marked, string Url);

    /// <summary>A past unit day with children who held a place and have no mark.</summary>
    public sealed record UnmarkedDay(DateOnly Date, string Activity, string Unit, int Unmarked, string Url);

    /// <summary>The day chosen, jj/mm/aaaa.</summary>
    [BindProperty(SupportsGet = true, Name = "date")]
    public string? DateText { get; set; }

    public DateOnly Today { get; private set; }

    /// <summary>The day shown; null when the date typed is wrong.</summary>
    public DateOnly? Date { get; private set; }

    public IReadOnlyList<OpenUnit> Units { get; private set; } = [];

    public IReadOnlyList<UnmarkedDay> Unmarked { get; private set; } = [];

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        var ct = HttpContext.RequestAborted;
        Today = clock.Today;
        if (string.IsNullOrWhiteSpace(DateText))
        {
            Date = Today;
        }
        else if (ParisClock.ParseDate(DateText) is { } date)
        {
            Date = date;
        }
        else
        {
            ModelState.AddModelError("date", ParisClock.DateMessage(DateText, "Saisissez le jour au format jj/mm/aaaa, par exemple 03/11/2026."));
        }

        DateText = Date is { } shown ? ParisClock.FormatDate(shown) : DateText;
        var activities = await db.Activities.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct);
        if (Date is { } day)
        {
            Units = await OpenUnitsAsync(activities, day, ct);
        }

        Unmarked = await UnmarkedAsync(activities, ct);
    }

    // The units of the activities that run that day within one of their periods, and of any
    // activity where a child holds a place that day (a day opened by exception stays reachable).
    private async Task<IReadOnlyList<OpenUnit>> OpenUnitsAsync(List<Domain.Catalogue.Activity> activities, DateOnly day, CancellationToken ct)
    {
        var holding = AttendanceSheet.HoldingStates.ToList();
        var expected = await db.Reservations.AsNoTracking()
            .Where(r => r.Date == day && holding.Contains(r.State))
            .GroupBy(r => r.UnitId)
            .Select(g => new { UnitId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.UnitId, g => g.Count, ct);
        var marked = await db.Attendance.AsNoTracking()
            .Where(e => e.Date == day)
            .GroupBy(e => e.UnitId)
            .Select(g => new { UnitId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.UnitId, g => g.Count, ct);
        var inPeriod = (await db.Periods.AsNoTracking()
                .Where(p => p.Start <= day && day <= p.End)
                .Select(p => p.ActivityId)
                .ToListAsync(ct))
            .ToHashSet();
        var calendar = await commune.WorkingDaysAsync(ct);
        var holidays = await commune.SchoolHolidaysAsync(ct);
        return
        [
            .. activities
                .Where(a => (inPeriod.Contains(a.Id) && a.IsOpenOn(day, holidays, calendar)) || a.Units.Any(u => expected.ContainsKey(u.Id) || marked.ContainsKey(u.Id)))
                .SelectMany(a => a.Units.OrderBy(u => u.DisplayOrder).ThenBy(u => u.Name, StringComparer.Ordinal).Select(u => new OpenUnit(
                    a.Id,
                    a.Name,
                    u.Id,
                    u.Name,
                    expected.GetValueOrDefault(u.Id),
                    marked.GetValueOrDefault(u.Id),
                    AttendanceSheet.UrlOf(a.Id, u.Id, day)))),
        ];
    }

    // One grouped query: the place-holding reservations of the recent days that have no mark,
    // counted by unit day. The unique index of the marks (child, unit, day) serves the lookup.
    private async Task<IReadOnlyList<UnmarkedDay>> UnmarkedAsync(List<Domain.Catalogue.Activity> activities, CancellationToken ct)
    {
        var holding = AttendanceSheet.HoldingStates.ToList();
        var from = Today.AddDays(-UnmarkedDaysBack);
        var today = Today;
        var days = await db.Reservations.AsNoTracking()
            .Where(r => r.Date >= from && r.Date <= today && holding.Contains(r.State)
                && !db.Attendance.Any(e => e.ChildId == r.ChildId && e.UnitId == r.UnitId && e.Date == r.Date))
            .GroupBy(r => new { r.ActivityId, r.UnitId, r.Date })
            .Select(g => new { g.Key.ActivityId, g.Key.UnitId, g.Key.Date, Count = g.Count() })
            .OrderByDescending(g => g.Date)
            .Take(UnmarkedShown)
            .ToListAsync(ct);
        var units = activities.SelectMany(a => a.Units.Select(u => (Activity: a, Unit: u))).ToDictionary(x => x.Unit.Id);
        return
        [
            .. days.Where(d => units.ContainsKey(d.UnitId))
                .Select(d => new UnmarkedDay(d.Date, units[d.UnitId].Activity.Name, units[d.UnitId].Unit.Name, d.Count, AttendanceSheet.UrlOf(d.ActivityId, d.UnitId, d.Date)))
                .OrderByDescending(d => d.Date).ThenBy(d => d.Activity, StringComparer.Ordinal).ThenBy(d => d.Unit, StringComparer.Ordinal),
        ];
    }
}
