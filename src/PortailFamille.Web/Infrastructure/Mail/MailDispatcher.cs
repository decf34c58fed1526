using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using MimeKit;
using PortailFamille.Web.Data;
using PortailFamille.Web.Infrastructure.Municipality;

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
/// growing delay, and the error is kept for the administrator.
/// </summary>
public sealed class MailDispatcher(
    IServiceScopeFactory scopes,
    MailSignal signal,
    TimeProvider time,
    IOptions<MailOptions> options,
    IOptions<MunicipalityOptions> municipality,
    ILogger<MailDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendWaitingAsync(stoppingToken) == BatchSize)
                {
                }
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

    internal async Task<int> SendWaitingAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var transport = scope.ServiceProvider.GetRequiredService<IMailTransport>();
        var now = time.GetUtcNow();
        var waiting = await db.OutboxMails
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        foreach (var mail in waiting)
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
                logger.LogWarning(ex, "Email {MailId} non envoyé (tentative {Attempt}).", mail.Id, mail.Attempts);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return waiting.Count;
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
