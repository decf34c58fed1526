using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PortailFamille.Domain.Registrations;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Features.Reservations;
using PortailFamille.Web.Infrastructure.Time;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Reservations;

/// <summary>
/// The portal on a fake clock, for "Mes réservations": by default Wednesday 13 January 2027 at
/// 10:00 in Paris, a school week of the demo year 2026/2027 (the demo is seeded on that clock),
/// so that the deadline days are known: Friday 15 is the first day still bookable. The nightly
/// transfer's schedule is off: a test runs it by hand when it needs it.
/// </summary>
public class CalendarFactory : PortalFactory
{
    public static readonly DateTime DefaultParisNow = new(2027, 1, 13, 10, 0, 0);

    public FakeTimeProvider Time { get; } = new();

    /// <summary>The Paris time the clock starts at; a subclass picks another.</summary>
    protected virtual DateTime StartParisNow => DefaultParisNow;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Transfer:Cron"] = "off" };

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        Time.SetUtcNow(ToUtc(StartParisNow));
        services.AddSingleton<TimeProvider>(Time);
    }

    /// <summary>Moves the clock forward to a Paris wall-clock time (a fake clock never goes back).</summary>
    public void SetParisNow(DateTime parisNow) => Time.SetUtcNow(ToUtc(parisNow));

    public static DateTimeOffset ToUtc(DateTime parisNow) =>
        new DateTimeOffset(parisNow, ParisClock.Zone.GetUtcOffset(parisNow)).ToUniversalTime();
}

/// <summary>A registration of a test family, with its activity's units.</summary>
public sealed record TestRegistration(TestAccount Account, Guid RegistrationId, Guid ChildId, Guid ActivityId, IReadOnlyList<(Guid Id, string Name)> Units)
{
    public Guid Unit(string name) => Units.Single(u => u.Name == name).Id;

    public string Url(string? month = null) => $"/famille/reservations/{RegistrationId:D}" + (month is null ? "" : $"?mois={month}");
}

/// <summary>Families, registrations and page helpers of the calendar's tests.</summary>
public static class CalendarTestData
{
    /// <summary>
    /// A new family with one child registered to a demo activity (first period, its whole
    /// dates), validated unless said otherwise, with the activity's whole week as semaine type
    /// or none.
    /// </summary>
    public static async Task<TestRegistration> FamilyWithRegistrationAsync(
        PortalFactory factory,
        string activityName,
        bool semaineType = true,
        RegistrationStatus status = RegistrationStatus.Validated)
    {
        var birth = new DateOnly(2019, 3, 14);
        var account = await TestData.CreateFamilyAsync(factory, "Durand", ("Zoé", birth));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<ParisClock>();
        var activity = await db.Activities.AsNoTracking().SingleAsync(a => a.Name == activityName);
        var period = await db.Periods.AsNoTracking().Where(p => p.ActivityId == activity.Id).OrderBy(p => p.Start).FirstAsync();
        var childId = await db.Children.Where(c => c.FamilyId == account.FamilyId).Select(c => c.Id).SingleAsync();
        var pattern = semaineType
            ? WeeklyPattern.Create(activity.Weekdays.SelectMany(d => activity.Units.Select(u => (d, u.Id))), activity).Value
            : WeeklyPattern.Empty;
        var registration = Registration.Request(account.FamilyId!.Value, childId, "Zoé", birth, activity, period, period.Start, period.End, pattern, [], clock.Today, clock.UtcNow);
        Assert.True(registration.Succeeded, string.Join(" ", registration.Refusals.Select(r => r.Message)));
        if (status == RegistrationStatus.Validated)
        {
            Assert.True(registration.Value.Validate(clock.UtcNow).Succeeded);
        }
        else if (status == RegistrationStatus.Refused)
        {
            Assert.True(registration.Value.Refuse("Plus de place cette année.", clock.UtcNow).Succeeded);
        }

        db.Registrations.Add(registration.Value);
        await db.SaveChangesAsync();
        var units = activity.Units.OrderBy(u => u.DisplayOrder).Select(u => (u.Id, u.Name)).ToList();
        return new TestRegistration(account, registration.Value.Id, childId, activity.Id, units);
    }

    /// <summary>The demo family's validated canteen registration of Léa.</summary>
    public static Task<TestRegistration> LeaCanteenAsync(PortalFactory factory) =>
        factory.WithDbAsync(async db =>
        {
            var account = new TestAccount(Guid.Empty, Demo.FamilyEmail, Demo.FamilyPassword, null);
            var activity = await db.Activities.AsNoTracking().SingleAsync(a => a.Name == "Restaurant scolaire");
            var registration = await (
                from u in db.Users
                where u.Email == Demo.FamilyEmail
                join c in db.Children on u.FamilyId equals c.FamilyId
                where c.FirstName == "Léa"
                join r in db.Registrations on c.Id equals r.ChildId
                where r.ActivityId == activity.Id
                select r).AsNoTracking().SingleAsync();
            return new TestRegistration(account, registration.Id, registration.ChildId, activity.Id, [.. activity.Units.Select(u => (u.Id, u.Name))]);
        });

