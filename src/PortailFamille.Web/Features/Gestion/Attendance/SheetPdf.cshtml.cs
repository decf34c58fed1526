using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Domain.Calendar;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Gestion.Attendance;

/// <summary>
/// The attendance sheet of a unit's day as a PDF, for agents, at the sheet's address with
/// "/pdf": what the sheet shows when it is asked for. An address that names no sheet goes back
/// to the sheet's own page with the same query, which says in French what is wrong with the
/// day, or answers "not found" for a wrong activity or unit.
/// </summary>
public sealed class SheetPdfModel(AppDbContext db, AttendanceSheetPdf pdf) : PageModel
{
    public async Task<IActionResult> OnGetAsync(
        [FromQuery(Name = "activite")] string? activityText,
        [FromQuery(Name = "unite")] string? unitText,
        [FromQuery(Name = "jour")] string? dayText)
    {
        var ct = HttpContext.RequestAborted;
        if (!Guid.TryParse(activityText, out var activityId) || !Guid.TryParse(unitText, out var unitId)
            || !DateOnly.TryParseExact(dayText?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !DateBounds.Contains(date)
            || await SheetDay.FindAsync(db, activityId, unitId, date, ct) is not { } day)
        {
            return Redirect(AttendanceSheet.Address + Request.QueryString);
        }

        var sheet = await AttendanceSheet.LoadAsync(db, day, ct);
        // Children's health and who may fetch them: no shared cache keeps it.
        Response.Headers.CacheControl = "private, no-store";
        return new FileContentResult(pdf.Draw(sheet), "application/pdf") { FileDownloadName = AttendanceSheetPdf.FileName(day) };
    }
}
