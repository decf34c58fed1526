using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Gestion.Payments;

/// <summary>
/// "Paiements en ligne": every attempt of the families to pay online, the latest first, with
/// who, when, how much, the reference and idOp the treasury knows it by, its result and the
/// payment recorded; filtered by state, a page at a time.
/// </summary>
public sealed class OnlinePaymentsModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(
        Guid Id, DateTimeOffset StartedAt, Guid FamilyId, string FamilyName, string InvoiceNumber, Guid InvoiceId, decimal Amount,
        string RefDet, string? IdOp, OnlinePaymentState State, string? Result, string? Authorisation, Guid? PaymentId, string? PaymentNumber, string StartedBy);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>The state shown, or null for all.</summary>
    public OnlinePaymentState? State { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public bool HasNext { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? etat, int? page)
    {
        var ct = HttpContext.RequestAborted;
        State = Enum.TryParse<OnlinePaymentState>(etat, ignoreCase: false, out var state) && Enum.IsDefined(state) ? state : null;
        PageNumber = page is > 0 and < 100_000 ? page.Value : 1;
        var attempts = db.OnlinePaymentAttempts.AsNoTracking();
        if (State is { } shown)
        {
            attempts = attempts.Where(a => a.State == shown);
        }

        var rows = await (from a in attempts
                          join i in db.Invoices on a.InvoiceId equals i.Id
                          join p in db.Payments on a.PaymentId equals p.Id into paid
                          from p in paid.DefaultIfEmpty()
                          orderby a.StartedAt descending, a.Id
                          select new Row(a.Id, a.StartedAt, a.FamilyId, i.FamilyName, a.InvoiceNumber, a.InvoiceId, a.Amount, a.RefDet, a.IdOp, a.State,
                              a.Result, a.Authorisation, a.PaymentId, p == null ? null : p.Number, a.StartedBy))
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .ToListAsync(ct);
        HasNext = rows.Count > PageSize;
        Rows = [.. rows.Take(PageSize)];
        return Page();
    }
}
