using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PortailFamille.Domain.Calendar;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Municipality;

namespace PortailFamille.Web.Features.Catalogue;

/// <summary>
/// The commune's calendar as the domain rules need it: working days (public holidays, the
/// Alsace-Moselle option of the commune's settings, local closures) and school holidays, read
/// from the database in two small queries.
/// </summary>
public sealed class CommuneCalendar(AppDbContext db, IOptions<MunicipalityOptions> municipality)
{
    public async Task<WorkingDayCalendar> WorkingDaysAsync(CancellationToken cancellationToken)
    {
        var closures = await db.Closures.AsNoTracking().Select(c => c.Date).ToListAsync(cancellationToken);
        return new WorkingDayCalendar(municipality.Value.AlsaceMoselle, closures);
    }

    public async Task<SchoolHolidays> SchoolHolidaysAsync(CancellationToken cancellationToken)
    {
        var entries = await db.SchoolHolidays.AsNoTracking().OrderBy(h => h.Start).ToListAsync(cancellationToken);
        return new SchoolHolidays(entries.Select(e => new SchoolHoliday(e.Label, new DateRange(e.Start, e.End))));
    }
}
