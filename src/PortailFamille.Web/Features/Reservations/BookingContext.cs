using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Registrations;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Catalogue;

namespace PortailFamille.Web.Features.Reservations;

/// <summary>
/// What every move on a registration's calendar needs: the validated registration, its
/// activity (units, weekdays, deadline, capacity) and the commune's calendar.
/// </summary>
public sealed class BookingContext
{
    private readonly IReadOnlySet<DayOfWeek> _weekdays;

    private BookingContext(Registration registration, Activity activity, WorkingDayCalendar calendar, SchoolHolidays holidays)
    {
        Registration = registration;
        Activity = activity;
        Calendar = calendar;
        Holidays = holidays;
        _weekdays = activity.Weekdays;
        Units = activity.Units.OrderBy(u => u.DisplayOrder).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();
    }

    public Registration Registration { get; }

    public Activity Activity { get; }

    public WorkingDayCalendar Calendar { get; }

    public SchoolHolidays Holidays { get; }

    /// <summary>The activity's units in display order (the rows of the grid).</summary>
    public IReadOnlyList<ActivityUnit> Units { get; }

    /// <summary>True on the days the activity runs inside the registration's dates (docs/product.md 4.5).</summary>
    public bool Runs(DateOnly day) =>
        OpeningDays.IsOpen(day, Registration.Dates, _weekdays, Activity.SchoolTimeRule, Holidays, Calendar);

    /// <summary>The days the activity runs inside <paramref name="range"/> and the registration's dates.</summary>
    public IEnumerable<DateOnly> OpenDays(DateRange range)
    {
        var start = range.Start > Registration.Start ? range.Start : Registration.Start;
        var end = range.End < Registration.End ? range.End : Registration.End;
        return start > end ? [] : new DateRange(start, end).Days().Where(Runs);
    }

    /// <summary>
    /// The open days of <paramref name="range"/> still within the deadline at
    /// <paramref name="parisNow"/>: what a bulk request (semaine type, a whole row) asks for.
    /// The days already past it are left out rather than listed as refused: the family did not
    /// pick them one by one.
    /// </summary>
    public IEnumerable<DateOnly> ChangeableDays(DateRange range, DateTime parisNow) =>
        OpenDays(range).Where(day => Activity.Deadline.Allows(parisNow, day, Calendar));

    public ActivityUnit? Unit(Guid unitId) => Units.FirstOrDefault(u => u.Id == unitId);

    /// <summary>
    /// Loads a validated registration with its activity and the calendar, or null when it does
    /// not exist, is not validated, or (when <paramref name="familyId"/> is given) belongs to
    /// another family: a family never learns that another family's registration exists.
    /// </summary>
    public static async Task<BookingContext?> LoadAsync(
        AppDbContext db,
        CommuneCalendar commune,
        Guid registrationId,
        Guid? familyId,
        CancellationToken cancellationToken)
    {
        var registration = await db.Registrations.AsNoTracking()
            .FirstOrDefaultAsync(
                r => r.Id == registrationId && r.Status == RegistrationStatus.Validated && (familyId == null || r.FamilyId == familyId),
                cancellationToken);
        if (registration is null)
        {
            return null;
        }

        var activity = await db.Activities.AsNoTracking().FirstAsync(a => a.Id == registration.ActivityId, cancellationToken);
        var calendar = await commune.WorkingDaysAsync(cancellationToken);
        var holidays = await commune.SchoolHolidaysAsync(cancellationToken);
        return new BookingContext(registration, activity, calendar, holidays);
    }

    /// <summary>The deadline of 4.1 for a family's move on <paramref name="day"/> at <paramref name="parisNow"/>.</summary>
    public UnavailableReason? WhyUnavailable(DateOnly day, DateTime parisNow) =>
        ReservationGrid.WhyUnavailable(day, Registration.Dates, Runs, Activity.Deadline, Calendar, parisNow);
}
