using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Registrations;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Features.Reservations;
using PortailFamille.Web.Infrastructure.Time;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Reservations;

/// <summary>A new family's only child registered to a demo activity for its whole period.</summary>
/// <remarks><see cref="ChildName"/> is written as the back office writes it: "Prénom NOM".</remarks>
public sealed record Enrolled(TestAccount Account, Guid FamilyId, Guid ChildId, string ChildName, Guid RegistrationId, Guid ActivityId);

/// <summary>
/// The portal of the reservation tests: the calendar's fake clock (Wednesday 13 January 2027,
/// a school week of the demo year, whatever the real date), which moves a millisecond at each
/// reading so that two requests are never at the same instant: the automatic decision and the
/// agents' lists follow the request order, which equal times would leave to chance.
/// </summary>
public sealed class ReservationFactory : CalendarFactory
{
    public ReservationFactory() => Time.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);
}

/// <summary>
/// Shared set-up of the reservation tests: families, registrations, requests and transfers
/// made through the portal's own services, as the pages would.
/// </summary>
public static class GestionTestData
{
    public const string Canteen = "Restaurant scolaire";
    public const string Wednesday = "ALSH mercredi";

    /// <summary>A name no other test uses, letters only, as names must be.</summary>
    public static string UniqueName(string prefix) =>
        prefix + string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    /// <summary>
    /// A new family with one child of 6 registered to <paramref name="activityName"/> for its
    /// whole first period; validated unless said otherwise, with a semaine type of every unit
    /// on every weekday of the activity when <paramref name="withPattern"/>.
    /// </summary>
    public static async Task<Enrolled> EnrolAsync(PortalFactory factory, string activityName, bool validated = true, bool withPattern = false)
    {
        var lastName = UniqueName("Fam");
        var firstName = UniqueName("Enfant");
        var clock = Clock(factory);
        var today = clock.Today;
        var account = await TestData.CreateFamilyAsync(factory, lastName, (firstName, today.AddYears(-6).AddDays(-20)));
        var familyId = account.FamilyId!.Value;
        return await factory.WithDbAsync(async db =>
        {
            var child = await db.Children.SingleAsync(c => c.FamilyId == familyId);
            var activity = await db.Activities.AsNoTracking().SingleAsync(a => a.Name == activityName);
            var period = await db.Periods.AsNoTracking().Where(p => p.ActivityId == activity.Id).OrderBy(p => p.Start).FirstAsync();
            var pattern = withPattern
                ? Check(WeeklyPattern.Create(activity.Weekdays.SelectMany(d => activity.Units.Select(u => (d, u.Id))), activity))
                : WeeklyPattern.Empty;
            var registration = Check(Registration.Request(familyId, child.Id, child.FirstName, child.BirthDate, activity, period, period.Start, period.End, pattern, [], today, clock.UtcNow));
            if (validated)
            {
                Check(registration.Validate(clock.UtcNow));
            }

            db.Registrations.Add(registration);
            await db.SaveChangesAsync();
            return new Enrolled(account, familyId, child.Id, $"{child.FirstName} {child.LastName.ToUpperInvariant()}", registration.Id, activity.Id);
        });
    }

    /// <summary>The unit of a demo activity of that name (its first unit when no name is given).</summary>
    public static Task<Guid> UnitAsync(PortalFactory factory, string activityName, string? unitName = null) =>
        factory.WithDbAsync(async db =>
        {
            var activity = await db.Activities.AsNoTracking().SingleAsync(a => a.Name == activityName);
            return activity.Units.OrderBy(u => u.DisplayOrder).First(u => unitName is null || u.Name == unitName).Id;
        });

    /// <summary>
    /// The open days of a registration, far enough for any deadline (<paramref name="afterDays"/>
    /// days from the portal's today at least), skipping <paramref name="skip"/> of them so that
    /// the tests of a class each have days of their own.
    /// </summary>
    public static async Task<IReadOnlyList<DateOnly>> OpenDaysAsync(PortalFactory factory, Guid registrationId, int count, int skip = 0, int afterDays = 14)
    {
        using var scope = factory.Services.CreateScope();
        var context = await ContextAsync(scope.ServiceProvider, registrationId);
        var today = Clock(factory).Today;
        var days = context.OpenDays(new DateRange(today.AddDays(afterDays), context.Registration.End)).Skip(skip).Take(count).ToList();
        Assert.Equal(count, days.Count);
        return days;
    }

    /// <summary>The open days of a registration between two dates, both included, whatever today is.</summary>
    public static async Task<IReadOnlyList<DateOnly>> OpenDaysBetweenAsync(PortalFactory factory, Guid registrationId, DateOnly from, DateOnly to)
    {
        using var scope = factory.Services.CreateScope();
        var context = await ContextAsync(scope.ServiceProvider, registrationId);
        return [.. context.OpenDays(new DateRange(from, to))];
    }

    /// <summary>The family asks for each day given, one save per day, so that the request order is the order given.</summary>
    public static async Task RequestAsync(PortalFactory factory, Enrolled enrolment, Guid unitId, params DateOnly[] days)
    {
        foreach (var day in days)
        {
            using var scope = factory.Services.CreateScope();
            var context = await ContextAsync(scope.ServiceProvider, enrolment.RegistrationId);
            var result = await scope.ServiceProvider.GetRequiredService<FamilyBooking>()
                .RequestAllAsync(context, [(day, unitId)], enrolment.Account.Email, CancellationToken.None);
            Assert.Empty(result.Refused);
            Assert.Equal(1, result.Requested);
        }
    }

