using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Registrations;

/// <summary>An activity of the demo offer with the ids the form of "Nouvelle inscription" posts.</summary>
public sealed record OfferChoice(Guid FacilityId, string FacilityName, Guid ActivityTypeId, string TypeName, Activity Activity, Period Period)
{
    public Dictionary<string, string> Form(string start, string end) => new()
    {
        ["Input.FacilityId"] = FacilityId.ToString(),
        ["Input.ActivityTypeId"] = ActivityTypeId.ToString(),
        ["Input.ActivityId"] = Activity.Id.ToString(),
        ["Input.PeriodId"] = Period.Id.ToString(),
        ["Input.Start"] = start,
        ["Input.End"] = end,
    };
}

public static class RegistrationTestData
{
    /// <summary>A child's birth date giving the age asked today, on the portal's clock.</summary>
    public static DateOnly BornYearsAgo(PortalFactory factory, int years) => factory.Clock.Today.AddYears(-years).AddDays(-10);

    /// <summary>The demo activity of that name, with its first period.</summary>
    public static Task<OfferChoice> OfferAsync(PortalFactory factory, string activityName) =>
        factory.WithDbAsync(async db =>
        {
            var activity = await db.Activities.AsNoTracking().SingleAsync(a => a.Name == activityName);
            var type = await db.ActivityTypes.AsNoTracking().SingleAsync(t => t.Id == activity.ActivityTypeId);
            var facility = await db.Facilities.AsNoTracking().SingleAsync(f => f.Id == type.FacilityId);
            var period = await db.Periods.AsNoTracking().Where(p => p.ActivityId == activity.Id).OrderBy(p => p.Start).FirstAsync();
            return new OfferChoice(facility.Id, facility.Name, type.Id, type.Name, activity, period);
        });

    /// <summary>The id of a child of the demo family.</summary>
    public static Task<Guid> DemoChildAsync(PortalFactory factory, string firstName) =>
        factory.WithDbAsync(db => (
            from u in db.Users
            where u.Email == Demo.FamilyEmail
            join c in db.Children on u.FamilyId equals c.FamilyId
            where c.FirstName == firstName
            select c.Id).SingleAsync());

    /// <summary>The only child of a test family.</summary>
    public static Task<Guid> ChildOfAsync(PortalFactory factory, TestAccount account) =>
        factory.WithDbAsync(db => db.Children.Where(c => c.FamilyId == account.FamilyId).Select(c => c.Id).SingleAsync());

    /// <summary>
    /// The first day of the offer's period that the activity runs and that can still be booked
    /// now, on the portal's clock and the commune's calendar: what "Nouvelle inscription"
    /// proposes as date de début.
    /// </summary>
    public static async Task<DateOnly> FirstBookableDayAsync(PortalFactory factory, OfferChoice offer)
    {
        using var scope = factory.Services.CreateScope();
        var commune = scope.ServiceProvider.GetRequiredService<CommuneCalendar>();
        var holidays = await commune.SchoolHolidaysAsync(CancellationToken.None);
        var calendar = await commune.WorkingDaysAsync(CancellationToken.None);
        var now = factory.Clock.Now.DateTime;
        return offer.Period.Dates.Days().First(day =>
            day >= factory.Clock.Today
            && OpeningDays.IsOpen(day, offer.Period.Dates, offer.Activity.Weekdays, offer.Activity.SchoolTimeRule, holidays, calendar)
            && offer.Activity.Deadline.Allows(now, day, calendar));
    }

    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
