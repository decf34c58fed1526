using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using MimeKit;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Municipality;
using PortailFamille.Web.Infrastructure.Telemetry;

namespace PortailFamille.Web.Infrastructure.Mail;

/// <summary>
/// Wakes the dispatcher as soon as a unit of work that wrote mail is committed: after its
/// SaveChanges, or after the commit of the transaction around it (before that, the
/// dispatcher's own connection would not see the new rows).
/// </summary>
public sealed class MailSignal : IDisposable
{
    private static readonly object Marker = new();
    private readonly SemaphoreSlim _pending = new(0, 1);
    private readonly ConditionalWeakTable<DbContext, object> _withMail = [];

    internal void WakeUpAfterSave(DbContext db)
    {
        _withMail.AddOrUpdate(db, Marker);
        db.SavedChanges -= OnSaved;
        db.SavedChanges += OnSaved;
    }

    internal void OnCommitted(DbContext? db)
    {
        if (db is not null && _withMail.Remove(db))
        {
            WakeUp();
        }
    }

    internal void WakeUp()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake: the dispatcher reads every waiting message in one go.
        }
    }

    internal Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _pending.Dispose();

    private void OnSaved(object? sender, SavedChangesEventArgs e)
    {
        if (sender is DbContext db && db.Database.CurrentTransaction is null)
        {
            OnCommitted(db);
        }
    }
}

/// <summary>Tells <see cref="MailSignal"/> when a transaction is committed.</summary>
public sealed class MailCommitInterceptor(MailSignal signal) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        signal.OnCommitted(eventData.Context);
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        signal.OnCommitted(eventData.Context);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Sends the outbox: every waiting message, oldest first; a failure is retried later with a
/// growing delay, and the error is kept for the administrator. Every web server runs one: a
/// dispatcher first claims the messages it sends (<see cref="ClaimAsync"/>), so that two
/// servers never send the same message.
/// </summary>
public sealed class MailDispatcher(
    IServiceScopeFactory scopes,
    MailSignal signal,
    TimeProvider time,
    IOptions<MailOptions> options,
    IOptions<MunicipalityOptions> municipality,
    PortalMetrics metrics,
    ILogger<MailDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 50;

    /// <summary>
    /// How long a claim keeps a message from the other dispatchers. A dispatcher that died with
    /// its claim leaves the message to the others once this has passed. A live one starts no
    /// new send after half of it, and one send ends within MailKit's two-minute timeout, so a
    /// claim never lapses while its dispatcher is still sending.
    /// </summary>
    internal static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendWaitingAsync(stoppingToken) == BatchSize)
                {
                }

                await CountWaitingAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Le dépôt des emails en attente a échoué.");
            }

            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>What the outbox holds after a round, for the operators' gauges.</summary>
    private async Task CountWaitingAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var waiting = await db.OutboxMails.Where(m => m.SentAt == null).GroupBy(m => m.Attempts > 0).Select(g => new { Failing = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        metrics.Outbox(waiting.Sum(w => w.Count), waiting.Where(w => w.Failing).Sum(w => w.Count));
    }

    /// <summary>
    /// Claims up to a batch of waiting messages and sends them. Returns how many were waiting,
    /// claimed by this dispatcher or by another one at that instant: a full batch means more may wait.
    /// </summary>
    internal async Task<int> SendWaitingAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var transport = scope.ServiceProvider.GetRequiredService<IMailTransport>();
        var claimedAt = time.GetUtcNow();
        var claim = Guid.NewGuid();
        var (seen, waiting) = await ClaimAsync(db, claim, claimedAt, cancellationToken);
        var done = 0;
        try
        {
            // After half the lease, a slow mail server: the rest goes back to the outbox rather
            // than be sent after its claim could have lapsed.
            foreach (var mail in waiting.TakeWhile(_ => time.GetUtcNow() - claimedAt <= ClaimLease / 2))
            {
                await SendAsync(db, transport, mail, cancellationToken);
                done++;
            }
        }
        finally
        {
            // What this claim did not send (slow server, the portal stopping) is free at once
            // for the next round, here or on another server, instead of at the lease's end.
            if (done < waiting.Count)
            {
                await db.OutboxMails.Where(m => m.ClaimToken == claim && m.SentAt == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimToken, (Guid?)null).SetProperty(m => m.NextAttemptAt, claimedAt), CancellationToken.None);
            }
        }

        return seen;
    }

    private async Task SendAsync(AppDbContext db, IMailTransport transport, OutboxMail mail, CancellationToken cancellationToken)
    {
        try
        {
            await transport.SendAsync(ToMime(mail), cancellationToken);
            mail.SentAt = time.GetUtcNow();
            mail.LastError = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            mail.Attempts++;
            mail.LastError = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
            // 1, 2, 4 … minutes, at most a day: a mail server that is down for a while
            // gets the messages once it is back.
            var delay = TimeSpan.FromMinutes(Math.Min(Math.Pow(2, mail.Attempts - 1), 24 * 60));
            mail.NextAttemptAt = time.GetUtcNow() + delay;
            mail.ClaimToken = null;
            logger.LogWarning(ex, "Email {MailId} non envoyé (tentative {Attempt}).", mail.Id, mail.Attempts);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Takes the oldest waiting messages for this dispatcher: one conditional update moves their
    /// next attempt past the lease and writes the claim's key, only on rows still waiting. Two
    /// dispatchers claiming at the same instant are put in order by the database (SQLite's
    /// single writer; PostgreSQL's row lock, after which the second update finds the row no
    /// longer waiting and leaves it), and each then reads back only the rows with its own key.
    /// </summary>
    private static async Task<(int Seen, List<OutboxMail> Claimed)> ClaimAsync(AppDbContext db, Guid claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var oldest = await db.OutboxMails
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (oldest.Count == 0)
        {
            return (0, []);
        }

        var until = now + ClaimLease;
        var claimed = await db.OutboxMails
            .Where(m => oldest.Contains(m.Id) && m.SentAt == null && m.NextAttemptAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimToken, claim).SetProperty(m => m.NextAttemptAt, until), cancellationToken);
        return (oldest.Count, claimed == 0
            ? []
            : await db.OutboxMails.Where(m => m.ClaimToken == claim && m.SentAt == null).OrderBy(m => m.Id).ToListAsync(cancellationToken));
    }

    private MimeMessage ToMime(OutboxMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(municipality.Value.Name, options.Value.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        return message;
    }
}