    /// <summary>The family asks to cancel a confirmed day.</summary>
    public static async Task RequestCancellationAsync(PortalFactory factory, Enrolled enrolment, Guid unitId, DateOnly day)
    {
        using var scope = factory.Services.CreateScope();
        var context = await ContextAsync(scope.ServiceProvider, enrolment.RegistrationId);
        var result = await scope.ServiceProvider.GetRequiredService<FamilyBooking>()
            .ApplyClicksAsync(context, [new CellChoice(day, unitId, ReservationState.Confirmed)], enrolment.Account.Email, CancellationToken.None);
        Assert.Empty(result.Refused);
        Assert.Equal(1, result.CancellationsRequested);
    }

    /// <summary>An agent books a day directly.</summary>
    public static async Task BookDirectlyAsync(PortalFactory factory, Enrolled enrolment, Guid unitId, DateOnly day, string agent = Demo.AgentEmail)
    {
        using var scope = factory.Services.CreateScope();
        var context = await ContextAsync(scope.ServiceProvider, enrolment.RegistrationId);
        var outcome = await scope.ServiceProvider.GetRequiredService<ServiceDecisions>().BookDirectlyAsync(context, day, unitId, agent, CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Refusals.Select(r => r.Message)));
    }

    /// <summary>Runs the transfer by hand, as the page does.</summary>
    public static async Task<TransferRun> TransferAsync(PortalFactory factory, string by = "test")
    {
        using var scope = factory.Services.CreateScope();
        var run = await scope.ServiceProvider.GetRequiredService<NightlyTransfer>().RunAsync(by, null, CancellationToken.None);
        return run ?? throw new InvalidOperationException("A run by hand always runs.");
    }

    /// <summary>Changes a unit's places on one day, as an agent does in the catalogue.</summary>
    public static Task SetCapacityAsync(PortalFactory factory, Guid activityId, Guid unitId, DateOnly day, int capacity) =>
        factory.WithDbAsync(async db =>
        {
            var activity = await db.Activities.SingleAsync(a => a.Id == activityId);
            Check(activity.SetCapacityOn(unitId, day, capacity));
            return await db.SaveChangesAsync();
        });

    /// <summary>A child's cell with its history, or null when nothing was ever asked.</summary>
    public static Task<Reservation?> CellAsync(PortalFactory factory, Enrolled enrolment, Guid unitId, DateOnly day) =>
        factory.WithDbAsync(db => db.Reservations.AsNoTracking().Include(r => r.History)
            .SingleOrDefaultAsync(r => r.ChildId == enrolment.ChildId && r.UnitId == unitId && r.Date == day));

    public static async Task<ReservationState> StateAsync(PortalFactory factory, Enrolled enrolment, Guid unitId, DateOnly day) =>
        (await CellAsync(factory, enrolment, unitId, day))?.State ?? ReservationState.Free;

    /// <summary>The ledger's places taken on a unit's day.</summary>
    public static Task<int> TakenAsync(PortalFactory factory, Guid activityId, Guid unitId, DateOnly day) =>
        factory.WithDbAsync(db => db.Set<UnitDayPlaces>().AsNoTracking()
            .Where(p => p.ActivityId == activityId && p.UnitId == unitId && p.Date == day)
            .Select(p => p.Taken)
            .SingleOrDefaultAsync());

    /// <summary>The reservations really holding a place on a unit's day, counted from their states.</summary>
    public static async Task<int> HoldingAsync(PortalFactory factory, Guid activityId, Guid unitId, DateOnly day)
    {
        var states = await factory.WithDbAsync(db => db.Reservations.AsNoTracking()
            .Where(r => r.ActivityId == activityId && r.UnitId == unitId && r.Date == day)
            .Select(r => r.State)
            .ToListAsync());
        return states.Count(ReservationStates.HoldsPlace);
    }

    public static async Task<PortalClient> AgentAsync(PortalFactory factory)
    {
        var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);
        return agent;
    }

    /// <summary>Ticks the checkboxes of the given reservations on a page, as an agent does before a bulk button.</summary>
    public static void Tick(HtmlPage page, params Guid[] reservationIds)
    {
        foreach (var id in reservationIds)
        {
            var box = page.Document.QuerySelectorAll("input[type=checkbox]").OfType<IHtmlInputElement>().Single(b => b.Value == id.ToString());
            box.IsChecked = true;
        }
    }

    /// <summary>The portal's own clock: its today is the one its rules use, in Paris.</summary>
    public static ParisClock Clock(PortalFactory factory) => factory.Services.GetRequiredService<ParisClock>();

    /// <summary>"09/12/2026".</summary>
    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Text with the non-breaking spaces of French typography made plain.</summary>
    public static string Plain(string text) => text.Replace('\u00a0', ' ').Replace('\u202f', ' ');

    private static async Task<BookingContext> ContextAsync(IServiceProvider services, Guid registrationId) =>
        await BookingContext.LoadAsync(
            services.GetRequiredService<AppDbContext>(),
            services.GetRequiredService<CommuneCalendar>(),
            registrationId,
            familyId: null,
            CancellationToken.None)
        ?? throw new InvalidOperationException("The registration is not validated.");

    private static T Check<T>(PortailFamille.Domain.Common.Outcome<T> outcome) =>
        outcome.Succeeded ? outcome.Value : throw new InvalidOperationException(string.Join(" ", outcome.Refusals.Select(r => r.Message)));
}
