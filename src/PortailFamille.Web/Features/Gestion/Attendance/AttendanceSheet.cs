using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Registrations;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Gestion.Attendance;

/// <summary>A unit's day of an activity: what one attendance sheet is about.</summary>
public sealed record SheetDay(Activity Activity, ActivityUnit Unit, DateOnly Date)
{
    /// <summary>"Cantine / Repas".</summary>
    public string Label => $"{Activity.Name} / {Unit.Name}";

    /// <summary>The sheet's stable address, "/gestion/pointage/feuille?activite=…&amp;unite=…&amp;jour=2026-11-03".</summary>
    public string Url => AttendanceSheet.UrlOf(Activity.Id, Unit.Id, Date);

    /// <summary>The sheet's PDF, "/gestion/pointage/feuille/pdf?activite=…&amp;unite=…&amp;jour=2026-11-03".</summary>
    public string PdfUrl => AttendanceSheet.PdfUrlOf(Activity.Id, Unit.Id, Date);

    /// <summary>
    /// The activity and unit of an address, when the unit is one of the activity's; null for
    /// anything else, which the sheet answers with "not found" rather than an error.
    /// </summary>
    public static async Task<SheetDay?> FindAsync(AppDbContext db, Guid activityId, Guid unitId, DateOnly date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        var unit = activity?.Units.FirstOrDefault(u => u.Id == unitId);
        return activity is null || unit is null ? null : new SheetDay(activity, unit, date);
    }
}

/// <summary>A child on an attendance sheet, with what the staff must know to look after them.</summary>
public sealed record SheetChild(
    Guid ChildId,
    Guid FamilyId,
    string FirstName,
    string LastName,
    int Age,
    string? School,
    string? ClassName,
    Diet Diet,
    string? HealthNote,
    IReadOnlyList<AuthorisedPerson> AuthorisedPersons,
    AttendanceMark? Mark,
    string? Reason,
    string? MarkedBy,
    DateTimeOffset? MarkedAt,
    bool Invoiced)
{
    /// <summary>"Léa MARTIN", as the back office writes a child's name.</summary>
    public string Name => AttendanceSheet.NameOf(FirstName, LastName);
}

/// <summary>A child the agent may add as present without a booking.</summary>
public sealed record SheetCandidate(Guid ChildId, string Name, string Detail);

/// <summary>
/// The attendance sheet of a unit's day (docs/product.md 4.6): the children expected (a
/// reservation holding a place), sorted by name, with their marks, and the children marked
/// present without a booking. Read in four queries whatever the number of children.
/// </summary>
public sealed record AttendanceSheet(SheetDay Day, IReadOnlyList<SheetChild> Expected, IReadOnlyList<SheetChild> Unexpected)
{
    public const string Address = "/gestion/pointage/feuille";

    /// <summary>The sheet as a PDF, with the same query as the sheet.</summary>
    public const string PdfAddress = Address + "/pdf";

    /// <summary>The states of a reservation that hold a place, as a list a query can use.</summary>
    public static readonly IReadOnlyList<ReservationState> HoldingStates =
        [.. Enum.GetValues<ReservationState>().Where(ReservationStates.HoldsPlace)];

    /// <summary>Names sorted the French way: accents and case do not change the order.</summary>
    public static readonly StringComparer NameOrder = StringComparer.Create(ParisClock.French, ignoreCase: true);

    public static string NameOf(string firstName, string lastName) => $"{firstName} {lastName.ToUpperInvariant()}";

    public static string UrlOf(Guid activityId, Guid unitId, DateOnly date) =>
        $"{Address}?activite={activityId}&unite={unitId}&jour={date:yyyy-MM-dd}";

    public static string PdfUrlOf(Guid activityId, Guid unitId, DateOnly date) =>
        $"{PdfAddress}?activite={activityId}&unite={unitId}&jour={date:yyyy-MM-dd}";

    public bool AllInvoiced => Expected.Count + Unexpected.Count > 0 && Expected.Concat(Unexpected).All(c => c.Invoiced);

