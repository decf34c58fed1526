using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Features.Gestion.Invoicing;
using PortailFamille.Web.Tests.Infrastructure;
using PortailFamille.Web.Tests.Reservations;

namespace PortailFamille.Web.Tests.Billing;

/// <summary>
/// Monthly invoicing from the agent's page: December 2026 billed on 13 January 2027 (the
/// factory's clock). Each test has a family of its own and checks only that family's
/// invoice, since a run bills every family of the month.
/// </summary>
public sealed class InvoicingTests(ReservationFactory factory) : IClassFixture<ReservationFactory>
{
    private static readonly DateOnly December = new(2026, 12, 1);

    [Fact]
    public async Task An_agent_previews_then_issues_December_and_the_family_gets_one_invoice_with_its_lines_and_a_mail()
    {
        var (family, unit, days) = await FamilyWithDecemberAsync(5);
        // Present, justified absence (not billed), unjustified absence (billed), one not marked (billed).
        await MarkAsync(family, unit, days[0], AttendanceMark.Present);
        await MarkAsync(family, unit, days[1], AttendanceMark.AbsentJustified, "Certificat médical");
        await MarkAsync(family, unit, days[2], AttendanceMark.AbsentUnjustified);
        var mailsBefore = await factory.OutboxMarkAsync();
        using var agent = await AgentAsync();

        var preview = await agent.GetAsync("/gestion/facturation?mois=2026-12&apercu=true");
        Assert.Contains(family.ChildName.Split(' ')[1], preview.Text, StringComparison.Ordinal);
        Assert.Contains("Jour non pointé", preview.Text, StringComparison.Ordinal);
        Assert.Contains("Famille sans quotient familial", preview.Text, StringComparison.Ordinal);

        var run = await IssueAsync(agent, preview);

        var invoice = await InvoiceOfAsync(family.FamilyId);
        // No quotient known: the highest bracket of the canteen's meal, 4,50 €, for 4 days.
        var line = Assert.Single(invoice.Lines, l => l.Kind == BillingKind.Reserved);
        Assert.Equal((3, 4.50m, 13.50m), (line.Count, line.UnitPrice, line.Amount));
        var absence = Assert.Single(invoice.Lines, l => l.Kind == BillingKind.UnjustifiedAbsence);
        Assert.Equal(1, absence.Count);
        Assert.Equal(invoice.Lines.Sum(l => l.Amount), invoice.Total);
        Assert.Equal(18.00m, invoice.Total);
        Assert.Matches(@"^2027-\d{6}$", invoice.Number);
        Assert.Equal(new DateOnly(2027, 1, 13), invoice.IssuedOn);
        Assert.Equal(December, invoice.Month);
        Assert.Equal(InvoicingRunStatus.Done, run.Status);
        Assert.Null(run.ActiveSlot);

        var mail = Assert.Single(await factory.QueuedMailsToAsync(family.Account.Email, mailsBefore));
        Assert.Contains(invoice.Number, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("/famille/compte/factures", mail.TextBody, StringComparison.Ordinal);

        // Every day of the month is settled by the invoice, the justified absence included.
        var settled = await factory.WithDbAsync(db => db.Reservations
            .Where(r => r.FamilyId == family.FamilyId && r.Date >= December && r.Date < December.AddMonths(1))
            .Select(r => db.BilledDays.Where(b => b.UnitId == r.UnitId && b.Date == r.Date && b.ChildId == r.ChildId).Select(b => (Guid?)b.InvoiceId).FirstOrDefault())
            .ToListAsync());
        Assert.NotEmpty(settled);
        Assert.All(settled, id => Assert.Equal(invoice.Id, id));

        var page = await agent.GetAsync($"/gestion/facturation/{run.Id}");
        Assert.Contains(invoice.Number, page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issuing_the_same_month_again_bills_only_what_was_not_billed_yet()
    {
        var (family, unit, days) = await FamilyWithDecemberAsync(2);
        using var agent = await AgentAsync();
        await IssueAsync(agent, await agent.GetAsync("/gestion/facturation?mois=2026-12&apercu=true"));
        var first = await InvoiceOfAsync(family.FamilyId);

        // A presence without a reservation marked afterwards, on a day of the same month.
        var other = (await GestionTestData.OpenDaysBetweenAsync(factory, family.RegistrationId, December, December.AddMonths(1).AddDays(-1))).Except(days).First();
        await MarkAsync(family, unit, other, AttendanceMark.Present);
        await IssueAsync(agent, await agent.GetAsync("/gestion/facturation?mois=2026-12&apercu=true"));

        var invoices = await factory.WithDbAsync(db => db.Invoices.AsNoTracking().Include(i => i.Lines).Where(i => i.FamilyId == family.FamilyId).OrderBy(i => i.Sequence).ToListAsync());
        Assert.Equal(2, invoices.Count);
        Assert.Equal(first.Id, invoices[0].Id);
        var unexpected = Assert.Single(invoices[1].Lines);
        Assert.Equal((BillingKind.Unexpected, 1), (unexpected.Kind, unexpected.Count));
        // The surcharge in its price is kept, for the tax certificate to leave it out.
        var surcharge = await factory.WithDbAsync(async db => (await db.Activities.AsNoTracking().SingleAsync(a => a.Id == family.ActivityId)).UnexpectedSurcharge);
        Assert.Equal(surcharge ?? 0m, unexpected.SurchargePerDay);
        Assert.All(invoices[0].Lines, l => Assert.Null(l.SurchargePerDay));
        await AssertSeriesWithoutGapAsync();
    }

    [Fact]
    public async Task A_family_s_credit_pays_its_new_invoice_when_it_is_issued_and_the_mail_says_what_is_left()
    {
        var (family, _, _) = await FamilyWithDecemberAsync(2);
        // 5,00 € paid at the desk before any invoice: all of it is credit.
        Domain.Common.Outcome<Payment> credit;
        using (var scope = factory.Services.CreateScope())
        {
            credit = await scope.ServiceProvider.GetRequiredService<PaymentRecording>().RecordAsync(
                family.FamilyId, PaymentMethod.Cash, 5m, factory.Clock.Today, "Parent", null, null, [], "Tests", null, CancellationToken.None);
        }

        Assert.True(credit.Succeeded);
        var mailsBefore = await factory.OutboxMarkAsync();
        using var agent = await AgentAsync();

        await IssueAsync(agent, await agent.GetAsync("/gestion/facturation?mois=2026-12&apercu=true"));

        var invoice = await InvoiceOfAsync(family.FamilyId);
        Assert.Equal(9m, invoice.Total);
        Assert.Equal(5m, invoice.Paid);
        Assert.Equal(InvoiceStatus.PartlyPaid, invoice.Amounts.Status);
        var allocation = Assert.Single(await factory.WithDbAsync(db => db.PaymentAllocations.AsNoTracking().Where(a => a.PaymentId == credit.Value.Id).ToListAsync()));
        Assert.Equal((invoice.Id, 5m), (allocation.InvoiceId, allocation.Amount));
        var mail = Assert.Single(await factory.QueuedMailsToAsync(family.Account.Email, mailsBefore));
        Assert.Contains("Le crédit de votre compte en règle 5,00 € : il reste 4,00 € à régler", BillingTestData.Normalize(mail.TextBody), StringComparison.Ordinal);
        var history = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == family.FamilyId).Select(e => e.Description).ToListAsync());
        Assert.Contains(history, d => d.StartsWith("Crédit du compte utilisé : " + invoice.Number, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_month_not_over_is_refused_and_nothing_is_queued()
    {
        // A meal already eaten in January: the preview offers to issue, the month is not over.
        var family = await GestionTestData.EnrolAsync(factory, GestionTestData.Canteen);
        var unit = await GestionTestData.UnitAsync(factory, GestionTestData.Canteen);
        var day = (await GestionTestData.OpenDaysBetweenAsync(factory, family.RegistrationId, new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 12)))[0];
        await GestionTestData.BookDirectlyAsync(factory, family, unit, day);
        using var agent = await AgentAsync();
        var page = await agent.GetAsync("/gestion/facturation?mois=2027-01&apercu=true");

        var answer = await agent.SubmitAsync(page, new Dictionary<string, string>(), "form[action*='handler=Issue']");

        Assert.Contains(answer.Errors, e => e.StartsWith("Le mois de janvier 2027 n'est pas terminé", StringComparison.Ordinal));
        Assert.Equal(0, await factory.WithDbAsync(db => db.InvoicingRuns.CountAsync(r => r.Month == new DateOnly(2027, 1, 1))));
    }

    [Fact]
    public async Task The_quotient_of_each_day_prices_it_and_an_out_of_commune_family_pays_its_grid()
    {
        var (family, _, days) = await FamilyWithDecemberAsync(4);
        await factory.WithDbAsync(async db =>
        {
            // QF 300 until 15 December, 600 from the 16th: 1,50 € then 3,00 € a meal.
            db.QuotientHistory.Add(new QuotientHistoryEntry { FamilyId = family.FamilyId, ValidFrom = new DateOnly(2026, 9, 1), Quotient = 300, RecordedAt = DateTimeOffset.UtcNow });
            db.QuotientHistory.Add(new QuotientHistoryEntry { FamilyId = family.FamilyId, ValidFrom = days[2], Quotient = 600, RecordedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        using var agent = await AgentAsync();
        await IssueAsync(agent, await agent.GetAsync("/gestion/facturation?mois=2026-12&apercu=true"));

        var invoice = await InvoiceOfAsync(family.FamilyId);
        Assert.Equal([(2, 1.50m), (2, 3.00m)], invoice.Lines.OrderBy(l => l.UnitPrice).Select(l => (l.Count, l.UnitPrice)));

        var outside = await FamilyWithDecemberAsync(1, town: "Sagnac");
        await IssueAsync(agent, await agent.GetAsync("/gestion/facturation?mois=2026-12&apercu=true"));
        Assert.Equal(6.00m, Assert.Single((await InvoiceOfAsync(outside.Family.FamilyId)).Lines).UnitPrice);
    }

    [Fact]
    public async Task Two_batches_on_the_same_families_at_once_bill_each_day_once_with_numbers_without_gaps()
    {
        var families = new List<Enrolled>();
        for (var i = 0; i < 3; i++)
        {
            families.Add((await FamilyWithDecemberAsync(3)).Family);
        }

        var ids = families.Select(f => f.FamilyId).Order().ToList();
        var runs = await factory.WithDbAsync(async db =>
        {
            var made = Enumerable.Range(0, 4).Select(_ => new InvoicingRun { Id = Guid.NewGuid(), Month = December, StartedBy = "test", CreatedAt = DateTimeOffset.UtcNow, Status = InvoicingRunStatus.Running }).ToList();
            db.InvoicingRuns.AddRange(made);
            await db.SaveChangesAsync();
            return made;
        });

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = runs.Select(run => Task.Run(async () =>
        {
            await go.Task;
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var tracked = await db.InvoicingRuns.SingleAsync(r => r.Id == run.Id);
            return await scope.ServiceProvider.GetRequiredService<MonthlyInvoicing>()
                .IssueBatchAsync(tracked, ids, new DateOnly(2027, 1, 13), DateTimeOffset.UtcNow, CancellationToken.None);
        })).ToList();
        go.SetResult();
        var results = await Task.WhenAll(batches);

        Assert.Equal(3, results.Sum(r => r.Invoices));
        var invoices = await factory.WithDbAsync(db => db.Invoices.AsNoTracking().Include(i => i.Lines).Where(i => ids.Contains(i.FamilyId)).ToListAsync());
        Assert.Equal(3, invoices.Count);
        Assert.All(invoices, i => Assert.Equal(3, i.Lines.Sum(l => l.Count)));
        await AssertSeriesWithoutGapAsync();
    }

    private async Task AssertSeriesWithoutGapAsync()
    {
        var sequences = await factory.WithDbAsync(db => db.Invoices.Where(i => i.Year == 2027).Select(i => i.Sequence).OrderBy(s => s).ToListAsync());
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        var last = await factory.WithDbAsync(db => db.DocumentSequences.Where(s => s.Series == DocumentNumber.InvoiceSeries && s.Year == 2027).Select(s => s.Last).SingleAsync());
        Assert.Equal(sequences.Count, last);
    }

    private async Task<InvoicingRun> IssueAsync(PortalClient agent, HtmlPage preview)
    {
        var answer = await agent.SubmitAsync(preview, new Dictionary<string, string>(), "form[action*='handler=Issue']");
        Assert.Empty(answer.Errors);
        Assert.StartsWith("/gestion/facturation/", answer.Location, StringComparison.Ordinal);
        var runId = Guid.Parse(answer.Location!["/gestion/facturation/".Length..]);
        // The background worker issues it; wait until it says it is over (it must, or the test fails).
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var run = await factory.WithDbAsync(db => db.InvoicingRuns.AsNoTracking().SingleAsync(r => r.Id == runId));
            if (run.Status is InvoicingRunStatus.Done or InvoicingRunStatus.Failed)
            {
                Assert.Equal(InvoicingRunStatus.Done, run.Status);
                Assert.Equal(run.FamiliesTotal, run.FamiliesDone);
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, "The invoicing run did not end within two minutes.");
            await Task.Delay(100);
        }
    }

    private Task<Invoice> InvoiceOfAsync(Guid familyId) =>
        factory.WithDbAsync(db => db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.FamilyId == familyId));

    private async Task<PortalClient> AgentAsync()
    {
        var client = factory.NewClient();
        await client.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);
        return client;
    }

    /// <summary>A new family whose child has confirmed canteen meals on the first open days of December 2026.</summary>
    private async Task<(Enrolled Family, Guid Unit, IReadOnlyList<DateOnly> Days)> FamilyWithDecemberAsync(int count, string? town = null)
    {
        var family = await GestionTestData.EnrolAsync(factory, GestionTestData.Canteen);
        var unit = await GestionTestData.UnitAsync(factory, GestionTestData.Canteen);
        var days = (await GestionTestData.OpenDaysBetweenAsync(factory, family.RegistrationId, December, December.AddMonths(1).AddDays(-1))).Take(count).ToList();
        foreach (var day in days)
        {
            await GestionTestData.BookDirectlyAsync(factory, family, unit, day);
        }

        if (town is not null)
        {
            await factory.WithDbAsync(async db =>
            {
                var file = await db.Families.SingleAsync(f => f.Id == family.FamilyId);
                file.UpdateContactDetails(ContactDetails.Create(new ContactDetailsInput(
                    "1 rue du Moulin", "38860", town, "04 76 11 22 33", null, null, null, null, null, BenefitScheme.General, null)).Value);
                return await db.SaveChangesAsync();
            });
        }

        return (family, unit, days);
    }

    private Task<int> MarkAsync(Enrolled family, Guid unit, DateOnly day, AttendanceMark mark, string? reason = null) =>
        factory.WithDbAsync(db =>
        {
            db.Attendance.Add(new AttendanceEntry
            {
                Id = Guid.NewGuid(),
                ActivityId = family.ActivityId,
                UnitId = unit,
                Date = day,
                ChildId = family.ChildId,
                FamilyId = family.FamilyId,
                Mark = mark,
                Reason = reason,
                MarkedBy = "test",
                MarkedAt = DateTimeOffset.UtcNow,
            });
            return db.SaveChangesAsync();
        });
}
