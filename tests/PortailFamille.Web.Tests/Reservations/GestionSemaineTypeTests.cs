using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Registrations;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Features.Reservations;
using PortailFamille.Web.Tests.Infrastructure;
using static PortailFamille.Web.Tests.Reservations.GestionTestData;

namespace PortailFamille.Web.Tests.Reservations;

/// <summary>
/// docs/product.md 4.4: validating a registration can turn its semaine type into reservations for
/// every open day from today on, confirmed within capacity and waitlisted beyond, in the same
/// transaction as the validation; the agent and the family are told how many of each.
/// </summary>
public sealed class GestionSemaineTypeTests(ReservationFactory factory) : IClassFixture<ReservationFactory>
{
    private const string Queue = "/gestion/inscriptions";
    private const string Option = "Transformer la semaine type en réservations (validées dans la limite des places, en liste d'attente au-delà)";

    private async Task<IReadOnlyList<DateOnly>> OpenDaysFromTodayAsync(Guid registrationId)
    {
        using var scope = factory.Services.CreateScope();
        var context = (await BookingContext.LoadAsync(
            scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<CommuneCalendar>(), registrationId, null, CancellationToken.None))!;
        var today = Clock(factory).Today;
        return [.. context.OpenDays(new DateRange(today, context.Registration.End))];
    }

    private static HtmlPage Untick(HtmlPage page, Guid registrationId)
    {
        var box = (AngleSharp.Html.Dom.IHtmlInputElement)page.Document.QuerySelector($"#semaine-type-{registrationId:N}")!;
        box.IsChecked = false;
        return page;
    }

    [Fact]
    public async Task Validating_WithTheSemaineType_BooksEveryOpenDay_WithinCapacity_AndWaitlistsBeyond()
    {
        var child = await EnrolAsync(factory, Wednesday, validated: false, withPattern: true);
        var units = await factory.WithDbAsync(async db => (await db.Activities.AsNoTracking().SingleAsync(a => a.Id == child.ActivityId)).Units.Select(u => u.Id).ToList());
        var matin = await UnitAsync(factory, Wednesday, "Matin");
        var full = (await OpenDaysAsync(factory, await ValidatedTwinAsync(child), 1))[0];
        await SetCapacityAsync(factory, child.ActivityId, matin, full, 0);
        using var agent = await AgentAsync(factory);
        var queue = await agent.GetAsync($"{Queue}?activite={child.ActivityId}");
        var box = queue.Document.QuerySelector($"#semaine-type-{child.RegistrationId:N}")!;
        Assert.True(box.HasAttribute("checked"));
        Assert.StartsWith(Option, Plain(queue.Document.QuerySelector($"label[for=semaine-type-{child.RegistrationId:N}]")!.TextContent), StringComparison.Ordinal);

        var posted = await agent.SubmitAsync(queue, new Dictionary<string, string>(), $"#valider-{child.RegistrationId:N}");
        var shown = await agent.FollowAsync(posted);

        var open = await OpenDaysFromTodayAsync(child.RegistrationId);
        var cells = await factory.WithDbAsync(db => db.Reservations.AsNoTracking().Include(r => r.History).Where(r => r.RegistrationId == child.RegistrationId).ToListAsync());
        Assert.Equal(open.Count * units.Count, cells.Count);
        Assert.Equal(open.ToHashSet(), cells.Select(c => c.Date).ToHashSet());
        Assert.All(cells, c => Assert.Equal(DayOfWeek.Wednesday, c.Date.DayOfWeek));
        var waitlisted = Assert.Single(cells, c => c.State == ReservationState.Waitlisted);
        Assert.Equal((full, matin), (waitlisted.Date, waitlisted.UnitId));
        Assert.All(cells.Where(c => c != waitlisted), c => Assert.Equal(ReservationState.Confirmed, c.State));
        Assert.All(cells, c => Assert.Equal((Demo.AgentEmail, Reservation.BackOfficeOrigin), (Assert.Single(c.History).By, c.History[0].Origin)));
        Assert.Equal(0, await TakenAsync(factory, child.ActivityId, matin, full));
        Assert.Equal(1, await TakenAsync(factory, child.ActivityId, units.First(u => u != matin), full));
        Assert.Equal(RegistrationStatus.Validated, await factory.WithDbAsync(db => db.Registrations.Where(r => r.Id == child.RegistrationId).Select(r => r.Status).SingleAsync()));

        var booked = $"{cells.Count - 1} réservation(s) validée(s) et 1 en liste d'attente, faute de place";
        Assert.Contains($"Semaine type : {booked}.", shown.Text, StringComparison.Ordinal);
        var mail = await factory.Smtp.WaitForMessageAsync(child.Account.Email, m => (m.Subject ?? "").StartsWith("Votre inscription est validée", StringComparison.Ordinal));
        Assert.Contains($"Le service a aussi transformé votre semaine type en réservations : {booked}.", Plain(mail.TextBody!).ReplaceLineEndings(" "), StringComparison.Ordinal);

        // A second decision on the same request is refused and books nothing more.
        var second = await agent.SubmitAsync(queue, new Dictionary<string, string>(), $"#valider-{child.RegistrationId:N}");
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.NotEmpty(second.Errors);
        Assert.Equal(cells.Count, await factory.WithDbAsync(db => db.Reservations.CountAsync(r => r.RegistrationId == child.RegistrationId)));
    }

    [Fact]
    public async Task Validating_WithoutTheOption_BooksNothing()
    {
        var child = await EnrolAsync(factory, Wednesday, validated: false, withPattern: true);
        using var agent = await AgentAsync(factory);
        var queue = Untick(await agent.GetAsync($"{Queue}?activite={child.ActivityId}"), child.RegistrationId);

        var shown = await agent.FollowAsync(await agent.SubmitAsync(queue, new Dictionary<string, string>(), $"#valider-{child.RegistrationId:N}"));

        Assert.DoesNotContain("Semaine type :", shown.Text, StringComparison.Ordinal);
        Assert.Equal(RegistrationStatus.Validated, await factory.WithDbAsync(db => db.Registrations.Where(r => r.Id == child.RegistrationId).Select(r => r.Status).SingleAsync()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Reservations.CountAsync(r => r.RegistrationId == child.RegistrationId)));
    }

    [Fact]
    public async Task ARegistrationWithoutSemaineType_HasNoOption()
    {
        var child = await EnrolAsync(factory, Wednesday, validated: false);
        using var agent = await AgentAsync(factory);

        var queue = await agent.GetAsync($"{Queue}?activite={child.ActivityId}");

        Assert.NotNull(queue.Document.QuerySelector($"#valider-{child.RegistrationId:N}"));
        Assert.Null(queue.Document.QuerySelector($"#semaine-type-{child.RegistrationId:N}"));
    }

    // The open days of a registration not yet validated are those of a validated one of the
    // same activity: a twin, validated, gives the helper a booking context to read them from.
    private async Task<Guid> ValidatedTwinAsync(Enrolled child) => (await EnrolAsync(factory, Wednesday)).RegistrationId;
}
