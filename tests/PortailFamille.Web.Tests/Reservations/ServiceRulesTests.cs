using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
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
/// The service's rules around the waiting list and the nightly transfer (docs/product.md 4.2), on an
/// activity of the test's own, in automatic mode, running every day, on a clock that moves a
/// millisecond at each reading so that request times are all different.
/// </summary>
public sealed class ServiceRulesTests(ServiceRulesTests.Factory factory) : IClassFixture<ServiceRulesTests.Factory>
{
    public sealed class Factory : PortalFactory
    {
        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2027, 1, 13, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

        protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Time);
    }

    private const string Agent = "agent.regles@test.example";

    [Fact]
    public async Task In_automatic_mode_a_cancellation_an_agent_accepts_gives_the_place_to_the_first_waitlisted_at_once()
    {
        var (activity, unit, date, children) = await ArrangeAsync("Règles promotion", capacity: 1, families: 3);
        var holder = await CellAsync(children[0], activity, unit, date, ReservationAction.BookDirectly, ReservationAction.RequestCancellation, ReservationAction.Send);
        var first = await CellAsync(children[1], activity, unit, date, ReservationAction.Request, ReservationAction.Send, ReservationAction.Waitlist);
        var second = await CellAsync(children[2], activity, unit, date, ReservationAction.Request, ReservationAction.Send, ReservationAction.Waitlist);
        await SetTakenAsync(activity, unit, date, 1);

        using (var scope = factory.Services.CreateScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<ServiceDecisions>()
                .DecideAsync(holder, ReservationAction.AcceptCancellation, Agent, CancellationToken.None);
            Assert.True(outcome.Succeeded);
        }

        var states = await StatesAsync(activity);
        Assert.Equal(ReservationState.Free, states[holder]);
        Assert.Equal(ReservationState.Confirmed, states[first]);
        Assert.Equal(ReservationState.Waitlisted, states[second]);
        Assert.Equal(1, await TakenAsync(activity, unit, date));
        var promotion = await factory.WithDbAsync(db => db.Reservations.AsNoTracking().Include(r => r.History).SingleAsync(r => r.Id == first));
        Assert.Equal((ReservationAction.Promote, Agent), (promotion.History[^1].Action, promotion.History[^1].By));
    }

    [Fact]
    public async Task The_transfer_refuses_the_requests_of_a_day_closed_since_they_were_made_and_of_a_day_already_past()
    {
        var (activity, unit, date, children) = await ArrangeAsync("Règles fermeture", capacity: 5, families: 2);
        var closedDay = await CellAsync(children[0], activity, unit, date, ReservationAction.Request);
        var past = await CellAsync(children[1], activity, unit, Today().AddDays(-2), ReservationAction.Request, ReservationAction.Send);
        await factory.WithDbAsync(async db =>
        {
            db.Closures.Add(new ClosureEntry { Id = Guid.NewGuid(), Date = date, Label = "Fermeture exceptionnelle" });
            return await db.SaveChangesAsync();
        });

        var run = await RunTransferAsync();

        var states = await StatesAsync(activity);
        Assert.Equal(ReservationState.Refused, states[closedDay]);
        Assert.Equal(ReservationState.Refused, states[past]);
        Assert.NotNull(run);
        Assert.Equal((1, 0, 2), (run.RequestsSent, run.Confirmed, run.Refused));
        Assert.Equal(0, await TakenAsync(activity, unit, date));
    }

    [Fact]
    public async Task A_transfer_does_not_start_while_another_one_holds_the_lock_however_long_it_runs_and_a_dead_ones_lock_lapses()
    {
        // Another server's run, started two hours ago and still at work (renewed a minute ago).
        var other = Guid.NewGuid();
        var now = factory.Time.GetUtcNow();
        await SetLockAsync(other, takenAt: now.AddHours(-2), renewedAt: now.AddMinutes(-1));

        Assert.Null(await RunTransferAsync());

        // Its process dies: nobody renews the lock any more, and once it has lapsed the next run takes it over.
        factory.Time.Advance(TransferLock.Lapse);
        var next = await RunTransferAsync();
        Assert.NotNull(next);
        Assert.NotNull(next.FinishedAt);
        var lockRow = await factory.WithDbAsync(db => db.Set<TransferLockRow>().AsNoTracking().SingleAsync());
        Assert.Null(lockRow.HolderId);

        // The stalled run, were it to wake up, no longer holds anything: it stops at its next step.
        using var scope = factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<TransferLock>().RenewAsync(other, CancellationToken.None));
    }

    [Fact]
    public async Task Transfers_started_at_the_same_moment_never_run_side_by_side()
    {
        await RunTransferAsync(); // what earlier tests of this class left behind
        var (activity, unit, date, children) = await ArrangeAsync("Règles verrou", capacity: 10, families: 4);
        foreach (var child in children)
        {
            await CellAsync(child, activity, unit, date, ReservationAction.Request);
        }

        const int Runs = 4;
        var ready = new CountdownEvent(Runs);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = Enumerable.Range(0, Runs).Select(_ => Task.Run(async () =>
        {
            using var scope = factory.Services.CreateScope();
            var transfer = scope.ServiceProvider.GetRequiredService<NightlyTransfer>();
            ready.Signal();
            await go.Task;
            return await transfer.RunAsync(Agent, null, CancellationToken.None);
        })).ToList();
        ready.Wait();
        go.SetResult();
        var ran = (await Task.WhenAll(runs)).OfType<TransferRun>().OrderBy(r => r.StartedAt).ToList();

        // At least one ran; those that ran did so one after the other (the portal's clock
        // moves at each reading, so two runs at work together would interleave their times).
        Assert.NotEmpty(ran);
        for (var i = 1; i < ran.Count; i++)
        {
            Assert.True(ran[i - 1].FinishedAt < ran[i].StartedAt, "Two transfers ran side by side.");
        }

        // Each request was sent once, by one run.
        Assert.Equal(children.Count, ran.Sum(r => r.RequestsSent));
        var states = await StatesAsync(activity);
        Assert.All(states.Values, state => Assert.Equal(ReservationState.Confirmed, state));
    }

    [Fact]
    public async Task A_decision_committed_while_a_run_works_is_told_by_the_next_run()
    {
        var (activity, unit, date, children) = await ArrangeAsync("Règles avis tardif", capacity: 5, families: 1);
        var decidedAt = factory.Time.GetUtcNow();
        await RunTransferAsync();

        // An agent's confirmation made before that run ended, but committed only after it.
        await SaveDecidedCellAsync(children[0], activity, unit, date, decidedAt);
        await RunTransferAsync();

        Assert.Equal(1, await NoticesAsync(children[0].FamilyId));
        await RunTransferAsync();
        Assert.Equal(1, await NoticesAsync(children[0].FamilyId));
    }

    [Fact]
    public async Task The_answers_of_a_run_that_stopped_before_telling_the_families_are_told_by_the_next_run_once()
    {
        var (activity, unit, date, children) = await ArrangeAsync("Règles avis repris", capacity: 1, families: 2);
        var first = await CellAsync(children[0], activity, unit, date, ReservationAction.Request, ReservationAction.Send);
        var second = await CellAsync(children[1], activity, unit, date, ReservationAction.Request, ReservationAction.Send);
        // A run decides the day (its answers written as its own to tell), then its process dies:
        // it never finishes.
        var stopped = TransferRun.Start(factory.Time.GetUtcNow(), TransferRun.Scheduler);
        await factory.WithDbAsync(async db =>
        {
            db.TransferRuns.Add(stopped);
            return await db.SaveChangesAsync();
        });
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var decided = await scope.ServiceProvider.GetRequiredService<ServiceDecisions>().DecideDayAsync(
                await db.Activities.AsNoTracking().SingleAsync(a => a.Id == activity), unit, date, NightlyTransfer.AutomaticDecider, CancellationToken.None, transferRun: stopped.Id);
            Assert.Equal((1, 1), (decided!.Confirmed, decided.Waitlisted));
        }

        Assert.Equal((0, 0), (await NoticesAsync(children[0].FamilyId), await NoticesAsync(children[1].FamilyId)));

        var next = await RunTransferAsync();

        Assert.Equal(2, next!.FamiliesNotified);
        Assert.Equal((1, 1), (await NoticesAsync(children[0].FamilyId), await NoticesAsync(children[1].FamilyId)));
        var states = await StatesAsync(activity);
        Assert.Equal((ReservationState.Confirmed, ReservationState.Waitlisted), (states[first], states[second]));
        await RunTransferAsync();
        Assert.Equal((1, 1), (await NoticesAsync(children[0].FamilyId), await NoticesAsync(children[1].FamilyId)));
    }

    [Fact]
    public async Task A_group_of_moves_moves_each_cell_with_one_line_and_moves_none_when_one_of_them_changed_meanwhile()
    {
        var (activity, unit, date, children) = await ArrangeAsync("Règles groupe", capacity: 5, families: 3);
        var cells = new List<Guid>();
        foreach (var child in children)
        {
            cells.Add(await CellAsync(child, activity, unit, date, ReservationAction.Request, ReservationAction.Send));
        }

        var requestedAt = await factory.WithDbAsync(db => db.Reservations.AsNoTracking().Where(r => r.ActivityId == activity).ToDictionaryAsync(r => r.Id, r => r.RequestedAt));
        // The third cell was withdrawn and asked again by its family after the day was read.
        var stale = new DayMoveGroup(ReservationState.RequestSent, ReservationAction.Confirm, ReservationState.Confirmed, RequestTimeMove.Keep, cells);
        await factory.WithDbAsync(db => db.Reservations.Where(r => r.Id == cells[2]).ExecuteUpdateAsync(u => u.SetProperty(r => r.State, ReservationState.Requested)));

        Assert.False(await MoveInTransactionAsync(stale));
        var states = await StatesAsync(activity);
        Assert.Equal([ReservationState.RequestSent, ReservationState.RequestSent, ReservationState.Requested], cells.Select(c => states[c]));
        Assert.Equal(0, await LinesAsync(cells, ReservationAction.Confirm));

        var group = new DayMoveGroup(ReservationState.RequestSent, ReservationAction.Confirm, ReservationState.Confirmed, RequestTimeMove.Keep, cells[..2]);
        Assert.True(await MoveInTransactionAsync(group));
        states = await StatesAsync(activity);
        Assert.Equal([ReservationState.Confirmed, ReservationState.Confirmed, ReservationState.Requested], cells.Select(c => states[c]));
        Assert.Equal(2, await LinesAsync(cells, ReservationAction.Confirm));
        var after = await factory.WithDbAsync(db => db.Reservations.AsNoTracking().Where(r => r.ActivityId == activity).ToDictionaryAsync(r => r.Id, r => r.RequestedAt));
        Assert.Equal(requestedAt[cells[0]], after[cells[0]]);
        Assert.Equal(requestedAt[cells[1]], after[cells[1]]);
    }

    [Fact]
    public async Task Cells_sent_and_decided_in_one_pass_are_moved_once_with_the_send_then_the_decision_or_not_at_all()
    {
        var (activity, unit, date, children) = await ArrangeAsync("Règles envoi et décision", capacity: 5, families: 3);
        var cells = new List<Guid>();
        foreach (var child in children)
        {
            cells.Add(await CellAsync(child, activity, unit, date, ReservationAction.Request));
        }

        var sending = new DaySending(factory.Time.GetUtcNow(), "agent.nuit@test.example");
        var group = new DayMoveGroup(ReservationState.RequestSent, ReservationAction.Confirm, ReservationState.Confirmed, RequestTimeMove.Keep, cells)
        {
            SentFrom = ReservationState.Requested,
        };
        // The third family withdrew its request after the day was read.
        await factory.WithDbAsync(db => db.Reservations.Where(r => r.Id == cells[2]).ExecuteUpdateAsync(u => u.SetProperty(r => r.State, ReservationState.Free)));

        Assert.False(await MoveInTransactionAsync(group, sending));
        var states = await StatesAsync(activity);
        Assert.Equal([ReservationState.Requested, ReservationState.Requested, ReservationState.Free], cells.Select(c => states[c]));
        Assert.Equal((0, 0), (await LinesAsync(cells, ReservationAction.Send), await LinesAsync(cells, ReservationAction.Confirm)));

        Assert.True(await MoveInTransactionAsync(group with { ReservationIds = cells[..2] }, sending));
        states = await StatesAsync(activity);
        Assert.Equal([ReservationState.Confirmed, ReservationState.Confirmed, ReservationState.Free], cells.Select(c => states[c]));
        foreach (var cell in cells[..2])
        {
            var lines = await factory.WithDbAsync(db => db.Reservations.AsNoTracking().Where(r => r.Id == cell).SelectMany(r => r.History).ToListAsync());
            Assert.Equal(
                [
                    (ReservationAction.Request, ReservationState.Free, ReservationState.Requested, "test", Reservation.PortalOrigin),
                    (ReservationAction.Send, ReservationState.Requested, ReservationState.RequestSent, sending.By, Reservation.TransferOrigin),
                    (ReservationAction.Confirm, ReservationState.RequestSent, ReservationState.Confirmed, Agent, Reservation.BackOfficeOrigin),
                ],
                lines.OrderBy(l => l.At).Select(l => (l.Action, l.From, l.To, l.By, l.Origin)));
        }
    }

    private async Task<bool> MoveInTransactionAsync(DayMoveGroup group, DaySending? sending = null)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var moved = await scope.ServiceProvider.GetRequiredService<ReservationMoves>()
            .MoveAsync(group, factory.Time.GetUtcNow(), Agent, Reservation.BackOfficeOrigin, null, sending, CancellationToken.None);
        if (moved)
        {
            await transaction.CommitAsync();
        }

        return moved;
    }

    private Task<int> LinesAsync(List<Guid> cells, ReservationAction action) =>
        factory.WithDbAsync(db => db.Reservations.AsNoTracking().Where(r => cells.Contains(r.Id)).SelectMany(r => r.History).CountAsync(c => c.Action == action));

    [Fact]
    public async Task Two_runs_claiming_their_notices_at_the_same_moment_never_tell_a_decision_twice()
    {
        var (activity, unit, date, children) = await ArrangeAsync("Règles avis double", capacity: 5, families: 1);
        await SaveDecidedCellAsync(children[0], activity, unit, date, factory.Time.GetUtcNow());
        var runs = new[] { TransferRun.Start(factory.Time.GetUtcNow(), "serveur a"), TransferRun.Start(factory.Time.GetUtcNow(), "serveur b") };
        await factory.WithDbAsync(async db =>
        {
            db.TransferRuns.AddRange(runs);
            return await db.SaveChangesAsync();
        });

        var ready = new CountdownEvent(runs.Length);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var told = runs.Select(run => Task.Run(async () =>
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var mails = scope.ServiceProvider.GetRequiredService<ReservationMails>();
            ready.Signal();
            await go.Task;
            // As a run does: its notices and its end are committed together.
            await using var transaction = await db.Database.BeginTransactionAsync();
            var families = await mails.QueueDecisionNoticesAsync(run.Id, CancellationToken.None);
            var finished = await db.TransferRuns.SingleAsync(r => r.Id == run.Id);
            finished.Finish(factory.Time.GetUtcNow(), families);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return families;
        })).ToList();
        ready.Wait();
        go.SetResult();
        await Task.WhenAll(told);

        Assert.Equal(1, await NoticesAsync(children[0].FamilyId));
    }

    private DateOnly Today() => DateOnly.FromDateTime(ParisClock.ToParis(factory.Time.GetUtcNow()).DateTime);

    private async Task<TransferRun?> RunTransferAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<NightlyTransfer>().RunAsync(Agent, null, CancellationToken.None);
    }

    /// <summary>
    /// An activity of the test's own, in automatic mode, open every day, one unit of
    /// <paramref name="capacity"/> places, and a child with a validated registration in each of
    /// <paramref name="families"/> new families; the day used is a week ahead.
    /// </summary>
    private async Task<(Guid Activity, Guid Unit, DateOnly Date, List<Registration> Registrations)> ArrangeAsync(string name, int capacity, int families)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<ParisClock>();
        var today = clock.Today;
        var type = await db.ActivityTypes.AsNoTracking().FirstAsync();
        var activity = Check(Activity.Create(type.Id, name, Enum.GetValues<DayOfWeek>(), SchoolTimeRule.Always,
            [new UnitDefinition("Journée", new TimeOnly(8, 30), new TimeOnly(17, 30), IsMeal: false, Capacity: capacity)]));
        Check(activity.SetValidationMode(ValidationMode.Automatic));
        var period = Check(Period.Create(activity.Id, name + " période", today.AddDays(-30), today.AddDays(90), today.AddDays(-60), today.AddDays(90)));
        db.Activities.Add(activity);
        db.Periods.Add(period);
        var calendar = await scope.ServiceProvider.GetRequiredService<CommuneCalendar>().WorkingDaysAsync(CancellationToken.None);
        var date = today.AddDays(7);
        while (!calendar.IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        var registrations = new List<Registration>();
        for (var i = 0; i < families; i++)
        {
            var family = Check(Family.CreateKnown("Alice", "Regles" + (char)('a' + i), TestData.UniqueEmail(), clock.UtcNow));
            var child = Check(family.AddChild("Enfant" + (char)('a' + i), family.Responsible.LastName, today.AddYears(-7), Sex.Male, today));
            var registration = Check(Registration.Request(family.Id, child.Id, child.FirstName, child.BirthDate, activity, period, period.Start, period.End, WeeklyPattern.Empty, [], today, clock.UtcNow));
            Check(registration.Validate(clock.UtcNow));
            db.Families.Add(family);
            db.Registrations.Add(registration);
            registrations.Add(registration);
        }

        await db.SaveChangesAsync();
        return (activity.Id, activity.Units[0].Id, date, registrations);
    }

    /// <summary>A child's cell brought to its state through the domain's moves, as the portal would.</summary>
    private async Task<Guid> CellAsync(Registration registration, Guid activityId, Guid unitId, DateOnly date, params ReservationAction[] moves)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<ParisClock>();
        // The moves are made a fortnight earlier, so that the deadline allowed them then.
        var then = clock.Now.DateTime.AddDays(-14);
        var cell = Reservation.Start(registration.Id, registration.ChildId, registration.FamilyId, activityId, unitId, date);
        foreach (var move in moves)
        {
            Check(cell.Apply(move, then, clock.UtcNow, BookingDeadline.Default, new WorkingDayCalendar(false, []), "test", Reservation.PortalOrigin));
        }

        db.Reservations.Add(cell);
        await db.SaveChangesAsync();
        return cell.Id;
    }

    /// <summary>A cell an agent confirmed at <paramref name="at"/> (asked and sent just before), saved now.</summary>
    private async Task SaveDecidedCellAsync(Registration registration, Guid activityId, Guid unitId, DateOnly date, DateTimeOffset at)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var then = ParisClock.ToParis(at).DateTime.AddDays(-14);
        var cell = Reservation.Start(registration.Id, registration.ChildId, registration.FamilyId, activityId, unitId, date);
        var calendar = new WorkingDayCalendar(false, []);
        Check(cell.Apply(ReservationAction.Request, then, at.AddSeconds(-2), BookingDeadline.Default, calendar, "test", Reservation.PortalOrigin));
        Check(cell.Apply(ReservationAction.Send, then, at.AddSeconds(-1), BookingDeadline.Default, calendar, "transfert", Reservation.TransferOrigin));
        Check(cell.Apply(ReservationAction.Confirm, then, at, BookingDeadline.Default, calendar, Agent, Reservation.BackOfficeOrigin));
        db.Reservations.Add(cell);
        await db.SaveChangesAsync();
    }

    /// <summary>The decision notices queued for a family's parents.</summary>
    private Task<int> NoticesAsync(Guid familyId) =>
        factory.WithDbAsync(async db =>
        {
            var emails = await db.Guardians.AsNoTracking().Where(g => g.FamilyId == familyId).Select(g => g.Email).ToListAsync();
            return await db.OutboxMails.AsNoTracking().CountAsync(m => emails.Contains(m.To) && m.Subject.StartsWith("Réponse du service"));
        });

    private Task<int> SetLockAsync(Guid runId, DateTimeOffset takenAt, DateTimeOffset renewedAt) =>
        factory.WithDbAsync(async db =>
        {
            var row = await db.Set<TransferLockRow>().SingleAsync();
            (row.HolderId, row.TakenAt, row.RenewedAt) = (runId, takenAt, renewedAt);
            return await db.SaveChangesAsync();
        });

    private Task<int> SetTakenAsync(Guid activityId, Guid unitId, DateOnly date, int taken) =>
        factory.WithDbAsync(async db =>
        {
            db.Set<UnitDayPlaces>().Add(new UnitDayPlaces { ActivityId = activityId, UnitId = unitId, Date = date, Taken = taken });
            return await db.SaveChangesAsync();
        });

    private Task<int> TakenAsync(Guid activityId, Guid unitId, DateOnly date) =>
        factory.WithDbAsync(db => db.Set<UnitDayPlaces>().AsNoTracking()
            .Where(p => p.ActivityId == activityId && p.UnitId == unitId && p.Date == date)
            .Select(p => p.Taken)
            .FirstOrDefaultAsync());

    private Task<Dictionary<Guid, ReservationState>> StatesAsync(Guid activityId) =>
        factory.WithDbAsync(db => db.Reservations.AsNoTracking().Where(r => r.ActivityId == activityId).ToDictionaryAsync(r => r.Id, r => r.State));

    private static T Check<T>(PortailFamille.Domain.Common.Outcome<T> outcome) =>
        outcome.Succeeded ? outcome.Value : throw new InvalidOperationException(string.Join(" ", outcome.Refusals.Select(r => r.Message)));
}
