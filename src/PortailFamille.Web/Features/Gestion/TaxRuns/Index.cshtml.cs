using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Gestion.Reservations;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Gestion.TaxRuns;

/// <summary>
/// "Attestations fiscales": an agent chooses a year that is over and whether the families are
/// told by email, then starts the run that numbers every family's certificate in the
/// background (docs/product.md 4.8 and 5). The year is checked by the Domain; any text typed gets a
/// French answer, never an error page.
/// </summary>
public sealed class IndexModel(AppDbContext db, TaxCertificateRuns runs, AuditTrail audit, ParisClock clock) : PageModel
{
    public const string Address = "/gestion/attestations-fiscales";

    /// <summary>The year as typed, shown back when refused.</summary>
    public string YearValue { get; private set; } = "";

    public bool SendEmails { get; private set; } = true;

    public IReadOnlyList<TaxCertificateRun> Runs { get; private set; } = [];

    public async Task OnGetAsync()
    {
        YearValue = (clock.Today.Year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await LoadRunsAsync();
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "annee")] string? year, [FromForm(Name = "emails")] string? emails)
    {
        YearValue = year ?? "";
        SendEmails = emails is "true";
        var first = await db.Payments.AsNoTracking().Where(p => p.CancelledAt == null).MinAsync(p => (DateOnly?)p.ReceivedOn, HttpContext.RequestAborted);
        var checkedYear = TaxCertificateYear.Check(year, clock.Today, first);
        if (!checkedYear.Succeeded)
        {
            return await RefusedAsync(checkedYear.Refusals.Select(r => r.Message));
        }

        // The run is not tied to the request: the agent may leave the page, the worker goes on.
        var outcome = await runs.QueueAsync(checkedYear.Value, SendEmails, ReservationWords.Agent(User), CancellationToken.None);
        if (!outcome.Succeeded)
        {
            return await RefusedAsync(outcome.Refusals.Select(r => r.Message));
        }

        var run = outcome.Value;
        audit.Record("Attestations fiscales", run.Id, $"Attestations fiscales {run.Year} lancées ({run.FamiliesTotal} famille(s) à traiter, {(run.SendEmails ? "avec" : "sans")} email).");
        await db.SaveChangesAsync(CancellationToken.None);
        return Redirect($"{Address}/{run.Id}");
    }

    private async Task<IActionResult> RefusedAsync(IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            ModelState.AddModelError("annee", message);
        }

        await LoadRunsAsync();
        return Page();
    }

    private async Task LoadRunsAsync() =>
        Runs = await db.TaxCertificateRuns.AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(12).ToListAsync(HttpContext.RequestAborted);
}
