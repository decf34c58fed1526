using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Staff;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;

namespace PortailFamille.Web.Features.Gestion.StaffAccounts;

/// <summary>A member of staff as the staff pages show them.</summary>
public sealed class StaffMember
{
    public Guid Id { get; init; }

    public string FirstName { get; init; } = string.Empty;

    public string LastName { get; init; } = string.Empty;

    public string Email { get; init; } = string.Empty;

    public StaffRole Role { get; init; }

    public bool IsDisabled { get; init; }

    public bool HasPassword { get; init; }

    public string DisplayName => $"{LastName.ToUpperInvariant()} {FirstName}";

    public string RoleLabel => Roles.For(Role);
}

/// <summary>Reads staff accounts with their role in one query.</summary>
public static class StaffDirectory
{
    // Built with an initialiser, not a constructor, so that EF can still filter and sort on it.
    public static IQueryable<StaffMember> Query(AppDbContext db) =>
        from u in db.Users
        join ur in db.UserRoles on u.Id equals ur.UserId
        join r in db.Roles on ur.RoleId equals r.Id
        where r.Name == Roles.Agent || r.Name == Roles.Administrator
        select new StaffMember
        {
            Id = u.Id,
            FirstName = u.FirstName,
            LastName = u.LastName,
            Email = u.Email!,
            Role = r.Name == Roles.Administrator ? StaffRole.Administrator : StaffRole.Agent,
            IsDisabled = u.IsDisabled,
            HasPassword = u.PasswordHash != null,
        };

    /// <summary>How many administrators can still sign in: the portal never lets this fall to zero.</summary>
    public static Task<int> CountActiveAdministratorsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        Query(db).CountAsync(s => s.Role == StaffRole.Administrator && !s.IsDisabled, cancellationToken);

    /// <summary>
    /// True when an active administrator other than <paramref name="staffId"/> remains, read
    /// under the administrators' lock: call it in the transaction that demotes or disables
    /// <paramref name="staffId"/>. The lock (an update of the administrator role's row) makes
    /// two administrators removing each other at the same instant wait for one another, so
    /// the second one sees the first one's change and is refused: the check and the act are
    /// one step.
    /// </summary>
    public static async Task<bool> AnotherActiveAdministratorRemainsAsync(AppDbContext db, Guid staffId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The administrators' lock is held until the end of a transaction: open one first.");
        }

        await db.Roles.Where(r => r.Name == Roles.Administrator)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ConcurrencyStamp, r => r.ConcurrencyStamp), cancellationToken);
        return await Query(db).AnyAsync(s => s.Role == StaffRole.Administrator && !s.IsDisabled && s.Id != staffId, cancellationToken);
    }
}
