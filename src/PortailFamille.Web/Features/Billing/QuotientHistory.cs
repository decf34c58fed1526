using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Billing;

/// <summary>
/// Keeps each quotient familial from the day it applies, so that a month is billed with the
/// quotient of each of its days (see <see cref="TariffChoice.QuotientOn"/>), even after the
/// family's resources change.
/// </summary>
public static class QuotientHistory
{
    /// <summary>Records the family's current quotient in the caller's unit of work; the same day entered again replaces it.</summary>
    public static async Task RecordAsync(AppDbContext db, Guid familyId, FamilyResources resources, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(resources);
        var entry = db.QuotientHistory.Local.SingleOrDefault(e => e.FamilyId == familyId && e.ValidFrom == resources.UpdatedOn)
            ?? await db.QuotientHistory.SingleOrDefaultAsync(e => e.FamilyId == familyId && e.ValidFrom == resources.UpdatedOn, cancellationToken);
        if (entry is null)
        {
            db.QuotientHistory.Add(new QuotientHistoryEntry { FamilyId = familyId, ValidFrom = resources.UpdatedOn, Quotient = resources.Quotient, RecordedAt = now });
            return;
        }

        entry.Quotient = resources.Quotient;
        entry.RecordedAt = now;
    }

    /// <summary>The quotients of the families, oldest first, to price their days.</summary>
    /// <remarks>Null for every family: a city's ids are not sent as parameters.</remarks>
    public static async Task<Dictionary<Guid, List<QuotientFrom>>> LoadAsync(AppDbContext db, IReadOnlyCollection<Guid>? familyIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var history = db.QuotientHistory.AsNoTracking();
        var rows = await (familyIds is null ? history : history.Where(e => familyIds.Contains(e.FamilyId)))
            .Select(e => new { e.FamilyId, e.ValidFrom, e.Quotient })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.FamilyId)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.ValidFrom).Select(r => new QuotientFrom(r.ValidFrom, r.Quotient)).ToList());
    }
}
