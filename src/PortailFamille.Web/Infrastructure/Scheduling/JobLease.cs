using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Infrastructure.Scheduling;

/// <summary>
/// Lets one web server, and only one, do a recurring job's round when every server's scheduler
/// fires it: the first to ask takes the job's lease for a while, by a conditional update ("mine,
/// if nobody holds it or it has lapsed"), and the others skip their round. Nothing is given
/// back: the lease simply lapses, so a server that stops leaves the job to the next one asking.
/// </summary>
public sealed class JobLease(AppDbContext db, TimeProvider time)
{
    /// <summary>Takes the lease of <paramref name="job"/> for <paramref name="duration"/>; false when another server holds it.</summary>
    public async Task<bool> TryTakeAsync(string job, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + duration;
        var holder = Guid.NewGuid();
        if (await db.Set<JobLeaseRow>()
                .Where(l => l.Job == job && l.Until <= now)
                .ExecuteUpdateAsync(u => u.SetProperty(l => l.Until, until).SetProperty(l => l.HolderId, holder), cancellationToken) == 1)
        {
            return true;
        }

        // The job's first round on this database: its row is created by the first server to
        // ask; the primary key refuses the others.
        if (await db.Set<JobLeaseRow>().AnyAsync(l => l.Job == job, cancellationToken))
        {
            return false;
        }

        db.Add(new JobLeaseRow { Job = job, HolderId = holder, Until = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
        {
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}

/// <summary>A recurring job's lease: who took it last, and until when it holds.</summary>
public sealed class JobLeaseRow
{
    public string Job { get; set; } = string.Empty;

    public Guid HolderId { get; set; }

    /// <summary>In UTC; once passed, the next server asking takes the lease.</summary>
    public DateTimeOffset Until { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLeaseRow>
{
    public void Configure(EntityTypeBuilder<JobLeaseRow> lease)
    {
        lease.ToTable("JobLeases");
        lease.HasKey(l => l.Job);
        lease.Property(l => l.Job).HasMaxLength(100);
    }
}
