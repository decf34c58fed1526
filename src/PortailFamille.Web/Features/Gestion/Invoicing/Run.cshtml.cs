using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Billing;

namespace PortailFamille.Web.Features.Gestion.Invoicing;

/// <summary>
/// One invoicing run: its progress while it works (the page asks again every few seconds
/// with JavaScript, or on "Actualiser" without), then its result: invoices issued, total,
/// anomalies, and the invoices themselves.
/// </summary>
public sealed class RunModel(AppDbContext db) : PageModel
{
    public const int InvoiceRows = 200;

    public InvoicingRun Run { get; private set; } = null!;

    public IReadOnlyList<Invoice> Invoices { get; private set; } = [];

    public bool Working => Run.Status is InvoicingRunStatus.Queued or InvoicingRunStatus.Running;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var run = await db.InvoicingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (run is null)
        {
            return NotFound();
        }

        Run = run;
        Invoices = await db.Invoices.AsNoTracking().Where(i => i.RunId == id)
            .OrderBy(i => i.Sequence).Take(InvoiceRows).ToListAsync(ct);
        return Page();
    }

    /// <summary>The progress, read by the page's script while the run works.</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id)
    {
        var run = await db.InvoicingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, HttpContext.RequestAborted);
        return run is null
            ? NotFound()
            : new JsonResult(new
            {
                done = run.FamiliesDone,
                total = run.FamiliesTotal,
                working = run.Status is InvoicingRunStatus.Queued or InvoicingRunStatus.Running,
                text = InvoicingWords.Progress(run),
            });
    }
}
