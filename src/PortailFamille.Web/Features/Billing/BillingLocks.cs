using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Billing;

/// <summary>
/// The locks that keep billing right when agents and runs work at once. Both are taken by an
/// update inside the caller's transaction and held until it ends: PostgreSQL locks the rows,
/// SQLite has one writer at a time.
/// </summary>
public static class BillingLocks
{
    /// <summary>
    /// Locks the families' rows: an invoicing batch and an agent changing a mark of the same
    /// family wait for each other, so a mark is either billed as it was read or changed
    /// before the invoice reads it, never changed under it. Reads made after this call, in
    /// the same transaction, see every change committed before it (PostgreSQL reads each
    /// statement afresh in read-committed).
    /// </summary>
    public static Task LockFamiliesAsync(AppDbContext db, IReadOnlyCollection<Guid> familyIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return familyIds.Count == 0
            ? Task.CompletedTask
            : db.Families.Where(f => familyIds.Contains(f.Id)).ExecuteUpdateAsync(u => u.SetProperty(f => f.Status, f => f.Status), cancellationToken);
    }

    /// <summary>
    /// Takes the next <paramref name="count"/> numbers of a series and year and returns the
    /// first. The counter is raised by one update and stays locked until the transaction ends:
    /// a rolled-back batch gives its numbers back, so the series has no gap, and two agents
    /// never get the same number.
    /// </summary>
    public static async Task<long> TakeNumbersAsync(AppDbContext db, string series, int year, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        // The year's counter is created on its first number; both databases skip the insert
        // when another transaction created it first (PostgreSQL waits for that one to end).
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "DocumentSequences" ("Series", "Year", "Last") VALUES ({series}, {year}, 0) ON CONFLICT DO NOTHING""",
            cancellationToken);
        var raised = await db.DocumentSequences
            .Where(s => s.Series == series && s.Year == year)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Last, s => s.Last + count), cancellationToken);
        if (raised != 1)
        {
            throw new InvalidOperationException($"The counter of {series} {year} could not be raised.");
        }

        var last = await db.DocumentSequences.AsNoTracking()
            .Where(s => s.Series == series && s.Year == year)
            .Select(s => s.Last)
            .SingleAsync(cancellationToken);
        return last - count + 1;
    }
}
