using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Common;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Tests.Infrastructure;
using PortailFamille.Web.Tests.Reservations;

namespace PortailFamille.Web.Tests.Billing;

/// <summary>
/// "Rembourser le crédit" on the family file: what the family paid beyond its invoices given
/// back, numbered without gaps, announced, shown to the family and in the accounting export,
/// never beyond the credit even when two agents refund at once. On a fixed clock (13/01/2027).
/// </summary>
public sealed class RefundTests(CalendarFactory factory) : IClassFixture<CalendarFactory>
{
    private const string Form = "form[action*='handler=Refund']";

    [Fact]
    public async Task An_agent_refunds_part_of_the_credit_and_the_family_finds_it_in_mes_reglements_and_the_export()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Rembourse");
        await InvoiceAsync(family, 20m);
        var payment = await PayAsync(family, 50m);
        var mark = await factory.OutboxMarkAsync();
        using var agent = await AgentAsync();
        var file = await agent.GetAsync(FamilyUrl(family));
        Assert.Contains("Crédit disponible : 30,00 €", BillingTestData.Normalize(file.Text), StringComparison.Ordinal);
        Assert.Equal("30,00", (file.Document.QuerySelector("#Refund_Amount") as AngleSharp.Html.Dom.IHtmlInputElement)?.Value);

        var answer = await agent.SubmitAsync(file, new Dictionary<string, string> { ["Refund.Amount"] = "10,00", ["Refund.Reason"] = "Départ de la commune" }, Form);

