using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Features.Gestion.TaxRuns;
using PortailFamille.Web.Tests.Infrastructure;
using PortailFamille.Web.Tests.Reservations;

namespace PortailFamille.Web.Tests.Billing;

/// <summary>
/// "Attestations fiscales" in Gestion: an agent issues every family's certificate of 2026 in one
/// background run, on 13 January 2027 (the factory's clock). Each test has families of its own
/// and checks only theirs, since a run handles every family that paid during the year.
/// </summary>
public sealed class TaxCertificateRunTests(CalendarFactory factory) : IClassFixture<CalendarFactory>
{
    private const string Page = "/gestion/attestations-fiscales";

    private static readonly DateOnly PaidOn = new(2026, 12, 15);

    [Fact]
    public async Task A_run_numbers_each_family_once_skips_those_with_nothing_keeps_a_number_given_and_emails_a_link()
    {
        var care = await PaidFamilyAsync("Garde", meals: false);
        var meals = await PaidFamilyAsync("Repas", meals: true);
        var asked = await PaidFamilyAsync("Demande", meals: false);
        var number = await IssueAsync(asked.FamilyId!.Value);
        var mailsBefore = await factory.OutboxMarkAsync();
        using var agent = await AgentAsync();

        var form = await agent.GetAsync(Page);
        Assert.Equal("2026", form.Document.QuerySelector("#annee")?.GetAttribute("value"));
        Assert.NotNull(form.Document.QuerySelector("#emails[checked]"));
        var run = await StartAsync(agent, form, new Dictionary<string, string>());

        Assert.True(run.SendEmails);
        var certificates = await CertificatesAsync(care, meals, asked);
        Assert.Single(certificates, c => c.FamilyId == care.FamilyId);
        Assert.DoesNotContain(certificates, c => c.FamilyId == meals.FamilyId);
        Assert.Equal(number, Assert.Single(certificates, c => c.FamilyId == asked.FamilyId).Number);
        Assert.Matches(@"^AF-2027-\d{6}$", certificates.Single(c => c.FamilyId == care.FamilyId).Number);
        Assert.True(run.CertificatesIssued >= 1 && run.CertificatesKept >= 1 && run.FamiliesWithNothing >= 1);
        Assert.Equal(run.FamiliesTotal, run.CertificatesIssued + run.CertificatesKept + run.FamiliesWithNothing);

        // One message to each responsable of a family with a certificate, with the link and no attachment.
        foreach (var family in new[] { care, asked })
        {
            var mail = Assert.Single(await factory.QueuedMailsToAsync(family.Email, mailsBefore));
            Assert.Contains("attestation fiscale 2026", mail.Subject, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("/famille/compte/attestation-fiscale", mail.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("%PDF", mail.TextBody, StringComparison.Ordinal);
        }

        Assert.Empty(await factory.QueuedMailsToAsync(meals.Email, mailsBefore));
        Assert.Equal(run.EmailsQueued, (await factory.WithDbAsync(db => db.OutboxMails.CountAsync(m => m.Id > mailsBefore))));

        // The summary, readable without JavaScript.
        var page = await agent.GetAsync($"{Page}/{run.Id}");
        Assert.Contains("Terminée", page.Text, StringComparison.Ordinal);
        Assert.Contains("Attestations numérotées", page.Text, StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(page.Document.QuerySelector("#avancement")?.GetAttribute("data-progress-url")));

        // Run again: nobody gets a second number, and the series has no gap.
        var again = await StartAsync(agent, await agent.GetAsync(Page), new Dictionary<string, string> { ["emails"] = "" });
        Assert.Equal(0, again.CertificatesIssued);
        Assert.Equal(certificates.Select(c => (c.FamilyId, c.Number)).Order(), (await CertificatesAsync(care, meals, asked)).Select(c => (c.FamilyId, c.Number)).Order());
        await AssertSeriesWithoutGapAsync();
    }

    [Fact]
    public async Task Without_email_the_families_get_their_number_and_no_message()
    {
        var family = await PaidFamilyAsync("Silence", meals: false);
        var mailsBefore = await factory.OutboxMarkAsync();
        using var agent = await AgentAsync();

        var run = await StartAsync(agent, await agent.GetAsync(Page), new Dictionary<string, string> { ["emails"] = "" });

        Assert.False(run.SendEmails);
        Assert.Equal(0, run.EmailsQueued);
        Assert.Single(await CertificatesAsync(family));
        Assert.Equal(0, await factory.WithDbAsync(db => db.OutboxMails.CountAsync(m => m.Id > mailsBefore)));
        var page = await agent.GetAsync($"{Page}/{run.Id}");
        Assert.Contains("sans email aux familles", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_downloads_a_numbered_certificate_from_the_family_file_and_none_is_numbered_by_a_download()
    {
        var numbered = await PaidFamilyAsync("Dossier", meals: false);
        var unnumbered = await PaidFamilyAsync("Sansnumero", meals: false);
        var number = await IssueAsync(numbered.FamilyId!.Value);
        using var agent = await AgentAsync();

        var file = await agent.GetAsync($"/gestion/familles/{numbered.FamilyId}");
        var link = file.Document.QuerySelectorAll("a").Single(a => a.GetAttribute("aria-label") == "PDF de l'Attestation fiscale 2026").GetAttribute("href")!;
        Assert.Contains(number, file.Text, StringComparison.Ordinal);
        var pdf = await agent.Http.GetAsync(link);
        var missing = await agent.Http.GetAsync($"/gestion/familles/{unnumbered.FamilyId}/attestation-fiscale/2026/pdf");

        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = BillingTestData.PdfText(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains("Léa DOSSIER", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(await CertificatesAsync(unnumbered));
    }

    [Fact]
    public async Task A_run_left_by_a_stopped_server_is_taken_over_after_the_last_family_done_and_the_stalled_worker_saves_nothing()
    {
        var families = new[] { await PaidFamilyAsync("Reprise", meals: false), await PaidFamilyAsync("Reprise", meals: false) }
            .OrderBy(f => f.FamilyId!.Value).ToList();
        var stalled = Guid.NewGuid();
        var run = HeldRun();
        run.HolderId = stalled;
        // The stopped server's heartbeat is older than the lapse; it had done the first family.
        run.HeartbeatAt = factory.Time.GetUtcNow() - TaxCertificateRuns.Lapse - TimeSpan.FromSeconds(1);
        run.LastFamilyId = families[0].FamilyId;
        var paying = await factory.WithDbAsync(db => TaxCertificateRuns.FamiliesAsync(db, 2026, CancellationToken.None));
        run.FamiliesTotal = paying.Count;
        run.FamiliesDone = paying.Count(f => f.CompareTo(families[0].FamilyId!.Value) <= 0);
        await factory.WithDbAsync(db =>
        {
            db.TaxCertificateRuns.Add(run);
            return db.SaveChangesAsync();
        });

        // What the worker does every minute (unless the minute's trigger took it first).
        await factory.Services.GetRequiredService<TaxCertificateRuns>().WorkAsync(CancellationToken.None);
        var done = await WaitAsync(run.Id);

        Assert.Empty(await CertificatesAsync(families[0]));
        Assert.Single(await CertificatesAsync(families[1]));
        Assert.Null(done.HolderId);

        // The stalled worker wakes up with a batch: it no longer holds the run, so nothing is numbered nor counted.
        using var scope = factory.Services.CreateScope();
        var tracked = await scope.ServiceProvider.GetRequiredService<AppDbContext>().TaxCertificateRuns.SingleAsync(r => r.Id == run.Id);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            TaxCertificateRuns.IssueBatchAsync(scope.ServiceProvider, tracked, stalled, [families[0].FamilyId!.Value], CancellationToken.None));
        Assert.Empty(await CertificatesAsync(families[0]));
        Assert.Equal(done.FamiliesDone, (await WaitAsync(run.Id)).FamiliesDone);
        await AssertSeriesWithoutGapAsync();
    }

    [Fact]
    public async Task A_family_whose_only_payment_of_the_year_was_cancelled_is_not_in_the_run()
    {
        var cancelled = await PaidFamilyAsync("Annule", meals: false);
        await factory.WithDbAsync(db => db.Payments.Where(p => p.FamilyId == cancelled.FamilyId)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.CancelledAt, DateTimeOffset.UtcNow).SetProperty(p => p.CancelledBy, "test")));
        using var agent = await AgentAsync();

        var run = await StartAsync(agent, await agent.GetAsync(Page), new Dictionary<string, string> { ["emails"] = "" });

        Assert.DoesNotContain(cancelled.FamilyId!.Value, await factory.WithDbAsync(db => TaxCertificateRuns.FamiliesAsync(db, 2026, CancellationToken.None)));
        Assert.Empty(await CertificatesAsync(cancelled));
        Assert.Equal(TaxCertificateRunStatus.Done, run.Status);
    }

    [Fact]
    public async Task Two_runs_made_active_at_the_same_instant_leave_one()
    {
        for (var round = 0; round < 4; round++)
        {
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var inserts = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await go.Task;
                using var scope = factory.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.TaxCertificateRuns.Add(HeldRun());
                try
                {
                    await db.SaveChangesAsync();
                    return true;
                }
                catch (DbUpdateException e) when (UniqueViolation.Is(e))
                {
                    return false;
                }
            })).ToList();
            go.SetResult();
            var saved = await Task.WhenAll(inserts);

            Assert.Single(saved, s => s);
            Assert.Equal(1, await factory.WithDbAsync(db => db.TaxCertificateRuns.CountAsync(r => r.ActiveSlot == TaxCertificateRun.Active)));
            await EndActiveRunsAsync();
        }
    }

