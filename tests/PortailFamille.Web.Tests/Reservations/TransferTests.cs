using System.Net;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Tests.Infrastructure;
using static PortailFamille.Web.Tests.Reservations.GestionTestData;

namespace PortailFamille.Web.Tests.Reservations;

/// <summary>
/// The nightly transfer (docs/product.md 4.2): requests and cancellation requests become "envoyée",
/// the run is recorded with its counts, each cell gets one history line from "transfert";
/// a second run changes nothing; an agent starts it by hand from "Transferts", a family
/// cannot. The activity is the demo "ALSH mercredi", in manual mode: nothing is decided.
/// </summary>
public sealed class TransferTests(ReservationFactory factory) : IClassFixture<ReservationFactory>
{
    private const string Page = "/gestion/reservations/transferts";

    [Fact]
    public async Task TheTransfer_SendsRequestsAndCancellations_RecordsTheRun_AndASecondRunChangesNothing()
    {
        await TransferAsync(factory); // what earlier tests of this class left behind
        var matin = await UnitAsync(factory, Wednesday, "Matin");
        var asking = await EnrolAsync(factory, Wednesday);
        var cancelling = await EnrolAsync(factory, Wednesday);
        var days = await OpenDaysAsync(factory, asking.RegistrationId, 2);
        await RequestAsync(factory, asking, matin, days[0], days[1]);
        await BookDirectlyAsync(factory, cancelling, matin, days[0]);
        await RequestCancellationAsync(factory, cancelling, matin, days[0]);

        var run = await TransferAsync(factory, "agent.test@test.example");

        Assert.Equal((2, 1), (run.RequestsSent, run.CancellationsSent));
        Assert.Equal((0, 0, 0, 0), (run.Confirmed, run.Waitlisted, run.CancellationsAccepted, run.Promoted));
        Assert.Equal("agent.test@test.example", run.StartedBy);
        Assert.Null(run.Night);
        Assert.NotNull(run.FinishedAt);
        var stored = await factory.WithDbAsync(db => db.TransferRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id));
        Assert.Equal((2, 1), (stored.RequestsSent, stored.CancellationsSent));
        foreach (var day in days)
        {
            var cell = (await CellAsync(factory, asking, matin, day))!;
            Assert.Equal(ReservationState.RequestSent, cell.State);
            var line = Assert.Single(cell.History, h => h.Origin == Reservation.TransferOrigin);
            Assert.Equal((ReservationState.Requested, ReservationState.RequestSent, ReservationAction.Send, "agent.test@test.example"), (line.From, line.To, line.Action, line.By));
        }

        var cancellation = (await CellAsync(factory, cancelling, matin, days[0]))!;
        Assert.Equal(ReservationState.CancellationSent, cancellation.State);
        Assert.Equal(
            [ReservationAction.BookDirectly, ReservationAction.RequestCancellation, ReservationAction.Send],
            cancellation.History.OrderBy(h => h.At).Select(h => h.Action));
        // Sending a cancellation does not give the place back: the service has not answered.
        Assert.Equal(1, await TakenAsync(factory, asking.ActivityId, matin, days[0]));

        var again = await TransferAsync(factory);

