using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Registrations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Registrations;

/// <summary>
/// "Nouvelle inscription": équipement, type d'activité, activité and période, each list
/// filtered by the previous choice; the dates, pre-filled with the period's; the semaine type;
/// "Enregistrer la demande". Without JavaScript each "Choisir" button re-renders the form with
/// the next list; with it, changing a list does the same (a hidden field says so).
/// </summary>
public sealed class NewModel(AppDbContext db, ParisClock clock, AuditTrail audit, RegistrationMails mails, CommuneCalendar commune) : PageModel
{
    /// <summary>
    /// The child already has this registration: the service's rule, said once, with the way
    /// to the page where days are added (or, while the request waits, where it is followed).
    /// </summary>
    public sealed record AlreadyRegisteredNotice(string Message, string Url, string LinkText);

    /// <summary>The fields of the form, in the order of the page, for the error summary.</summary>
    public static readonly IReadOnlyList<string> FieldOrder =
    [
        "Input.FacilityId", "Input.ActivityTypeId", "Input.ActivityId", "Input.PeriodId", "Input.Start", "Input.End", "Input.Slots",
    ];

    [BindProperty]
    public RegistrationInput Input { get; set; } = new();

    /// <summary>Set by a "Choisir" button: re-render the form with the next list, ask nothing.</summary>
    [BindProperty(Name = "choisir")]
    public string? Choose { get; set; }

    /// <summary>Set by the script when a list changes: same as a "Choisir" button.</summary>
    [BindProperty(Name = "rafraichir")]
    public string? Refresh { get; set; }

    public Child Child { get; private set; } = null!;

    public IReadOnlyList<Facility> Facilities { get; private set; } = [];

    public IReadOnlyList<ActivityType> Types { get; private set; } = [];

    public IReadOnlyList<Activity> Activities { get; private set; } = [];

    public IReadOnlyList<Period> Periods { get; private set; } = [];

    public Facility? Facility { get; private set; }

    public ActivityType? Type { get; private set; }

    public Activity? Activity { get; private set; }

    public Period? Period { get; private set; }

    /// <summary>Set when the request is refused because the child already has it.</summary>
    public AlreadyRegisteredNotice? AlreadyRegistered { get; private set; }

    /// <summary>The field to give the focus to after a refresh: the next one to fill.</summary>
    public string? NextField { get; private set; }

