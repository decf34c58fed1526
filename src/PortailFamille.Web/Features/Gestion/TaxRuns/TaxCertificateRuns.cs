using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Common;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Infrastructure.Mail;
using PortailFamille.Web.Infrastructure.Time;
using Quartz;

namespace PortailFamille.Web.Features.Gestion.TaxRuns;

/// <summary>Where a yearly run of tax certificates stands.</summary>
public enum TaxCertificateRunStatus
{
    /// <summary>Asked, waiting for the background worker.</summary>
    Queued,

    /// <summary>A worker issues it.</summary>
    Running,

    /// <summary>Every family was handled.</summary>
    Done,

    /// <summary>Stopped on an error; the certificates already numbered stay.</summary>
    Failed,
}

/// <summary>
/// An agent's run of a year's tax certificates (docs/product.md 4.8 and 5): every family that paid
/// during the year, handled by batches, its progress saved after each batch.
/// </summary>
public sealed class TaxCertificateRun
{
    /// <summary>The value of <see cref="ActiveSlot"/> while a run is queued or running.</summary>
    public const int Active = 1;

    public Guid Id { get; set; }

    /// <summary>The year certified: the payments received during it.</summary>
    public int Year { get; set; }

    /// <summary>Whether each family's responsables are told by email that the certificate is ready.</summary>
    public bool SendEmails { get; set; }

    public TaxCertificateRunStatus Status { get; set; }

    /// <summary>
    /// 1 while queued or running, null after: a unique index on it lets only one run be active,
    /// whatever the number of agents and servers.
    /// </summary>
    public int? ActiveSlot { get; set; }

    public int FamiliesTotal { get; set; }

    public int FamiliesDone { get; set; }

    /// <summary>Certificates numbered by this run.</summary>
    public int CertificatesIssued { get; set; }

    /// <summary>Families whose certificate was already numbered (asked from Mon compte, or an earlier run): they keep it.</summary>
    public int CertificatesKept { get; set; }

    /// <summary>Families whose payments of the year certify nothing (no child under six, meals only…).</summary>
    public int FamiliesWithNothing { get; set; }

    public int EmailsQueued { get; set; }

    /// <summary>The last family handled: the next batch starts after it.</summary>
    public Guid? LastFamilyId { get; set; }

    public string StartedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The worker issuing it now, new for each take; null while nobody does.</summary>
    public Guid? HolderId { get; set; }

    /// <summary>Renewed by the worker after each batch; a run whose heartbeat is old is taken over.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }

    public string? Error { get; set; }

    public bool Working => Status is TaxCertificateRunStatus.Queued or TaxCertificateRunStatus.Running;
}

internal sealed class TaxCertificateRunConfiguration : IEntityTypeConfiguration<TaxCertificateRun>
{
    public void Configure(EntityTypeBuilder<TaxCertificateRun> run)
    {
        run.ToTable("TaxCertificateRuns");
        run.Property(r => r.Id).ValueGeneratedNever();
        run.Property(r => r.StartedBy).HasMaxLength(256);
        run.Property(r => r.Error).HasMaxLength(2000);
        run.Ignore(r => r.Working);
        // One active run at a time: both databases let many rows hold null in a unique index.
        run.HasIndex(r => r.ActiveSlot).IsUnique();
        run.HasIndex(r => r.CreatedAt);
    }
}

/// <summary>A batch's certificates collided with ones numbered meanwhile (a family asking from Mon compte): the batch is done again.</summary>
public sealed class TaxCertificateConflictException : Exception
{
    public TaxCertificateConflictException()
        : base("A tax certificate of the batch was numbered meanwhile.")
    {
    }

    public TaxCertificateConflictException(string message)
        : base(message)
    {
    }

    public TaxCertificateConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The yearly tax certificates run, modelled on <see cref="Invoicing.InvoicingRuns"/>: an agent
/// asks for a year, the background worker handles its families by batches and records its
/// progress after each one. One run at a time, enforced by a unique index; a worker takes a
/// run by a conditional update on its heartbeat, so two servers never work on the same run,
/// and a run left by a stopped server is taken over where it stood.
/// </summary>
public sealed class TaxCertificateRuns(IServiceScopeFactory scopes, ParisClock clock, ILogger<TaxCertificateRuns> logger)
{
    /// <summary>Families per transaction: large enough for set-based work, small enough for a live progress.</summary>
    public const int BatchSize = 500;

    /// <summary>How long a run's heartbeat holds; a batch takes far less.</summary>
    public static readonly TimeSpan Lapse = TimeSpan.FromMinutes(2);

    public static readonly JobKey JobKey = new("attestations-fiscales");

    /// <summary>The address the emails point to: the family draws its certificate there.</summary>
    public const string FamilyPage = "/famille/compte/attestation-fiscale";

