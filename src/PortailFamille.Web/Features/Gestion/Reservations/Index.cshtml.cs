using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Reservations;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Gestion.Reservations;

/// <summary>
/// "Demandes de réservation" (docs/product.md 4.2, 5): for an activity and a day, each unit's
/// capacity and places left, the requests and cancellations the transfer sent, in request
/// order, and the waiting list; the agent validates, waitlists or refuses them one by one or
/// in bulk, and gives a freed place to the first waitlisted request. Every decision goes
/// through <see cref="ServiceDecisions"/>, which never confirms beyond capacity.
/// </summary>
public sealed class IndexModel(AppDbContext db, ServiceDecisions decisions, ParisClock clock) : PageModel
{
    public const string Address = "/gestion/reservations";

    /// <summary>The most days the "à traiter" list shows; the date field reaches the others.</summary>
    public const int UpcomingShown = 60;

    /// <summary>The most reservations one bulk decision takes, so that a request stays short.</summary>
    public const int MaxBulk = 200;

    /// <summary>Result lines shown after a bulk decision.</summary>
    public const int MaxResultLines = 20;

    /// <summary>The decisions of this page, by the name its buttons post.</summary>
    private static readonly Dictionary<string, ReservationAction> Decisions = new(StringComparer.Ordinal)
    {
        [nameof(ReservationAction.Confirm)] = ReservationAction.Confirm,
        [nameof(ReservationAction.Waitlist)] = ReservationAction.Waitlist,
        [nameof(ReservationAction.Refuse)] = ReservationAction.Refuse,
        [nameof(ReservationAction.AcceptCancellation)] = ReservationAction.AcceptCancellation,
        [nameof(ReservationAction.RefuseCancellation)] = ReservationAction.RefuseCancellation,
        [nameof(ReservationAction.Promote)] = ReservationAction.Promote,
    };

    public sealed record ActivityChoice(Guid Id, string Name);

    /// <summary>A day of an activity with something for the service to decide.</summary>
    public sealed record Upcoming(Guid ActivityId, string Activity, DateOnly Date, int Requests, int Cancellations, int Waiting);

    /// <summary>A reservation as the queue lists it; <paramref name="Position"/> on the waiting list only.</summary>
    public sealed record Item(Guid Id, string Child, Guid FamilyId, string Family, DateTimeOffset? RequestedAt, int? Position);

    /// <summary>One unit's day: its places and what waits for a decision.</summary>
    public sealed record UnitDay(
        Guid UnitId,
        string Name,
        int Capacity,
        int Taken,
        IReadOnlyList<Item> Requests,
        IReadOnlyList<Item> Waiting,
        IReadOnlyList<Item> Cancellations)
    {
        public int Left => Math.Max(0, Capacity - Taken);
    }

    /// <summary>The activity chosen, as typed in the address or the form.</summary>
    [BindProperty(SupportsGet = true, Name = "activite")]
    public string? ActivityText { get; set; }

    /// <summary>The day chosen, jj/mm/aaaa.</summary>
    [BindProperty(SupportsGet = true, Name = "date")]
    public string? DateText { get; set; }

    public IReadOnlyList<ActivityChoice> Activities { get; private set; } = [];

    public IReadOnlyList<Upcoming> Days { get; private set; } = [];

    /// <summary>The activity shown; null when none is chosen or the choice is wrong.</summary>
    public Activity? Activity { get; private set; }

    /// <summary>The day shown.</summary>
    public DateOnly? Date { get; private set; }

    public IReadOnlyList<UnitDay> Units { get; private set; } = [];

    /// <summary>What the last decisions did, one line per reservation.</summary>
    public IReadOnlyList<string> Results { get; private set; } = [];

    public bool IsAutomatic => Activity?.ValidationMode == ValidationMode.Automatic;

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        if (TempData["Resultats"] is string[] results)
        {
            Results = results;
        }

