using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Registrations;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Accounts.Sessions;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Features.Gestion.TaxRuns;
using PortailFamille.Web.Features.Payments;
using PortailFamille.Web.Features.Payments.TestProvider;
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

    public DbSet<Facility> Facilities => Set<Facility>();

    public DbSet<ActivityType> ActivityTypes => Set<ActivityType>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<Period> Periods => Set<Period>();

    public DbSet<Registration> Registrations => Set<Registration>();

    public DbSet<Reservation> Reservations => Set<Reservation>();

    public DbSet<TransferRun> TransferRuns => Set<TransferRun>();

    public DbSet<SchoolHolidayEntry> SchoolHolidays => Set<SchoolHolidayEntry>();

    public DbSet<ClosureEntry> Closures => Set<ClosureEntry>();

    public DbSet<SignUpDraft> SignUpDrafts => Set<SignUpDraft>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AttendanceEntry> Attendance => Set<AttendanceEntry>();

    public DbSet<BilledDay> BilledDays => Set<BilledDay>();

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();

    public DbSet<CreditNote> CreditNotes => Set<CreditNote>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<PaymentAllocationRecord> PaymentAllocations => Set<PaymentAllocationRecord>();

    public DbSet<TaxCertificateRecord> TaxCertificates => Set<TaxCertificateRecord>();

    public DbSet<DocumentSequence> DocumentSequences => Set<DocumentSequence>();

    public DbSet<QuotientHistoryEntry> QuotientHistory => Set<QuotientHistoryEntry>();

    public DbSet<InvoicingRun> InvoicingRuns => Set<InvoicingRun>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<RefundPartRecord> RefundParts => Set<RefundPartRecord>();

    public DbSet<OnlinePaymentAttemptRecord> OnlinePaymentAttempts => Set<OnlinePaymentAttemptRecord>();

    public DbSet<PayFipTestSession> PayFipTestSessions => Set<PayFipTestSession>();

    public DbSet<TaxCertificateRun> TaxCertificateRuns => Set<TaxCertificateRun>();

    /// <summary>The shadow property that changes each time a family's file is saved.</summary>
    public const string VersionProperty = "Version";

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampChangedFamilies();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampChangedFamilies();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Gives a new version to every family whose file changes in this save (the family itself, a
    /// guardian, a child, or their owned details), so that a concurrent save of the same file,
    /// made from the version read before, fails instead of silently winning.
    /// </summary>
    private void StampChangedFamilies()
    {
        var changed = new HashSet<Guid>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var familyId = entry.Entity switch
            {
                Family f => f.Id,
                Guardian g => g.FamilyId,
                Child c => c.FamilyId,
                _ => OwnerFamilyId(entry),
            };
            if (familyId is { } id)
            {
                changed.Add(id);
            }
        }

        foreach (var family in ChangeTracker.Entries<Family>().Where(e => changed.Contains(e.Entity.Id) && e.State != EntityState.Deleted))
        {
            family.Property<Guid>(VersionProperty).CurrentValue = Guid.NewGuid();
            if (family.State == EntityState.Unchanged)
            {
                family.State = EntityState.Modified;
            }
        }
    }

    // Owned details (coordonnées, resources, a child's authorised persons) point to their owner by key.
    private Guid? OwnerFamilyId(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        var ownership = entry.Metadata.FindOwnership();
        if (ownership is null || entry.Property(ownership.Properties[0].Name).CurrentValue is not Guid ownerId)
        {
            return null;
        }

        return ownership.PrincipalEntityType.ClrType == typeof(Family)
            ? ownerId
            : ChangeTracker.Entries<Child>().FirstOrDefault(c => c.Entity.Id == ownerId)?.Entity.FamilyId;
    }

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
