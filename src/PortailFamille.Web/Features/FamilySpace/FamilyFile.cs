using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.FamilySpace;

/// <summary>Loads the signed-in family's own file; never another's.</summary>
public static class FamilyFile
{
    public static Task<Family?> LoadAsync(AppDbContext db, Guid familyId, bool withChildren, CancellationToken cancellationToken)
    {
        var query = db.Families.Where(f => f.Id == familyId);
        if (withChildren)
        {
            query = query.Include(f => f.Children);
        }

        return query.SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>True when the signed-in guardian is the responsable du foyer (Parent 1).</summary>
    public static bool IsResponsible(Family family, ClaimsPrincipal user) =>
        string.Equals(family.Responsible.Email, user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name, StringComparison.OrdinalIgnoreCase);
}
