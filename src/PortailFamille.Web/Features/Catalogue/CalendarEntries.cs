using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PortailFamille.Web.Features.Catalogue;

/// <summary>
/// A school holiday as the commune keeps it: the days without school, both included (imported
/// from the ministry's iCalendar file, whose end date is exclusive, or typed by an agent).
/// </summary>
public sealed class SchoolHolidayEntry
{
    public Guid Id { get; set; }

    /// <summary>"Vacances de la Toussaint".</summary>
    public string Label { get; set; } = string.Empty;

    public DateOnly Start { get; set; }

    public DateOnly End { get; set; }
}

/// <summary>A local closure day decided by the commune (a "pont", a strike, works): no activity runs.</summary>
public sealed class ClosureEntry
{
    public Guid Id { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>Why: "Pont de l'Ascension".</summary>
    public string Label { get; set; } = string.Empty;
}

internal sealed class SchoolHolidayEntryConfiguration : IEntityTypeConfiguration<SchoolHolidayEntry>
{
    public void Configure(EntityTypeBuilder<SchoolHolidayEntry> entry)
    {
        entry.Property(e => e.Id).ValueGeneratedNever();
        entry.Property(e => e.Label).HasMaxLength(100);
        entry.HasIndex(e => e.Start);
    }
}

internal sealed class ClosureEntryConfiguration : IEntityTypeConfiguration<ClosureEntry>
{
    public void Configure(EntityTypeBuilder<ClosureEntry> entry)
    {
        entry.Property(e => e.Id).ValueGeneratedNever();
        entry.Property(e => e.Label).HasMaxLength(100);
        entry.HasIndex(e => e.Date).IsUnique();
    }
}
