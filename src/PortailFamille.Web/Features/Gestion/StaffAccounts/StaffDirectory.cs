using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Staff;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;

namespace PortailFamille.Web.Features.Gestion.StaffAccounts;

/// <summary>A member of staff as the staff pages show them.</summary>
public sealed record StaffMember(Guid Id, string FirstName, string LastName, string Email, StaffRole Role, bool IsDisabled, bool HasPassword, DateTimeOffset? ActivatedAt)
{
    public string DisplayName => $"{LastName.ToUpperInvariant()} {FirstName}";

    public string RoleLabel => Roles.For(Role);
}

/// <summary>Reads staff accounts with their role in one query.</summary>
public static class StaffDirectory
{
    public static IQueryable<StaffMember> Query(AppDbContext db) =>
        from u in db.Users
        join ur in db.UserRoles on u.Id equals ur.UserId
        join r in db.Roles on ur.RoleId equals r.Id
        where r.Name == Roles.Agent || r.Name == Roles.Administrator
        select new StaffMember(
            u.Id,
            u.FirstName,
            u.LastName,
            u.Email!,
            r.Name == Roles.Administrator ? StaffRole.Administrator : StaffRole.Agent,
            u.IsDisabled,
            u.PasswordHash != null,
            u.ActivatedAt);

    /// <summary>How many administrators can still sign in: the portal never lets this fall to zero.</summary>
    public static Task<int> CountActiveAdministratorsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        Query(db).CountAsync(s => s.Role == StaffRole.Administrator && !s.IsDisabled, cancellationToken);
}