    /// <summary>The activity's days, Monday first: the rows of the semaine type.</summary>
    public IReadOnlyList<DayOfWeek> Days => Activity is null ? [] : WeekdayMask.Days(Activity.DaysOfWeekMask);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "enfant")] string? enfant)
    {
        if (await LoadChildAsync(enfant) is not { } child)
        {
            return NotFound();
        }

        Child = child;
        await LoadChoicesAsync(refreshing: false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromQuery(Name = "enfant")] string? enfant)
    {
        if (await LoadChildAsync(enfant) is not { } child)
        {
            return NotFound();
        }

        Child = child;
        var refreshing = !string.IsNullOrEmpty(Choose) || !string.IsNullOrEmpty(Refresh);
        if (refreshing)
        {
            // Only the lists change: nothing is checked yet, the typed values are kept.
            ModelState.Clear();
        }

        await LoadChoicesAsync(refreshing);
        if (refreshing)
        {
            return Page();
        }

        var pattern = CheckForm();
        if (!ModelState.IsValid || pattern is null)
        {
            return Page();
        }

        var familyId = User.FamilyId();
        var existing = await db.Registrations.Where(r => r.FamilyId == familyId && r.ChildId == child.Id).ToListAsync(HttpContext.RequestAborted);
        var start = ParisClock.ParseDate(Input.Start)!.Value;
        var end = ParisClock.ParseDate(Input.End)!.Value;
        var outcome = Registration.Request(familyId, child.Id, child.FirstName, child.BirthDate, Activity!, Period!, start, end, pattern, existing, clock.Today, clock.UtcNow);
        if (!outcome.Succeeded)
        {
            return Refused(outcome.Refusals, existing);
        }

        var registration = outcome.Value;
        var family = await db.Families.AsNoTracking().SingleAsync(f => f.Id == familyId, HttpContext.RequestAborted);
        db.Registrations.Add(registration);
        audit.Record("Famille", familyId, $"Demande d'inscription de {child.FirstName} à {Activity!.Name} ({Period!.Label}), du {ParisClock.FormatDate(start)} au {ParisClock.FormatDate(end)}.");
        mails.QueueRequested(family, child, Facility!, Activity, Period, registration);
        try
        {
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        catch (DbUpdateException)
        {
            // The same request saved a moment ago from another tab: the domain says it again, in French.
            var now = await db.Registrations.AsNoTracking().Where(r => r.FamilyId == familyId && r.ChildId == child.Id).ToListAsync(HttpContext.RequestAborted);
            var again = Registration.Request(familyId, child.Id, child.FirstName, child.BirthDate, Activity, Period, start, end, pattern, now, clock.Today, clock.UtcNow);
            if (again.Succeeded)
            {
                throw;
            }

            db.ChangeTracker.Clear();
            return Refused(again.Refusals, now);
        }

        TempData["Message"] = $"La demande d'inscription de {child.FirstName} à {Activity.Name} ({Period.Label}) est enregistrée : elle est en attente de validation par le service.";
        return Redirect($"/famille/inscriptions?enfant={child.Id}#en-attente");
    }

    /// <summary>The value of a box of the semaine type: "Wednesday:unit id".</summary>
    public static string SlotValue(DayOfWeek day, Guid unitId) => $"{day}:{unitId:D}";

    public bool IsTicked(DayOfWeek day, Guid unitId) => Input.Slots.Contains(SlotValue(day, unitId), StringComparer.Ordinal);

    private async Task<Child?> LoadChildAsync(string? enfant)
    {
        if (!Guid.TryParse(enfant, out var childId))
        {
            return null;
        }

        // Filtered by the signed-in family: another family's child is not found.
        var familyId = User.FamilyId();
        return await db.Children.AsNoTracking().SingleOrDefaultAsync(c => c.Id == childId && c.FamilyId == familyId, HttpContext.RequestAborted);
    }

    /// <summary>
    /// Fills each list from the choice above it, and forgets a choice that does not belong to
    /// the one above (after a change higher up, or a guessed id).
    /// </summary>
    private async Task LoadChoicesAsync(bool refreshing)
    {
        var cancel = HttpContext.RequestAborted;
        Facilities = await db.Facilities.AsNoTracking().OrderBy(f => f.Name).ToListAsync(cancel);
        Facility = Facilities.SingleOrDefault(f => f.Id == Input.FacilityId);
        if (Facility is not null)
        {
            Types = await db.ActivityTypes.AsNoTracking().Where(t => t.FacilityId == Facility.Id).OrderBy(t => t.Name).ToListAsync(cancel);
            Type = Types.SingleOrDefault(t => t.Id == Input.ActivityTypeId);
        }

        if (Type is not null)
        {
            Activities = await db.Activities.AsNoTracking().Where(a => a.ActivityTypeId == Type.Id).OrderBy(a => a.Name).ToListAsync(cancel);
            Activity = Activities.SingleOrDefault(a => a.Id == Input.ActivityId);
        }

        if (Activity is not null)
        {
            // A period already over can take no request: it is not offered.
            var today = clock.Today;
            Periods = [.. (await db.Periods.AsNoTracking().Where(p => p.ActivityId == Activity.Id).ToListAsync(cancel))
                .Where(p => p.End >= today)
                .OrderBy(p => p.Start)
                .ThenBy(p => p.Label, StringComparer.Ordinal)];
            Period = Periods.SingleOrDefault(p => p.Id == Input.PeriodId);
        }

        Input.FacilityId = Facility?.Id;
        Input.ActivityTypeId = Type?.Id;
        Input.ActivityId = Activity?.Id;
        Input.PeriodId = Period?.Id;
        if (!refreshing)
        {
            return;
        }

        // The boxes of another activity, or of a day it does not run, are dropped.
        Input.Slots = Activity is null
            ? []
            : [.. Input.Slots.Where(s => Days.Any(d => Activity.Units.Any(u => SlotValue(d, u.Id) == s))).Distinct(StringComparer.Ordinal)];

        // The dates follow the period chosen, until the family changes them: from the first
        // day the child can still be booked, to the period's end.
        if (Period is not null && (Input.DatesFor != Period.Id || (string.IsNullOrWhiteSpace(Input.Start) && string.IsNullOrWhiteSpace(Input.End))))
        {
            var holidays = await commune.SchoolHolidaysAsync(cancel);
            var workingDays = await commune.WorkingDaysAsync(cancel);
            Input.Start = ParisClock.FormatDate(Registration.ProposedStart(Activity!, Period, holidays, workingDays, clock.Now.DateTime));
            Input.End = ParisClock.FormatDate(Period.End);
        }

        Input.DatesFor = Period?.Id;
        NextField = Facility is null ? "Input_FacilityId"
            : Type is null ? "Input_ActivityTypeId"
            : Activity is null ? "Input_ActivityId"
            : Period is null ? "Input_PeriodId"
            : "Input_Start";
    }

    /// <summary>The checks of the form itself; the domain checks the rest. Null when refused.</summary>
    private WeeklyPattern? CheckForm()
    {
        if (Facility is null)
        {
            ModelState.AddModelError("Input.FacilityId", "Choisissez l'équipement.");
            return null;
        }

        if (Type is null)
        {
            ModelState.AddModelError("Input.ActivityTypeId", "Choisissez le type d'activité.");
            return null;
        }

        if (Activity is null)
        {
            ModelState.AddModelError("Input.ActivityId", "Choisissez l'activité.");
            return null;
        }

        if (Period is null)
        {
            ModelState.AddModelError("Input.PeriodId", "Choisissez la période.");
            return null;
        }

        var example = ParisClock.FormatDate(Period.Start);
        if (ParisClock.ParseDate(Input.Start) is null)
        {
            ModelState.AddModelError("Input.Start", ParisClock.DateMessage(Input.Start, $"Saisissez la date de début au format jj/mm/aaaa, par exemple {example}."));
        }

        if (ParisClock.ParseDate(Input.End) is null)
        {
            ModelState.AddModelError("Input.End", ParisClock.DateMessage(Input.End, $"Saisissez la date de fin au format jj/mm/aaaa, par exemple {ParisClock.FormatDate(Period.End)}."));
        }

        var slots = new List<(DayOfWeek, Guid)>();
        foreach (var value in Input.Slots.Distinct(StringComparer.Ordinal))
        {
            var parts = value.Split(':');
            if (parts.Length != 2 || !Enum.GetNames<DayOfWeek>().Contains(parts[0], StringComparer.Ordinal) || !Guid.TryParse(parts[1], out var unitId))
            {
                ModelState.AddModelError("Input.Slots", "Une case cochée de la semaine type n'est pas reconnue : cochez les cases du tableau.");
                return null;
            }

            slots.Add((Enum.Parse<DayOfWeek>(parts[0]), unitId));
        }

        var pattern = WeeklyPattern.Create(slots, Activity);
        foreach (var refusal in pattern.Refusals)
        {
            ModelState.AddModelError("Input.Slots", refusal.Message);
        }

        return ModelState.IsValid && pattern.Succeeded ? pattern.Value : null;
    }

    /// <summary>
    /// Shows the domain's refusals: the duplicate as the service's rule, in a notice of its own
    /// (the form has no mistake to correct), the others as errors of their fields.
    /// </summary>
    private PageResult Refused(IReadOnlyList<Refusal> refusals, IReadOnlyList<Registration> childsRegistrations)
    {
        foreach (var refusal in refusals)
        {
            if (refusal.Field == Registration.AlreadyRegistered)
            {
                var existing = childsRegistrations
                    .Where(r => r.ActivityId == Activity!.Id && r.PeriodId == Period!.Id && r.Status != RegistrationStatus.Refused)
                    .OrderBy(r => r.Status == RegistrationStatus.Validated ? 0 : 1)
                    .FirstOrDefault();
                AlreadyRegistered = existing is { Status: RegistrationStatus.Validated }
                    ? new(refusal.Message, $"/famille/reservations/{existing.Id:D}", "Mes réservations")
                    : new(refusal.Message, $"/famille/inscriptions?enfant={Child.Id:D}#en-attente", "Mes inscriptions");
            }
            else
            {
                ModelState.AddModelError(FieldOf(refusal), refusal.Message);
            }
        }

        return Page();
    }

    private static string FieldOf(Refusal refusal) => refusal.Field switch
    {
        nameof(Registration.Start) => "Input.Start",
        nameof(Registration.End) => "Input.End",
        nameof(Registration.PeriodId) => "Input.PeriodId",
        nameof(Registration.Pattern) => "Input.Slots",
        _ => string.Empty,
    };
}

/// <summary>What the family chose and typed in "Nouvelle inscription".</summary>
public sealed class RegistrationInput
{
    public Guid? FacilityId { get; set; }

    public Guid? ActivityTypeId { get; set; }

    public Guid? ActivityId { get; set; }

    public Guid? PeriodId { get; set; }

    /// <summary>Date de début, jj/mm/aaaa.</summary>
    public string? Start { get; set; }

    /// <summary>Date de fin, jj/mm/aaaa.</summary>
    public string? End { get; set; }

    /// <summary>The period whose dates pre-filled the two fields: another period pre-fills them again.</summary>
    public Guid? DatesFor { get; set; }

    /// <summary>The ticked boxes of the semaine type, "Wednesday:unit id".</summary>
    public List<string> Slots { get; set; } = [];
}
