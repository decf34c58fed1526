using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Gestion.StaffAccounts;

/// <summary>Staff accounts and their roles (administrators only).</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<StaffMember> Staff { get; private set; } = [];

    public async Task OnGetAsync() =>
        Staff = await StaffDirectory.Query(db).OrderBy(s => s.LastName).ThenBy(s => s.FirstName).ToListAsync(HttpContext.RequestAborted);
}
