using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Common;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Municipality;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Payments;

/// <summary>An attempt opened at the treasury: where to send the family.</summary>
public sealed record StartedPayment(OnlinePaymentAttemptRecord Attempt, Uri PaymentPage);

/// <summary>
/// "Payer cette facture" (docs/product.md 4.7). An attempt is recorded before the treasury is
/// asked to open the payment, so that nothing the treasury does is ever unknown to the portal.
/// Its result is never taken from the caller: the notification, the family's return, the page
/// the family reloads and the job all hand over an idOp only, and the portal asks the treasury
/// what became of it. What the answer does is the Domain's one table
/// (<see cref="OnlinePaymentAttempt"/>); the database makes it happen once: each move is a
/// conditional update from the state read, and the move to "paid" records the payment and its
/// allocation in the same transaction, so a hundred answers at once record one payment.
/// </summary>
public sealed class OnlinePayments(
    AppDbContext db,
    IPayFip payFip,
    PaymentRecording recording,
    AuditTrail audit,
    LinkBuilder links,
    ParisClock clock,
    IOptions<PayFipOptions> options,
    IOptions<MunicipalityOptions> municipality,
    ILogger<OnlinePayments> logger)
{
    /// <summary>The refusal when the treasury cannot be reached to open a payment.</summary>
    public const string Unavailable =
        "Le paiement en ligne est momentanément indisponible : rien n'a été débité. Réessayez dans quelques minutes, ou réglez au guichet de la mairie.";

    /// <summary>Who the payments recorded from the treasury's answer are recorded by.</summary>
    public const string RecordedBy = "PayFiP";

    /// <summary>Whether families are offered to pay online: the commune has a PayFiP account, or the test provider is on.</summary>
    public bool IsOffered => options.Value.IsOffered;

    /// <summary>
    /// Opens the online payment of the invoice's remaining amount, as the server computes it.
    /// Refused (in French, nothing sent) when the invoice is not the family's, has nothing due,
    /// or has an attempt still pending.
    /// </summary>
    public async Task<Outcome<StartedPayment>> StartAsync(Guid familyId, Guid invoiceId, string accountEmail, string payer, CancellationToken cancellationToken)
    {
        if (!IsOffered)
        {
            return Refused("Le paiement en ligne n'est pas proposé par la commune : réglez au guichet de la mairie.");
        }

        // An attempt left pending past its lifetime is settled first: the family is not held
        // back by an attempt the job has not closed yet.
        var pending = await db.OnlinePaymentAttempts.AsNoTracking()
            .Where(a => a.InvoiceId == invoiceId && a.FamilyId == familyId && a.State == OnlinePaymentState.Pending)
            .Select(a => new { a.Id, a.StartedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (pending is not null && PayFip.HasOutlived(pending.StartedAt, clock.UtcNow))
        {
            await SettleAsync(pending.Id, cancellationToken);
        }

        var invoice = await db.Invoices.AsNoTracking()
            .Where(i => i.Id == invoiceId && i.FamilyId == familyId)
            .Select(i => new { i.Id, i.Number, i.IssuedOn, i.Total, i.Credited, i.Paid })
            .SingleOrDefaultAsync(cancellationToken);
        if (invoice is null)
        {
            return Refused("Cette facture n'existe pas.");
        }

        var amount = PayFip.AmountInCents(new InvoiceAmounts(invoice.Total, invoice.Credited, invoice.Paid).Remaining);
        if (!amount.Succeeded)
        {
            return Outcome<StartedPayment>.Refused([.. amount.Refusals.Select(r => r with { Field = "" })]);
        }

        var attempt = new OnlinePaymentAttemptRecord
        {
            Id = Guid.NewGuid(),
            FamilyId = familyId,
            InvoiceId = invoice.Id,
            InvoiceNumber = invoice.Number,
            Amount = amount.Value / 100m,
            State = OnlinePaymentState.Pending,
            StartedAt = clock.UtcNow,
            StartedBy = accountEmail,
            Payer = payer,
        };
        attempt.RefDet = PayFip.RefDet(attempt.Id);
        db.OnlinePaymentAttempts.Add(attempt);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Another tab or the other parent began one a moment ago: the index refused this one.
            return Outcome<StartedPayment>.Refused([OnlinePaymentAttempt.AttemptUnderway]);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        string idOp;
        try
        {
            idOp = await payFip.CreatePaymentAsync(
                new PayFipRequest(
                    invoice.IssuedOn.Year,
                    amount.Value,
                    attempt.RefDet,
                    accountEmail,
                    PayFip.Objet($"Facture {invoice.Number} {municipality.Value.Name}"),
                    new Uri(links.Absolute(PaymentEndpoints.NotificationPath)),
                    new Uri(links.Absolute(PaymentEndpoints.ReturnPath))),
                cancellationToken);
        }
        catch (PayFipUnavailableException e)
        {
            // Without an idOp the family never reached the treasury's page: nothing can have
            // been taken, and the invoice is free for another attempt.
            logger.LogWarning(e, "PayFiP n'a pas ouvert le paiement de la tentative {Attempt}.", attempt.Id);
            await db.OnlinePaymentAttempts
                .Where(a => a.Id == attempt.Id && a.State == OnlinePaymentState.Pending)
                .ExecuteUpdateAsync(
                    u => u.SetProperty(a => a.State, OnlinePaymentState.Expired)
                        .SetProperty(a => a.DecidedAt, clock.UtcNow)
                        .SetProperty(a => a.Result, "Ouverture refusée ou sans réponse"),
                    cancellationToken);
            return Refused(Unavailable);
        }

        await db.OnlinePaymentAttempts
            .Where(a => a.Id == attempt.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.IdOp, idOp), cancellationToken);
        attempt.IdOp = idOp;
        return Outcome<StartedPayment>.Success(new StartedPayment(attempt, payFip.PaymentPage(idOp)));
    }

    /// <summary>The attempt the treasury calls <paramref name="idOp"/>, settled by asking it; null for an idOp the portal never got.</summary>
    public async Task<OnlinePaymentAttemptRecord?> SettleByIdOpAsync(string? idOp, CancellationToken cancellationToken)
    {
        var id = idOp?.Trim();
        // An idOp is letters, digits and dashes: anything else was never given by the treasury.
        if (string.IsNullOrEmpty(id) || id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return null;
        }

        var attemptId = await db.OnlinePaymentAttempts.AsNoTracking().Where(a => a.IdOp == id).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(cancellationToken);
        return attemptId is { } found ? await SettleAsync(found, cancellationToken) : null;
    }

    /// <summary>
    /// Asks the treasury what became of an attempt and applies its answer. An attempt already
    /// paid is not asked again. When the treasury cannot be reached nothing changes: the job
    /// asks again.
    /// </summary>
    public async Task<OnlinePaymentAttemptRecord> SettleAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        var attempt = await db.OnlinePaymentAttempts.AsNoTracking().SingleAsync(a => a.Id == attemptId, cancellationToken);
        if (attempt.State == OnlinePaymentState.Paid)
        {
            return attempt;
        }

        var outlived = PayFip.HasOutlived(attempt.StartedAt, clock.UtcNow);
        if (attempt.IdOp is null)
        {
            // The treasury never gave an idOp: there is no one to ask.
            return outlived ? await ApplyAsync(attemptId, OnlinePaymentEvent.Expire, null, cancellationToken) : attempt;
        }

        PayFipResult result;
        try
        {
            result = await payFip.GetResultAsync(attempt.IdOp, cancellationToken);
        }
        catch (PayFipUnavailableException e)
        {
            logger.LogWarning(e, "PayFiP n'a pas pu être interrogé sur la tentative {Attempt}.", attemptId);
            return attempt;
        }

        var outcome = result.Outcome;
        if (result.RefDet is { } refDet && !string.Equals(refDet, attempt.RefDet, StringComparison.Ordinal))
        {
            // An answer about another debt proves nothing about this one.
            logger.LogError("PayFiP a répondu sur l'idOp {IdOp} avec la référence {RefDet}, attendu {Expected}.", attempt.IdOp, refDet, attempt.RefDet);
            outcome = PayFipOutcome.Unknown;
        }

        // Kept as the treasury wrote them, within the columns' lengths: an odd answer is logged, never a failure.
        result = result with { ResultTrans = Clip(result.ResultTrans, 200)!, Authorisation = Clip(result.Authorisation, 64) };
        return await ApplyAsync(attemptId, OnlinePaymentAttempt.EventFor(outcome, outlived), result, cancellationToken);
    }

    private static string? Clip(string? text, int length) => text is { Length: > 0 } && text.Length > length ? text[..length] : text;

    /// <summary>
    /// Asks the treasury about the attempts still pending, oldest first (the job, every
    /// minute): paid ones are recorded, those past their lifetime expire.
    /// </summary>
    /// <summary>The attempts still pending, for the operators' gauge.</summary>
    public Task<int> CountPendingAsync(CancellationToken cancellationToken) =>
        db.OnlinePaymentAttempts.CountAsync(a => a.State == OnlinePaymentState.Pending, cancellationToken);

    public async Task<int> CheckPendingAsync(CancellationToken cancellationToken)
    {
        var pending = await db.OnlinePaymentAttempts.AsNoTracking()
            .Where(a => a.State == OnlinePaymentState.Pending)
            .OrderBy(a => a.StartedAt)
            .Select(a => a.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
        var decided = 0;
        foreach (var id in pending)
        {
            if ((await SettleAsync(id, cancellationToken)).State != OnlinePaymentState.Pending)
            {
                decided++;
            }
        }

        return decided;
    }

    /// <summary>
    /// Applies an event from the state the attempt is in when read. The update is conditional
    /// on that state: when another answer moved the attempt in between, it is read again and
    /// the event applied to where it now stands (the table absorbs repeats), so the loop ends
    /// within as many turns as the states an attempt can go through.
    /// </summary>
    private async Task<OnlinePaymentAttemptRecord> ApplyAsync(Guid attemptId, OnlinePaymentEvent @event, PayFipResult? result, CancellationToken cancellationToken)
    {
        for (var turn = 0; ; turn++)
        {
            var attempt = await db.OnlinePaymentAttempts.AsNoTracking().SingleAsync(a => a.Id == attemptId, cancellationToken);
            if (turn > 5)
            {
                throw new InvalidOperationException($"The online payment attempt {attemptId} keeps moving under the answers.");
            }

            var step = OnlinePaymentAttempt.Next(attempt.State, @event);
            var now = clock.UtcNow;
            switch (step.Effect)
            {
                case OnlinePaymentEffect.None:
                    await db.OnlinePaymentAttempts.Where(a => a.Id == attemptId).ExecuteUpdateAsync(u => u.SetProperty(a => a.CheckedAt, now), cancellationToken);
                    return attempt;

                case OnlinePaymentEffect.Contradicted:
                    logger.LogWarning("PayFiP répond {Result} sur la tentative {Attempt}, déjà {State} : l'état est gardé.", result?.ResultTrans, attemptId, attempt.State);
                    return attempt;

                case OnlinePaymentEffect.Decided:
                    {
                        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                        var moved = await db.OnlinePaymentAttempts
                            .Where(a => a.Id == attemptId && a.State == attempt.State)
                            .ExecuteUpdateAsync(
                                u => u.SetProperty(a => a.State, step.State)
                                    .SetProperty(a => a.DecidedAt, now)
                                    .SetProperty(a => a.CheckedAt, now)
                                    .SetProperty(a => a.Result, result == null ? "Délai dépassé" : result.ResultTrans),
                                cancellationToken);
                        if (moved == 0)
                        {
                            continue;
                        }

                        audit.Record("Famille", attempt.FamilyId,
                            $"Paiement en ligne de la facture {attempt.InvoiceNumber} ({Money.Euros(attempt.Amount)}, référence {attempt.RefDet}) : {OnlinePaymentAttempt.Label(step.State).ToLower(CultureInfo.GetCultureInfo("fr-FR"))}.");
                        await db.SaveChangesAsync(cancellationToken);
                        await transaction.CommitAsync(cancellationToken);
                        return await db.OnlinePaymentAttempts.AsNoTracking().SingleAsync(a => a.Id == attemptId, cancellationToken);
                    }

                case OnlinePaymentEffect.RecordPayment:
                    {
                        ArgumentNullException.ThrowIfNull(result);
                        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                        // The first statement writes: on SQLite the transaction holds the writer
                        // from here, on PostgreSQL a second answer waits on the row, then finds
                        // the attempt paid and updates nothing.
                        var moved = await db.OnlinePaymentAttempts
                            .Where(a => a.Id == attemptId && a.State == attempt.State)
                            .ExecuteUpdateAsync(
                                u => u.SetProperty(a => a.State, OnlinePaymentState.Paid)
                                    .SetProperty(a => a.DecidedAt, now)
                                    .SetProperty(a => a.CheckedAt, now)
                                    .SetProperty(a => a.Result, result.ResultTrans)
                                    .SetProperty(a => a.Authorisation, result.Authorisation),
                                cancellationToken);
                        if (moved == 0)
                        {
                            continue;
                        }

                        // What the treasury took is what is recorded, even if it differs from the amount asked.
                        var amount = result.AmountInCents is > 0 and long cents ? cents / 100m : attempt.Amount;
                        var invoiceId = attempt.InvoiceId;
                        var payment = await recording.RecordInTransactionAsync(
                            attempt.FamilyId,
                            new CounterPayment(PaymentMethod.Online, amount, PaidOn(result.PaidAt), attempt.Payer, null, null),
                            open => open.FirstOrDefault(i => i.Id == invoiceId) is { } invoice
                                ? PaymentAllocation.Chosen(amount, open, [new Allocation(invoiceId, Math.Min(amount, invoice.Remaining))])
                                : Outcome<PaymentSplit>.Success(new PaymentSplit([], amount)),
                            RecordedBy,
                            cancellationToken);
                        if (!payment.Succeeded)
                        {
                            throw new InvalidOperationException($"The payment of attempt {attemptId} could not be recorded: {string.Join(" ", payment.Refusals.Select(r => r.Message))}");
                        }

                        await db.OnlinePaymentAttempts
                            .Where(a => a.Id == attemptId)
                            .ExecuteUpdateAsync(u => u.SetProperty(a => a.PaymentId, payment.Value.Id), cancellationToken);
                        audit.Record("Famille", attempt.FamilyId,
                            $"Paiement en ligne de la facture {attempt.InvoiceNumber} reçu : {Money.Euros(amount)}, référence {attempt.RefDet}, idOp {attempt.IdOp}, autorisation {result.Authorisation ?? "—"} ; règlement {payment.Value.Number}.");
                        await db.SaveChangesAsync(cancellationToken);
                        await transaction.CommitAsync(cancellationToken);
                        return await db.OnlinePaymentAttempts.AsNoTracking().SingleAsync(a => a.Id == attemptId, cancellationToken);
                    }

                default:
                    throw new InvalidOperationException($"Unknown effect {step.Effect}.");
            }
        }
    }

    /// <summary>The day the treasury took the money ("ddMMyyyy HHmm"), or today when it does not say.</summary>
    private DateOnly PaidOn(string? paidAt) =>
        paidAt is { Length: >= 8 } && DateOnly.TryParseExact(paidAt[..8], "ddMMyyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day <= clock.Today
            ? day
            : clock.Today;

    private static Outcome<StartedPayment> Refused(string message) => Outcome<StartedPayment>.Refused([new(string.Empty, message)]);
}
