using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PortailFamille.Web.Infrastructure.Auditing;

/// <summary>One change kept in the audit trail: who did what, to what, and when.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>When, in UTC.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The account that made the change; null for the portal itself (jobs, seeding).</summary>
    public Guid? ActorUserId { get; set; }

    /// <summary>The actor's name as it was at the time, so the trail reads well after the account is gone.</summary>
    public string ActorName { get; set; } = string.Empty;

    /// <summary>What kind of thing changed: Famille, Compte, …</summary>
    public string Subject { get; set; } = string.Empty;

    public Guid SubjectId { get; set; }

    /// <summary>What happened, in French, as agents read it.</summary>
    public string Description { get; set; } = string.Empty;
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.ActorName).HasMaxLength(200);
        entry.Property(e => e.Subject).HasMaxLength(40);
        // No length limit: a change lists every field it changed, each as long as its form allows.
        entry.HasIndex(e => new { e.SubjectId, e.At });
    }
}