        Assert.Equal(FamilyUrl(family), answer.Location);
        var refund = await factory.WithDbAsync(db => db.Refunds.AsNoTracking().SingleAsync(r => r.FamilyId == family.FamilyId));
        Assert.Matches(@"^RB-2027-\d{6}$", refund.Number);
        Assert.Equal((PaymentMethod.Transfer, 10m, new DateOnly(2027, 1, 13), "Départ de la commune"), (refund.Method, refund.Amount, refund.PaidOn, refund.Reason));
        var part = Assert.Single(await factory.WithDbAsync(db => db.RefundParts.AsNoTracking().Where(p => p.RefundId == refund.Id).ToListAsync()));
        Assert.Equal((payment.Id, 10m), (part.PaymentId, part.Amount));
        var after = BillingTestData.Normalize((await agent.GetAsync(FamilyUrl(family))).Text);
        Assert.Contains("Crédit disponible : 20,00 €", after, StringComparison.Ordinal);
        Assert.Contains(refund.Number, after, StringComparison.Ordinal);
        var mail = Assert.Single(await factory.QueuedMailsToAsync(family.Email, mark));
        Assert.Contains(refund.Number, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("10,00 € par virement", BillingTestData.Normalize(mail.TextBody), StringComparison.Ordinal);
        var history = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == family.FamilyId).Select(e => e.Description).ToListAsync());
        Assert.Contains(history, d => d.StartsWith($"Remboursement {refund.Number} de 10,00", StringComparison.Ordinal));

        using var parent = factory.NewClient();
        await parent.SignInFamilyAsync(family.Email, family.Password);
        var mine = BillingTestData.Normalize((await parent.GetAsync("/famille/compte/reglements")).Text);
        Assert.Contains("Crédit disponible : 20,00 €", mine, StringComparison.Ordinal);
        Assert.Contains(refund.Number, mine, StringComparison.Ordinal);

        var csv = Encoding.UTF8.GetString(await agent.Http.GetByteArrayAsync("/gestion/export-comptable?du=13/01/2027&au=13/01/2027&telecharger=true"));
        Assert.Contains(csv.Split("\r\n"), l => l.StartsWith($"Remboursement;{refund.Number};13/01/2027;", StringComparison.Ordinal) && l.EndsWith($";{payment.Number};;Virement;-10,00", StringComparison.Ordinal));

        // A payment whose credit was given back is no longer cancelled: the family would owe the refund.
        var cancel = await agent.SubmitAsync($"/gestion/reglements/{payment.Id}", new Dictionary<string, string> { ["Reason"] = "Erreur" }, "form[action*='handler=Cancel']");
        Assert.Contains($"Le crédit du règlement {payment.Number} a été en partie remboursé : il ne peut plus être annulé.", cancel.Errors);
        Assert.Null((await factory.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.Id == payment.Id))).CancelledAt);
    }

    [Fact]
    public async Task A_refund_beyond_the_credit_or_badly_typed_is_refused_in_french_and_nothing_is_saved()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Refuse");
        await PayAsync(family, 12.5m);
        using var agent = await AgentAsync();

        var tooMuch = await agent.SubmitAsync(FamilyUrl(family), new Dictionary<string, string> { ["Refund.Amount"] = "12,51" }, Form);
        var badly = await agent.SubmitAsync(FamilyUrl(family), new Dictionary<string, string>
        {
            ["Refund.Method"] = "Card",
            ["Refund.Amount"] = "douze",
            ["Refund.Date"] = "31/02/2027",
            ["Refund.Reason"] = new string('x', 501),
        }, Form);
        var future = await agent.SubmitAsync(FamilyUrl(family), new Dictionary<string, string> { ["Refund.Amount"] = "1", ["Refund.Date"] = "31/12/9999" }, Form);

        Assert.Contains("Le remboursement ne peut dépasser le crédit disponible de la famille (12,50\u00a0€).", tooMuch.Errors);
        Assert.Contains("Choisissez le mode de remboursement : virement, chèque ou espèces.", badly.Errors);
        Assert.Contains("Saisissez le montant en euros, par exemple 12,50.", badly.Errors);
        Assert.Contains(badly.Errors, e => e.StartsWith("Saisissez la date du remboursement", StringComparison.Ordinal));
        Assert.NotEmpty(future.Errors);
        Assert.Empty(await factory.WithDbAsync(db => db.Refunds.AsNoTracking().Where(r => r.FamilyId == family.FamilyId).ToListAsync()));
    }

    [Fact]
    public async Task Two_agents_refunding_the_whole_credit_at_once_give_it_back_once()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Deux");
        await PayAsync(family, 40m);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var scope = factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<CreditRefunds>()
                .RefundAsync(family.FamilyId!.Value, PaymentMethod.Cash, 40m, factory.Clock.Today, null, "Tests", CancellationToken.None);
        }));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal("La famille n'a aucun crédit à rembourser.", Assert.Single(o.Refusals).Message));
        var parts = await factory.WithDbAsync(db => db.RefundParts.AsNoTracking().Join(db.Refunds, p => p.RefundId, r => r.Id, (p, r) => new { r.FamilyId, p.Amount })
            .Where(x => x.FamilyId == family.FamilyId).ToListAsync());
        Assert.Equal(40m, parts.Sum(p => p.Amount));
    }

    [Fact]
    public async Task The_credit_left_after_a_refund_is_all_the_next_payment_can_spend()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Reste");
        await PayAsync(family, 30m);
        using (var scope = factory.Services.CreateScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<CreditRefunds>()
                .RefundAsync(family.FamilyId!.Value, PaymentMethod.Cheque, 25m, factory.Clock.Today, null, "Tests", CancellationToken.None)).Succeeded);
        }

        var invoice = await InvoiceAsync(family, 20m);
        await PayAsync(family, 1m);

        // 1,00 € paid and the 5,00 € of credit left: 6,00 € on the invoice, no more.
        Assert.Equal(6m, (await factory.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id))).Paid);
    }

    private async Task<Payment> PayAsync(TestAccount family, decimal amount)
    {
        using var scope = factory.Services.CreateScope();
        Outcome<Payment> outcome = await scope.ServiceProvider.GetRequiredService<PaymentRecording>()
            .RecordAsync(family.FamilyId!.Value, PaymentMethod.Cash, amount, factory.Clock.Today, "Parent", null, null, [], "Tests", null, CancellationToken.None);
        Assert.True(outcome.Succeeded);
        return outcome.Value;
    }

    private Task<Invoice> InvoiceAsync(TestAccount family, decimal total) =>
        BillingTestData.CreateInvoiceAsync(factory, family.FamilyId!.Value, "FAMILLE Alice", new DateOnly(2026, 12, 1),
            new TestLine("Enfant FAMILLE", "Restaurant scolaire", "Repas", BillingKind.Reserved, 1, total));

    private static string FamilyUrl(TestAccount family) => $"/gestion/familles/{family.FamilyId}";

    private async Task<PortalClient> AgentAsync()
    {
        var agent = await TestData.CreateStaffAsync(factory, Roles.Agent);
        var client = factory.NewClient();
        await client.SignInStaffAsync(agent.Email, agent.Password);
        return client;
    }
}
