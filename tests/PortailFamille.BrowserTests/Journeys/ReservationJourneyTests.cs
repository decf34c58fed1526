using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PortailFamille.BrowserTests.Infrastructure;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Registrations;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Features.Reservations;
using PortailFamille.Web.Infrastructure.Time;
using PortailFamille.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using CatalogueActivity = PortailFamille.Domain.Catalogue.Activity;

namespace PortailFamille.BrowserTests.Journeys;

/// <summary>
/// "Mes réservations" from the click to the service's answer, in a real browser (docs/product.md 3.6,
/// 4.1–4.3): the family asks for days with one click each, without reloading the page; the
/// transfer sends them; an agent confirms them in manual mode; the family sees them green. A day
/// with one place ends waitlisted and is promoted once another family's cancellation is accepted.
/// Without JavaScript the same grid is a form of checkboxes. Each journey keeps to its own
/// Wednesdays of an activity of these journeys, in manual validation, made like the demo's
/// ALSH mercredi but running every Wednesday from today on, holidays included: the portal
/// keeps the real clock (the browser checks the cookies' expiry against it), and the demo's
/// school year has too few Wednesdays left from spring on. Each journey leaves nothing unsent.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ReservationJourneyTests(BrowserPortal portal)
{
    private const string Activity = "Mercredis du parcours";
    private const string DemoActivity = "ALSH mercredi";
    private const string Unit = "Matin";
    private const string Free = "Case libre";
    private const string Requested = "Demande de réservation (non encore envoyée)";
    private const string Confirmed = "Réservation validée";
    private const string Waitlisted = "Demande de réservation en attente (liste d'attente)";
    private const string CancellationRequested = "Demande d'annulation (non encore envoyée)";

    [Fact]
    public async Task FamilyClicksThreeDaysAndWithdrawsOne_TransferSendsTwo_AgentConfirms_FamilySeesThemGreen()
    {
        var axe = new AxeAudit();
        var plan = await PlanAsync();
        var month = plan.Month(0);
        var days = plan.Wednesdays(month).Take(3).ToList();
        Assert.True(days.Count == 3, $"Il faut trois mercredis réservables en {month:yyyy-MM}.");
        var hugo = await DemoHugoAsync();

        // The family, with JavaScript: each click is saved at once.
        await using var home = await portal.NewContextAsync(width: 1280, height: 900);
        var familyProblems = PageProblems.Watch(home, portal.PublicUrl);
        var family = await home.NewPageAsync();
        family.SetDefaultTimeout(15000);
        await family.GotoAsync("/");
        await Journey.FillFamilySignInAsync(family, Demo.FamilyEmail, Demo.FamilyPassword);
        await Expect(family).ToHaveURLAsync(portal.Url("/famille"));
        await family.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Mes inscriptions" }).ClickAsync();
        await family.GetByRole(AriaRole.Navigation, new() { Name = "Choix de l'enfant" }).GetByRole(AriaRole.Link, new() { Name = hugo.ChildName }).ClickAsync();
        var inProgress = family.GetByRole(AriaRole.Region, new() { Name = "Inscriptions en cours" });
        await Expect(inProgress).ToContainTextAsync(Activity);
        await axe.CheckAsync(family, "/famille/inscriptions?enfant=… (Hugo)");
        await inProgress.GetByRole(AriaRole.Row).Filter(new() { HasText = Activity }).GetByRole(AriaRole.Link, new() { Name = "Mes réservations" }).ClickAsync();
        await Expect(family).ToHaveURLAsync(new Regex("/famille/reservations/" + hugo.RegistrationId));
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Mes réservations — Hugo", Level = 1 })).ToBeVisibleAsync();

        // "Mois suivant" up to the month of the three Wednesdays.
        var title = family.Locator("#mois-affiche");
        for (var shown = plan.Today; shown.Year != month.Year || shown.Month != month.Month; shown = shown.AddMonths(1))
        {
            await family.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Mois suivant") }).ClickAsync();
            await Expect(title).ToHaveTextAsync(MonthTitle(shown.AddMonths(1)));
        }

        foreach (var day in days)
        {
            await ExpectCellAsync(family, day, hugo.UnitId, "cell--free", Free);
        }

        await axe.CheckAsync(family, "/famille/reservations (JavaScript, mois vide)");

        // A mark left in the page survives only if no click reloads it.
        await family.EvaluateAsync("() => { window.portailMarque = 42; }");
        foreach (var day in days)
        {
            await CellButton(family, day, Free).ClickAsync();
            await ExpectCellAsync(family, day, hugo.UnitId, "cell--requested", Requested);
            // The live region names the day and the unit that changed.
            await Expect(family.Locator("#annonce")).ToHaveTextAsync($"Enregistré : {CalendarCells.DayAndMonth(day)}, {Unit} : demandé.");
            // The focus stays on the cell just changed, for a keyboard user.
            await Expect(CellButton(family, day, Requested)).ToBeFocusedAsync();
        }

        await CellButton(family, days[2], Requested).ClickAsync();
        await ExpectCellAsync(family, days[2], hugo.UnitId, "cell--free", Free);
        await Expect(family.Locator("#annonce")).ToHaveTextAsync($"Enregistré : {CalendarCells.DayAndMonth(days[2])}, {Unit} : demande retirée.");
        Assert.Equal(42, await family.EvaluateAsync<int>("() => window.portailMarque"));
        await axe.CheckAsync(family, "/famille/reservations (JavaScript, 1280 px)");
        await Artifacts.ScreenshotAsync(family, "reservations-calendrier-demandes-1280");

        // The same month on a phone: the grid scrolls in its own box, the page fits the screen.
        await using (var phone = await portal.NewContextAsync(width: 390, height: 844, phone: true))
        {
            var phoneProblems = PageProblems.Watch(phone, portal.PublicUrl);
            var small = await phone.NewPageAsync();
            small.SetDefaultTimeout(15000);
            await small.GotoAsync("/");
            await Journey.FillFamilySignInAsync(small, Demo.FamilyEmail, Demo.FamilyPassword);
            await Expect(small).ToHaveURLAsync(portal.Url("/famille"));
            await small.GotoAsync(CalendarUrl(hugo.RegistrationId, month));
            await ExpectCellAsync(small, days[0], hugo.UnitId, "cell--requested", Requested);
            await Artifacts.ScreenshotAsync(small, "reservations-calendrier-demandes-390");
            await axe.CheckAsync(small, "/famille/reservations (JavaScript, 390 px)");
            await Journey.AssertFitsTheScreenAsync(small, "/famille/reservations (390 px)");
            phoneProblems.AssertNone();
        }

        // The agent sends them by hand and confirms them, in manual mode.
        await using var office = await portal.NewContextAsync(width: 1280, height: 900);
        var officeProblems = PageProblems.Watch(office, portal.PublicUrl);
        var agent = await office.NewPageAsync();
        agent.SetDefaultTimeout(15000);
        await Journey.SignInAgentAsync(agent, portal, axe);
        await RunTransferAsync(agent, axe, requestsSent: 2, cancellationsSent: 0);
        foreach (var day in days.Take(2))
        {
            await OpenDayAsync(agent, axe, day);
            var unit = agent.GetByRole(AriaRole.Region, new() { Name = Unit, Exact = true });
            await Expect(unit.GetByRole(AriaRole.Heading, new() { Name = "Demandes envoyées (1)" })).ToBeVisibleAsync();
            await unit.GetByRole(AriaRole.Button, new() { Name = $"Valider la demande de {hugo.ChildName} ({Unit})", Exact = true }).ClickAsync();
            await Expect(agent.GetByRole(AriaRole.Status).Filter(new() { HasText = "Résultat des décisions" }))
                .ToContainTextAsync($"{hugo.ChildName}, {Unit} du {ParisClock.FormatDate(day)} : réservation validée.");
            await Expect(unit.GetByRole(AriaRole.Heading, new() { Name = "Demandes envoyées (0)" })).ToBeVisibleAsync();
            await axe.CheckAsync(agent, $"/gestion/reservations ({ParisClock.FormatDate(day)}, validée)");
        }

        // The family reloads its calendar: the two days are green, the third is still free.
        await family.ReloadAsync();
        await ExpectCellAsync(family, days[0], hugo.UnitId, "cell--confirmed", Confirmed);
        await ExpectCellAsync(family, days[1], hugo.UnitId, "cell--confirmed", Confirmed);
        await ExpectCellAsync(family, days[2], hugo.UnitId, "cell--free", Free);
        await Expect(Cell(family, days[0], hugo.UnitId)).ToHaveCSSAsync("background-color", "rgb(27, 122, 52)");
        await axe.CheckAsync(family, "/famille/reservations (réservations validées)");
        await Artifacts.ScreenshotAsync(family, "reservations-calendrier-validees-1280");

        axe.AssertNoSeriousViolation();
        familyProblems.AssertNone();
        officeProblems.AssertNone();
    }

    [Fact]
    public async Task FullDay_SecondFamilyIsWaitlisted_AndGetsThePlaceWhenTheFirstFamilysCancellationIsAccepted()
    {
        var axe = new AxeAudit();
        var plan = await PlanAsync();
        var day = plan.Wednesdays(plan.Month(1)).First();
        var first = await FamilyWithWednesdaysAsync("Premiere", "Alix");
        var second = await FamilyWithWednesdaysAsync("Seconde", "Basile");
        // One place that day: an agent's per-date capacity, as the catalogue keeps it.
        await portal.WithDbAsync(async db =>
        {
            var activity = await db.Activities.FirstAsync(a => a.Name == Activity);
            Check(activity.SetCapacityOn(first.UnitId, day, 1));
            return await db.SaveChangesAsync();
        });

        await using var firstHome = await portal.NewContextAsync(width: 1280, height: 900);
        await using var secondHome = await portal.NewContextAsync(width: 1280, height: 900);
        await using var office = await portal.NewContextAsync(width: 1280, height: 900);
        var problems = new[] { PageProblems.Watch(firstHome, portal.PublicUrl), PageProblems.Watch(secondHome, portal.PublicUrl), PageProblems.Watch(office, portal.PublicUrl) };
        var alix = await OpenCalendarAsync(firstHome, first, day);
        var basile = await OpenCalendarAsync(secondHome, second, day);

        // Both ask for the same morning, the first family first.
        await CellButton(alix, day, Free).ClickAsync();
        await ExpectCellAsync(alix, day, first.UnitId, "cell--requested", Requested);
        await CellButton(basile, day, Free).ClickAsync();
        await ExpectCellAsync(basile, day, second.UnitId, "cell--requested", Requested);

        var agent = await office.NewPageAsync();
        agent.SetDefaultTimeout(15000);
        await Journey.SignInAgentAsync(agent, portal, axe);
        await RunTransferAsync(agent, axe, requestsSent: 2, cancellationsSent: 0);
        await OpenDayAsync(agent, axe, day);
        var unit = agent.GetByRole(AriaRole.Region, new() { Name = Unit, Exact = true });
        await Expect(unit.GetByRole(AriaRole.Definition).First).ToHaveTextAsync("1");
        await unit.GetByRole(AriaRole.Button, new() { Name = $"Valider la demande de {first.ChildName} ({Unit})", Exact = true }).ClickAsync();
        var results = agent.GetByRole(AriaRole.Status).Filter(new() { HasText = "Résultat des décisions" });
        await Expect(results).ToContainTextAsync($"{first.ChildName}, {Unit} du {ParisClock.FormatDate(day)} : réservation validée.");
        await unit.GetByRole(AriaRole.Button, new() { Name = $"Valider la demande de {second.ChildName} ({Unit})", Exact = true }).ClickAsync();
        await Expect(results).ToContainTextAsync($"{second.ChildName}, {Unit} du {ParisClock.FormatDate(day)} : Complet : mise en liste d'attente.");
        await Expect(unit.GetByRole(AriaRole.Heading, new() { Name = "Liste d'attente (1)" })).ToBeVisibleAsync();
        await Expect(unit.GetByRole(AriaRole.Region, new() { Name = $"Liste d'attente, {Unit}" })).ToContainTextAsync(second.ChildName);
        await axe.CheckAsync(agent, "/gestion/reservations (jour complet, liste d'attente)");

        // The second family is first on the waiting list; the first family asks to cancel.
        await basile.ReloadAsync();
        await ExpectCellAsync(basile, day, second.UnitId, "cell--waitlisted", $"{Waitlisted} — n° 1 en liste d'attente");
        await Expect(Cell(basile, day, second.UnitId)).ToContainTextAsync("n°1");
        await axe.CheckAsync(basile, "/famille/reservations (liste d'attente)");
        await alix.ReloadAsync();
        await ExpectCellAsync(alix, day, first.UnitId, "cell--confirmed", Confirmed);
        await CellButton(alix, day, Confirmed).ClickAsync();
        await ExpectCellAsync(alix, day, first.UnitId, "cell--cancel-requested", CancellationRequested);
        await Expect(alix.Locator("#annonce")).ToHaveTextAsync($"Enregistré : {CalendarCells.DayAndMonth(day)}, {Unit} : annulation demandée.");
        await axe.CheckAsync(alix, "/famille/reservations (demande d'annulation)");

        // The agent accepts the cancellation, then gives the freed place to the waiting list.
        await RunTransferAsync(agent, axe, requestsSent: 0, cancellationsSent: 1);
        await OpenDayAsync(agent, axe, day);
        await unit.GetByRole(AriaRole.Button, new() { Name = $"Accepter l'annulation de {first.ChildName} ({Unit})", Exact = true }).ClickAsync();
        await Expect(results).ToContainTextAsync($"{first.ChildName}, {Unit} du {ParisClock.FormatDate(day)} : annulation acceptée, la place est libérée.");
        var give = unit.GetByRole(AriaRole.Button, new() { Name = $"Attribuer la place à {second.ChildName} ({Unit})", Exact = true });
        await Expect(give).ToBeVisibleAsync();
        await axe.CheckAsync(agent, "/gestion/reservations (place libérée)");
        await give.ClickAsync();
        await Expect(results).ToContainTextAsync($"{second.ChildName}, {Unit} du {ParisClock.FormatDate(day)} : place attribuée, réservation validée.");
        await Expect(unit.GetByRole(AriaRole.Heading, new() { Name = "Liste d'attente (0)" })).ToBeVisibleAsync();

        await basile.ReloadAsync();
        await ExpectCellAsync(basile, day, second.UnitId, "cell--confirmed", Confirmed);
        await alix.ReloadAsync();
        await ExpectCellAsync(alix, day, first.UnitId, "cell--free", Free);

        axe.AssertNoSeriousViolation();
        foreach (var problem in problems)
        {
            problem.AssertNone();
        }
    }

    // Without JavaScript the page runs no script, axe included: axe checks the same markup above.
    [Fact]
    public async Task WithoutJavaScript_FamilyTicksTwoDaysAndSaves_ThenWithdrawsThem()
    {
        var plan = await PlanAsync();
        var month = plan.Month(2);
        var days = plan.Wednesdays(month).Take(2).ToList();
        Assert.True(days.Count == 2, $"Il faut deux mercredis réservables en {month:yyyy-MM}.");
        var hugo = await DemoHugoAsync();

        await using var home = await portal.NewContextAsync(width: 1280, height: 900, javaScript: false);
        var problems = PageProblems.Watch(home, portal.PublicUrl);
        var family = await home.NewPageAsync();
        family.SetDefaultTimeout(15000);
        await family.GotoAsync("/");
        await Journey.FillFamilySignInAsync(family, Demo.FamilyEmail, Demo.FamilyPassword);
        await Expect(family).ToHaveURLAsync(portal.Url("/famille"));
        await family.GotoAsync(CalendarUrl(hugo.RegistrationId, month));
        await Expect(family.Locator("#mois-affiche")).ToHaveTextAsync(MonthTitle(month));
        var save = family.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true });

        foreach (var day in days)
        {
            await family.GetByRole(AriaRole.Checkbox, new() { Name = $"{CalendarCells.LongDay(day)}, {Unit} : {Free} — cocher pour demander ce jour", Exact = true }).CheckAsync();
        }

        await save.ClickAsync();
        var result = family.GetByRole(AriaRole.Status).Filter(new() { HasText = "demandés" });
        await Expect(result.Locator("p")).ToHaveTextAsync("2 jours demandés.");
        await Expect(result.GetByRole(AriaRole.Listitem)).ToHaveTextAsync([.. days.Select(d => $"{CalendarCells.DayAndMonth(d)}, {Unit} : demandé")]);
        foreach (var day in days)
        {
            await ExpectCellAsync(family, day, hugo.UnitId, "cell--requested", Requested);
        }

        await Artifacts.ScreenshotAsync(family, "reservations-calendrier-sans-javascript-1280");

        // Ticking them again withdraws them: nothing is left for another journey's transfer.
        foreach (var day in days)
        {
            await family.GetByRole(AriaRole.Checkbox, new() { Name = $"{CalendarCells.LongDay(day)}, {Unit} : {Requested} — cocher pour retirer la demande", Exact = true }).CheckAsync();
        }

        await save.ClickAsync();
        await Expect(family.GetByRole(AriaRole.Status).Filter(new() { HasText = "retirées" }).Locator("p")).ToHaveTextAsync("2 demandes retirées.");
        foreach (var day in days)
        {
            await ExpectCellAsync(family, day, hugo.UnitId, "cell--free", Free);
        }

        problems.AssertNone();
    }

    /// <summary>
    /// A month of 31 days fits a desktop screen without scrolling sideways: neither the page
    /// nor the grid's own box scrolls, and every day is in view. On a phone the grid keeps only
    /// the days the activity runs and scrolls inside its box; the page still fits the screen.
    /// </summary>
    [Fact]
    public async Task AMonthOf31Days_FitsDesktopScreens_AndScrollsInsideItsBoxOnAPhone()
    {
        var axe = new AxeAudit();
        var plan = await PlanAsync();
        var hugo = await DemoHugoAsync();
        var month = new DateOnly(plan.Today.Year, plan.Today.Month, 1);
        while (DateTime.DaysInMonth(month.Year, month.Month) != 31)
        {
            month = month.AddMonths(1);
        }

        foreach (var width in new[] { 1280, 1440, 1920 })
        {
            await using var context = await portal.NewContextAsync(width: width, height: 900);
            var problems = PageProblems.Watch(context, portal.PublicUrl);
            var page = await SignedInCalendarAsync(context, hugo, month);
            await Expect(page.Locator(".booking-table thead th.day")).ToHaveCountAsync(31);

            var fit = await page.EvaluateAsync<int[]>("""
                () => {
                    const box = document.querySelector('.booking__scroll');
                    const last = [...document.querySelectorAll('.booking-table thead th.day')].pop();
                    const cut = [...document.querySelectorAll('.booking-table .mini-button, .booking-table .cell__code')]
                        .filter(e => e.scrollWidth > e.clientWidth + 1 && e.offsetParent !== null).length;
                    const narrowest = Math.min(...[...document.querySelectorAll('.booking-table .cell__hit')].map(e => e.getBoundingClientRect().width));
                    return [document.documentElement.scrollWidth, document.documentElement.clientWidth, box.scrollWidth, box.clientWidth,
                        Math.ceil(last.getBoundingClientRect().right), Math.floor(box.getBoundingClientRect().right), cut, Math.floor(narrowest)];
                }
                """);
            Assert.True(fit[0] <= fit[1], $"{width} px : la page fait {fit[0]} px de large pour {fit[1]} px visibles.");
            Assert.True(fit[2] <= fit[3], $"{width} px : la grille fait {fit[2]} px dans une boîte de {fit[3]} px : elle défile.");
            Assert.True(fit[4] <= fit[5], $"{width} px : le dernier jour finit à {fit[4]} px, la boîte à {fit[5]} px.");
            Assert.True(fit[6] == 0, $"{width} px : {fit[6]} bouton(s) ou code(s) de case coupé(s).");
            Assert.True(fit[7] >= 24, $"{width} px : une case fait {fit[7]} px de large, moins que les 24 px d'une cible (WCAG 2.5.8).");
            await axe.CheckAsync(page, $"/famille/reservations (31 jours, {width} px)");
            await Artifacts.ScreenshotAsync(page, $"reservations-mois-31-jours-{width}");
            problems.AssertNone();
        }

        await using (var phone = await portal.NewContextAsync(width: 390, height: 844, phone: true))
        {
            var problems = PageProblems.Watch(phone, portal.PublicUrl);
            var page = await SignedInCalendarAsync(phone, hugo, month);
            var wednesdays = Enumerable.Range(1, 31).Select(d => month.AddDays(d - 1)).Count(d => d.DayOfWeek == DayOfWeek.Wednesday);
            var shown = await page.Locator(".booking-table thead th.day:visible").CountAsync();
            Assert.InRange(shown, 1, wednesdays);
            await Journey.AssertFitsTheScreenAsync(page, "/famille/reservations (31 jours, 390 px)");
            await axe.CheckAsync(page, "/famille/reservations (31 jours, 390 px)");
            await Artifacts.ScreenshotAsync(page, "reservations-mois-31-jours-390");
            problems.AssertNone();
        }

        axe.AssertNoSeriousViolation();
    }

    /// <summary>"Transferts": the table of the runs fits a desktop screen, every column in view.</summary>
    [Fact]
    public async Task TheTransfersTable_FitsDesktopScreens()
    {
        var axe = new AxeAudit();
        foreach (var width in new[] { 1280, 1440, 1920 })
        {
            await using var context = await portal.NewContextAsync(width: width, height: 900);
            var problems = PageProblems.Watch(context, portal.PublicUrl);
            var agent = await context.NewPageAsync();
            agent.SetDefaultTimeout(15000);
            await Journey.SignInAgentAsync(agent, portal, axe);
            await agent.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Transferts", Exact = true }).ClickAsync();
            await Expect(agent).ToHaveURLAsync(portal.Url("/gestion/reservations/transferts"));
            if (width == 1280)
            {
                await agent.GetByRole(AriaRole.Button, new() { Name = "Lancer le transfert maintenant" }).ClickAsync();
                await Expect(agent.GetByRole(AriaRole.Status)).ToContainTextAsync("Le transfert est terminé");
            }

            var table = agent.GetByRole(AriaRole.Region, new() { Name = "Transferts effectués" });
            await Expect(table).ToBeVisibleAsync();
            var fit = await table.EvaluateAsync<int[]>("box => [document.documentElement.scrollWidth, document.documentElement.clientWidth, box.scrollWidth, box.clientWidth]");
            Assert.True(fit[0] <= fit[1], $"{width} px : la page fait {fit[0]} px de large pour {fit[1]} px visibles.");
            Assert.True(fit[2] <= fit[3], $"{width} px : le tableau des transferts fait {fit[2]} px dans une boîte de {fit[3]} px : il est coupé.");
            await axe.CheckAsync(agent, $"/gestion/reservations/transferts ({width} px)");
            await Artifacts.ScreenshotAsync(agent, $"transferts-{width}");
            problems.AssertNone();
        }

        axe.AssertNoSeriousViolation();
    }

    /// <summary>
    /// The keyboard focus is seen on every colour a calendar cell takes and on every control of
    /// the page (WCAG 1.4.11, 2.4.7): each focus ring has a colour with a contrast of 3:1 at
    /// least against the cell, the control and what is around it.
    /// </summary>
    [Fact]
    public async Task TheFocusRing_Contrasts3To1_WithEveryCellColour_AndAroundEveryControl()
    {
        var plan = await PlanAsync();
        var hugo = await DemoHugoAsync();
        var month = plan.Month(0);
        var day = plan.Wednesdays(month).First();
        await using var context = await portal.NewContextAsync(width: 1280, height: 900);
        var problems = PageProblems.Watch(context, portal.PublicUrl);
        var page = await SignedInCalendarAsync(context, hugo, month);
        var failures = new List<string>();

        // One cell takes each colour in turn, focused from the keyboard.
        var cell = Cell(page, day, hugo.UnitId);
        var states = CalendarCells.LegendOrder.Select(CalendarCells.CssClass).Append("cell--grey").ToList();
        foreach (var state in states)
        {
            await cell.EvaluateAsync("(td, state) => { td.className = 'cell ' + state; }", state);
            await page.Keyboard.PressAsync("Shift");
            await cell.Locator("button.cell__hit").FocusAsync();
            failures.AddRange(Check(await FocusOfAsync(page), state));
        }

        // Every control of the page, in the order Tab reaches them; then a form of the family.
        await page.ReloadAsync();
        failures.AddRange(await TabThroughAsync(page, "/famille/reservations"));
        await page.GotoAsync("/famille/coordonnees/modifier");
        failures.AddRange(await TabThroughAsync(page, "/famille/coordonnees/modifier"));

        // The home page, before signing in.
        await using var visitor = await portal.NewContextAsync(width: 1280, height: 900);
        var home = await visitor.NewPageAsync();
        await home.GotoAsync("/");
        failures.AddRange(await TabThroughAsync(home, "/"));

        // The back office too, whose menu sits on the blue header.
        await using var office = await portal.NewContextAsync(width: 1280, height: 900);
        var agent = await office.NewPageAsync();
        await Journey.SignInAgentAsync(agent, portal, new AxeAudit());
        await agent.GotoAsync("/gestion/reservations/transferts");
        failures.AddRange(await TabThroughAsync(agent, "/gestion/reservations/transferts"));

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        problems.AssertNone();
    }

    private sealed class Focus
    {
        public string Name { get; set; } = "";

        public string OutlineStyle { get; set; } = "";

        public double OutlineWidth { get; set; }

        public string OutlineColor { get; set; } = "";

        public string Shadow { get; set; } = "";

        public string Own { get; set; } = "";

        public string Around { get; set; } = "";
    }

    private const string FocusScript = """
        () => {
            const e = document.activeElement;
            if (!e || e === document.body) return null;
            const solid = c => c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c);
            const backdrop = from => {
                for (let a = from; a; a = a.parentElement) {
                    const c = getComputedStyle(a).backgroundColor;
                    if (solid(c)) return c;
                }
                return 'rgb(255, 255, 255)';
            };
            const s = getComputedStyle(e);
            const name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' « ' + ((e.getAttribute('aria-label') || e.textContent || e.value || '').trim().replace(/\s+/g, ' ').slice(0, 50)) + ' »';
            return { name, outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), outlineColor: s.outlineColor,
                shadow: s.boxShadow, own: backdrop(e), around: backdrop(e.parentElement) };
        }
        """;

    private static Task<Focus?> FocusOfAsync(IPage page) => page.EvaluateAsync<Focus?>(FocusScript);

    /// <summary>Presses Tab until the focus comes back to the first control, checking each ring.</summary>
    private static async Task<List<string>> TabThroughAsync(IPage page, string where)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>();
        for (var i = 0; i < 120; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await FocusOfAsync(page) is not { } focus)
            {
                continue;
            }

            var key = await page.EvaluateAsync<string>("() => { const e = document.activeElement; const r = e.getBoundingClientRect(); return e.tagName + '|' + (e.id || '') + '|' + Math.round(r.left + window.scrollX) + '|' + Math.round(r.top + window.scrollY); }");
            if (!seen.Add(key))
            {
                break;
            }

            failures.AddRange(Check(focus, where));
        }

        Assert.True(seen.Count > 5, $"{where} : Tab n'a atteint que {seen.Count} élément(s).");
        return failures;
    }

    /// <summary>
    /// A ring is seen (an outline of 2 px at least) and one of its colours contrasts 3:1 with the
    /// control and with what surrounds it; a ring of two colours keeps them 9:1 apart, so that
    /// one of them always stands out (WCAG technique C40).
    /// </summary>
    private static IEnumerable<string> Check(Focus? focus, string where)
    {
        if (focus is null)
        {
            yield return $"{where} : rien n'a le focus.";
            yield break;
        }

        if (focus.OutlineStyle == "none" || focus.OutlineWidth < 2)
        {
            yield return $"{where}, {focus.Name} : pas d'anneau de focus visible ({focus.OutlineStyle} {focus.OutlineWidth} px).";
            yield break;
        }

        var ring = new List<string> { focus.OutlineColor };
        if (ContrastRatio.FirstColour(focus.Shadow) is { } shadow)
        {
            ring.Add(shadow);
            var apart = ContrastRatio.Ratio(focus.OutlineColor, shadow);
            if (apart < 9)
            {
                yield return $"{where}, {focus.Name} : les deux couleurs de l'anneau ({focus.OutlineColor}, {shadow}) n'ont que {apart:0.00}:1 entre elles.";
            }
        }

        foreach (var (against, colour) in new[] { ("la commande", focus.Own), ("son entourage", focus.Around) })
        {
            var best = ring.Max(r => ContrastRatio.Ratio(r, colour));
            if (best < 3)
            {
                yield return $"{where}, {focus.Name} : anneau {string.Join(" + ", ring)} à {best:0.00}:1 contre {against} ({colour}).";
            }
        }
    }

    /// <summary>Signs the demo family in and opens Hugo's calendar of the journeys' activity at <paramref name="month"/>.</summary>
    private async Task<IPage> SignedInCalendarAsync(IBrowserContext context, Booker hugo, DateOnly month)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15000);
        await page.GotoAsync("/");
        await Journey.FillFamilySignInAsync(page, Demo.FamilyEmail, Demo.FamilyPassword);
        await Expect(page).ToHaveURLAsync(portal.Url("/famille"));
        await page.GotoAsync(CalendarUrl(hugo.RegistrationId, month));
        await Expect(page.Locator("#mois-affiche")).ToHaveTextAsync(MonthTitle(month));
        return page;
    }

    /// <summary>The Wednesdays of the journeys' activity a family may still change, with a day to spare, by month.</summary>
    private sealed record Plan(DateOnly Today, IReadOnlyList<DateOnly> Open)
    {
        /// <summary>The <paramref name="n"/>-th month, from now on, with at least three such Wednesdays.</summary>
        public DateOnly Month(int n)
        {
            var months = Open.GroupBy(d => new DateOnly(d.Year, d.Month, 1)).Where(g => g.Count() >= 3).Select(g => g.Key).ToList();
            Assert.True(months.Count > n, $"Pas assez de mois de mercredis réservables après le {Today:dd/MM/yyyy}.");
            return months[n];
        }

        public IEnumerable<DateOnly> Wednesdays(DateOnly month) => Open.Where(d => d.Year == month.Year && d.Month == month.Month);
    }

    private async Task<Plan> PlanAsync()
    {
        await EnsureActivityAsync();
        using var scope = portal.Services.CreateScope();
        var clock = scope.ServiceProvider.GetRequiredService<ParisClock>();
        var commune = scope.ServiceProvider.GetRequiredService<CommuneCalendar>();
        var db = scope.ServiceProvider.GetRequiredService<PortailFamille.Web.Data.AppDbContext>();
        var activity = await db.Activities.AsNoTracking().FirstAsync(a => a.Name == Activity);
        var period = await db.Periods.AsNoTracking().FirstAsync(p => p.ActivityId == activity.Id);
        var calendar = await commune.WorkingDaysAsync(CancellationToken.None);
        var holidays = await commune.SchoolHolidaysAsync(CancellationToken.None);
        // Not a public holiday, and a day later than now: the journey must not cross a deadline while it runs.
        var margin = clock.Now.DateTime.AddDays(1);
        var open = period.Dates.Days()
            .Where(d => d > clock.Today
                && OpeningDays.IsOpen(d, period.Dates, activity.Weekdays, activity.SchoolTimeRule, holidays, calendar)
                && activity.Deadline.Allows(margin, d, calendar))
            .ToList();
        return new Plan(clock.Today, open);
    }

    /// <summary>
    /// Once per portal: the journeys' activity, like the demo's ALSH mercredi (same type, units,
    /// tariffs and ages, manual validation) but on every Wednesday, school time or not, over a
    /// period from today to 200 days ahead whose registrations are open, and the demo family's
    /// Hugo validated on it, without semaine type. The browser journeys run one at a time.
    /// </summary>
    private async Task EnsureActivityAsync()
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortailFamille.Web.Data.AppDbContext>();
        if (await db.Activities.AnyAsync(a => a.Name == Activity))
        {
            return;
        }

        var clock = scope.ServiceProvider.GetRequiredService<ParisClock>();
        var today = clock.Today;
        var model = await db.Activities.AsNoTracking().FirstAsync(a => a.Name == DemoActivity);
        var activity = Check(CatalogueActivity.Create(
            model.ActivityTypeId,
            Activity,
            [DayOfWeek.Wednesday],
            SchoolTimeRule.Always,
            model.Units.OrderBy(u => u.DisplayOrder).Select(u => new UnitDefinition(u.Name, u.Start, u.End, u.IsMeal, u.Capacity))));
        Assert.Equal(ValidationMode.Manual, activity.ValidationMode);
        Assert.Equal(["Matin", "Repas", "Après-midi"], activity.Units.OrderBy(u => u.DisplayOrder).Select(u => u.Name));
        Check(activity.SetAgeLimits(model.MinAge, model.MaxAge));
        var unitByName = activity.Units.ToDictionary(u => u.Name, u => u.Id);
        var unitNameOf = model.Units.ToDictionary(u => u.Id, u => u.Name);
        Check(activity.SetTariffs(model.Tariffs.Select(t => t with { UnitId = unitByName[unitNameOf[t.UnitId]] })));
        var period = Check(Period.Create(activity.Id, $"{Activity} {today.Year}", today, today.AddDays(200), today.AddDays(-1), today.AddDays(200)));
        db.Activities.Add(activity);
        db.Periods.Add(period);

        var familyId = await db.Users.Where(u => u.Email == Demo.FamilyEmail).Select(u => u.FamilyId).FirstAsync();
        var hugo = await db.Children.AsNoTracking().FirstAsync(c => c.FamilyId == familyId && c.FirstName == "Hugo");
        var registration = Check(Registration.Request(
            hugo.FamilyId, hugo.Id, hugo.FirstName, hugo.BirthDate, activity, period, period.Start, period.End,
            WeeklyPattern.Empty, [], today, clock.UtcNow));
        Check(registration.Validate(clock.UtcNow));
        db.Registrations.Add(registration);
        await db.SaveChangesAsync();
    }

    private sealed record Booker(TestAccount Account, Guid RegistrationId, Guid UnitId, string ChildName);

    /// <summary>The demo family's validated registration of Hugo to the journeys' activity.</summary>
    private async Task<Booker> DemoHugoAsync() =>
        await portal.WithDbAsync(async db =>
        {
            var activity = await db.Activities.AsNoTracking().FirstAsync(a => a.Name == Activity);
            var familyId = await db.Users.Where(u => u.Email == Demo.FamilyEmail).Select(u => u.FamilyId).FirstAsync();
            var hugo = await db.Children.AsNoTracking().FirstAsync(c => c.FamilyId == familyId && c.FirstName == "Hugo");
            var registration = await db.Registrations.AsNoTracking().FirstAsync(r => r.ChildId == hugo.Id && r.ActivityId == activity.Id);
            var account = new TestAccount(Guid.Empty, Demo.FamilyEmail, Demo.FamilyPassword, hugo.FamilyId);
            return new Booker(account, registration.Id, activity.Units.Single(u => u.Name == Unit).Id, $"Hugo {hugo.LastName.ToUpperInvariant()}");
        });

    /// <summary>A new family whose child has a validated registration to the journeys' activity for its period, without semaine type.</summary>
    private async Task<Booker> FamilyWithWednesdaysAsync(string lastName, string firstName)
    {
        // Letters only, as the child form accepts; unique, so that each run has its own children.
        lastName += string.Concat(Guid.NewGuid().ToString("N")[..6].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
        var clock = portal.Services.GetRequiredService<ParisClock>();
        var account = await TestData.CreateFamilyAsync(portal, lastName, (firstName, clock.Today.AddYears(-7)));
        return await portal.WithDbAsync(async db =>
        {
            var activity = await db.Activities.FirstAsync(a => a.Name == Activity);
            var period = await db.Periods.FirstAsync(p => p.ActivityId == activity.Id);
            var child = await db.Children.AsNoTracking().FirstAsync(c => c.FamilyId == account.FamilyId);
            var registration = Check(Registration.Request(
                child.FamilyId, child.Id, child.FirstName, child.BirthDate, activity, period, period.Start, period.End,
                WeeklyPattern.Empty, [], clock.Today, clock.UtcNow));
            Check(registration.Validate(clock.UtcNow));
            db.Registrations.Add(registration);
            await db.SaveChangesAsync();
            return new Booker(account, registration.Id, activity.Units.Single(u => u.Name == Unit).Id, $"{firstName} {lastName.ToUpperInvariant()}");
        });
    }

    /// <summary>Signs the family in and opens its calendar at the month of <paramref name="day"/>.</summary>
    private async Task<IPage> OpenCalendarAsync(IBrowserContext context, Booker booker, DateOnly day)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15000);
        await page.GotoAsync("/");
        await Journey.FillFamilySignInAsync(page, booker.Account.Email, booker.Account.Password);
        await Expect(page).ToHaveURLAsync(portal.Url("/famille"));
        await page.GotoAsync(CalendarUrl(booker.RegistrationId, new DateOnly(day.Year, day.Month, 1)));
        await ExpectCellAsync(page, day, booker.UnitId, "cell--free", Free);
        return page;
    }

    /// <summary>"Transferts" from the dashboard, "Lancer le transfert maintenant", and the run's counts.</summary>
    private async Task RunTransferAsync(IPage agent, AxeAudit axe, int requestsSent, int cancellationsSent)
    {
        await agent.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Tableau de bord" }).ClickAsync();
        await agent.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Transferts", Exact = true }).ClickAsync();
        await Expect(agent).ToHaveURLAsync(portal.Url("/gestion/reservations/transferts"));
        await axe.CheckAsync(agent, "/gestion/reservations/transferts");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Lancer le transfert maintenant" }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Status)).ToContainTextAsync($"Le transfert est terminé : {requestsSent} demande(s) et {cancellationsSent} annulation(s) envoyée(s)");
        // The newest run comes first: "Demandes envoyées", "Annulations envoyées" after "Lancé par".
        var newest = agent.GetByRole(AriaRole.Region, new() { Name = "Transferts effectués" }).Locator("tbody tr").First;
        await Expect(newest.Locator("td").Nth(1)).ToHaveTextAsync(requestsSent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(newest.Locator("td").Nth(2)).ToHaveTextAsync(cancellationsSent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await axe.CheckAsync(agent, "/gestion/reservations/transferts (transfert lancé)");
    }

    /// <summary>"Demandes de réservation" for the journeys' activity on <paramref name="day"/>, through the page's own form.</summary>
    private async Task OpenDayAsync(IPage agent, AxeAudit axe, DateOnly day)
    {
        await agent.GotoAsync("/gestion/reservations/transferts");
        await agent.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Demandes de réservation", Exact = true }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Demandes de réservation", Level = 1 })).ToBeVisibleAsync();
        await agent.GetByRole(AriaRole.Combobox, new() { Name = "Activité" }).SelectOptionAsync(new SelectOptionValue { Label = Activity });
        await agent.GetByRole(AriaRole.Textbox, new() { Name = "Jour" }).FillAsync(ParisClock.FormatDate(day));
        await agent.GetByRole(AriaRole.Button, new() { Name = "Afficher", Exact = true }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = $"{Activity} — mercredi {ParisClock.FormatDate(day)}", Level = 2 })).ToBeVisibleAsync();
        await Expect(agent.GetByText("validation manuelle").First).ToBeVisibleAsync();
        await axe.CheckAsync(agent, $"/gestion/reservations ({ParisClock.FormatDate(day)})");
    }

    private static string CalendarUrl(Guid registrationId, DateOnly month) => $"/famille/reservations/{registrationId:D}?mois={month:yyyy-MM}";

    private static string MonthTitle(DateOnly month)
    {
        var name = PortailFamille.Web.Features.Reservations.CalendarModel.MonthName(month);
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    private static ILocator Cell(IPage page, DateOnly day, Guid unitId) => page.Locator($"td[data-cell='c-{day:yyyyMMdd}-{unitId:N}']");

    /// <summary>The cell's button, named as a screen reader reads it: "mercredi 13/01/2027, Matin : Case libre — appuyer pour …".</summary>
    private static ILocator CellButton(IPage page, DateOnly day, string state) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"{CalendarCells.LongDay(day)}, {Unit} : {state} — appuyer pour" });

    private static async Task ExpectCellAsync(IPage page, DateOnly day, Guid unitId, string cssClass, string title)
    {
        var cell = Cell(page, day, unitId);
        await Expect(cell).ToHaveClassAsync(new Regex($"(^| ){Regex.Escape(cssClass)}( |$)"));
        await Expect(cell).ToHaveAttributeAsync("title", title);
        await Expect(cell.Locator(".cell__text")).ToContainTextAsync($"{CalendarCells.LongDay(day)}, {Unit} : {title}");
    }

    private static T Check<T>(Outcome<T> outcome) =>
        outcome.Succeeded ? outcome.Value : throw new InvalidOperationException(string.Join(" ", outcome.Refusals.Select(r => r.Message)));
}
