using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Tests.Infrastructure;
using PortailFamille.Web.Tests.Reservations;

namespace PortailFamille.Web.Tests.Billing;

/// <summary>
/// "Demande d'Attestation fiscale" in Mon compte: the PDF of a year at once, with the care paid
/// during the year for each child under six on 1 January, meals left out; one number per family
/// and year, even when asked twice at once. On a fixed clock (13/01/2027).
/// </summary>
public sealed partial class TaxCertificateTests(CalendarFactory factory) : IClassFixture<CalendarFactory>
{
    private const string Page = "/famille/compte/attestation-fiscale";

    [Fact]
    public async Task A_family_gets_the_PDF_of_the_care_it_paid_for_its_child_under_six_without_the_meals()
    {
        var (family, invoice) = await PaidFamilyAsync("Fiscal");
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(family.Email, family.Password);

        var account = await client.GetAsync("/famille/compte");
        Assert.Contains(account.Document.QuerySelectorAll("a"), a => a.TextContent == "Demande d'Attestation fiscale" && a.GetAttribute("href") == Page);
        var form = await client.GetAsync(Page);
        Assert.Equal("2026", form.Document.QuerySelector("#annee option[selected]")?.GetAttribute("value"));
        var answer = await client.SubmitAsync(form, new Dictionary<string, string> { ["annee"] = "2027" });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/pdf", answer.Response.Content.Headers.ContentType?.MediaType);
        var text = BillingTestData.PdfText(await answer.Response.Content.ReadAsByteArrayAsync());
        Assert.Contains("ATTESTATION FISCALE", text, StringComparison.Ordinal);
        var number = NumberPattern().Match(text).Value;
        Assert.NotEmpty(number);
        Assert.Contains("Année 2027", text, StringComparison.Ordinal);
        Assert.Contains("Léa FISCAL, né(e) le 10/05/2021", text, StringComparison.Ordinal);
        Assert.Contains("Périscolaire : de décembre 2026 à décembre 2026.", text, StringComparison.Ordinal);
        Assert.Contains("20,00 €", text, StringComparison.Ordinal);
        // Six on 1 January 2027: not on the certificate; the meals are not either.
        Assert.DoesNotContain("Tom FISCAL", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Restaurant scolaire", text, StringComparison.Ordinal);
        Assert.Contains("Total versé en 2027", text, StringComparison.Ordinal);

        // Asked again: the same number.
        var again = await client.SubmitAsync(await client.GetAsync(Page), new Dictionary<string, string> { ["annee"] = "2027" });
        Assert.Contains(number, BillingTestData.PdfText(await again.Response.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(db => db.TaxCertificates.CountAsync(c => c.FamilyId == family.FamilyId && c.Year == 2027)));
        Assert.True(invoice.Total > 20m);
    }

    [Fact]
    public async Task A_year_without_care_paid_says_so_and_a_year_not_offered_is_refused_in_French()
    {
        var (family, _) = await PaidFamilyAsync("Rien");
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(family.Email, family.Password);

        var nothing = await client.SubmitAsync(Page, new Dictionary<string, string> { ["annee"] = "2026" });
        var refused = await client.SubmitAsync(Page, new Dictionary<string, string> { ["annee"] = "1990" });

        Assert.Equal("text/html", nothing.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Aucune somme à attester pour 2026", nothing.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Choisissez l'année de l'attestation dans la liste.", refused.Text, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.TaxCertificates.AnyAsync(c => c.FamilyId == family.FamilyId)));
    }

    [Fact]
    public async Task Two_requests_at_the_same_instant_share_one_number()
    {
        var (family, _) = await PaidFamilyAsync("Double");
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<TaxCertificateRecord> IssueAsync()
        {
            await go.Task;
            using var scope = factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<TaxCertificates>().IssueAsync(family.FamilyId!.Value, 2027, CancellationToken.None);
        }

        var first = IssueAsync();
        var second = IssueAsync();
        go.SetResult();
        var records = await Task.WhenAll(first, second);

        Assert.Equal(records[0].Number, records[1].Number);
        Assert.Equal(1, await factory.WithDbAsync(db => db.TaxCertificates.CountAsync(c => c.FamilyId == family.FamilyId)));
    }

    [Fact]
    public async Task Only_a_signed_in_family_reaches_the_page()
    {
        using var anonymous = factory.NewClient();
        var page = await anonymous.GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
    }

    [Fact]
    public async Task An_unexpected_presence_counts_for_its_care_without_the_surcharge_kept_on_its_line()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Majore", ("Léa", new DateOnly(2021, 5, 10)));
        var familyId = family.FamilyId!.Value;
        var childId = await factory.WithDbAsync(db => db.Children.Where(c => c.FamilyId == familyId).Select(c => c.Id).SingleAsync());
        // Two unexpected mornings at 2,00 € plus a surcharge of 1,50 € each: 7,00 €, of which 4,00 € of care.
        var invoice = await BillingTestData.CreateInvoiceAsync(factory, familyId, "MAJORE Alice", new DateOnly(2026, 12, 1),
            new TestLine("Léa MAJORE", "Périscolaire", "Matin", BillingKind.Unexpected, 2, 3.5m, ChildId: childId, SurchargePerDay: 1.5m),
            new TestLine("Léa MAJORE", "Périscolaire", "Soir", BillingKind.Reserved, 1, 2m, ChildId: childId));
        using var scope = factory.Services.CreateScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<PaymentRecording>()
            .RecordAsync(familyId, PaymentMethod.Cash, invoice.Total, factory.Clock.Today, "Alice MAJORE", null, null, [], "Tests", null, CancellationToken.None)).Succeeded);

        var certificate = await scope.ServiceProvider.GetRequiredService<TaxCertificates>().ComputeAsync(familyId, 2027, CancellationToken.None);

        Assert.Equal(9m, invoice.Total);
        Assert.Equal(6m, certificate.Total);
    }

    /// <summary>
    /// A family with a child of 5 and one of 6 on 1 January 2027, an invoice of December 2026 with
    /// care and meals, paid in full on 13/01/2027.
    /// </summary>
    private async Task<(TestAccount Family, Invoice Invoice)> PaidFamilyAsync(string name)
    {
        var family = await TestData.CreateFamilyAsync(factory, name, ("Léa", new DateOnly(2021, 5, 10)), ("Tom", new DateOnly(2020, 12, 31)));
        var familyId = family.FamilyId!.Value;
        var children = await factory.WithDbAsync(db => db.Children.AsNoTracking().Where(c => c.FamilyId == familyId).ToDictionaryAsync(c => c.FirstName, c => c.Id));
        var units = await factory.WithDbAsync(async db => (await db.Activities.AsNoTracking().ToListAsync())
            .SelectMany(a => a.Units.Select(u => (Activity: a.Name, Unit: u.Name, u.Id)))
            .ToDictionary(u => (u.Activity, u.Unit), u => u.Id));
        var upper = name.ToUpperInvariant();
        var invoice = await BillingTestData.CreateInvoiceAsync(factory, familyId, $"{upper} Alice", new DateOnly(2026, 12, 1),
            new TestLine($"Léa {upper}", "Périscolaire", "Matin", BillingKind.Reserved, 10, 2m, ChildId: children["Léa"], UnitId: units[("Périscolaire", "Matin")]),
            new TestLine($"Léa {upper}", "Restaurant scolaire", "Repas", BillingKind.Reserved, 10, 3m, ChildId: children["Léa"], UnitId: units[("Restaurant scolaire", "Repas")]),
            new TestLine($"Tom {upper}", "Périscolaire", "Matin", BillingKind.Reserved, 5, 2m, ChildId: children["Tom"], UnitId: units[("Périscolaire", "Matin")]));
        using var scope = factory.Services.CreateScope();
        var paid = await scope.ServiceProvider.GetRequiredService<PaymentRecording>()
            .RecordAsync(familyId, PaymentMethod.Cash, invoice.Total, factory.Clock.Today, $"Alice {upper}", null, null, [], "Tests", null, CancellationToken.None);
        Assert.True(paid.Succeeded);
        return (family, invoice);
    }

    [GeneratedRegex(@"AF-2027-\d{6}")]
    private static partial Regex NumberPattern();
}
