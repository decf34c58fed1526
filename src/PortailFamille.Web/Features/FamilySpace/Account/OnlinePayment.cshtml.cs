using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Payments;

namespace PortailFamille.Web.Features.FamilySpace.Account;

/// <summary>
/// Where an online payment stands, the page the family comes back to from the treasury:
/// "Paiement enregistré", "Paiement refusé", "Paiement abandonné", "Paiement en cours de
/// vérification". While the result is unknown each visit asks the treasury again. Another
/// family's attempt is not found.
/// </summary>
public sealed class OnlinePaymentModel(AppDbContext db, OnlinePayments payments) : PageModel
{
    public OnlinePaymentAttemptRecord Attempt { get; private set; } = null!;

    /// <summary>The receipt's number, once paid.</summary>
    public string? ReceiptNumber { get; private set; }

    /// <summary>What the invoice still asks for, to offer another attempt after a failure.</summary>
    public decimal Remaining { get; private set; }

    /// <summary>
    /// The attempt's state alone, asked by the page's script every few seconds while the result
    /// is unknown (each time the treasury is asked again); the page reloads once it is known.
    /// </summary>
    public async Task<IActionResult> OnGetStateAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var familyId = User.FamilyId();
        var attempt = await db.OnlinePaymentAttempts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.FamilyId == familyId, ct);
        if (attempt is null)
        {
            return NotFound();
        }

        var state = attempt.State == OnlinePaymentState.Pending ? (await payments.SettleAsync(id, ct)).State : attempt.State;
        return new JsonResult(new { state = state.ToString(), pending = state == OnlinePaymentState.Pending });
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var familyId = User.FamilyId();
        var attempt = await db.OnlinePaymentAttempts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.FamilyId == familyId, ct);
        if (attempt is null)
        {
            return NotFound();
        }

        Attempt = attempt.State == OnlinePaymentState.Pending ? await payments.SettleAsync(id, ct) : attempt;
        if (Attempt.PaymentId is { } paymentId)
        {
            ReceiptNumber = await db.Payments.AsNoTracking().Where(p => p.Id == paymentId).Select(p => p.Number).SingleOrDefaultAsync(ct);
        }

        Remaining = await db.Invoices.AsNoTracking()
            .Where(i => i.Id == Attempt.InvoiceId)
            .Select(i => new InvoiceAmounts(i.Total, i.Credited, i.Paid))
            .Select(a => a.Total - a.Credited - a.Paid)
            .SingleAsync(ct);
        return Page();
    }
}
