using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Features.Payments;

namespace PortailFamille.Web.Features.FamilySpace.Account;

/// <summary>"Détail financier par facture": the signed-in family's invoices and credit notes.</summary>
public sealed class InvoicesModel(AppDbContext db, OnlinePayments payments) : PageModel
{
    /// <summary>Whether "Payer cette facture" is offered (the commune takes payments online).</summary>
    public bool IsOffered => payments.IsOffered;

    /// <summary>The attempt still waiting for the treasury, by invoice.</summary>
    public IReadOnlyDictionary<Guid, Guid> Pending { get; private set; } = new Dictionary<Guid, Guid>();

    public IReadOnlyList<InvoiceRow> Invoices { get; private set; } = [];

    public IReadOnlyList<CreditNoteRow> CreditNotes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var familyId = User.FamilyId();
        Invoices = await FamilyBilling.InvoicesAsync(db, familyId, ct);
        CreditNotes = await FamilyBilling.CreditNotesAsync(db, familyId, ct);
        Pending = await db.OnlinePaymentAttempts.AsNoTracking()
            .Where(a => a.FamilyId == familyId && a.State == OnlinePaymentState.Pending)
            .ToDictionaryAsync(a => a.InvoiceId, a => a.Id, ct);
        return Page();
    }
}
