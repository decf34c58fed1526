using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Registrations;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Registrations;

/// <summary>A registration as "Mes inscriptions" lists it, with its columns (docs/product.md 3.5).</summary>
public sealed record RegistrationRow(
    Guid Id,
    RegistrationStatus Status,
    string Facility,
    string Activity,
    string PeriodLabel,
    DateOnly Start,
    DateOnly End,
    string? RefusalReason);

/// <summary>Reads a family's registrations with the names of the catalogue around them.</summary>
public static class RegistrationViews
{
    /// <summary>
    /// The registrations of one child of the family, newest request first. Both the family and
    /// the child filter the query, so another family's registration is never read.
    /// </summary>
    public static async Task<IReadOnlyList<RegistrationRow>> ForChildAsync(AppDbContext db, Guid familyId, Guid childId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await (
            from r in db.Registrations
            where r.FamilyId == familyId && r.ChildId == childId
            join p in db.Periods on r.PeriodId equals p.Id
            join a in db.Activities on r.ActivityId equals a.Id
            join t in db.ActivityTypes on a.ActivityTypeId equals t.Id
            join f in db.Facilities on t.FacilityId equals f.Id
            select new { r.Id, r.Status, Facility = f.Name, Activity = a.Name, p.Label, r.Start, r.End, r.RefusalReason, r.RequestedAt })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        // Sorted in memory: SQLite cannot order by an instant stored as text with an offset.
        return [.. rows
            .OrderBy(r => r.Start)
            .ThenBy(r => r.Facility, StringComparer.Ordinal)
            .ThenBy(r => r.RequestedAt)
            .Select(r => new RegistrationRow(r.Id, r.Status, r.Facility, r.Activity, r.Label, r.Start, r.End, r.RefusalReason))];
    }
}