    [Fact]
    public async Task A_run_asked_while_another_works_is_refused_in_French()
    {
        await PaidFamilyAsync("Concurrence", meals: false);
        var held = HeldRun();
        held.FamiliesTotal = 1200;
        held.FamiliesDone = 500;
        await factory.WithDbAsync(db =>
        {
            db.TaxCertificateRuns.Add(held);
            return db.SaveChangesAsync();
        });
        try
        {
            using var agent = await AgentAsync();
            // Its page while it works, without JavaScript: the progress and "Actualiser".
            var progress = await agent.GetAsync($"{Page}/{held.Id}");
            Assert.Contains("500 famille(s) traitée(s) sur 1", BillingTestData.Normalize(progress.Text), StringComparison.Ordinal);
            Assert.Contains(progress.Document.QuerySelectorAll("a"), a => a.TextContent == "Actualiser" && a.GetAttribute("href") == $"{Page}/{held.Id}");
            var json = await agent.Http.GetStringAsync($"{Page}/{held.Id}?handler=Progress");
            Assert.Contains("\"working\":true", json, StringComparison.Ordinal);

            var answer = await agent.SubmitAsync(Page, new Dictionary<string, string> { ["annee"] = "2026" });

            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Contains("Une édition des attestations fiscales est déjà en cours : attendez qu'elle se termine pour en lancer une autre.", answer.Errors);
            Assert.Equal(1, await factory.WithDbAsync(db => db.TaxCertificateRuns.CountAsync(r => r.ActiveSlot == TaxCertificateRun.Active)));
        }
        finally
        {
            await EndActiveRunsAsync();
        }
    }