    public static async Task<PortalClient> SignedInAsync(PortalFactory factory, TestAccount account)
    {
        var client = factory.NewClient();
        var page = await client.SignInFamilyAsync(account.Email, account.Password);
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        return client;
    }

    /// <summary>The child's stored cells of that activity, with their history.</summary>
    public static Task<List<Reservation>> CellsAsync(PortalFactory factory, TestRegistration registration) =>
        factory.WithDbAsync(db => db.Reservations.AsNoTracking().Include(r => r.History)
            .Where(r => r.ChildId == registration.ChildId && r.ActivityId == registration.ActivityId)
            .ToListAsync());

    public static async Task<ReservationState> StateAsync(PortalFactory factory, TestRegistration registration, DateOnly date, Guid unitId) =>
        (await CellsAsync(factory, registration)).SingleOrDefault(r => r.Date == date && r.UnitId == unitId)?.State ?? ReservationState.Free;

    /// <summary>An agent books a day directly: a confirmed "Réservation validée".</summary>
    public static async Task ConfirmAsync(PortalFactory factory, TestRegistration registration, DateOnly date, Guid unitId)
    {
        using var scope = factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var context = await BookingContext.LoadAsync(
            services.GetRequiredService<AppDbContext>(), services.GetRequiredService<CommuneCalendar>(), registration.RegistrationId, null, CancellationToken.None);
        var outcome = await services.GetRequiredService<ServiceDecisions>().BookDirectlyAsync(context!, date, unitId, "agent@test.example", CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Refusals.Select(r => r.Message)));
    }

    /// <summary>
    /// The service puts a requested day on the waiting list, as the transfer then a full day
    /// would: Requested → RequestSent → Waitlisted, keeping the time of the request.
    /// </summary>
    public static async Task WaitlistAsync(PortalFactory factory, TestRegistration registration, DateOnly date, Guid unitId)
    {
        using var scope = factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var clock = services.GetRequiredService<ParisClock>();
        var calendar = await services.GetRequiredService<CommuneCalendar>().WorkingDaysAsync(CancellationToken.None);
        var activity = await db.Activities.AsNoTracking().SingleAsync(a => a.Id == registration.ActivityId);
        var cell = await db.Reservations.SingleAsync(r => r.ChildId == registration.ChildId && r.UnitId == unitId && r.Date == date);
        foreach (var (action, origin) in new[] { (ReservationAction.Send, Reservation.TransferOrigin), (ReservationAction.Waitlist, Reservation.BackOfficeOrigin) })
        {
            var outcome = cell.Apply(action, clock.Now.DateTime, clock.UtcNow, activity.Deadline, calendar, "agent@test.example", origin);
            Assert.True(outcome.Succeeded, string.Join(" ", outcome.Refusals.Select(r => r.Message)));
        }

        await db.SaveChangesAsync();
    }

    public static string Value(DateOnly date, Guid unitId, ReservationState state) => CalendarCells.Value(date, unitId, state);

    /// <summary>The cell of a day and unit on a calendar page.</summary>
    public static AngleSharp.Dom.IElement Cell(HtmlPage page, DateOnly date, Guid unitId) =>
        page.Document.QuerySelector($"td[data-cell='c-{date:yyyyMMdd}-{unitId:N}']")
        ?? throw new InvalidOperationException($"No cell {date} {unitId} on {page.Url}.");

    /// <summary>What a screen reader hears of a cell.</summary>
    public static string CellText(HtmlPage page, DateOnly date, Guid unitId) =>
        Cell(page, date, unitId).QuerySelector(".cell__text")!.TextContent.Trim();

    /// <summary>The month page after posting these checkbox values with "Enregistrer", redirect followed.</summary>
    public static async Task<HtmlPage> TickAndSaveAsync(PortalClient client, HtmlPage page, params string[] values)
    {
        var posted = await PostGridAsync(client, page, values);
        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        return await client.FollowAsync(posted);
    }

    /// <summary>Posts the grid's form with these checkbox values, as a browser would with those ticked.</summary>
    public static Task<HtmlPage> PostGridAsync(PortalClient client, HtmlPage page, params string[] values)
    {
        var form = page.Document.GetElementById("grille")!;
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Token(page)) };
        fields.AddRange(values.Select(v => new KeyValuePair<string, string>("cases", v)));
        return client.PostAsync(form.GetAttribute("action")!, fields);
    }

    public static string Token(HtmlPage page) =>
        page.Document.QuerySelector("#grille input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("No antiforgery token on " + page.Url);

    /// <summary>A click of the script: the "Case" handler's status and JSON answer.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Answer)> ClickAsync(PortalClient client, string url, string token, string value)
    {
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("case", value)]);
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        using var response = await client.Http.PostAsync(url + separator + "handler=Case", content);
        var text = await response.Content.ReadAsStringAsync();
        var answer = response.Content.Headers.ContentType?.MediaType == "application/json"
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
        return (response.StatusCode, answer);
    }

    /// <summary>The result message shown after a save.</summary>
    public static string Notice(HtmlPage page) => page.Document.GetElementById("resultat")?.TextContent.Trim() ?? "";

    public static IReadOnlyList<string> Refusals(HtmlPage page) =>
        [.. page.Document.QuerySelectorAll("#resultat .refusals li").Select(li => li.TextContent.Trim())];
}
