using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Features.Gestion.Reservations;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Gestion.Invoicing;

/// <summary>
/// "Facturation": choose a month (and, if wished, activities), see what it would bill and
/// what looks wrong, then issue; the issuing runs in the background (docs/product.md 4.6).
/// </summary>
public sealed class IndexModel(AppDbContext db, MonthlyInvoicing invoicing, InvoicingRuns runs, AuditTrail audit, ParisClock clock) : PageModel
{
    public const string Address = "/gestion/facturation";

    /// <summary>Families listed in the preview; the totals count them all.</summary>
    public const int PreviewRows = 100;

    public IReadOnlyList<(Guid Id, string Name)> Activities { get; private set; } = [];

    public IReadOnlyList<InvoicingRun> Runs { get; private set; } = [];

    /// <summary>The month chosen, as "2026-11".</summary>
    public string MonthValue { get; private set; } = "";

    public IReadOnlyList<Guid> Chosen { get; private set; } = [];

    public InvoicingPreview? Preview { get; private set; }

    /// <summary>The months offered: the twelve before this one and this one, newest first.</summary>
    public IReadOnlyList<DateOnly> Months { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "mois")] string? month, [FromQuery(Name = "activites")] List<Guid>? activities, [FromQuery(Name = "apercu")] bool preview)
    {
        await LoadAsync(month, activities);
        if (preview && ModelState.IsValid)
        {
            Preview = await invoicing.PreviewAsync(ParseMonth(MonthValue)!.Value, Chosen, clock.Today, PreviewRows, HttpContext.RequestAborted);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostIssueAsync([FromForm(Name = "mois")] string? month, [FromForm(Name = "activites")] List<Guid>? activities)
    {
        await LoadAsync(month, activities);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var chosen = ParseMonth(MonthValue)!.Value;
        // The run is not tied to the request: the agent may leave the page, the worker goes on.
        var outcome = await runs.QueueAsync(chosen, Chosen, ReservationWords.Agent(User), CancellationToken.None);
        if (!outcome.Succeeded)
        {
            foreach (var refusal in outcome.Refusals)
            {
                ModelState.AddModelError("mois", refusal.Message);
            }

            return Page();
        }

        var run = outcome.Value;
        audit.Record("Facturation", run.Id, $"Facturation de {FrenchDates.MonthAndYear(run.Month)} lancée ({run.FamiliesTotal} famille(s) à traiter).");
        await db.SaveChangesAsync(CancellationToken.None);
        return Redirect($"{Address}/{run.Id}");
    }

    public static string MonthText(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private async Task LoadAsync(string? month, List<Guid>? activities)
    {
        var ct = HttpContext.RequestAborted;
        var today = clock.Today;
        var current = new DateOnly(today.Year, today.Month, 1);
        Months = [.. Enumerable.Range(0, 13).Select(i => current.AddMonths(-i))];
        var catalogue = await db.Activities.AsNoTracking().OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        Activities = [.. catalogue.Select(a => (a.Id, a.Name))];
        Chosen = [.. (activities ?? []).Where(id => catalogue.Any(a => a.Id == id)).Distinct()];
        MonthValue = month ?? MonthText(current.AddMonths(-1));
        if (ParseMonth(MonthValue) is null)
        {
            ModelState.AddModelError("mois", "Choisissez le mois à facturer dans la liste.");
            MonthValue = MonthText(current.AddMonths(-1));
        }

        Runs = await db.InvoicingRuns.AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(12).ToListAsync(ct);
    }

    private static DateOnly? ParseMonth(string? text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && DateBounds.Contains(month)
            ? month
            : null;
}
