using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Gestion.Accounting;

/// <summary>
/// "Export comptable": an agent chooses a period and downloads its invoices, credit notes and
/// payments as CSV for the commune's accounting software. Without a period, last month is proposed.
/// </summary>
public sealed class ExportModel(AccountingExport export, ParisClock clock) : PageModel
{
    public const string Address = "/gestion/export-comptable";

    /// <summary>The longest period one file holds: a year and a day, so that a civil year always fits.</summary>
    public const int MaxDays = 366;

    [BindProperty(SupportsGet = true, Name = "du")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "au")]
    public string? To { get; set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "telecharger")] bool download)
    {
        if (!download)
        {
            // Opened from the menu: last month, the usual export after the month's invoicing.
            var today = clock.Today;
            var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
            From ??= ParisClock.FormatDate(firstOfMonth.AddMonths(-1));
            To ??= ParisClock.FormatDate(firstOfMonth.AddDays(-1));
            return Page();
        }

        var from = ParisClock.ParseDate(From);
        var to = ParisClock.ParseDate(To);
        if (from is null)
        {
            ModelState.AddModelError("du", ParisClock.DateMessage(From, "Saisissez la date de début au format jj/mm/aaaa, par exemple 01/11/2026."));
        }

        if (to is null)
        {
            ModelState.AddModelError("au", ParisClock.DateMessage(To, "Saisissez la date de fin au format jj/mm/aaaa, par exemple 30/11/2026."));
        }

        if (from is { } start && to is { } end)
        {
            if (end < start)
            {
                ModelState.AddModelError("au", "La date de fin doit être postérieure ou égale à la date de début.");
            }
            else if (end.DayNumber - start.DayNumber >= MaxDays)
            {
                ModelState.AddModelError("au", $"Une période d'au plus {MaxDays} jours par fichier : exportez une année à la fois.");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{AccountingExport.FileName(from!.Value, to!.Value)}\"";
        // Families' names and amounts: no shared cache keeps them.
        Response.Headers.CacheControl = "private, no-store";
        await export.WriteAsync(Response.Body, from.Value, to.Value, HttpContext.RequestAborted);
        return new EmptyResult();
    }
}
