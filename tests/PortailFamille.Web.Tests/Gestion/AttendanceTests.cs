using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Features.Gestion.Attendance;
using PortailFamille.Web.Tests.Billing;
using PortailFamille.Web.Tests.Infrastructure;
using PortailFamille.Web.Tests.Reservations;
using static PortailFamille.Web.Tests.Reservations.GestionTestData;

namespace PortailFamille.Web.Tests.Gestion;

/// <summary>
/// "Pointage" (docs/product.md 4.6): on the sheet of a unit's day an agent marks each child
/// expected present, absent with a reason or absent without one, all at once, or adds a child
/// who came without a booking; every change is in the family's history; an invoiced day and a
/// day to come are refused in French; two agents marking the same child at once leave one mark.
/// On the reservation tests' clock (Wednesday 13 January 2027), each test on a past school
/// day of its own, so that "Tous présents" and the list of days not marked see only its children.
/// </summary>
public sealed class AttendanceTests(ReservationFactory factory) : IClassFixture<ReservationFactory>
{
    private static readonly WorkingDayCalendar NoClosures = new(false, []);

    /// <summary>A child holding a place (a direct booking) on the canteen's meal of a past day.</summary>
    private sealed record Booked(Enrolled Child, Guid ActivityId, Guid UnitId, DateOnly Day)
    {
        public string SheetUrl => $"/gestion/pointage/feuille?activite={ActivityId}&unite={UnitId}&jour={Day:yyyy-MM-dd}";
    }

