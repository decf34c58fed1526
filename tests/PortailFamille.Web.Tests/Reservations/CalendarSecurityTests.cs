using System.Net;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Registrations;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Tests.Infrastructure;
using static PortailFamille.Web.Tests.Reservations.CalendarTestData;

namespace PortailFamille.Web.Tests.Reservations;

/// <summary>
/// Who may see and change a registration's calendar: its own family only, and only once the
/// registration is validated. Everyone else gets 404 (a family never learns that another
/// family's registration exists), a redirect to sign in, or 403.
/// </summary>
public sealed class CalendarSecurityTests(CalendarFactory factory) : IClassFixture<CalendarFactory>
{
    private static readonly DateOnly Thursday21 = new(2027, 1, 21);

    [Fact]
    public async Task AnotherFamily_Gets404_OnThePage_AndOnEveryHandler_AndChangesNothing()
    {
        var victim = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        var intruder = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        var repas = victim.Unit("Repas");
        using var client = await SignedInAsync(factory, intruder.Account);
        // A valid antiforgery token of the intruder's own session, from its own calendar.
        var token = Token(await client.GetAsync(intruder.Url()));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(victim.Url())).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(victim.Url("2027-02"))).Status);
        var value = Value(Thursday21, repas, ReservationState.Free);
        (string Handler, KeyValuePair<string, string> Field)[] posts =
        [
            ("", new("cases", value)),
            ("Case", new("case", value)),
            ("SemaineType", new("portee", "inscription")),
            ("Jour", new("jour", "2027-01-21")),
            ("Ligne", new("unite", repas.ToString())),
        ];
        foreach (var (handler, field) in posts)
        {
            var url = victim.Url("2027-01") + (handler.Length == 0 ? "" : "&handler=" + handler);
            var page = await client.PostAsync(url, [new("__RequestVerificationToken", token), field]);
            Assert.True(page.Status == HttpStatusCode.NotFound, $"{handler}: {(int)page.Status}");
        }

        Assert.Empty(await CellsAsync(factory, victim));
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_IsRefused()
    {
        var zoe = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        using var client = await SignedInAsync(factory, zoe.Account);

        var page = await client.PostAsync(zoe.Url(), [new("cases", Value(Thursday21, zoe.Unit("Repas"), ReservationState.Free))]);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Empty(await CellsAsync(factory, zoe));
    }

    [Fact]
    public async Task ARegistrationNotValidated_OrRefused_OrUnknown_Gives404()
    {
        var requested = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire", status: RegistrationStatus.Requested);
        var refused = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire", status: RegistrationStatus.Refused);
        using var requestedClient = await SignedInAsync(factory, requested.Account);
        using var refusedClient = await SignedInAsync(factory, refused.Account);

        Assert.Equal(HttpStatusCode.NotFound, (await requestedClient.GetAsync(requested.Url())).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await refusedClient.GetAsync(refused.Url())).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await refusedClient.GetAsync($"/famille/reservations/{Guid.NewGuid()}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await refusedClient.GetAsync("/famille/reservations/pas-un-guid")).Status);

        // The demo's Périscolaire of Léa waits for the service ("?"): no calendar yet.
        using var demo = factory.NewClient();
        await demo.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);
        var waiting = await factory.WithDbAsync(db => (
            from r in db.Registrations
            join a in db.Activities on r.ActivityId equals a.Id
            where a.Name == "Périscolaire" && r.Status == RegistrationStatus.Requested
            select r.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await demo.GetAsync($"/famille/reservations/{waiting}")).Status);
    }

    [Fact]
    public async Task AnAgent_GetsForbidden_AndAnonymous_IsSentToSignIn()
    {
        var zoe = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        var agent = await TestData.CreateStaffAsync(factory, Roles.Agent);
        using var staff = factory.NewClient();
        await staff.SignInStaffAsync(agent.Email, agent.Password);

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(zoe.Url())).Status);

        using var anonymous = factory.NewClient();
        var page = await anonymous.GetAsync(zoe.Url());
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/?ReturnUrl=", page.Location, StringComparison.Ordinal);
        var post = await anonymous.PostAsync(zoe.Url() + "?handler=Case", [new("case", Value(Thursday21, zoe.Unit("Repas"), ReservationState.Free))]);
        Assert.NotEqual(HttpStatusCode.OK, post.Status);
        Assert.Empty(await CellsAsync(factory, zoe));
    }

    [Fact]
    public async Task AUnitOfAnotherActivity_OrGarbage_IsRefusedInFrench_NeverA500()
    {
        var zoe = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        var repas = zoe.Unit("Repas");
        var otherUnit = await factory.WithDbAsync(db => db.Activities.Where(a => a.Name == "Périscolaire").SelectMany(a => a.Units).Select(u => u.Id).FirstAsync());
        using var client = await SignedInAsync(factory, zoe.Account);
        var page = await client.GetAsync(zoe.Url());

        var after = await TickAndSaveAsync(
            client,
            page,
            Value(Thursday21, otherUnit, ReservationState.Free),
            "n'importe quoi",
            "2027-01-21|" + repas + "|42",
            "2027-02-30|" + repas + "|0",
            Value(new DateOnly(2028, 1, 20), repas, ReservationState.Free));

        var refusals = Refusals(after);
        Assert.Contains("jeudi 21/01/2027 : cette unité ne fait pas partie de l'activité Restaurant scolaire.", refusals);
        Assert.Contains("jeudi 20/01/2028, Repas : jour non disponible (hors inscription).", refusals);
        Assert.Contains("3 cases envoyées n'ont pas été reconnues : elles ont été ignorées.", refusals);
        Assert.Empty(await CellsAsync(factory, zoe));

        var (status, answer) = await ClickAsync(client, zoe.Url(), Token(page), Value(Thursday21, otherUnit, ReservationState.Free));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(answer.GetProperty("ok").GetBoolean());

        var empty = await TickAndSaveAsync(client, page);
        Assert.StartsWith("Aucune case n'était cochée", Notice(empty), StringComparison.Ordinal);

        foreach (var (handler, field) in new (string, KeyValuePair<string, string>)[] { ("Jour", new("jour", "hier")), ("Ligne", new("unite", otherUnit.ToString())), ("Jour", new("jour", "2028-01-20")) })
        {
            var posted = await client.PostAsync(zoe.Url("2027-01") + "&handler=" + handler, [new("__RequestVerificationToken", Token(page)), field]);
            Assert.Equal(HttpStatusCode.Redirect, posted.Status);
            var shown = await client.FollowAsync(posted);
            Assert.Equal("alert", shown.Document.GetElementById("resultat")!.GetAttribute("role"));
        }

        Assert.Empty(await CellsAsync(factory, zoe));
    }
}