    public int Unmarked => Expected.Count(c => c.Mark is null);

    public static async Task<AttendanceSheet> LoadAsync(AppDbContext db, SheetDay day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(day);
        var (activityId, unitId, date) = (day.Activity.Id, day.Unit.Id, day.Date);
        var holding = HoldingStates.ToList();
        var reservations = await db.Reservations.AsNoTracking()
            .Where(r => r.ActivityId == activityId && r.UnitId == unitId && r.Date == date && holding.Contains(r.State))
            .Select(r => r.ChildId)
            .ToListAsync(cancellationToken);
        var entries = await db.Attendance.AsNoTracking()
            .Where(e => e.UnitId == unitId && e.Date == date)
            .ToDictionaryAsync(e => e.ChildId, cancellationToken);
        var expectedIds = reservations.ToHashSet();
        var childIds = expectedIds.Union(entries.Keys).ToList();
        var billed = (await db.BilledDays.AsNoTracking().Where(b => childIds.Contains(b.ChildId) && b.UnitId == unitId && b.Date == date).Select(b => b.ChildId).ToListAsync(cancellationToken)).ToHashSet();
        var children = await db.Children.AsNoTracking().Where(c => childIds.Contains(c.Id)).ToListAsync(cancellationToken);

        SheetChild Line(Child child)
        {
            var entry = entries.GetValueOrDefault(child.Id);
            return new SheetChild(
                child.Id,
                child.FamilyId,
                child.FirstName,
                child.LastName,
                child.AgeOn(date),
                child.School,
                child.ClassName,
                child.Diet,
                child.HealthNote,
                child.AuthorisedPersons,
                entry?.Mark,
                entry?.Reason,
                entry?.MarkedBy,
                entry?.MarkedAt,
                billed.Contains(child.Id));
        }

        var sorted = children.OrderBy(c => c.LastName, NameOrder).ThenBy(c => c.FirstName, NameOrder).ThenBy(c => c.Id).ToList();
        return new AttendanceSheet(
            day,
            [.. sorted.Where(c => expectedIds.Contains(c.Id)).Select(Line)],
            [.. sorted.Where(c => !expectedIds.Contains(c.Id)).Select(Line)]);
    }

    /// <summary>
    /// The children of a validated registration to the activity that covers the day, not yet on
    /// the sheet: those an agent most likely adds as present without a booking.
    /// </summary>
    public async Task<IReadOnlyList<SheetCandidate>> RegisteredOthersAsync(AppDbContext db, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (activityId, date) = (Day.Activity.Id, Day.Date);
        var onSheet = Expected.Concat(Unexpected).Select(c => c.ChildId).ToList();
        var children = await (
                from r in db.Registrations
                where r.ActivityId == activityId && r.Status == RegistrationStatus.Validated && r.Start <= date && date <= r.End
                    && !onSheet.Contains(r.ChildId)
                join c in db.Children on r.ChildId equals c.Id
                select new { c.Id, c.FirstName, c.LastName, c.ClassName })
            .AsNoTracking()
            .Distinct()
            .Take(max)
            .ToListAsync(cancellationToken);
        return
        [
            .. children.OrderBy(c => c.LastName, NameOrder).ThenBy(c => c.FirstName, NameOrder)
                .Select(c => new SheetCandidate(c.Id, NameOf(c.FirstName, c.LastName), c.ClassName ?? "")),
        ];
    }
}

/// <summary>One child's line of the sheet, as the partial _AttendanceChild draws it.</summary>
/// <param name="Child">The child and its mark.</param>
/// <param name="Hidden">The fields that name the sheet in each form.</param>
/// <param name="Locked">True for a day to come: the line is shown without its buttons.</param>
/// <param name="Expected">True for a child holding a place; false for a présence non prévue.</param>
/// <param name="ReasonError">The error of the child's reason, if the last post was refused.</param>
public sealed record AttendanceChildView(SheetChild Child, IReadOnlyDictionary<string, string> Hidden, bool Locked, bool Expected, string? ReasonError);
