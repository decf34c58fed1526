using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Gestion.TaxRuns;

/// <summary>
/// One run of tax certificates: its progress while it works (the page asks again every few
/// seconds with JavaScript, or on "Actualiser" without), then its summary.
/// </summary>
public sealed class RunModel(AppDbContext db) : PageModel
{
    public TaxCertificateRun Run { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var run = await db.TaxCertificateRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, HttpContext.RequestAborted);
        if (run is null)
        {
            return NotFound();
        }

        Run = run;
        return Page();
    }

    /// <summary>The progress, read by the page's script while the run works.</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id)
    {
        var run = await db.TaxCertificateRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, HttpContext.RequestAborted);
        return run is null
            ? NotFound()
            : new JsonResult(new
            {
                done = run.FamiliesDone,
                total = run.FamiliesTotal,
                working = run.Working,
                text = TaxRunWords.Progress(run),
            });
    }
}
