using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PortailFamille.Web.Features.SignUp;

/// <summary>
/// A sign-up in progress: what the family typed in the steps already done, so that it can go
/// back and forth between the 4 steps without losing anything and without JavaScript. The
/// password is kept hashed, never in a page. Once sent, the draft waits for its address to be
/// confirmed (<see cref="SubmittedAt"/>): the family and its account are only created from the
/// emailed link; a confirmed draft keeps no content, only what tells a used link.
/// </summary>
public sealed class SignUpDraft
{
    public Guid Id { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>
    /// Size of <see cref="Payload"/>, in characters of the stored JSON. JSON writes a character
    /// outside the basic plane (an emoji) as two escapes of 6 characters each: with every field at
    /// its cap (<see cref="SignUpDraftStore"/>) written that way and 12 children, a draft takes
    /// about 25,000 characters.
    /// </summary>
    public const int MaxPayloadLength = 40_000;

    /// <summary>The steps' fields, as JSON.</summary>
    public string Payload { get; set; } = "{}";

    public string? PasswordHash { get; set; }

    /// <summary>When the family sent its request; the draft can no longer be edited.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>SHA-256 of the emailed confirmation link's secret.</summary>
    public string? ConfirmationHash { get; set; }

    /// <summary>When the link was used: the family and its account exist from then on.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }
}

internal sealed class SignUpDraftConfiguration : IEntityTypeConfiguration<SignUpDraft>
{
    public void Configure(EntityTypeBuilder<SignUpDraft> draft)
    {
        draft.Property(d => d.Payload).HasMaxLength(SignUpDraft.MaxPayloadLength);
        draft.Property(d => d.ConfirmationHash).HasMaxLength(64);
        draft.HasIndex(d => d.ExpiresAt);
    }
}