        await LoadAsync(choose: true);
    }

    /// <summary>
    /// One decision: a row's button posts <paramref name="line"/> ("Confirm:id"); a bulk
    /// button posts <paramref name="decision"/> with the requests or cancellations ticked.
    /// </summary>
    public async Task<IActionResult> OnPostDecideAsync(
        [FromForm(Name = "ligne")] string? line,
        [FromForm(Name = "decision")] string? decision,
        [FromForm(Name = "demandes")] List<string>? requests,
        [FromForm(Name = "annulations")] List<string>? cancellations)
    {
        ModelState.Clear();
        var ct = HttpContext.RequestAborted;
        ReservationAction action;
        List<Guid> ids;
        if (!string.IsNullOrEmpty(line))
        {
            var parts = line.Split(':', 2);
            if (parts.Length != 2 || !Decisions.TryGetValue(parts[0], out action) || !Guid.TryParse(parts[1], out var id))
            {
                return await RefusedAsync("Cette décision n'est pas reconnue : rechargez la page et recommencez.");
            }

            ids = [id];
        }
        else
        {
            if (decision is null || !Decisions.TryGetValue(decision, out action) || action == ReservationAction.Promote)
            {
                return await RefusedAsync("Cette décision n'est pas reconnue : rechargez la page et recommencez.");
            }

            var ticked = action is ReservationAction.AcceptCancellation or ReservationAction.RefuseCancellation ? cancellations : requests;
            ids = [.. (ticked ?? []).Select(t => Guid.TryParse(t, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct()];
            if (ids.Count == 0)
            {
                return await RefusedAsync(action is ReservationAction.AcceptCancellation or ReservationAction.RefuseCancellation
                    ? "Cochez au moins une demande d'annulation avant de choisir une décision."
                    : "Cochez au moins une demande de réservation avant de choisir une décision.");
            }

            if (ids.Count > MaxBulk)
            {
                return await RefusedAsync($"Cochez au plus {MaxBulk} demandes à la fois.");
            }
        }

        var described = await (
                from r in db.Reservations
                where ids.Contains(r.Id)
                join c in db.Children on r.ChildId equals c.Id
                join u in db.Set<ActivityUnit>() on r.UnitId equals u.Id
                select new { r.Id, r.Date, r.RequestedAt, Unit = u.Name, c.FirstName, c.LastName })
            .AsNoTracking()
            .ToListAsync(ct);
        var results = new List<string>();
        var missing = ids.Count - described.Count;
        if (missing > 0)
        {
            results.Add(missing == 1 ? "Une des réservations choisies n'existe pas." : $"{missing} des réservations choisies n'existent pas.");
        }

        // In request order, so that a bulk validation of a nearly full day gives its places to
        // the families who asked first, as the automatic mode does.
        var agent = ReservationWords.Agent(User);
        foreach (var item in WaitingList.InOrder(described, d => d.RequestedAt, d => d.Id))
        {
            var outcome = await decisions.DecideAsync(item.Id, action, agent, ct);
            var what = $"{item.FirstName} {item.LastName.ToUpperInvariant()}, {item.Unit} du {ParisClock.FormatDate(item.Date)}";
            results.Add(outcome.Succeeded
                ? $"{what} : {Done(action, outcome.Value)}"
                : $"{what} : {string.Join(" ", outcome.Refusals.Select(r => r.Message))}");
        }

        // The results travel to the next page in a cookie: a bulk of 200 decisions would
        // outgrow what browsers and proxies accept. The first lines, then a count, are kept.
        TempData["Resultats"] = results.Count <= MaxResultLines
            ? results.ToArray()
            : [.. results.Take(MaxResultLines), $"… et {results.Count - MaxResultLines} autre(s) décision(s), visibles dans la liste ci-dessous."];
        // Back to the day the form was posted from (its hidden fields), checked as on a GET.
        return Redirect(DayUrl(
            Guid.TryParse(ActivityText, out var shownActivity) ? shownActivity : null,
            ParisClock.ParseDate(DateText)));
    }

    /// <summary>The address of the day shown, to come back to it after a decision.</summary>
    public string DayUrl(Guid? activityId = null, DateOnly? date = null)
    {
        var query = new Dictionary<string, string?>();
        if ((activityId ?? Activity?.Id) is { } activity)
        {
            query["activite"] = activity.ToString();
        }

        if ((date ?? Date) is { } day)
        {
            query["date"] = ParisClock.FormatDate(day);
        }

        return QueryHelpers.AddQueryString(Address, query);
    }

    /// <summary>The words of a decision made.</summary>
    public static string Done(ReservationAction action, DecisionResult result) => result == DecisionResult.WaitlistedFull
        ? "Complet : mise en liste d'attente."
        : action switch
        {
            ReservationAction.Confirm => "réservation validée.",
            ReservationAction.Waitlist => "mise en liste d'attente.",
            ReservationAction.Refuse => "demande refusée.",
            ReservationAction.AcceptCancellation => "annulation acceptée, la place est libérée.",
            ReservationAction.RefuseCancellation => "annulation refusée, l'enfant reste inscrit.",
            ReservationAction.Promote => "place attribuée, réservation validée.",
            _ => "fait.",
        };

    private async Task<IActionResult> RefusedAsync(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        await LoadAsync(choose: false);
        return Page();
    }

    private async Task LoadAsync(bool choose)
    {
        var ct = HttpContext.RequestAborted;
        Activities = await db.Activities.AsNoTracking()
            .IgnoreAutoIncludes()
            .OrderBy(a => a.Name)
            .Select(a => new ActivityChoice(a.Id, a.Name))
            .ToListAsync(ct);
        var names = Activities.ToDictionary(a => a.Id, a => a.Name);
        var today = clock.Today;

        // One grouped query gives every day with something to decide, from today on.
        var days = await db.Reservations.AsNoTracking()
            .Where(r => r.Date >= today
                && (r.State == ReservationState.RequestSent || r.State == ReservationState.CancellationSent || r.State == ReservationState.Waitlisted))
            .GroupBy(r => new { r.ActivityId, r.Date })
            .Select(g => new
            {
                g.Key.ActivityId,
                g.Key.Date,
                Requests = g.Count(r => r.State == ReservationState.RequestSent),
                Cancellations = g.Count(r => r.State == ReservationState.CancellationSent),
                Waiting = g.Count(r => r.State == ReservationState.Waitlisted),
            })
            .OrderBy(d => d.Date)
            .Take(UpcomingShown * 4)
            .ToListAsync(ct);
        Days =
        [
            .. days.Select(d => new Upcoming(d.ActivityId, names.GetValueOrDefault(d.ActivityId, "?"), d.Date, d.Requests, d.Cancellations, d.Waiting))
                .OrderBy(d => d.Date).ThenBy(d => d.Activity, StringComparer.Ordinal)
                .Take(UpcomingShown),
        ];

        Guid? activityId = null;
        if (!string.IsNullOrWhiteSpace(ActivityText))
        {
            if (Guid.TryParse(ActivityText, out var parsed) && names.ContainsKey(parsed))
            {
                activityId = parsed;
            }
            else
            {
                ModelState.AddModelError("activite", "Choisissez une activité de la liste.");
            }
        }

        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(DateText))
        {
            date = ParisClock.ParseDate(DateText);
            if (date is null)
            {
                ModelState.AddModelError("date", ParisClock.DateMessage(DateText, "Saisissez la date au format jj/mm/aaaa, par exemple 09/12/2026."));
            }
        }

        if (!ModelState.IsValid)
        {
            return;
        }

        if (choose)
        {
            // By default, the next day with requests to decide (of the activity chosen, if any).
            var candidates = Days.Where(d => (activityId is null || d.ActivityId == activityId) && (date is null || d.Date == date)).ToList();
            var next = candidates.FirstOrDefault(d => d.Requests > 0) ?? candidates.FirstOrDefault();
            activityId ??= next?.ActivityId;
            date ??= next?.Date;
        }

        if (activityId is null || date is null)
        {
            if (activityId is null && date is not null)
            {
                ModelState.AddModelError("activite", "Choisissez une activité.");
            }

            return;
        }

        Activity = await db.Activities.AsNoTracking().FirstAsync(a => a.Id == activityId, ct);
        Date = date;
        ActivityText = activityId.ToString();
        DateText = ParisClock.FormatDate(date.Value);
        await LoadDayAsync(Activity, date.Value, ct);
    }

    private async Task LoadDayAsync(Activity activity, DateOnly date, CancellationToken ct)
    {
        var taken = await db.Set<UnitDayPlaces>().AsNoTracking()
            .Where(p => p.ActivityId == activity.Id && p.Date == date)
            .ToDictionaryAsync(p => p.UnitId, p => p.Taken, ct);
        var waiting = await (
                from r in db.Reservations
                where r.ActivityId == activity.Id && r.Date == date
                    && (r.State == ReservationState.RequestSent || r.State == ReservationState.CancellationSent || r.State == ReservationState.Waitlisted)
                join c in db.Children on r.ChildId equals c.Id
                join g in db.Guardians on r.FamilyId equals g.FamilyId
                where g.Rank == 1
                select new { r.Id, r.UnitId, r.State, r.RequestedAt, r.FamilyId, c.FirstName, c.LastName, GuardianFirstName = g.FirstName, GuardianLastName = g.LastName })
            .AsNoTracking()
            .ToListAsync(ct);
        Units =
        [
            .. activity.Units.OrderBy(u => u.DisplayOrder).ThenBy(u => u.Name, StringComparer.Ordinal).Select(unit =>
            {
                var cells = WaitingList.InOrder(waiting.Where(r => r.UnitId == unit.Id), r => r.RequestedAt, r => r.Id).ToList();
                List<Item> Of(ReservationState state) =>
                [
                    .. cells.Where(r => r.State == state).Select((r, i) => new Item(
                        r.Id,
                        $"{r.FirstName} {r.LastName.ToUpperInvariant()}",
                        r.FamilyId,
                        $"{r.GuardianLastName.ToUpperInvariant()} {r.GuardianFirstName}",
                        r.RequestedAt,
                        state == ReservationState.Waitlisted ? i + 1 : null)),
                ];
                return new UnitDay(unit.Id, unit.Name, activity.CapacityOn(unit.Id, date), taken.GetValueOrDefault(unit.Id), Of(ReservationState.RequestSent), Of(ReservationState.Waitlisted), Of(ReservationState.CancellationSent));
            }),
        ];
    }
}
