using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PortailFamille.Web.Features.SignUp;

/// <summary>
/// A sign-up in progress: what the family typed in the steps already done, so that it can go
/// back and forth between the 4 steps without losing anything and without JavaScript. The
/// password is kept hashed, never in a page; the draft is deleted on submission or expiry.
/// </summary>
public sealed class SignUpDraft
{
    public Guid Id { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The steps' fields, as JSON.</summary>
    public string Payload { get; set; } = "{}";

    public string? PasswordHash { get; set; }
}

internal sealed class SignUpDraftConfiguration : IEntityTypeConfiguration<SignUpDraft>
{
    public void Configure(EntityTypeBuilder<SignUpDraft> draft)
    {
        draft.Property(d => d.Payload).HasMaxLength(20_000);
        draft.HasIndex(d => d.ExpiresAt);
    }
}
