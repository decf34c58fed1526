using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Registrations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Features.Gestion.Reservations;
using PortailFamille.Web.Features.Registrations;
using PortailFamille.Web.Features.Reservations;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Gestion.Registrations;

/// <summary>
/// "Demandes d'inscription": the registrations waiting for the service, oldest first, which
/// an agent validates or refuses; the family is told by email and the decision is written in
/// the family's history.
/// </summary>
public sealed class IndexModel(
    AppDbContext db,
    AuditTrail audit,
    RegistrationMails mails,
    CommuneCalendar commune,
    ServiceDecisions decisions,
    ParisClock clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(
        Guid Id,
        Guid FamilyId,
        string FamilyName,
        string ChildName,
        int ChildAge,
        string Facility,
        string Activity,
        string Period,
        DateOnly Start,
        DateOnly End,
        string Pattern,
        bool HasPattern,
        DateTimeOffset RequestedAt);

    public sealed record ActivityChoice(Guid Id, string Name);

    /// <summary>The page shown; taken explicitly, as Razor Pages has a route value named "page".</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>The activity filter; null for every activity.</summary>
    [BindProperty(SupportsGet = true, Name = "activite")]
    public Guid? ActivityId { get; set; }

    public IReadOnlyList<ActivityChoice> Activities { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The request whose refusal form is shown again with its error.</summary>
    public Guid? RefusedId { get; private set; }

    /// <summary>The reason typed for <see cref="RefusedId"/>.</summary>
    public string? Reason { get; private set; }

    /// <summary>The error of the reason typed for <see cref="RefusedId"/>.</summary>
    public string? ReasonError { get; private set; }

    /// <summary>The id of the reason box of a request, also the key of its error.</summary>
    public static string ReasonFieldId(Guid id) => $"motif-{id:N}";

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page)
    {
        // A hand-made address with an unknown page or activity shows the list rather than an error.
        ModelState.Clear();
        await LoadAsync(page ?? 1);
    }

    /// <summary>
    /// Validates a request; with <paramref name="bookPattern"/>, also turns its semaine type into
    /// reservations (docs/product.md 4.4) in the same transaction, so that a registration is never
    /// validated with half of its days booked.
    /// </summary>
    public async Task<IActionResult> OnPostValidateAsync(Guid id, [FromForm(Name = "page")] int? page, [FromForm(Name = "semaineType")] bool bookPattern)
    {
        var ct = HttpContext.RequestAborted;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var registration = await db.Registrations.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (registration is null)
        {
            return NotFound();
        }

        var refusals = await DecideAsync(registration, r => r.Validate(clock.UtcNow), ct);
        if (refusals.Count > 0)
        {
            return await RefusedAsync(id, refusals, null, page);
        }

        // The decision is already written in this transaction, which is what the booking
        // context reads; the places are taken by conditional updates, so a full day is
        // waitlisted, never overbooked.
        var what = await DescribeAsync(registration, ct);
        string? booked = null;
        var anyBooked = false;
        if (bookPattern && !registration.Pattern.IsEmpty)
        {
            var context = await BookingContext.LoadAsync(db, commune, registration.Id, null, ct)
                ?? throw new InvalidOperationException("The registration just validated cannot be read back.");
            var (confirmed, waitlisted) = await decisions.BookSemaineTypeAsync(context, ReservationWords.Agent(User), ct);
            booked = RegistrationWords.Booked(confirmed, waitlisted);
            anyBooked = confirmed + waitlisted > 0;
        }

        audit.Record("Famille", registration.FamilyId, $"Inscription de {what.ChildFirstName} à {what.Activity} ({what.Period}) validée.");
        if (booked is not null)
        {
            // Kept on the registration: each booked day has its own history, and the family's
            // file keeps one line per decision on the registration.
            audit.Record("Inscription", registration.Id, $"Semaine type de {what.ChildFirstName} à {what.Activity} ({what.Period}) transformée en réservations : {booked}.");
        }

        mails.QueueValidated(what, registration, anyBooked ? booked : null);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Done($"L'inscription de {what.ChildFirstName} à {what.Activity} ({what.Period}) est validée.{(booked is null ? "" : $" Semaine type : {booked}.")} Un email en informe la famille.", page);
    }

    public async Task<IActionResult> OnPostRefuseAsync(Guid id, [DataType(DataType.MultilineText)] string? reason, [FromForm(Name = "page")] int? page)
    {
        var ct = HttpContext.RequestAborted;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var registration = await db.Registrations.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (registration is null)
        {
            return NotFound();
        }

        var refusals = await DecideAsync(registration, r => r.Refuse(reason, clock.UtcNow), ct);
        if (refusals.Count > 0)
        {
            return await RefusedAsync(id, refusals, reason, page);
        }

        var what = await DescribeAsync(registration, ct);
        audit.Record("Famille", registration.FamilyId, $"Inscription de {what.ChildFirstName} à {what.Activity} ({what.Period}) refusée : {registration.RefusalReason}");
        mails.QueueRefused(what, registration);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Done($"L'inscription de {what.ChildFirstName} à {what.Activity} ({what.Period}) est refusée. Le motif est envoyé à la famille par email.", page);
    }

    /// <summary>The address of another page of the same list.</summary>
    public string PageUrl(int page) => QueryHelpers.AddQueryString("/gestion/inscriptions", Query(page));

    /// <summary>The filter and the page, to come back to the same list after a decision.</summary>
    public Dictionary<string, string?> Query(int page)
    {
        var query = new Dictionary<string, string?>();
        if (ActivityId is { } activity)
        {
            query["activite"] = activity.ToString();
        }

        if (page > 1)
        {
            query["page"] = page.ToString(CultureInfo.InvariantCulture);
        }

        return query;
    }

    private async Task<RegistrationMails.Decided> DescribeAsync(Registration registration, CancellationToken ct)
    {
        var what = await (
            from c in db.Children
            join a in db.Activities on registration.ActivityId equals a.Id
            join p in db.Periods on registration.PeriodId equals p.Id
            where c.Id == registration.ChildId
            select new { c.FirstName, Activity = a.Name, Period = p.Label })
            .AsNoTracking()
            .SingleAsync(ct);
        var guardians = await db.Guardians.AsNoTracking()
            .Where(g => g.FamilyId == registration.FamilyId)
            .OrderBy(g => g.Rank)
            .ToListAsync(ct);
        return new(what.FirstName, what.Activity, what.Period, guardians);
    }

    /// <summary>
    /// Applies the agent's decision to the registration and writes it at once. The status is
    /// the registration's concurrency token: of two agents deciding at the same moment, the
    /// second one's save finds the request no longer waiting, writes nothing, and gets the
    /// domain's refusal for the state the first one left. Empty when the decision is saved.
    /// </summary>
    private async Task<IReadOnlyList<Refusal>> DecideAsync(Registration registration, Func<Registration, Outcome<Registration>> decide, CancellationToken ct)
    {
        var outcome = decide(registration);
        if (!outcome.Succeeded)
        {
            return outcome.Refusals;
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return [];
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Registrations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == registration.Id, ct);
            var again = current is null ? null : decide(current);
            return again is { Succeeded: false } ? again.Refusals : [new(string.Empty, "La demande vient d'être modifiée : vérifiez-la et recommencez.")];
        }
    }

    private RedirectResult Done(string message, int? page)
    {
        TempData["Message"] = message;
        return Redirect(PageUrl(page ?? 1));
    }

    private async Task<IActionResult> RefusedAsync(Guid id, IEnumerable<Refusal> refusals, string? reason, int? page)
    {
        foreach (var refusal in refusals)
        {
            if (refusal.Field == "Reason")
            {
                RefusedId = id;
                Reason = reason;
                ReasonError = refusal.Message;
                ModelState.AddModelError(ReasonFieldId(id), refusal.Message);
            }
            else
            {
                ModelState.AddModelError(string.Empty, refusal.Message);
            }
        }

        db.ChangeTracker.Clear();
        await LoadAsync(page ?? 1);
        return Page();
    }

    private async Task LoadAsync(int page)
    {
        var ct = HttpContext.RequestAborted;
        Activities = await db.Activities.AsNoTracking()
            .IgnoreAutoIncludes()
            .OrderBy(a => a.Name)
            .Select(a => new ActivityChoice(a.Id, a.Name))
            .ToListAsync(ct);
        if (ActivityId is { } wanted && Activities.All(a => a.Id != wanted))
        {
            ActivityId = null;
        }

        var waiting = db.Registrations.Where(r => r.Status == RegistrationStatus.Requested);
        if (ActivityId is { } activityId)
        {
            waiting = waiting.Where(r => r.ActivityId == activityId);
        }

        Total = await waiting.CountAsync(ct);
        PageNumber = Math.Clamp(page, 1, PageCount);
        var shown = await (
            from r in waiting
            join c in db.Children on r.ChildId equals c.Id
            join g in db.Guardians on r.FamilyId equals g.FamilyId
            join a in db.Activities.IgnoreAutoIncludes() on r.ActivityId equals a.Id
            join t in db.ActivityTypes on a.ActivityTypeId equals t.Id
            join f in db.Facilities on t.FacilityId equals f.Id
            join p in db.Periods on r.PeriodId equals p.Id
            where g.Rank == 1
            orderby r.RequestedAt, r.Id
            select new
            {
                r.Id,
                r.FamilyId,
                GuardianLastName = g.LastName,
                GuardianFirstName = g.FirstName,
                c.FirstName,
                c.LastName,
                c.BirthDate,
                Facility = f.Name,
                r.ActivityId,
                Activity = a.Name,
                Period = p.Label,
                r.Start,
                r.End,
                r.Pattern,
                r.RequestedAt,
            })
            .AsNoTracking()
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(ct);
        var activityIds = shown.Select(r => r.ActivityId).Distinct().ToList();
        var units = await db.Set<ActivityUnit>().AsNoTracking()
            .Where(u => activityIds.Contains(u.ActivityId))
            .Select(u => new { u.Id, u.Name, u.DisplayOrder })
            .ToDictionaryAsync(u => u.Id, u => (u.Name, u.DisplayOrder), ct);
        Rows =
        [
            .. shown.Select(r => new Row(
                r.Id,
                r.FamilyId,
                $"{r.GuardianLastName.ToUpperInvariant()} {r.GuardianFirstName}",
                $"{r.FirstName} {r.LastName.ToUpperInvariant()}",
                Age.On(r.BirthDate, r.Start),
                r.Facility,
                r.Activity,
                r.Period,
                r.Start,
                r.End,
                RegistrationWords.Pattern(r.Pattern, units),
                !r.Pattern.IsEmpty,
                r.RequestedAt)),
        ];
    }
}
