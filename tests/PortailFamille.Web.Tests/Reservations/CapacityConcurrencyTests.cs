using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Registrations;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Features.Reservations;
using PortailFamille.Web.Infrastructure.Time;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Reservations;

/// <summary>
/// docs/product.md 4.3: confirmed reservations never exceed a unit's capacity, whatever the number of
/// simultaneous decisions, each through its own scope and DbContext as two hundred web requests
/// would. Runs on SQLite and, with PORTAIL_TEST_DB=Postgres, on PostgreSQL.
/// </summary>
public sealed class CapacityConcurrencyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int Children = 200;
    private const int Capacity = 10;
    private const string Agent = "agent.capacite@test.example";

    [Fact]
    public async Task TwoHundredSimultaneousConfirmations_OnTenPlaces_ConfirmExactlyTen_AndWaitlistTheOthers()
    {
        var scenario = await ArrangeAsync("Capacité confirmations", ReservationState.RequestSent);

        var results = await AllAtOnceAsync(scenario.Registrations, async (services, registration) =>
        {
            var id = scenario.ReservationOf[registration.Id];
            return await services.GetRequiredService<ServiceDecisions>().DecideAsync(id, ReservationAction.Confirm, Agent, CancellationToken.None);
        });

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join(" ", r.Refusals.Select(x => x.Message))));
        Assert.Equal(Capacity, results.Count(r => r.Value == DecisionResult.Done));
        Assert.Equal(Children - Capacity, results.Count(r => r.Value == DecisionResult.WaitlistedFull));

        var cells = await CellsAsync(scenario);
        Assert.Equal(Children, cells.Count);
        Assert.Equal(Capacity, cells.Count(c => c.State == ReservationState.Confirmed));
        Assert.Equal(Children - Capacity, cells.Count(c => c.State == ReservationState.Waitlisted));
        Assert.DoesNotContain(cells, c => c.State == ReservationState.RequestSent);
        Assert.Equal(Capacity, await TakenAsync(scenario));
        Assert.All(cells, cell =>
        {
            var lines = cell.History.OrderBy(h => h.At).ToList();
            Assert.Equal(3, lines.Count);
            Assert.Equal((ReservationState.Free, ReservationState.Requested, ReservationAction.Request, Reservation.PortalOrigin), Line(lines[0]));
            Assert.Equal((ReservationState.Requested, ReservationState.RequestSent, ReservationAction.Send, Reservation.TransferOrigin), Line(lines[1]));
            // The one decision: what was asked when a place was left, the waiting list when not.
            var decision = cell.State == ReservationState.Confirmed ? ReservationAction.Confirm : ReservationAction.Waitlist;
            Assert.Equal((ReservationState.RequestSent, cell.State, decision, Reservation.BackOfficeOrigin), Line(lines[2]));
            Assert.Equal(Agent, lines[2].By);
        });
    }

    [Fact]
    public async Task TwoHundredSimultaneousConfirmationsOverHttp_OnTenPlaces_ConfirmExactlyTen_AndWaitlistTheOthers_WithoutAnError()
    {
        var scenario = await ArrangeAsync("Capacité par le web", ReservationState.RequestSent);
        using var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);
        var day = $"/gestion/reservations?activite={scenario.ActivityId}&date={ParisClock.FormatDate(scenario.Date)}";
        var queue = await agent.GetAsync(day);
        Assert.Equal(System.Net.HttpStatusCode.OK, queue.Status);
        var token = queue.Document.QuerySelector("main form input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token));

        // Two hundred agents' "Valider" clicks in flight at once, one per sent request.
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posts = scenario.Registrations.Select(registration => Task.Run(async () =>
        {
            await go.Task;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token!,
                ["ligne"] = $"Confirm:{scenario.ReservationOf[registration.Id]}",
            });
            using var response = await agent.Http.PostAsync("/gestion/reservations?handler=Decide", form);
            return response.StatusCode;
        })).ToList();
        go.SetResult();
        var statuses = await Task.WhenAll(posts).WaitAsync(TimeSpan.FromSeconds(90));

        // Each decision answers as a normal one does: back to the day's queue, never an error page.
        Assert.All(statuses, status => Assert.Equal(System.Net.HttpStatusCode.Redirect, status));
        var cells = await CellsAsync(scenario);
        Assert.Equal(Children, cells.Count);
        Assert.Equal(Capacity, cells.Count(c => c.State == ReservationState.Confirmed));
        Assert.Equal(Children - Capacity, cells.Count(c => c.State == ReservationState.Waitlisted));
        Assert.Equal(Capacity, await TakenAsync(scenario));
        Assert.All(cells, cell => Assert.Equal(3, cell.History.Count));
    }

    [Fact]
    public async Task TwoHundredSimultaneousDirectBookings_OnTenPlaces_BookExactlyTen_AndRefuseTheOthersAsComplet()
    {
        var scenario = await ArrangeAsync("Capacité réservation directe", state: null);

        var results = await AllAtOnceAsync(scenario.Registrations, async (services, registration) =>
        {
            var context = await LoadContextAsync(services, registration.Id);
            return await services.GetRequiredService<ServiceDecisions>().BookDirectlyAsync(context, scenario.Date, scenario.UnitId, Agent, CancellationToken.None);
        });

        var complet = $"Complet : les {Capacity} places de « {scenario.UnitName} » du {ParisClock.FormatDate(scenario.Date)} sont prises.";
        Assert.Equal(Capacity, results.Count(r => r.Succeeded));
        var refused = results.Where(r => !r.Succeeded).ToList();
        Assert.Equal(Children - Capacity, refused.Count);
        Assert.All(refused, r => Assert.Equal(complet, Assert.Single(r.Refusals).Message));

        // A refused booking leaves no cell behind; the booked ones are confirmed with one line each.
        var cells = await CellsAsync(scenario);
        Assert.Equal(Capacity, cells.Count);
        Assert.All(cells, cell =>
        {
            Assert.Equal(ReservationState.Confirmed, cell.State);
            var line = Assert.Single(cell.History);
            Assert.Equal((ReservationState.Free, ReservationState.Confirmed, ReservationAction.BookDirectly, Reservation.BackOfficeOrigin), Line(line));
        });
        Assert.Equal(
            results.Where(r => r.Succeeded).Select(r => r.Value.Id).Order(),
            cells.Select(c => c.Id).Order());
        Assert.Equal(Capacity, await TakenAsync(scenario));
    }

    [Fact]
    public async Task TransferDuringFamiliesWithdrawals_LeavesEachCellWithdrawnWithoutTransferLine_OrSentWithExactlyOne()
    {
        var scenario = await ArrangeAsync("Capacité transfert", ReservationState.Requested);
        var otherRequests = await factory.WithDbAsync(db =>
            db.Reservations.CountAsync(r => r.State == ReservationState.Requested && r.ActivityId != scenario.ActivityId));

        // The transfer is one more contender behind the same barrier, in the middle of the list.
        var contenders = scenario.Registrations.Cast<Registration?>().ToList();
        contenders.Insert(Children / 2, null);
        var outcomes = await AllAtOnceAsync(contenders, async (services, registration) =>
        {
            if (registration is null)
            {
                var run = await services.GetRequiredService<NightlyTransfer>().RunAsync("test", night: null, CancellationToken.None);
                return new Contended(null, Withdrawn: false, run);
            }

            var context = await LoadContextAsync(services, registration.Id);
            // A conflict (the transfer sent the cell between the family's read and its save)
            // saves nothing and withdraws nothing.
            var result = await services.GetRequiredService<FamilyBooking>().ApplyClicksAsync(
                context, [new CellChoice(scenario.Date, scenario.UnitId, ReservationState.Requested)], "famille", CancellationToken.None);
            return new Contended(registration.Id, Withdrawn: result.Conflict is null && result.Withdrawn == 1, Run: null);
        });

        var withdrawn = outcomes.Where(o => o.Withdrawn).Select(o => o.Registration!.Value).ToHashSet();
        var cells = await CellsAsync(scenario);
        Assert.Equal(Children, cells.Count);
        Assert.All(cells, cell =>
        {
            var transferLines = cell.History.Count(h => h.Origin == Reservation.TransferOrigin);
            if (cell.State == ReservationState.Free)
            {
                Assert.Contains(cell.RegistrationId, withdrawn);
                Assert.Equal(0, transferLines);
                Assert.Equal(
                    [ReservationAction.Request, ReservationAction.WithdrawRequest],
                    cell.History.OrderBy(h => h.At).Select(h => h.Action));
            }
            else
            {
                Assert.Equal(ReservationState.RequestSent, cell.State);
                Assert.DoesNotContain(cell.RegistrationId, withdrawn);
                var line = Assert.Single(cell.History, h => h.Origin == Reservation.TransferOrigin);
                Assert.Equal((ReservationState.Requested, ReservationState.RequestSent, ReservationAction.Send, Reservation.TransferOrigin), Line(line));
                Assert.Equal(2, cell.History.Count);
            }
        });

        var run = Assert.Single(outcomes, o => o.Run is not null).Run!;
        Assert.Equal(cells.Count(c => c.State == ReservationState.RequestSent) + otherRequests, run.RequestsSent);
    }

    private static (ReservationState From, ReservationState To, ReservationAction Action, string Origin) Line(ReservationChange change) =>
        (change.From, change.To, change.Action, change.Origin);

    /// <summary>
    /// Runs one call per item, each in its own DI scope (its own DbContext and connection), all
    /// released together once every scope is ready, and returns every result; an exception
    /// surfaces as the test's failure.
    /// </summary>
    private async Task<TResult[]> AllAtOnceAsync<TItem, TResult>(IReadOnlyList<TItem> items, Func<IServiceProvider, TItem, Task<TResult>> call)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ready = 0;
        var allReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = items.Select(item => Task.Run(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            if (Interlocked.Increment(ref ready) == items.Count)
            {
                allReady.SetResult();
            }

            await go.Task;
            return await call(scope.ServiceProvider, item);
        })).ToList();

        await allReady.Task.WaitAsync(TimeSpan.FromSeconds(30));
        go.SetResult();
        return await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static async Task<BookingContext> LoadContextAsync(IServiceProvider services, Guid registrationId) =>
        await BookingContext.LoadAsync(
            services.GetRequiredService<AppDbContext>(),
            services.GetRequiredService<CommuneCalendar>(),
            registrationId,
            familyId: null,
            CancellationToken.None)
        ?? throw new InvalidOperationException("The registration is not validated.");

    private Task<List<Reservation>> CellsAsync(Scenario scenario) =>
        factory.WithDbAsync(db => db.Reservations.AsNoTracking().Include(r => r.History)
            .Where(r => r.ActivityId == scenario.ActivityId)
            .ToListAsync());

    private Task<int> TakenAsync(Scenario scenario) =>
        factory.WithDbAsync(db => db.Set<UnitDayPlaces>().AsNoTracking()
            .Where(p => p.ActivityId == scenario.ActivityId && p.UnitId == scenario.UnitId && p.Date == scenario.Date)
            .Select(p => p.Taken)
            .SingleAsync());

    /// <summary>What one contender of the transfer test did: a family's withdrawal, or the transfer's run.</summary>
    private sealed record Contended(Guid? Registration, bool Withdrawn, TransferRun? Run);

    private sealed record Scenario(
        Guid ActivityId,
        Guid UnitId,
        string UnitName,
        DateOnly Date,
        IReadOnlyList<Registration> Registrations,
        IReadOnlyDictionary<Guid, Guid> ReservationOf);

    /// <summary>
    /// An activity of its own in manual mode, one unit of 10 places, 200 children in 20
    /// families each with a validated registration, and, when <paramref name="state"/> is
    /// given, each child's cell on one open day brought there through the domain's moves.
    /// </summary>
    private async Task<Scenario> ArrangeAsync(string activityName, ReservationState? state)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<ParisClock>();
        var commune = scope.ServiceProvider.GetRequiredService<CommuneCalendar>();
        var now = clock.UtcNow;
        var today = clock.Today;

        var type = await db.ActivityTypes.AsNoTracking().FirstAsync();
        var activity = Check(Activity.Create(
            type.Id,
            activityName,
            Enum.GetValues<DayOfWeek>(),
            SchoolTimeRule.Always,
            [new UnitDefinition("Journée", new TimeOnly(8, 30), new TimeOnly(17, 30), IsMeal: false, Capacity: 40)]));
        Assert.Equal(ValidationMode.Manual, activity.ValidationMode);
        var unit = activity.Units[0];
        Check(activity.SetUnitCapacity(unit.Id, Capacity));
        var period = Check(Period.Create(activity.Id, $"{activityName} période", today, today.AddDays(120), today.AddDays(-30), today.AddDays(120)));
        db.Activities.Add(activity);
        db.Periods.Add(period);

        // Far enough for the deadline, on a day the activity runs (no public holiday, no closure).
        var calendar = await commune.WorkingDaysAsync(CancellationToken.None);
        var holidays = await commune.SchoolHolidaysAsync(CancellationToken.None);
        var date = period.Dates.Days().First(d => d >= today.AddDays(21) && calendar.IsWorkingDay(d)
            && OpeningDays.IsOpen(d, period.Dates, activity.Weekdays, activity.SchoolTimeRule, holidays, calendar));

        var registrations = new List<Registration>();
        var reservationOf = new Dictionary<Guid, Guid>();
        var parisNow = clock.Now.DateTime;
        for (var f = 0; f < Children / 10; f++)
        {
            var lastName = "Famille-" + Letters(f);
            var family = Check(Family.CreateKnown("Alice", lastName, TestData.UniqueEmail(), now));
            db.Families.Add(family);
            for (var c = 0; c < 10; c++)
            {
                var child = Check(family.AddChild("Enfant-" + Letters((f * 10) + c), lastName, today.AddYears(-8), Sex.Female, today));
                var registration = Check(Registration.Request(
                    family.Id, child.Id, child.FirstName, child.BirthDate, activity, period, period.Start, period.End,
                    WeeklyPattern.Empty, [], today, now));
                Check(registration.Validate(now));
                db.Registrations.Add(registration);
                registrations.Add(registration);
                if (state is null)
                {
                    continue;
                }

                var cell = Reservation.Start(registration.Id, child.Id, family.Id, activity.Id, unit.Id, date);
                // Distinct request times, so that the request order is well defined.
                var requestedAt = now.AddHours(-2).AddSeconds(registrations.Count);
                Check(cell.Apply(ReservationAction.Request, parisNow, requestedAt, activity.Deadline, calendar, family.Id.ToString(), Reservation.PortalOrigin));
                if (state == ReservationState.RequestSent)
                {
                    Check(cell.Apply(ReservationAction.Send, parisNow, now.AddHours(-1), activity.Deadline, calendar, "transfert", Reservation.TransferOrigin));
                }

                Assert.Equal(state, cell.State);
                db.Reservations.Add(cell);
                reservationOf[registration.Id] = cell.Id;
            }
        }

        await db.SaveChangesAsync();
        return new Scenario(activity.Id, unit.Id, unit.Name, date, registrations, reservationOf);
    }

    // "Ba", "Bb"…: names of letters only, as the child form accepts.
    private static string Letters(int n) => $"{(char)('A' + (n / 26 % 26))}{(char)('a' + (n % 26))}";

    private static T Check<T>(PortailFamille.Domain.Common.Outcome<T> outcome) =>
        outcome.Succeeded ? outcome.Value : throw new InvalidOperationException(string.Join(" ", outcome.Refusals.Select(r => r.Message)));
}