        Assert.Equal((0, 0, 0, 0, 0, 0), (again.RequestsSent, again.CancellationsSent, again.Confirmed, again.Waitlisted, again.CancellationsAccepted, again.Promoted));
        Assert.Equal(2, (await CellAsync(factory, asking, matin, days[0]))!.History.Count);
        Assert.Equal(3, (await CellAsync(factory, cancelling, matin, days[0]))!.History.Count);
        Assert.Equal(ReservationState.RequestSent, await StateAsync(factory, asking, matin, days[1]));
    }

    [Fact]
    public async Task AnAgent_StartsTheTransferByHand_AndSeesItInTheList()
    {
        await TransferAsync(factory);
        var matin = await UnitAsync(factory, Wednesday, "Matin");
        var asking = await EnrolAsync(factory, Wednesday);
        var day = (await OpenDaysAsync(factory, asking.RegistrationId, 1, skip: 2))[0];
        await RequestAsync(factory, asking, matin, day);
        using var agent = await AgentAsync(factory);

        var page = await agent.GetAsync(Page);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        // The schedule is off in this class (see TransferNextRunTests for the time it shows).
        Assert.Contains("Le transfert automatique est désactivé", page.Text, StringComparison.Ordinal);

        var posted = await agent.PressAsync(page, "Lancer le transfert maintenant");

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Equal(Page, posted.Location);
        var shown = await agent.FollowAsync(posted);
        Assert.Contains("Le transfert est terminé : 1 demande(s) et 0 annulation(s) envoyée(s)", shown.Text, StringComparison.Ordinal);
        var run = await factory.WithDbAsync(db => db.TransferRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).FirstAsync());
        Assert.Equal(Demo.AgentEmail, run.StartedBy);
        Assert.Null(run.Night);
        Assert.Equal(1, run.RequestsSent);
        Assert.Equal(ReservationState.RequestSent, await StateAsync(factory, asking, matin, day));
        Assert.Equal(Demo.AgentEmail, (await CellAsync(factory, asking, matin, day))!.History.Single(h => h.Action == ReservationAction.Send).By);

        // The newest run comes first, with who started it and its counts, in Paris time.
        var first = shown.Document.QuerySelector("tbody tr")!;
        var cells = first.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(TransfersWhen(run.StartedAt), cells[0]);
        Assert.Equal([Demo.AgentEmail, "1", "0", "0", "0", "0", "0", "0"], cells.Skip(1));
        Assert.Contains(await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == run.Id).Select(e => e.Description).ToListAsync()),
            d => d.StartsWith("Transfert lancé à la main : 1 demande(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFamily_CannotOpenTransfers_NorStartOne()
    {
        using var family = factory.NewClient();
        await family.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);
        var own = await family.GetAsync("/famille");
        var token = own.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var before = await factory.WithDbAsync(db => db.TransferRuns.CountAsync());

        var page = await family.GetAsync(Page);
        var posted = await family.PostAsync($"{Page}?handler=Run", [new("__RequestVerificationToken", token)]);
        using var anonymous = factory.NewClient();
        var anonymousPost = await anonymous.PostAsync($"{Page}?handler=Run", []);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
        Assert.True(
            (anonymousPost.Status == HttpStatusCode.Redirect && anonymousPost.Location!.StartsWith("/gestion/connexion", StringComparison.Ordinal)) || anonymousPost.Status == HttpStatusCode.BadRequest,
            $"An anonymous POST answered {anonymousPost.Status} {anonymousPost.Location}");
        Assert.Equal(before, await factory.WithDbAsync(db => db.TransferRuns.CountAsync()));
    }

    private static string TransfersWhen(DateTimeOffset at) => Web.Features.Gestion.Reservations.TransfersModel.When(at);
}

/// <summary>
/// "Transferts" tells the agent when the next scheduled transfer runs: the schedule of the
/// default settings (01:00 Paris time), which the other tests turn off so that no run fires
/// in the middle of one.
/// </summary>
public sealed class TransferNextRunTests(TransferNextRunTests.ScheduledFactory factory) : IClassFixture<TransferNextRunTests.ScheduledFactory>
{
    /// <summary>The portal with its default schedule.</summary>
    public sealed class ScheduledFactory : PortalFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Transfer:Cron"] = null };
    }

    [Fact]
    public async Task AnAgent_SeesTheNextScheduledRun_AtOneOClock()
    {
        using var agent = await AgentAsync(factory);

        var page = await agent.GetAsync("/gestion/reservations/transferts");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Le prochain transfert automatique aura lieu le", page.Text, StringComparison.Ordinal);
        Assert.Contains("01:00", page.Document.QuerySelector("#titre-prochain")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Le transfert automatique est désactivé", page.Text, StringComparison.Ordinal);
    }
}
