using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Features.Payments;

namespace PortailFamille.Web.Features.FamilySpace.Account;

/// <summary>
/// "Payer cette facture": the invoice and the amount the server computes, then, on the
/// family's confirmation, the attempt opened at the treasury and the family sent to its page.
/// Another family's invoice is not found.
/// </summary>
public sealed class PayInvoiceModel(AppDbContext db, OnlinePayments payments) : PageModel
{
    public InvoiceRow Invoice { get; private set; } = null!;

    /// <summary>An attempt of this invoice still waiting for the treasury's result, if any.</summary>
    public OnlinePaymentAttemptRecord? Pending { get; private set; }

    public bool IsOffered => payments.IsOffered;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var payer = User.FindFirst("display_name")?.Value ?? User.Identity?.Name ?? "";
        var started = await payments.StartAsync(User.FamilyId(), id, User.Identity?.Name ?? "", payer, ct);
        if (!started.Succeeded)
        {
            foreach (var refusal in started.Refusals)
            {
                ModelState.AddModelError(string.Empty, refusal.Message);
            }

            await LoadAsync(id);
            return Page();
        }

        return Redirect(started.Value.PaymentPage.AbsoluteUri);
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var familyId = User.FamilyId();
        var invoice = await db.Invoices.AsNoTracking()
            .Where(i => i.Id == id && i.FamilyId == familyId)
            .Select(i => new InvoiceRow(i.Id, i.Number, i.IssuedOn, i.Month, i.DueOn, i.Total, i.Credited, i.Paid))
            .SingleOrDefaultAsync(ct);
        if (invoice is null)
        {
            return false;
        }

        Invoice = invoice;
        Pending = await db.OnlinePaymentAttempts.AsNoTracking()
            .SingleOrDefaultAsync(a => a.InvoiceId == id && a.State == OnlinePaymentState.Pending, ct);
        return true;
    }
}