    [Fact]
    public async Task Runs_asked_at_the_same_instant_never_number_a_family_twice_nor_leave_a_gap()
    {
        var families = new List<TestAccount>();
        for (var i = 0; i < 3; i++)
        {
            families.Add(await PaidFamilyAsync("Ensemble", meals: false));
        }

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asks = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            return await factory.Services.GetRequiredService<TaxCertificateRuns>().QueueAsync(2026, false, "test", CancellationToken.None);
        })).ToList();
        go.SetResult();
        var outcomes = await Task.WhenAll(asks);

        // Each one either became the active run or was refused while another was active.
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.StartsWith("Une édition des attestations fiscales est déjà en cours", Assert.Single(o.Refusals).Message, StringComparison.Ordinal));
        foreach (var started in outcomes.Where(o => o.Succeeded))
        {
            await WaitAsync(started.Value.Id);
        }

        var certificates = await CertificatesAsync([.. families]);
        Assert.Equal(3, certificates.Count);
        await AssertSeriesWithoutGapAsync();
    }

    [Theory]
    [InlineData("", "Saisissez l'année sur quatre chiffres, par exemple 2026.")]
    [InlineData("deux mille vingt-six", "Saisissez l'année sur quatre chiffres, par exemple 2026.")]
    [InlineData("99999999999999999999", "Saisissez l'année sur quatre chiffres, par exemple 2026.")]
    [InlineData("２０２６", "Saisissez l'année sur quatre chiffres, par exemple 2026.")]
    [InlineData("😀😀", "Saisissez l'année sur quatre chiffres, par exemple 2026.")]
    [InlineData("+202", "Saisissez l'année sur quatre chiffres, par exemple 2026.")]
    [InlineData("0000", "Le portail ne contient aucun règlement avant 2026 : choisissez une année à partir de 2026.")]
    [InlineData("2027", "L'année 2027 n'est pas terminée : ses attestations fiscales pourront être établies à partir du 01/01/2028.")]
    [InlineData("1990", "Le portail ne contient aucun règlement avant 2026 : choisissez une année à partir de 2026.")]
    public async Task A_year_that_cannot_be_certified_is_refused_in_French_and_nothing_is_queued(string year, string message)
    {
        await PaidFamilyAsync("Erreur", meals: false);
        var runsBefore = await factory.WithDbAsync(db => db.TaxCertificateRuns.CountAsync());
        using var agent = await AgentAsync();

        var answer = await agent.SubmitAsync(Page, new Dictionary<string, string> { ["annee"] = year });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains(message, answer.Errors);
        Assert.Equal("true", answer.Document.QuerySelector("#annee")?.GetAttribute("aria-invalid"));
        Assert.Equal(runsBefore, await factory.WithDbAsync(db => db.TaxCertificateRuns.CountAsync()));
    }

    [Fact]
    public async Task A_post_without_any_field_is_refused_in_French()
    {
        await PaidFamilyAsync("Vide", meals: false);
        using var agent = await AgentAsync();
        var form = await agent.GetAsync(Page);
        var token = form.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var answer = await agent.PostAsync(Page, [new("__RequestVerificationToken", token), new("emails", "peut-être")]);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("Saisissez l'année sur quatre chiffres, par exemple 2026.", answer.Errors);
    }

    [Fact]
    public async Task A_family_account_cannot_open_the_page_nor_a_run()
    {
        var family = await PaidFamilyAsync("Curieuse", meals: false);
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(family.Email, family.Password);

        var page = await client.GetAsync(Page);
        var run = await client.GetAsync($"{Page}/{Guid.NewGuid()}");

        Assert.Contains(page.Status, new[] { HttpStatusCode.Forbidden, HttpStatusCode.Redirect });
        Assert.Contains(run.Status, new[] { HttpStatusCode.Forbidden, HttpStatusCode.Redirect });
        Assert.DoesNotContain("Lancer l'édition", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gestion_home_and_the_facturation_page_link_to_it_and_an_unknown_run_is_not_found()
    {
        using var agent = await AgentAsync();

        var home = await agent.GetAsync("/gestion");
        var invoicing = await agent.GetAsync("/gestion/facturation");
        var unknown = await agent.GetAsync($"{Page}/{Guid.NewGuid()}");

        Assert.Contains(home.Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == Page);
        Assert.Contains(invoicing.Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == Page);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    // Held by a worker that renews it (a holder and a fresh heartbeat): no worker of the test portal takes it over.
    private TaxCertificateRun HeldRun() => new()
    {
        Id = Guid.NewGuid(),
        Year = 2026,
        Status = TaxCertificateRunStatus.Running,
        ActiveSlot = TaxCertificateRun.Active,
        HolderId = Guid.NewGuid(),
        HeartbeatAt = factory.Time.GetUtcNow(),
        StartedBy = "test",
        CreatedAt = factory.Time.GetUtcNow(),
    };

    private Task<int> EndActiveRunsAsync() =>
        factory.WithDbAsync(db => db.TaxCertificateRuns.Where(r => r.ActiveSlot == TaxCertificateRun.Active)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ActiveSlot, (int?)null).SetProperty(r => r.Status, TaxCertificateRunStatus.Done)));

    private async Task<TaxCertificateRun> StartAsync(PortalClient agent, HtmlPage form, Dictionary<string, string> values)
    {
        var answer = await agent.SubmitAsync(form, values);
        Assert.Empty(answer.Errors);
        Assert.StartsWith(Page + "/", answer.Location, StringComparison.Ordinal);
        return await WaitAsync(Guid.Parse(answer.Location![(Page.Length + 1)..]));
    }

    /// <summary>The background worker issues the run; waits until it says it is over (it must, or the test fails).</summary>
    private async Task<TaxCertificateRun> WaitAsync(Guid runId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var run = await factory.WithDbAsync(db => db.TaxCertificateRuns.AsNoTracking().SingleAsync(r => r.Id == runId));
            if (!run.Working)
            {
                Assert.Equal(TaxCertificateRunStatus.Done, run.Status);
                Assert.Equal(run.FamiliesTotal, run.FamiliesDone);
                Assert.Null(run.ActiveSlot);
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, "The tax certificate run did not end within two minutes.");
            await Task.Delay(100);
        }
    }

    private async Task<string> IssueAsync(Guid familyId)
    {
        using var scope = factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<TaxCertificates>().IssueAsync(familyId, 2026, CancellationToken.None)).Number;
    }

    private Task<List<TaxCertificateRecord>> CertificatesAsync(params TestAccount[] families)
    {
        var ids = families.Select(f => f.FamilyId!.Value).ToList();
        return factory.WithDbAsync(db => db.TaxCertificates.AsNoTracking().Where(c => ids.Contains(c.FamilyId) && c.Year == 2026).ToListAsync());
    }

    private async Task AssertSeriesWithoutGapAsync()
    {
        var sequences = await factory.WithDbAsync(db => db.TaxCertificates.Where(c => c.SeriesYear == 2027).Select(c => c.Sequence).OrderBy(s => s).ToListAsync());
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        var last = await factory.WithDbAsync(db => db.DocumentSequences.Where(s => s.Series == DocumentNumber.TaxCertificateSeries && s.Year == 2027).Select(s => s.Last).SingleAsync());
        Assert.Equal(sequences.Count, last);
    }

    private async Task<PortalClient> AgentAsync()
    {
        var client = factory.NewClient();
        await client.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);
        return client;
    }

    /// <summary>
    /// A family with a child of 4 on 1 January 2026 and an invoice of November 2026 paid on
    /// 15/12/2026: périscolaire (certified) or, with <paramref name="meals"/>, canteen meals only
    /// (nothing to certify).
    /// </summary>
    private async Task<TestAccount> PaidFamilyAsync(string name, bool meals)
    {
        var family = await TestData.CreateFamilyAsync(factory, name, ("Léa", new DateOnly(2021, 5, 10)));
        var familyId = family.FamilyId!.Value;
        var child = await factory.WithDbAsync(db => db.Children.AsNoTracking().Where(c => c.FamilyId == familyId).Select(c => c.Id).SingleAsync());
        var units = await factory.WithDbAsync(async db => (await db.Activities.AsNoTracking().ToListAsync())
            .SelectMany(a => a.Units.Select(u => (Activity: a.Name, Unit: u.Name, u.Id)))
            .ToDictionary(u => (u.Activity, u.Unit), u => u.Id));
        var upper = name.ToUpperInvariant();
        var line = meals
            ? new TestLine($"Léa {upper}", "Restaurant scolaire", "Repas", BillingKind.Reserved, 10, 3m, ChildId: child, UnitId: units[("Restaurant scolaire", "Repas")])
            : new TestLine($"Léa {upper}", "Périscolaire", "Matin", BillingKind.Reserved, 10, 2m, ChildId: child, UnitId: units[("Périscolaire", "Matin")]);
        var invoice = await BillingTestData.CreateInvoiceAsync(factory, familyId, $"{upper} Alice", new DateOnly(2026, 11, 1), line);
        using var scope = factory.Services.CreateScope();
        var paid = await scope.ServiceProvider.GetRequiredService<PaymentRecording>()
            .RecordAsync(familyId, PaymentMethod.Cash, invoice.Total, PaidOn, $"Alice {upper}", null, null, [], "Tests", null, CancellationToken.None);
        Assert.True(paid.Succeeded);
        return family;
    }
}
