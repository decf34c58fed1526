using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Registrations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Gestion;

/// <summary>
/// "Demandes d'inscription": the registrations waiting for the service, which an agent
/// validates or refuses; the family's history and mailbox follow.
/// </summary>
public sealed class RegistrationQueueTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Queue = "/gestion/inscriptions";

    private static readonly string[] NotWaitingAnyMore =
    [
        "Seule une demande d'inscription en attente peut être validée.",
        "Seule une demande d'inscription en attente peut être refusée.",
    ];

    private async Task<PortalClient> AgentAsync()
    {
        var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);
        return agent;
    }

    /// <summary>A name that no other test uses, made of letters only, as names must be.</summary>
    private static string UniqueName(string prefix) =>
        prefix + string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    private sealed record Request(Guid Id, Guid FamilyId, string FamilyEmail, string Child, string Activity, string Period);

    /// <summary>
    /// A new family whose child asks for a whole period of an activity of the demo catalogue,
    /// with every unit of the activity's first day ticked.
    /// </summary>
    private async Task<Request> CreateRequestAsync(string activityName, Action<Domain.Families.Family>? change = null)
    {
        var lastName = UniqueName("Fam");
        var child = UniqueName("Enfant");
        var today = factory.Clock.Today;
        var account = await TestData.CreateFamilyAsync(factory, lastName, (child, today.AddYears(-6)));
        var familyId = account.FamilyId!.Value;
        return await factory.WithDbAsync(async db =>
        {
            var family = await db.Families.Include(f => f.Children).SingleAsync(f => f.Id == familyId);
            change?.Invoke(family);
            var kid = family.Children.Single();
            var activity = await db.Activities.SingleAsync(a => a.Name == activityName);
            var period = await db.Periods.SingleAsync(p => p.ActivityId == activity.Id);
            var day = activity.Weekdays.First();
            var pattern = WeeklyPattern.Create(activity.Units.Select(u => (day, u.Id)), activity).Value;
            var outcome = Registration.Request(familyId, kid.Id, kid.FirstName, kid.BirthDate, activity, period, period.Start, period.End, pattern, [], today, factory.Clock.UtcNow);
            Assert.True(outcome.Succeeded, string.Join(" ", outcome.Refusals.Select(r => r.Message)));
            db.Registrations.Add(outcome.Value);
            await db.SaveChangesAsync();
            return new Request(outcome.Value.Id, familyId, account.Email, kid.FirstName, activity.Name, period.Label);
        });
    }

    private Task<RegistrationStatus> StatusAsync(Guid id) =>
        factory.WithDbAsync(db => db.Registrations.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());

    private Task<List<string>> HistoryAsync(Guid familyId) =>
        factory.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectId == familyId).Select(e => e.Description).ToListAsync());

    private static IHtmlTableRowElement? Row(HtmlPage page, Guid id) =>
        page.Document.QuerySelector($"#valider-{id:N}")?.Closest("tr") as IHtmlTableRowElement;

    private static string Plain(string text) => text.Replace('\u00a0', ' ').Replace('\u202f', ' ');

    [Fact]
    public async Task TheDemoRequestOfLea_IsListed_AndValidatingIt_ChangesItsState_WritesTheHistory_AndEmailsTheFamily()
    {
        var (id, familyId, label) = await factory.WithDbAsync(async db =>
        {
            var r = await (
                from reg in db.Registrations
                join c in db.Children on reg.ChildId equals c.Id
                join p in db.Periods on reg.PeriodId equals p.Id
                where c.FirstName == "Léa" && reg.Status == RegistrationStatus.Requested
                select new { reg.Id, reg.FamilyId, p.Label }).SingleAsync();
            return (r.Id, r.FamilyId, r.Label);
        });
        using var agent = await AgentAsync();
        var dashboard = await agent.GetAsync("/gestion");

        var page = await agent.GetAsync(Queue);

        Assert.Contains("Demandes d'inscription à traiter", dashboard.Text);
        Assert.NotNull(dashboard.Document.QuerySelector($"main a[href='{Queue}']"));
        Assert.NotNull(page.Document.QuerySelector($"nav a[href='{Queue}']"));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Demandes d'inscription", page.Document.QuerySelector("h1")!.TextContent);
        var row = Row(page, id);
        Assert.NotNull(row);
        var text = Plain(row.TextContent);
        Assert.Contains("Léa", text);
        Assert.Contains("ACCUEIL PÉRISCOLAIRE", text);
        Assert.Contains(label, text);
        Assert.Contains("lun. : Accueil du soir ; jeu. : Accueil du soir", text);
        Assert.Matches(@"du \d\d/09/\d{4} au \d\d/07/\d{4}", text);
        Assert.Equal($"/gestion/familles/{familyId}", row.QuerySelector("a")!.GetAttribute("href"));

        var done = await agent.SubmitAsync(page, new Dictionary<string, string>(), $"#valider-{id:N}");

        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal(Queue, done.Location);
        var after = await agent.FollowAsync(done);
        Assert.Contains($"L'inscription de Léa à Périscolaire ({label}) est validée.", after.Text);
        Assert.Null(Row(after, id));
        Assert.Equal(RegistrationStatus.Validated, await StatusAsync(id));
        Assert.Contains($"Inscription de Léa à Périscolaire ({label}) validée.", await HistoryAsync(familyId));
        var file = await agent.GetAsync($"/gestion/familles/{familyId}");
        Assert.Contains($"Inscription de Léa à Périscolaire ({label}) validée.", file.Text);
        var registrations = file.Document.QuerySelectorAll("section[aria-labelledby=titre-inscriptions] tbody tr")
            .Select(tr => Plain(tr.TextContent)).ToList();
        Assert.Contains(registrations, r => r.Contains("Léa", StringComparison.Ordinal) && r.Contains(label, StringComparison.Ordinal) && r.Contains("Validée", StringComparison.Ordinal));
        Assert.Contains(registrations, r => r.Contains("Hugo", StringComparison.Ordinal) && r.Contains("ALSH mercredi", StringComparison.Ordinal));
        var mail = await factory.Smtp.WaitForMessageAsync(Demo.FamilyEmail, m => (m.Subject ?? string.Empty).StartsWith("Votre inscription est validée", StringComparison.Ordinal));
        Assert.Contains("Léa", mail.TextBody);
        Assert.Contains("Périscolaire", mail.TextBody);
        Assert.Contains(label, mail.TextBody);
        Assert.Contains("vous pouvez maintenant faire vos demandes de réservation", mail.TextBody!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Refusing_WithoutAReason_IsRefusedInFrench_AndChangesNothing()
    {
        var request = await CreateRequestAsync("ALSH mercredi");
        using var agent = await AgentAsync();
        var page = await agent.GetAsync(Queue);

        var refused = await agent.SubmitAsync(page, new Dictionary<string, string> { ["reason"] = "  " }, $"#refuser-{request.Id:N}");

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Indiquez le motif du refus : il est envoyé à la famille.", refused.Errors);
        Assert.NotNull(refused.Document.QuerySelector($"#refuser-{request.Id:N}")!.Closest("details")!.GetAttribute("open"));
        Assert.Equal(RegistrationStatus.Requested, await StatusAsync(request.Id));
        Assert.Empty(await HistoryAsync(request.FamilyId));
        Assert.Empty(await factory.QueuedMailsToAsync(request.FamilyEmail));
    }

    [Fact]
    public async Task Refusing_WithAReason_EmailsItToBothParents_AndWritesTheHistory()
    {
        var parent2 = TestData.UniqueEmail("parent2");
        var request = await CreateRequestAsync("Périscolaire", f => f.AddSecondGuardian("Marc", f.Responsible.LastName, parent2));
        using var agent = await AgentAsync();
        var page = await agent.GetAsync(Queue);
        const string Reason = "Plus de place le lundi soir cette année.";

        var done = await agent.SubmitAsync(page, new Dictionary<string, string> { ["reason"] = Reason }, $"#refuser-{request.Id:N}");

        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal(RegistrationStatus.Refused, await StatusAsync(request.Id));
        var reason = await factory.WithDbAsync(db => db.Registrations.Where(r => r.Id == request.Id).Select(r => r.RefusalReason).SingleAsync());
        Assert.Equal(Reason, reason);
        Assert.Contains($"Inscription de {request.Child} à Périscolaire ({request.Period}) refusée : {Reason}", await HistoryAsync(request.FamilyId));
        foreach (var to in new[] { request.FamilyEmail, parent2 })
        {
            var mail = await factory.Smtp.WaitForMessageAsync(to, m => (m.Subject ?? string.Empty).StartsWith("Votre demande d'inscription n'a pas été acceptée", StringComparison.Ordinal));
            Assert.Contains(Reason, mail.TextBody!);
            Assert.Contains(request.Child, mail.TextBody);
        }
    }

    [Fact]
    public async Task DecidingTwice_GivesTheFrenchRefusal_AndKeepsTheFirstDecision()
    {
        var request = await CreateRequestAsync("Périscolaire");
        using var agent = await AgentAsync();
        using var other = await AgentAsync();
        var page = await agent.GetAsync(Queue);
        var otherPage = await other.GetAsync(Queue);
        Assert.Equal(HttpStatusCode.Redirect, (await agent.SubmitAsync(page, new Dictionary<string, string>(), $"#valider-{request.Id:N}")).Status);

        var again = await other.SubmitAsync(otherPage, new Dictionary<string, string>(), $"#valider-{request.Id:N}");
        var refuse = await other.SubmitAsync(otherPage, new Dictionary<string, string> { ["reason"] = "Dossier incomplet, désolé." }, $"#refuser-{request.Id:N}");

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("Seule une demande d'inscription en attente peut être validée.", again.Errors);
        Assert.Equal(HttpStatusCode.OK, refuse.Status);
        Assert.Contains("Seule une demande d'inscription en attente peut être refusée.", refuse.Errors);
        Assert.Equal(RegistrationStatus.Validated, await StatusAsync(request.Id));
        Assert.Single(await HistoryAsync(request.FamilyId));
    }

    [Fact]
    public async Task ADecisionReadBeforeAnotherWasSaved_IsNotWritten()
    {
        var request = await CreateRequestAsync("Périscolaire");
        using var firstScope = factory.Services.CreateScope();
        using var secondScope = factory.Services.CreateScope();
        var first = firstScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var second = secondScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var validated = await first.Registrations.SingleAsync(r => r.Id == request.Id);
        var refused = await second.Registrations.SingleAsync(r => r.Id == request.Id);
        Assert.True(validated.Validate(factory.Clock.UtcNow).Succeeded);
        Assert.True(refused.Refuse("Plus de place cette année.", factory.Clock.UtcNow).Succeeded);

        await first.SaveChangesAsync();

        // Both read the request waiting: the status read is the condition of the second write.
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.Equal(RegistrationStatus.Validated, await StatusAsync(request.Id));
        Assert.Null(await factory.WithDbAsync(db => db.Registrations.Where(r => r.Id == request.Id).Select(r => r.RefusalReason).SingleAsync()));
    }

    [Fact]
    public async Task AgentsDecidingTheSameRequestAtOnce_SaveOneDecision_AndTheOthersGetTheFrenchRefusal()
    {
        var request = await CreateRequestAsync("Périscolaire");
        using var agent = await AgentAsync();
        using var other = await AgentAsync();
        var pages = new[] { await agent.GetAsync(Queue), await other.GetAsync(Queue) };

        // Eight clicks in flight together, validations and refusals, from two agents.
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clicks = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await go.Task;
            var (client, page) = i % 2 == 0 ? (agent, pages[0]) : (other, pages[1]);
            return i % 4 < 2
                ? await client.SubmitAsync(page, new Dictionary<string, string>(), $"#valider-{request.Id:N}")
                : await client.SubmitAsync(page, new Dictionary<string, string> { ["reason"] = "Plus de place cette année." }, $"#refuser-{request.Id:N}");
        })).ToList();
        go.SetResult();
        var answers = await Task.WhenAll(clicks).WaitAsync(TimeSpan.FromSeconds(90));

        var saved = Assert.Single(answers, a => a.Status == HttpStatusCode.Redirect);
        var refused = answers.Where(a => a != saved).ToList();
        Assert.All(refused, a =>
        {
            Assert.Equal(HttpStatusCode.OK, a.Status);
            Assert.Contains(Assert.Single(a.Errors), NotWaitingAnyMore);
        });
        var status = await StatusAsync(request.Id);
        Assert.NotEqual(RegistrationStatus.Requested, status);
        Assert.Single(await HistoryAsync(request.FamilyId));
        // One email, the one of the decision saved, queued with it.
        var subjects = await factory.WithDbAsync(db => db.OutboxMails.Where(m => m.To == request.FamilyEmail).Select(m => m.Subject).ToListAsync());
        Assert.StartsWith(
            status == RegistrationStatus.Validated ? "Votre inscription est validée" : "Votre demande d'inscription n'a pas été acceptée",
            Assert.Single(subjects),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRequest_IsNotFound()
    {
        using var agent = await AgentAsync();
        var page = await agent.GetAsync(Queue);
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var validate = await agent.PostAsync($"{Queue}?handler=Validate", [new("__RequestVerificationToken", token), new("id", Guid.NewGuid().ToString())]);
        var refuse = await agent.PostAsync($"{Queue}?handler=Refuse", [new("__RequestVerificationToken", token), new("id", Guid.NewGuid().ToString()), new("reason", "Un motif assez long.")]);

        Assert.Equal(HttpStatusCode.NotFound, validate.Status);
        Assert.Equal(HttpStatusCode.NotFound, refuse.Status);
    }

    [Fact]
    public async Task Family_IsRefused_OnTheQueue_AndOnItsActions()
    {
        var request = await CreateRequestAsync("Périscolaire");
        using var family = factory.NewClient();
        await family.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);
        var own = await family.GetAsync("/famille/coordonnees/modifier");
        var token = own.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var queue = await family.GetAsync(Queue);
        var validate = await family.PostAsync($"{Queue}?handler=Validate", [new("__RequestVerificationToken", token), new("id", request.Id.ToString())]);
        var refuse = await family.PostAsync($"{Queue}?handler=Refuse", [new("__RequestVerificationToken", token), new("id", request.Id.ToString()), new("reason", "Je me refuse moi-même.")]);

        Assert.Equal(HttpStatusCode.Forbidden, queue.Status);
        Assert.Equal(HttpStatusCode.Forbidden, validate.Status);
        Assert.Equal(HttpStatusCode.Forbidden, refuse.Status);
        Assert.Equal(RegistrationStatus.Requested, await StatusAsync(request.Id));
    }

    [Fact]
    public async Task ActivityFilter_ShowsOnlyThatActivitysRequests()
    {
        var wednesday = await CreateRequestAsync("ALSH mercredi");
        var care = await CreateRequestAsync("Périscolaire");
        var activityId = await factory.WithDbAsync(db => db.Activities.Where(a => a.Name == "ALSH mercredi").Select(a => a.Id).SingleAsync());
        using var agent = await AgentAsync();

        var all = await agent.GetAsync(Queue);
        var filtered = await agent.GetAsync($"{Queue}?activite={activityId}");

        Assert.NotNull(Row(all, wednesday.Id));
        Assert.NotNull(Row(all, care.Id));
        Assert.NotNull(Row(filtered, wednesday.Id));
        Assert.Null(Row(filtered, care.Id));
        Assert.Contains("mer. : Matin, Repas, Après-midi", Plain(Row(filtered, wednesday.Id)!.TextContent));
        Assert.Equal("ALSH mercredi", ((IHtmlSelectElement)filtered.Document.QuerySelector("#activite")!).SelectedOptions[0].TextContent);
        Assert.All(filtered.Document.QuerySelectorAll("tbody tr"), tr => Assert.Contains("ALSH mercredi", tr.TextContent));
        // A decision keeps the filter.
        var done = await agent.SubmitAsync(filtered, new Dictionary<string, string>(), $"#valider-{wednesday.Id:N}");
        Assert.Equal($"{Queue}?activite={activityId}", done.Location);
    }
}
