using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Common;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Infrastructure.Telemetry;
using PortailFamille.Web.Infrastructure.Time;
using Quartz;

namespace PortailFamille.Web.Features.Gestion.Invoicing;

/// <summary>
/// Invoicing runs: an agent asks for a month, the background worker issues it by batches of
/// families and records its progress after each one. One run at a time, enforced by a unique
/// index; a worker takes a run by a conditional update on its heartbeat, so two servers never
/// issue the same run, and a run left by a stopped server is taken over where it stood.
/// </summary>
public sealed class InvoicingRuns(IServiceScopeFactory scopes, ParisClock clock, PortalMetrics metrics, ILogger<InvoicingRuns> logger)
{
    /// <summary>How long a run's heartbeat holds; a batch takes far less.</summary>
    public static readonly TimeSpan Lapse = TimeSpan.FromMinutes(2);

    public static readonly JobKey JobKey = new("facturation");

    /// <summary>
    /// Queues the invoicing of a month. Refused for a month not over yet (its days cannot all be
    /// marked) and while another run is active.
    /// </summary>
    public async Task<Outcome<InvoicingRun>> QueueAsync(DateOnly month, IReadOnlyList<Guid> activities, string startedBy, CancellationToken cancellationToken)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var today = clock.Today;
        if (first.AddMonths(1) > today)
        {
            return Refused($"Le mois de {FrenchDates.MonthAndYear(first)} n'est pas terminé : il pourra être facturé à partir du {ParisClock.FormatDate(first.AddMonths(1))}.");
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var families = await db.Families.CountAsync(cancellationToken);
        var run = new InvoicingRun
        {
            Id = Guid.NewGuid(),
            Month = first,
            ActivityIds = string.Join(',', activities),
            Status = InvoicingRunStatus.Queued,
            ActiveSlot = InvoicingRun.Active,
            FamiliesTotal = families,
            StartedBy = startedBy,
            CreatedAt = clock.UtcNow,
        };
        db.InvoicingRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Refused("Une facturation est déjà en cours : attendez qu'elle se termine pour en lancer une autre.");
        }

        var scheduler = await scope.ServiceProvider.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
        await scheduler.TriggerJob(JobKey, cancellationToken);
        return Outcome<InvoicingRun>.Success(run);

        static Outcome<InvoicingRun> Refused(string message) => Outcome<InvoicingRun>.Refused([new Refusal("Month", message)]);
    }

    /// <summary>Takes the active run if nobody works on it and issues it to the end; false when there was nothing to take.</summary>
    public async Task<bool> WorkAsync(CancellationToken cancellationToken)
    {
        var holder = Guid.NewGuid();
        Guid runId;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.UtcNow;
            var lapsed = now - Lapse;
            var taken = await db.InvoicingRuns
                .Where(r => r.ActiveSlot == InvoicingRun.Active && (r.HolderId == null || r.HeartbeatAt < lapsed))
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.HolderId, holder).SetProperty(r => r.HeartbeatAt, now).SetProperty(r => r.Status, InvoicingRunStatus.Running), cancellationToken);
            if (taken == 0)
            {
                return false;
            }

            runId = await db.InvoicingRuns.Where(r => r.HolderId == holder).Select(r => r.Id).SingleAsync(cancellationToken);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await IssueAsync(runId, holder, cancellationToken);
            await FinishAsync(runId, holder, InvoicingRunStatus.Done, null, CancellationToken.None);
            metrics.InvoicingRan(System.Diagnostics.Stopwatch.GetElapsedTime(started), failed: false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            metrics.InvoicingRan(System.Diagnostics.Stopwatch.GetElapsedTime(started), failed: true);
            logger.LogError(e, "Invoicing run {RunId} failed", runId);
            await FinishAsync(runId, holder, InvoicingRunStatus.Failed, "La facturation s'est arrêtée sur une erreur ; les factures déjà émises le restent. Relancez-la pour continuer.", CancellationToken.None);
        }

        return true;
    }

    private async Task IssueAsync(Guid runId, Guid holder, CancellationToken cancellationToken)
    {
        List<Guid> families;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var run = await db.InvoicingRuns.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
            families = await scope.ServiceProvider.GetRequiredService<MonthlyInvoicing>().FamiliesAsync(cancellationToken);
            // Taken over after a stop: go on after the last family the stopped worker finished.
            if (run.LastFamilyId is { } last)
            {
                families = [.. families.Where(f => f.CompareTo(last) > 0)];
            }
        }

        // Families per transaction: large enough for set-based work, small enough for a live progress.
        foreach (var batch in families.Chunk(MonthlyInvoicing.BatchSize))
        {
            for (var attempt = 1; ; attempt++)
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var run = await db.InvoicingRuns.SingleAsync(r => r.Id == runId, cancellationToken);
                if (run.HolderId != holder)
                {
                    // Another worker took the run over while this one stalled: it goes on.
                    throw new OperationCanceledException("The invoicing run was taken over.");
                }

                try
                {
                    await scope.ServiceProvider.GetRequiredService<MonthlyInvoicing>().IssueBatchAsync(run, batch, clock.Today, clock.UtcNow, cancellationToken);
                    break;
                }
                catch (Exception e) when (attempt < 5 && e is BillingConflictException or DbUpdateConcurrencyException)
                {
                    // A mark or a reservation changed under the batch: read it again and bill what now stands.
                }
            }
        }
    }

    private async Task FinishAsync(Guid runId, Guid holder, InvoicingRunStatus status, string? error, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.UtcNow;
        await db.InvoicingRuns
            .Where(r => r.Id == runId && r.HolderId == holder)
            .ExecuteUpdateAsync(
                u => u.SetProperty(r => r.Status, status).SetProperty(r => r.ActiveSlot, (int?)null).SetProperty(r => r.HolderId, (Guid?)null)
                    .SetProperty(r => r.FinishedAt, now).SetProperty(r => r.HeartbeatAt, now).SetProperty(r => r.Error, error),
                cancellationToken);
    }
}

/// <summary>
/// The background worker: fired when an agent queues a run, and every minute to take over a
/// run left by a stopped server. One at a time on each server; the heartbeat decides between servers.
/// </summary>
[DisallowConcurrentExecution]
public sealed class InvoicingJob(InvoicingRuns runs) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        while (await runs.WorkAsync(cancellationToken))
        {
        }
    }
}
