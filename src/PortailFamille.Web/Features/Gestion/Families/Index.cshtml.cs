using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Auditing;

namespace PortailFamille.Web.Features.Gestion.Families;

/// <summary>
/// The families known to the portal, ordered by name, searched by name, email or child, and
/// filtered by the state of their file; with the state of the responsable's account.
/// </summary>
public sealed class IndexModel(AppDbContext db, UserManager<AppUser> users, AccountMails mails, AuditTrail audit) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The states of the filter, in the order agents meet them.</summary>
    public static readonly IReadOnlyList<FamilyStatus> Statuses =
        [FamilyStatus.PendingValidation, FamilyStatus.Active, FamilyStatus.Rejected, FamilyStatus.Deactivated];

    public sealed record Row(Guid Id, string Name, string Email, FamilyStatus Status, int Children, DateTimeOffset? ActivatedAt, bool HasAccount, bool HasPassword);

    /// <summary>
    /// The page shown. The handlers take it explicitly from the query or the form: Razor Pages
    /// has a route value named "page" (the page's own path), which property binding would take first.
    /// </summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>The "Rechercher" box: family name, email of either guardian, or child's name.</summary>
    [BindProperty(SupportsGet = true, Name = "recherche")]
    public string? Search { get; set; }

    /// <summary>The state filter; null for "Tous".</summary>
    [BindProperty(SupportsGet = true, Name = "etat")]
    public FamilyStatus? Status { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool IsFiltered => FamilySearch.Words(Search).Count > 0 || Status is not null;

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page)
    {
        var ct = HttpContext.RequestAborted;
        PageNumber = page ?? 1;
        // A hand-made address with an unknown state shows every family rather than an error.
        ModelState.Clear();
        if (Status is { } status && !Enum.IsDefined(status))
        {
            Status = null;
        }

        var families = db.Families.AsQueryable();
        if (Status is { } wanted)
        {
            families = families.Where(f => f.Status == wanted);
        }

        families = families.Matching(db, Search);
        Total = await families.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        // Only the shown columns. The page is chosen first with the cheap ones; the counts and
        // accounts are then read for its 50 families only, not for every family sorted.
        var shown = await (
            from f in families
            join g in db.Guardians on f.Id equals g.FamilyId
            where g.Rank == 1
            orderby g.LastName, g.FirstName, f.Id
            select new { f.Id, g.LastName, g.FirstName, g.Email, f.Status })
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(ct);
        var ids = shown.Select(r => r.Id).ToList();
        var children = await db.Children
            .Where(c => ids.Contains(c.FamilyId))
            .GroupBy(c => c.FamilyId)
            .Select(g => new { FamilyId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.FamilyId, c => c.Count, ct);
        var accounts = await db.Users
            .Where(u => u.FamilyId != null && ids.Contains(u.FamilyId.Value))
            .Select(u => new { FamilyId = u.FamilyId!.Value, u.Email, u.ActivatedAt, HasPassword = u.PasswordHash != null })
            .ToListAsync(ct);
        Rows =
        [
            .. shown.Select(r =>
            {
                var account = accounts.FirstOrDefault(a => a.FamilyId == r.Id && string.Equals(a.Email, r.Email, StringComparison.OrdinalIgnoreCase));
                return new Row(
                    r.Id,
                    $"{r.LastName.ToUpperInvariant()} {r.FirstName}",
                    r.Email,
                    r.Status,
                    children.GetValueOrDefault(r.Id),
                    account?.ActivatedAt,
                    account is not null,
                    account?.HasPassword == true);
            }),
        ];
    }

    /// <summary>The address of another page of the same search.</summary>
    public string PageUrl(int page) => QueryHelpers.AddQueryString("/gestion/familles", Query(page));

    /// <summary>The search, the filter and the page, to come back to the same list after an action.</summary>
    public Dictionary<string, string?> Query(int page)
    {
        var query = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(Search))
        {
            query["recherche"] = Search.Trim();
        }

        if (Status is { } status)
        {
            query["etat"] = status.ToString();
        }

        if (page > 1)
        {
            query["page"] = page.ToString(CultureInfo.InvariantCulture);
        }

        return query;
    }

    /// <summary>Sends the invitation again to the guardians of a family who have not chosen a password yet.</summary>
    public async Task<IActionResult> OnPostResendAsync(Guid familyId, [FromForm(Name = "page")] int? page)
    {
        var ct = HttpContext.RequestAborted;
        PageNumber = page ?? 1;
        var pending = await db.Users.Where(u => u.FamilyId == familyId && u.PasswordHash == null && !u.IsDisabled).ToListAsync(ct);
        if (pending.Count == 0)
        {
            TempData["Message"] = "Cette famille a déjà choisi son mot de passe : elle peut utiliser « Mot de passe oublié ? ».";
            return Redirect(PageUrl(PageNumber));
        }

        foreach (var user in pending)
        {
            // A new security stamp makes the previous invitation link useless.
            await users.UpdateSecurityStampAsync(user);
            await mails.QueueInvitationAsync(user);
            audit.Record("Famille", familyId, $"Invitation envoyée à nouveau à {user.Email}.");
        }

        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"Une nouvelle invitation a été envoyée à {string.Join(" et ", pending.Select(u => u.Email))}.";
        return Redirect(PageUrl(PageNumber));
    }
}
