using System.Net;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Tests.Infrastructure;
using static PortailFamille.Web.Tests.Reservations.GestionTestData;

namespace PortailFamille.Web.Tests.Reservations;

/// <summary>
/// "Réservation directe": from the family's file an agent books a day of a validated
/// registration, confirmed at once without a request; refused when full or when the activity
/// does not run that day; wrong input gets a French message, never an error page.
/// </summary>
public sealed class GestionDirectBookingTests(ReservationFactory factory) : IClassFixture<ReservationFactory>
{
    private static Dictionary<string, string> Choice(DateOnly day, Guid unit) => new() { ["date"] = Day(day), ["unite"] = unit.ToString() };

    [Fact]
    public async Task FromTheFamilyFile_AnAgentBooksADay_ConfirmedWithoutRequest_AndWrittenInTheHistories()
    {
        var child = await EnrolAsync(factory, Wednesday);
        var repas = await UnitAsync(factory, Wednesday, "Repas");
        var day = (await OpenDaysAsync(factory, child.RegistrationId, 1))[0];
        using var agent = await AgentAsync(factory);

        var file = await agent.GetAsync($"/gestion/familles/{child.FamilyId}");
        var link = file.Document.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == $"Réserver directement pour {child.ChildName} à ALSH mercredi");
        Assert.Equal($"/gestion/reservations/reserver?inscription={child.RegistrationId}", link.GetAttribute("href"));
        var form = await agent.GetAsync(link.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains(child.ChildName, form.Text, StringComparison.Ordinal);

        var posted = await agent.SubmitAsync(form, Choice(day, repas));

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        var shown = await agent.FollowAsync(posted);
        Assert.Contains($"Réservation validée pour {child.ChildName} à ALSH mercredi le {Day(day)} (Repas).", shown.Text, StringComparison.Ordinal);
        var cell = (await CellAsync(factory, child, repas, day))!;
        Assert.Equal(ReservationState.Confirmed, cell.State);
        var line = Assert.Single(cell.History);
        Assert.Equal((ReservationState.Free, ReservationState.Confirmed, ReservationAction.BookDirectly, Demo.AgentEmail, Reservation.BackOfficeOrigin), (line.From, line.To, line.Action, line.By, line.Origin));
        Assert.Equal(1, await TakenAsync(factory, child.ActivityId, repas, day));
        Assert.Contains(
            await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == child.FamilyId).Select(e => e.Description).ToListAsync()),
            d => d == $"Réservation directe de {child.ChildName} à ALSH mercredi le {Day(day)} (Repas).");

        // Booking the same day again is refused: it is already booked.
        var again = await agent.SubmitAsync(shown, Choice(day, repas));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains(again.Errors, e => e.StartsWith("Ce jour est déjà « Réservation validée »", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheFamilysEmail_IsCommittedWithTheBookingItself()
    {
        var child = await EnrolAsync(factory, Wednesday);
        var repas = await UnitAsync(factory, Wednesday, "Repas");
        var day = (await OpenDaysAsync(factory, child.RegistrationId, 1, skip: 3))[0];

        // The booking alone, as the service makes it, and no other save after it.
        await BookDirectlyAsync(factory, child, repas, day);

        var mails = await factory.WithDbAsync(db => db.OutboxMails.AsNoTracking()
            .Where(m => m.To == child.Account.Email && m.Subject.StartsWith("Une réservation a été faite pour votre enfant"))
            .Select(m => m.TextBody)
            .ToListAsync());
        var mail = Assert.Single(mails);
        Assert.Contains($"le {Day(day)} (Repas) à ALSH mercredi", mail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnAFullDay_TheBookingIsRefused_InFrench_AndNothingIsSaved()
    {
        var booked = await EnrolAsync(factory, Wednesday);
        var late = await EnrolAsync(factory, Wednesday);
        var matin = await UnitAsync(factory, Wednesday, "Matin");
        var day = (await OpenDaysAsync(factory, booked.RegistrationId, 1, skip: 1))[0];
        await SetCapacityAsync(factory, booked.ActivityId, matin, day, 1);
        await BookDirectlyAsync(factory, booked, matin, day);
        using var agent = await AgentAsync(factory);
        var auditBefore = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.SubjectId == late.FamilyId));

        var page = await agent.SubmitAsync($"/gestion/reservations/reserver?inscription={late.RegistrationId}", Choice(day, matin));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Complet : la seule place de « Matin » du {Day(day)} est prise.", page.Errors);
        Assert.Null(await CellAsync(factory, late, matin, day));
        Assert.Equal(1, await TakenAsync(factory, booked.ActivityId, matin, day));
        Assert.Equal(auditBefore, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.SubjectId == late.FamilyId)));
    }

    [Fact]
    public async Task OnADayTheActivityDoesNotRun_OrWithWrongInput_TheAgentGetsAFrenchMessage()
    {
        var child = await EnrolAsync(factory, Wednesday);
        var matin = await UnitAsync(factory, Wednesday, "Matin");
        var wednesday = (await OpenDaysAsync(factory, child.RegistrationId, 1, skip: 2))[0];
        var url = $"/gestion/reservations/reserver?inscription={child.RegistrationId}";
        using var agent = await AgentAsync(factory);

        var thursday = await agent.SubmitAsync(url, Choice(wednesday.AddDays(1), matin));
        var badDate = await agent.SubmitAsync(url, new Dictionary<string, string> { ["date"] = "31/02/2027", ["unite"] = matin.ToString() });
        var noUnit = await agent.SubmitAsync(url, new Dictionary<string, string> { ["date"] = Day(wednesday), ["unite"] = Guid.NewGuid().ToString() });

        Assert.Contains("L'activité n'a pas lieu ce jour-là pour cette inscription.", thursday.Errors);
        Assert.Contains("Saisissez le jour au format jj/mm/aaaa, par exemple 09/12/2026.", badDate.Errors);
        Assert.Contains("Choisissez l'unité à réserver.", noUnit.Errors);
        Assert.All([thursday, badDate, noUnit], p => Assert.Equal(HttpStatusCode.OK, p.Status));
        Assert.Null(await CellAsync(factory, child, matin, wednesday.AddDays(1)));
        Assert.Null(await CellAsync(factory, child, matin, wednesday));
    }

    [Fact]
    public async Task AnUnknownOrNotValidatedRegistration_IsNotFound_AndThePageAloneSaysWhereToStart()
    {
        var requested = await EnrolAsync(factory, Wednesday, validated: false);
        using var agent = await AgentAsync(factory);

        var alone = await agent.GetAsync("/gestion/reservations/reserver");
        var unknown = await agent.GetAsync($"/gestion/reservations/reserver?inscription={Guid.NewGuid()}");
        var garbage = await agent.GetAsync("/gestion/reservations/reserver?inscription=abc");
        var notValidated = await agent.GetAsync($"/gestion/reservations/reserver?inscription={requested.RegistrationId}");

        Assert.Equal(HttpStatusCode.OK, alone.Status);
        Assert.Contains("ouvrez le dossier de la famille", alone.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.NotFound, garbage.Status);
        Assert.Equal(HttpStatusCode.NotFound, notValidated.Status);
        var file = await agent.GetAsync($"/gestion/familles/{requested.FamilyId}");
        Assert.DoesNotContain(file.Document.QuerySelectorAll("a"), a => a.TextContent.Contains("Réserver directement", StringComparison.Ordinal));
    }
}
