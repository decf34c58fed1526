using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Reservations;

/// <summary>
/// One transfer at a time, whoever starts it (the scheduler of any web server, an agent by
/// hand): a single row that a run takes by a conditional update ("mine, if nobody holds it"),
/// so that the database decides between runs started at the same instant. The run renews it
/// as it works and gives it back when it ends, failed or not. A run whose process died
/// cannot give it back: its lock lapses once it has not been renewed for
/// <see cref="Lapse"/>, and the next run takes it over; a stalled run that finds its lock
/// taken over stops at its next step (see the transfer's decision record, 0013).
/// </summary>
public sealed class TransferLock(AppDbContext db, ParisClock clock)
{
    /// <summary>How long a lock not renewed still holds: far longer than any step of a run.</summary>
    public static readonly TimeSpan Lapse = TimeSpan.FromMinutes(10);

    /// <summary>Takes the lock under the key <paramref name="holderId"/>, new for each run; false when another run holds it.</summary>
    public async Task<bool> TryTakeAsync(Guid holderId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var lapsed = now - Lapse;
        return await db.Set<TransferLockRow>()
            .Where(l => l.Id == TransferLockRow.TheRow && (l.HolderId == null || l.RenewedAt < lapsed))
            .ExecuteUpdateAsync(
                u => u.SetProperty(l => l.HolderId, holderId).SetProperty(l => l.TakenAt, now).SetProperty(l => l.RenewedAt, now),
                cancellationToken) == 1;
    }

    /// <summary>Says the run is still alive; false when it no longer holds the lock.</summary>
    public async Task<bool> RenewAsync(Guid holderId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        return await db.Set<TransferLockRow>()
            .Where(l => l.Id == TransferLockRow.TheRow && l.HolderId == holderId)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.RenewedAt, now), cancellationToken) == 1;
    }

    /// <summary>Gives the lock back, if the run still holds it.</summary>
    public Task ReleaseAsync(Guid holderId, CancellationToken cancellationToken) =>
        db.Set<TransferLockRow>()
            .Where(l => l.Id == TransferLockRow.TheRow && l.HolderId == holderId)
            .ExecuteUpdateAsync(
                u => u.SetProperty(l => l.HolderId, (Guid?)null).SetProperty(l => l.TakenAt, (DateTimeOffset?)null).SetProperty(l => l.RenewedAt, (DateTimeOffset?)null),
                cancellationToken);
}

/// <summary>The transfer's lock: one row, created with the database.</summary>
public sealed class TransferLockRow
{
    public const int TheRow = 1;

    public int Id { get; set; }

    /// <summary>The key of the run holding the lock; null when free.</summary>
    public Guid? HolderId { get; set; }

    /// <summary>When the run took it, in UTC.</summary>
    public DateTimeOffset? TakenAt { get; set; }

    /// <summary>When the run last said it was alive, in UTC.</summary>
    public DateTimeOffset? RenewedAt { get; set; }
}

internal sealed class TransferLockConfiguration : IEntityTypeConfiguration<TransferLockRow>
{
    public void Configure(EntityTypeBuilder<TransferLockRow> row)
    {
        row.ToTable("TransferLock");
        row.Property(l => l.Id).ValueGeneratedNever();
        row.HasData(new TransferLockRow { Id = TransferLockRow.TheRow });
    }
}