    /// <summary>
    /// Queues the run of a year, already checked by <see cref="TaxCertificateYear"/>. Refused while
    /// another run is active: the unique index decides, not a read before the insert.
    /// </summary>
    public async Task<Outcome<TaxCertificateRun>> QueueAsync(int year, bool sendEmails, string startedBy, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var families = await FamiliesAsync(db, year, cancellationToken);
        var run = new TaxCertificateRun
        {
            Id = Guid.NewGuid(),
            Year = year,
            SendEmails = sendEmails,
            Status = TaxCertificateRunStatus.Queued,
            ActiveSlot = TaxCertificateRun.Active,
            FamiliesTotal = families.Count,
            StartedBy = startedBy,
            CreatedAt = clock.UtcNow,
        };
        db.TaxCertificateRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Outcome<TaxCertificateRun>.Refused([new Refusal(TaxCertificateYear.Field,
                "Une édition des attestations fiscales est déjà en cours : attendez qu'elle se termine pour en lancer une autre.")]);
        }

        var scheduler = await scope.ServiceProvider.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
        await scheduler.TriggerJob(JobKey, cancellationToken);
        return Outcome<TaxCertificateRun>.Success(run);
    }

    /// <summary>
    /// The families with a payment received during the year and not cancelled, in a stable
    /// order (the order a stopped run resumes in).
    /// </summary>
    public static async Task<List<Guid>> FamiliesAsync(AppDbContext db, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var families = await db.Payments.AsNoTracking()
            .Where(p => p.CancelledAt == null && p.ReceivedOn >= first && p.ReceivedOn <= last)
            .Select(p => p.FamilyId)
            .Distinct()
            .ToListAsync(cancellationToken);
        return [.. families.Order()];
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
            var taken = await db.TaxCertificateRuns
                .Where(r => r.ActiveSlot == TaxCertificateRun.Active && (r.HolderId == null || r.HeartbeatAt < lapsed))
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.HolderId, holder).SetProperty(r => r.HeartbeatAt, now).SetProperty(r => r.Status, TaxCertificateRunStatus.Running), cancellationToken);
            if (taken == 0)
            {
                return false;
            }

            runId = await db.TaxCertificateRuns.Where(r => r.HolderId == holder).Select(r => r.Id).SingleAsync(cancellationToken);
        }

        try
        {
            await IssueAsync(runId, holder, cancellationToken);
            await FinishAsync(runId, holder, TaxCertificateRunStatus.Done, null, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Tax certificate run {RunId} failed", runId);
            await FinishAsync(runId, holder, TaxCertificateRunStatus.Failed, "L'édition s'est arrêtée sur une erreur ; les attestations déjà numérotées le restent. Relancez-la pour continuer.", CancellationToken.None);
        }

        return true;
    }

    private async Task IssueAsync(Guid runId, Guid holder, CancellationToken cancellationToken)
    {
        List<Guid> families;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var run = await db.TaxCertificateRuns.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
            families = await FamiliesAsync(db, run.Year, cancellationToken);
            // Taken over after a stop: go on after the last family the stopped worker finished.
            if (run.LastFamilyId is { } last)
            {
                families = [.. families.Where(f => f.CompareTo(last) > 0)];
            }
        }

        foreach (var batch in families.Chunk(BatchSize))
        {
            for (var attempt = 1; ; attempt++)
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var run = await db.TaxCertificateRuns.SingleAsync(r => r.Id == runId, cancellationToken);
                if (run.HolderId != holder)
                {
                    // Another worker took the run over while this one stalled: it goes on.
                    throw new OperationCanceledException("The tax certificate run was taken over.");
                }

                try
                {
                    await IssueBatchAsync(scope.ServiceProvider, run, holder, batch, cancellationToken);
                    break;
                }
                catch (TaxCertificateConflictException) when (attempt < 5)
                {
                    // A family asked for its certificate while the batch numbered it: read again, it keeps that number.
                }
            }
        }
    }

    /// <summary>
    /// One batch, in one transaction: the certificates of the families with something to
    /// certify and no number yet are numbered from the counter in one go, the responsables are
    /// told when the run says so, and the progress is saved. The counter stays locked until the
    /// commit, so a rolled-back batch gives its numbers back; the unique index on (family, year)
    /// refuses a certificate numbered meanwhile from Mon compte, and the batch is then done again.
    /// The progress is saved only if <paramref name="holder"/> still holds the run: a worker that
    /// stalled past the heartbeat's lapse rolls its batch back rather than count it twice.
    /// </summary>
    public static async Task IssueBatchAsync(IServiceProvider services, TaxCertificateRun run, Guid holder, IReadOnlyList<Guid> familyIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(run);
        var db = services.GetRequiredService<AppDbContext>();
        var clock = services.GetRequiredService<ParisClock>();
        // Computed before the transaction, which then only writes: SQLite's single writer is held
        // for the numbering alone. What is certified is computed again whenever the PDF is drawn.
        var certificates = await services.GetRequiredService<TaxCertificates>().ComputeManyAsync(familyIds, run.Year, cancellationToken);
        var certifying = familyIds.Where(id => certificates[id].Total > 0).ToList();
        var today = clock.Today;
        var now = clock.UtcNow;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var kept = (await db.TaxCertificates.AsNoTracking()
                .Where(c => c.Year == run.Year && certifying.Contains(c.FamilyId))
                .Select(c => c.FamilyId)
                .ToListAsync(cancellationToken))
            .ToHashSet();
        var toNumber = certifying.Where(id => !kept.Contains(id)).ToList();
        if (toNumber.Count > 0)
        {
            var first = await BillingLocks.TakeNumbersAsync(db, DocumentNumber.TaxCertificateSeries, today.Year, toNumber.Count, cancellationToken);
            var records = toNumber.Select((familyId, i) => new TaxCertificateRecord
            {
                Id = Guid.NewGuid(),
                FamilyId = familyId,
                Year = run.Year,
                Number = DocumentNumber.Format(DocumentNumber.TaxCertificateSeries, today.Year, first + i),
                SeriesYear = today.Year,
                Sequence = first + i,
                IssuedOn = today,
                IssuedAt = now,
            }).ToList();
            try
            {
                await BulkInsert.InsertAsync(db, records, cancellationToken);
            }
            catch (DbException e) when (UniqueViolation.IsProviderError(e))
            {
                throw new TaxCertificateConflictException("A tax certificate of the batch was numbered meanwhile.", e);
            }
        }

        var emails = run.SendEmails ? await NotifyAsync(services, db, run.Year, certifying, cancellationToken) : 0;
        var (done, issued, keptCount, nothing, last) = (familyIds.Count, toNumber.Count, certifying.Count - toNumber.Count, familyIds.Count - certifying.Count, familyIds[^1]);
        var saved = await db.TaxCertificateRuns
            .Where(r => r.Id == run.Id && r.HolderId == holder)
            .ExecuteUpdateAsync(
                u => u.SetProperty(r => r.FamiliesDone, r => r.FamiliesDone + done)
                    .SetProperty(r => r.CertificatesIssued, r => r.CertificatesIssued + issued)
                    .SetProperty(r => r.CertificatesKept, r => r.CertificatesKept + keptCount)
                    .SetProperty(r => r.FamiliesWithNothing, r => r.FamiliesWithNothing + nothing)
                    .SetProperty(r => r.EmailsQueued, r => r.EmailsQueued + emails)
                    .SetProperty(r => r.LastFamilyId, last)
                    .SetProperty(r => r.HeartbeatAt, now),
                cancellationToken);
        if (saved == 0)
        {
            throw new OperationCanceledException("The tax certificate run was taken over.");
        }

        // The emails, queued in the context, are saved with the batch.
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // Each responsable with an email is told the certificate is ready, with a link to Mon compte
    // rather than the PDF: the family draws it signed in, and an email stays out of its content.
    private static async Task<int> NotifyAsync(IServiceProvider services, AppDbContext db, int year, List<Guid> familyIds, CancellationToken cancellationToken)
    {
        if (familyIds.Count == 0)
        {
            return 0;
        }

        var mailer = services.GetRequiredService<Mailer>();
        var url = services.GetRequiredService<LinkBuilder>().Absolute(FamilyPage);
        var parents = await db.Guardians.AsNoTracking()
            .Where(g => familyIds.Contains(g.FamilyId) && g.Email != "")
            .OrderBy(g => g.FamilyId).ThenBy(g => g.Rank)
            .Select(g => new { g.FirstName, g.LastName, g.Email })
            .ToListAsync(cancellationToken);
        foreach (var parent in parents)
        {
            mailer.Enqueue(parent.Email, new MailContent(
                $"Votre attestation fiscale {year}",
                $"Bonjour {parent.FirstName} {parent.LastName},",
                [
                    $"Votre attestation fiscale {year} est disponible dans votre espace : elle indique les frais de garde de vos enfants de moins de six ans payés en {year}, à déclarer au titre du crédit d'impôt pour frais de garde.",
                    $"Vous pouvez la télécharger depuis Mon compte, rubrique « Demande d'Attestation fiscale », en choisissant l'année {year}.",
                ],
                "Obtenir mon attestation fiscale",
                url));
        }

        return parents.Count;
    }

    private async Task FinishAsync(Guid runId, Guid holder, TaxCertificateRunStatus status, string? error, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.UtcNow;
        await db.TaxCertificateRuns
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
public sealed class TaxCertificateJob(TaxCertificateRuns runs) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        while (await runs.WorkAsync(cancellationToken))
        {
        }
    }
}

/// <summary>The yearly run's worker and its schedule.</summary>
public static class TaxCertificateSetup
{
    public static IServiceCollection AddTaxCertificateRuns(this IServiceCollection services)
    {
        services.AddSingleton<TaxCertificateRuns>();
        services.AddQuartz(quartz =>
        {
            quartz.AddJob<TaxCertificateJob>(job => job.WithIdentity(TaxCertificateRuns.JobKey).StoreDurably());
            // Every minute, a run left by a stopped server is taken over (see TaxCertificateRuns.Lapse).
            quartz.AddTrigger(trigger => trigger
                .ForJob(TaxCertificateRuns.JobKey)
                .WithIdentity("attestations-fiscales-reprise")
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(1))
                .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()));
        });
        return services;
    }
}