    /// <summary>
    /// The canteen's past school days, latest first; each test takes its own by
    /// <paramref name="index"/>.
    /// </summary>
    private async Task<DateOnly> PastDayAsync(int index)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>();
        var commune = scope.ServiceProvider.GetRequiredService<CommuneCalendar>();
        var activity = await db.Activities.AsNoTracking().SingleAsync(a => a.Name == Canteen);
        var today = Clock(factory).Today;
        var days = activity.OpenDates(new DateRange(today.AddDays(-60), today.AddDays(-1)), await commune.SchoolHolidaysAsync(default), await commune.WorkingDaysAsync(default))
            .OrderDescending()
            .ToList();
        return days[index];
    }

    /// <summary>A new child of a new family, booked on the canteen's meal of that past day.</summary>
    private async Task<Booked> BookedAsync(DateOnly day)
    {
        var child = await EnrolAsync(factory, Canteen);
        var unitId = await UnitAsync(factory, Canteen);
        var clock = Clock(factory);
        await factory.WithDbAsync(async db =>
        {
            var activity = await db.Activities.AsNoTracking().SingleAsync(a => a.Id == child.ActivityId);
            var cell = Reservation.Start(child.RegistrationId, child.ChildId, child.FamilyId, child.ActivityId, unitId, day);
            Assert.True(cell.Apply(ReservationAction.BookDirectly, clock.Now.DateTime, clock.UtcNow, activity.Deadline, NoClosures, Demo.AgentEmail, Reservation.BackOfficeOrigin).Succeeded);
            db.Reservations.Add(cell);
            return await db.SaveChangesAsync();
        });
        return new Booked(child, child.ActivityId, unitId, day);
    }

    private Task<List<AttendanceEntry>> EntriesAsync(Guid childId) =>
        factory.WithDbAsync(db => db.Attendance.AsNoTracking().Where(e => e.ChildId == childId).ToListAsync());

    private Task<List<string>> HistoryAsync(Guid familyId) =>
        factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == familyId).OrderBy(e => e.Id).Select(e => e.Description).ToListAsync());

    private static async Task<HtmlPage> PressAndFollowAsync(PortalClient client, HtmlPage page, string label, Dictionary<string, string>? values = null)
    {
        var posted = await client.PressAsync(page, label, values);
        Assert.True(posted.Status == HttpStatusCode.Redirect, $"« {label} » answered {(int)posted.Status}: {string.Join(" ", posted.Errors)}");
        return await client.FollowAsync(posted);
    }

    [Fact]
    public async Task AnAgent_MarksPresent_ThenJustifiedWithReason_ThenUnjustified_EachInTheFamilysHistory()
    {
        var booked = await BookedAsync(await PastDayAsync(0));
        var name = booked.Child.ChildName;
        using var agent = await AgentAsync(factory);

        var sheet = await agent.GetAsync(booked.SheetUrl);
        Assert.Equal(HttpStatusCode.OK, sheet.Status);
        Assert.Contains(name, sheet.Text, StringComparison.Ordinal);
        Assert.Contains($"Pointage de {name} : Non pointé", Plain(sheet.Text), StringComparison.Ordinal);

        var present = await PressAndFollowAsync(agent, sheet, $"Présent : {name}");
        Assert.Contains($"{name} : Présent.", present.Text, StringComparison.Ordinal);
        var entry = Assert.Single(await EntriesAsync(booked.Child.ChildId));
        Assert.Equal((AttendanceMark.Present, null, Demo.AgentEmail, booked.UnitId, booked.Day), (entry.Mark, entry.Reason, entry.MarkedBy, entry.UnitId, entry.Date));

        var justified = await PressAndFollowAsync(agent, present, $"Absent justifié : {name}", new() { ["motif"] = "certificat médical" });
        Assert.Contains($"Pointage de {name} : Absent justifié (certificat médical)", Plain(justified.Text), StringComparison.Ordinal);
        entry = Assert.Single(await EntriesAsync(booked.Child.ChildId));
        Assert.Equal((AttendanceMark.AbsentJustified, "certificat médical"), (entry.Mark, entry.Reason));

        var unjustified = await PressAndFollowAsync(agent, justified, $"Absent non justifié : {name}");
        entry = Assert.Single(await EntriesAsync(booked.Child.ChildId));
        Assert.Equal((AttendanceMark.AbsentUnjustified, null), (entry.Mark, entry.Reason));
        Assert.Contains($"Pointage de {name} : Absent non justifié", Plain(unjustified.Text), StringComparison.Ordinal);

        var title = $"Pointage du {Day(booked.Day)}, Restaurant scolaire / Repas : {name}";
        Assert.Equal(
            [
                $"{title}, Non pointé → Présent.",
                $"{title}, Présent → Absent justifié (certificat médical).",
                $"{title}, Absent justifié (certificat médical) → Absent non justifié.",
            ],
            (await HistoryAsync(booked.Child.FamilyId)).Where(d => d.StartsWith("Pointage", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AJustifiedAbsence_WithoutReason_OrWithATooLongOne_IsRefusedInFrench_AndNothingIsSaved()
    {
        var booked = await BookedAsync(await PastDayAsync(1));
        var name = booked.Child.ChildName;
        using var agent = await AgentAsync(factory);
        var sheet = await agent.GetAsync(booked.SheetUrl);

        var empty = await agent.PressAsync(sheet, $"Absent justifié : {name}", new Dictionary<string, string> { ["motif"] = "   " });
        var tooLong = await agent.PressAsync(sheet, $"Absent justifié : {name}", new Dictionary<string, string> { ["motif"] = new string('a', AttendanceMarks.MaxReasonLength + 1) });

        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Contains($"Indiquez le motif de l'absence justifiée de {name} (par exemple : certificat médical).", empty.Errors);
        Assert.Equal("true", empty.Document.GetElementById($"motif-{booked.Child.ChildId:N}")?.GetAttribute("aria-invalid"));
        Assert.Equal(HttpStatusCode.OK, tooLong.Status);
        Assert.Contains($"Le motif de l'absence de {name} ne doit pas dépasser {AttendanceMarks.MaxReasonLength} caractères.", tooLong.Errors);
        Assert.Empty(await EntriesAsync(booked.Child.ChildId));
    }

    [Fact]
    public async Task TousPresents_MarksEveryExpectedChildNotMarkedYet_AndLeavesTheOthersAsTheyAre()
    {
        var day = await PastDayAsync(2);
        var first = await BookedAsync(day);
        var second = await BookedAsync(day);
        var absent = await BookedAsync(day);
        using var agent = await AgentAsync(factory);
        var sheet = await agent.GetAsync(first.SheetUrl);
        sheet = await PressAndFollowAsync(agent, sheet, $"Absent non justifié : {absent.Child.ChildName}");

        var all = await PressAndFollowAsync(agent, sheet, "Tous présents");

        Assert.Contains("2 enfant(s) pointé(s) présent(s).", all.Text, StringComparison.Ordinal);
        Assert.Equal(AttendanceMark.Present, Assert.Single(await EntriesAsync(first.Child.ChildId)).Mark);
        Assert.Equal(AttendanceMark.Present, Assert.Single(await EntriesAsync(second.Child.ChildId)).Mark);
        Assert.Equal(AttendanceMark.AbsentUnjustified, Assert.Single(await EntriesAsync(absent.Child.ChildId)).Mark);
        Assert.Contains($"Pointage du {Day(day)}, Restaurant scolaire / Repas : {second.Child.ChildName}, Non pointé → Présent (tous présents).", await HistoryAsync(second.Child.FamilyId));
        // Nothing left to mark: the button is gone.
        Assert.DoesNotContain(all.Document.QuerySelectorAll("main button"), b => b.TextContent.Trim() == "Tous présents");
    }

    [Fact]
    public async Task AChildWhoCameWithoutBooking_IsAddedPresent_InASectionOfItsOwn_AndCanBeTakenOff()
    {
        var day = await PastDayAsync(3);
        var booked = await BookedAsync(day);
        // Registered to the canteen, but not booked that day.
        var walkIn = await EnrolAsync(factory, Canteen);
        using var agent = await AgentAsync(factory);
        var sheet = await agent.GetAsync(booked.SheetUrl);
        Assert.Contains(sheet.Document.QuerySelectorAll("#enfant-inscrit option"), o => o.GetAttribute("value") == walkIn.ChildId.ToString());

        var added = await PressAndFollowAsync(agent, sheet, "Ajouter comme présent", new() { ["enfant"] = walkIn.ChildId.ToString() });

        Assert.Contains($"{walkIn.ChildName} : Présent (présence non prévue).", added.Text, StringComparison.Ordinal);
        var section = added.Document.GetElementById("titre-non-prevus")!.ParentElement!;
        Assert.Contains(walkIn.ChildName, section.TextContent, StringComparison.Ordinal);
        Assert.Equal(AttendanceMark.Present, Assert.Single(await EntriesAsync(walkIn.ChildId)).Mark);
        Assert.Contains($"Pointage du {Day(day)}, Restaurant scolaire / Repas : {walkIn.ChildName}, Non pointé → Présent (présence non prévue).", await HistoryAsync(walkIn.FamilyId));

        // Found by name, too: the search lists the children of active families not on the sheet.
        var other = await EnrolAsync(factory, Wednesday);
        var found = await agent.GetAsync($"{booked.SheetUrl}&recherche={Uri.EscapeDataString(other.ChildName.Split(' ')[0])}");
        Assert.Contains(found.Document.QuerySelectorAll("main button"), b => b.TextContent.Trim() == $"Ajouter présent : {other.ChildName}");

        var removed = await PressAndFollowAsync(agent, added, $"Retirer de la feuille : {walkIn.ChildName}");
        Assert.Contains($"{walkIn.ChildName} est retiré de la feuille.", removed.Text, StringComparison.Ordinal);
        Assert.Empty(await EntriesAsync(walkIn.ChildId));
    }

    [Fact]
    public async Task AFamilyAccount_CannotReachTheAttendancePages()
    {
        var booked = await BookedAsync(await PastDayAsync(4));
        using var family = factory.NewClient();
        await family.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);
        using var anonymous = factory.NewClient();

        foreach (var url in new[] { "/gestion/pointage", booked.SheetUrl })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await family.GetAsync(url)).Status);
            var sent = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, sent.Status);
            Assert.StartsWith("/gestion/connexion?ReturnUrl=", sent.Location, StringComparison.Ordinal);
        }

        var posted = await family.PostAsync("/gestion/pointage/feuille?handler=Mark", [new("activite", booked.ActivityId.ToString()), new("enfant", booked.Child.ChildId.ToString()), new("marque", "Present")]);
        Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
        Assert.Empty(await EntriesAsync(booked.Child.ChildId));
    }

    [Fact]
    public async Task TheSheetsPdf_ListsTheChildWithItsMark_UnderTheActivityAndTheDay_AndAFamilyGetsNone()
    {
        var booked = await BookedAsync(await PastDayAsync(9));
        using var agent = await AgentAsync(factory);
        var sheet = await agent.GetAsync(booked.SheetUrl);
        await PressAndFollowAsync(agent, sheet, $"Absent justifié : {booked.Child.ChildName}", new() { ["motif"] = "certificat médical" });
        var page = await agent.GetAsync(booked.SheetUrl);
        var link = page.Document.QuerySelectorAll("main a").Single(a => a.TextContent.Trim() == "Version PDF").GetAttribute("href")!;

        var response = await agent.Http.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = BillingTestData.PdfText(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains($"Restaurant scolaire — Repas — {FrenchDates.Day(booked.Day.DayOfWeek)} {Day(booked.Day)}", text, StringComparison.Ordinal);
        Assert.Contains(booked.Child.ChildName, text, StringComparison.Ordinal);
        Assert.Contains("Pointage : Absent justifié (certificat médical)", text, StringComparison.Ordinal);
        Assert.Contains("Présences non prévues (0)", text, StringComparison.Ordinal);
        Assert.Contains("page 1/1", text, StringComparison.Ordinal);

        using var family = factory.NewClient();
        await family.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);
        using var anonymous = factory.NewClient();
        var refused = await family.Http.GetAsync(link);
        var sent = await anonymous.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.NotEqual("application/pdf", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var wrongUnit = await agent.GetAsync($"/gestion/pointage/feuille/pdf?activite={booked.ActivityId}&unite={Guid.NewGuid()}&jour={booked.Day:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.Redirect, wrongUnit.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync(wrongUnit.Location!)).Status);

        // A day that cannot be read is explained on the sheet's page, in French.
        foreach (var (day, message) in new[] { ("31-02-2026", "Le jour de la feuille est illisible : ouvrez-la depuis la page Pointage."), ("9999-12-31", DateBounds.Message) })
        {
            var wrong = await agent.GetAsync($"/gestion/pointage/feuille/pdf?activite={booked.ActivityId}&unite={booked.UnitId}&jour={day}");
            Assert.Equal(HttpStatusCode.Redirect, wrong.Status);
            Assert.StartsWith("/gestion/pointage/feuille?", wrong.Location, StringComparison.Ordinal);
            var explained = await agent.GetAsync(wrong.Location!);
            Assert.Equal(HttpStatusCode.OK, explained.Status);
            Assert.Contains(message, explained.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ALongSheetsPdf_GoesOnSeveralNumberedPages()
    {
        var day = await PastDayAsync(10);
        var unitId = await UnitAsync(factory, Canteen);
        var activity = await factory.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Name == Canteen));
        var people = new List<AuthorisedPerson> { new("Paul DURAND", "0612345678", "Grand-père", MayPickUp: true, EmergencyContact: true) };
        var children = Enumerable.Range(1, 60)
            .Select(i => new SheetChild(Guid.NewGuid(), Guid.NewGuid(), "Enfant", $"Numéro{i:00}", 7, "École du Centre", "CE1", Diet.NoPork, "Allergie aux arachides, PAI", people, null, null, null, null, Invoiced: false))
            .ToList();
        var sheet = new AttendanceSheet(new SheetDay(activity, activity.Units.Single(u => u.Id == unitId), day), children, []);

        var pdf = factory.Services.GetRequiredService<AttendanceSheetPdf>().Draw(sheet);

        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        Assert.True(document.NumberOfPages > 1, $"{document.NumberOfPages} page(s)");
        var text = BillingTestData.PdfText(pdf);
        Assert.Contains("Enfant NUMÉRO60", text, StringComparison.Ordinal);
        Assert.Contains($"page {document.NumberOfPages}/{document.NumberOfPages}", text, StringComparison.Ordinal);
        Assert.Contains("Allergies, PAI : Allergie aux arachides, PAI", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnAnInvoicedDay_TheSheetSaysFacture_AndAChangeIsRefusedInFrench()
    {
        var day = await PastDayAsync(5);
        var markedThenBilled = await BookedAsync(day);
        var reservationBilled = await BookedAsync(day);
        using var agent = await AgentAsync(factory);
        var sheet = await agent.GetAsync(markedThenBilled.SheetUrl);
        sheet = await PressAndFollowAsync(agent, sheet, $"Présent : {markedThenBilled.Child.ChildName}");

        var first = await InvoiceAsync(markedThenBilled.Child.FamilyId, day);
        var second = await InvoiceAsync(reservationBilled.Child.FamilyId, day);
        await factory.WithDbAsync(db =>
        {
            db.BilledDays.AddRange(
                new BilledDay { ChildId = markedThenBilled.Child.ChildId, UnitId = markedThenBilled.UnitId, Date = day, InvoiceId = first },
                new BilledDay { ChildId = reservationBilled.Child.ChildId, UnitId = reservationBilled.UnitId, Date = day, InvoiceId = second });
            return db.SaveChangesAsync();
        });

        // From the page opened before the invoices: both changes are refused.
        var changed = await agent.PressAsync(sheet, $"Absent non justifié : {markedThenBilled.Child.ChildName}");
        var marked = await agent.PressAsync(sheet, $"Présent : {reservationBilled.Child.ChildName}");
        var all = await agent.PressAsync(sheet, "Tous présents");

        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Contains(changed.Errors, e => e.StartsWith($"Facturé : le pointage de {markedThenBilled.Child.ChildName} du {Day(day)} figure sur une facture", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, marked.Status);
        Assert.Contains(marked.Errors, e => e.StartsWith($"Facturé : le pointage de {reservationBilled.Child.ChildName}", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, all.Status);
        Assert.Contains("0 enfant(s) pointé(s) présent(s). 1 enfant(s) non pointé(s) : jour déjà facturé.", (await agent.FollowAsync(all)).Text, StringComparison.Ordinal);
        Assert.Equal(AttendanceMark.Present, Assert.Single(await EntriesAsync(markedThenBilled.Child.ChildId)).Mark);
        Assert.Empty(await EntriesAsync(reservationBilled.Child.ChildId));

        // A fresh sheet shows it, without the buttons of those children.
        var fresh = await agent.GetAsync(markedThenBilled.SheetUrl);
        Assert.Contains("Facturé", fresh.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(fresh.Document.QuerySelectorAll("main button"), b => b.TextContent.Trim().EndsWith(markedThenBilled.Child.ChildName, StringComparison.Ordinal));
        Assert.DoesNotContain(fresh.Document.QuerySelectorAll("main button"), b => b.TextContent.Trim().EndsWith(reservationBilled.Child.ChildName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task JoursNonPointes_ListsAPastDayWithABookingAndNoMark_AndDropsItOnceMarked()
    {
        var booked = await BookedAsync(await PastDayAsync(6));
        using var agent = await AgentAsync(factory);
        var link = booked.SheetUrl;

        var before = await agent.GetAsync("/gestion/pointage");
        Assert.Equal(HttpStatusCode.OK, before.Status);
        var row = Assert.Single(UnmarkedLinks(before), a => a == link);

        var sheet = await agent.GetAsync(row);
        await PressAndFollowAsync(agent, sheet, "Tous présents");

        var after = await agent.GetAsync("/gestion/pointage");
        Assert.DoesNotContain(link, UnmarkedLinks(after));
    }

    private static List<string> UnmarkedLinks(HtmlPage page) =>
        [.. page.Document.GetElementById("titre-non-pointes")!.ParentElement!.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!)];

    [Fact]
    public async Task TheDayPage_ListsTheUnitsOpenThatDay_WithTheirSheets_AndRefusesAWrongDate()
    {
        var booked = await BookedAsync(await PastDayAsync(7));
        using var agent = await AgentAsync(factory);

        var page = await agent.GetAsync($"/gestion/pointage?date={Day(booked.Day)}");
        var wrong = await agent.GetAsync("/gestion/pointage?date=31/02/2027");
        var outOfBounds = await agent.GetAsync("/gestion/pointage?date=01/01/2100");
        var sheetOutOfBounds = await agent.GetAsync($"/gestion/pointage/feuille?activite={booked.ActivityId}&unite={booked.UnitId}&jour=2100-01-01");

        Assert.Contains(page.Document.QuerySelectorAll("#titre-jour ~ * a"), a => a.GetAttribute("href") == booked.SheetUrl);
        Assert.Equal(HttpStatusCode.OK, wrong.Status);
        Assert.Contains("Saisissez le jour au format jj/mm/aaaa, par exemple 03/11/2026.", wrong.Errors);
        Assert.Contains(DateBounds.Message, outOfBounds.Errors);
        Assert.Equal(HttpStatusCode.OK, sheetOutOfBounds.Status);
        Assert.Contains(DateBounds.Message, sheetOutOfBounds.Errors);
    }

    [Fact]
    public async Task ADayToCome_IsShownToPrint_ButNotMarked()
    {
        var child = await EnrolAsync(factory, Canteen);
        var unitId = await UnitAsync(factory, Canteen);
        var day = (await OpenDaysAsync(factory, child.RegistrationId, 1, skip: 2))[0];
        await BookDirectlyAsync(factory, child, unitId, day);
        var booked = new Booked(child, child.ActivityId, unitId, day);
        using var agent = await AgentAsync(factory);
        var today = await agent.GetAsync($"/gestion/pointage/feuille?activite={booked.ActivityId}&unite={booked.UnitId}&jour={Clock(factory).Today:yyyy-MM-dd}");

        var sheet = await agent.GetAsync(booked.SheetUrl);
        var posted = await agent.SubmitAsync(today, new Dictionary<string, string>
        {
            ["jour"] = $"{day:yyyy-MM-dd}",
            ["enfant"] = child.ChildId.ToString(),
        }, "form[action*='handler=Add']");

        Assert.Equal(HttpStatusCode.OK, sheet.Status);
        Assert.Contains(child.ChildName, sheet.Text, StringComparison.Ordinal);
        Assert.Contains("On ne pointe pas un jour à venir.", sheet.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(sheet.Document.QuerySelectorAll("main button"), b => b.TextContent.Contains(child.ChildName, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Contains("On ne pointe pas un jour à venir.", posted.Errors);
        Assert.Empty(await EntriesAsync(child.ChildId));
    }

    [Fact]
    public async Task TwoAgentsMarkingTheSameChildAtOnce_LeaveOneMark_AndNeitherGetsAnError()
    {
        var day = await PastDayAsync(8);
        var other = await TestData.CreateStaffAsync(factory, Roles.Agent);
        for (var round = 0; round < 4; round++)
        {
            var booked = await BookedAsync(day);
            var name = booked.Child.ChildName;
            using var a = await AgentAsync(factory);
            using var b = factory.NewClient();
            await b.SignInStaffAsync(other.Email, other.Password);
            var pageA = await a.GetAsync(booked.SheetUrl);
            var pageB = await b.GetAsync(booked.SheetUrl);

            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var posts = new[] { (Client: a, Page: pageA, Label: $"Présent : {name}"), (Client: b, Page: pageB, Label: $"Absent non justifié : {name}") }
                .Select(p => Task.Run(async () =>
                {
                    await go.Task;
                    return await p.Client.PressAsync(p.Page, p.Label);
                }))
                .ToList();
            go.SetResult();
            var answers = await Task.WhenAll(posts);

            Assert.All(answers, answer => Assert.True(answer.Status == HttpStatusCode.Redirect, $"answered {(int)answer.Status}: {string.Join(" ", answer.Errors)}"));
            var entry = Assert.Single(await EntriesAsync(booked.Child.ChildId));
            Assert.Contains(entry.Mark, new[] { AttendanceMark.Present, AttendanceMark.AbsentUnjustified });
            // Both changes are in the history, the second from the first one's mark.
            var history = (await HistoryAsync(booked.Child.FamilyId)).Where(d => d.StartsWith("Pointage", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, history.Count);
            Assert.Single(history, d => d.Contains("Non pointé →", StringComparison.Ordinal));
        }
    }

    private static int _sequence;

    /// <summary>An invoice row of the family, as the monthly invoicing would issue it.</summary>
    private Task<Guid> InvoiceAsync(Guid familyId, DateOnly day) =>
        factory.WithDbAsync(async db =>
        {
            var sequence = 900_000 + Interlocked.Increment(ref _sequence) + (Random.Shared.Next(0, 9_000) * 10);
            var invoice = new Invoice
            {
                Id = Guid.NewGuid(),
                Number = $"{day.Year}-{sequence:000000}",
                Year = day.Year,
                Sequence = sequence,
                FamilyId = familyId,
                FamilyName = "Famille",
                FamilyAddress = "Adresse",
                Month = new DateOnly(day.Year, day.Month, 1),
                IssuedOn = Clock(factory).Today,
                DueOn = Clock(factory).Today.AddDays(30),
                IssuedAt = Clock(factory).UtcNow,
                IssuedBy = Demo.AgentEmail,
                Total = 0m,
            };
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync();
            return invoice.Id;
        });
}
