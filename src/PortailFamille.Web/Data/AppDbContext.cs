using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.SignUp;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Mail;

namespace PortailFamille.Web.Data;

/// <summary>
/// The portal's database. Each provider has its own subclass so that each keeps its own
/// migration set (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>);
/// the application only ever asks for this base type.
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Family> Families => Set<Family>();

    public DbSet<Guardian> Guardians => Set<Guardian>();

    public DbSet<Child> Children => Set<Child>();

    public DbSet<OutboxMail> OutboxMails => Set<OutboxMail>();

    public DbSet<SignUpDraft> SignUpDrafts => Set<SignUpDraft>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        builder.Entity<AppUser>(user =>
        {
            user.Property(u => u.FirstName).HasMaxLength(80);
            user.Property(u => u.LastName).HasMaxLength(80);
            user.Ignore(u => u.DisplayName);
            user.HasOne<Family>().WithMany().HasForeignKey(u => u.FamilyId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
