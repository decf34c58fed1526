using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Registrations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;

namespace PortailFamille.Web.Features.FamilySpace.Account;

/// <summary>
/// "Détail financier par inscription": for each registration of the signed-in family's
/// children, what its invoices billed month by month.
/// </summary>
public sealed class RegistrationsModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<RegistrationBilling> Registrations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var familyId = User.FamilyId();
        var registrations = await (
            from r in db.Registrations
            where r.FamilyId == familyId && r.Status != RegistrationStatus.Refused
            join c in db.Children on r.ChildId equals c.Id
            join a in db.Activities.IgnoreAutoIncludes() on r.ActivityId equals a.Id
            join p in db.Periods on r.PeriodId equals p.Id
            select new { r.Id, c.FirstName, c.LastName, Activity = a.Name, Period = p.Label, r.Start, r.End })
            .AsNoTracking()
            .ToListAsync(ct);
        // The lines of the family's own invoices only: the invoice, not the line, carries the family.
        var lines = await (
            from l in db.InvoiceLines
            join i in db.Invoices on l.InvoiceId equals i.Id
            where i.FamilyId == familyId && l.RegistrationId != null
            select new { RegistrationId = l.RegistrationId!.Value, i.Month, l.Amount })
            .AsNoTracking()
            .ToListAsync(ct);
        var billed = lines.ToLookup(l => l.RegistrationId);
        Registrations =
        [
            .. registrations
                .OrderBy(r => r.FirstName, StringComparer.Ordinal).ThenBy(r => r.Start).ThenBy(r => r.Activity, StringComparer.Ordinal)
                .Select(r => new RegistrationBilling(
                    r.Id,
                    $"{r.FirstName} {r.LastName.ToUpperInvariant()}",
                    r.Activity,
                    r.Period,
                    r.Start,
                    r.End,
                    [.. billed[r.Id].GroupBy(l => l.Month).OrderBy(g => g.Key).Select(g => new MonthBilled(g.Key, g.Sum(l => l.Amount)))])),
        ];
        return Page();
    }
}

/// <summary>What was billed for a registration in one month.</summary>
public sealed record MonthBilled(DateOnly Month, decimal Amount);

/// <summary>A registration and its amounts billed, month by month.</summary>
public sealed record RegistrationBilling(Guid Id, string Child, string Activity, string Period, DateOnly Start, DateOnly End, IReadOnlyList<MonthBilled> Months)
{
    public decimal Total => Months.Sum(m => m.Amount);
}
