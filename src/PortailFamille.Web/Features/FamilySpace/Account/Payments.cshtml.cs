using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Billing;

namespace PortailFamille.Web.Features.FamilySpace.Account;

/// <summary>"Mes règlements": the signed-in family's payments, their receipts and its credit.</summary>
public sealed class PaymentsModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<PaymentRow> Payments { get; private set; } = [];

    /// <summary>What the family's payments left to no invoice.</summary>
    public decimal Credit { get; private set; }

    /// <summary>The refunds of the family's credit, newest first.</summary>
    public IReadOnlyList<RefundRow> Refunds { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Payments = await FamilyBilling.PaymentsAsync(db, User.FamilyId(), HttpContext.RequestAborted);
        Refunds = await FamilyBilling.RefundsAsync(db, User.FamilyId(), HttpContext.RequestAborted);
        Credit = FamilyBilling.Credit(Payments);
        return Page();
    }
}
