using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.SignUp;

public enum ConfirmationLinkState
{
    /// <summary>Unknown request, wrong secret, or a request purged long after its link expired.</summary>
    Invalid,
    Valid,
    Expired,
    Used,
}

/// <summary>A confirmation link as found: its state, and the sent request when there is one.</summary>
public sealed record ConfirmationLink(ConfirmationLinkState State, SignUpDraft? Draft, SignUpPayload? Payload)
{
    public string? Email => Payload?.Responsible.Email;
}

public enum ConfirmationOutcome
{
    /// <summary>The family and its account are created; the service is told.</summary>
    Created,

    /// <summary>Another confirmation of the same link got there first.</summary>
    AlreadyUsed,

    /// <summary>The address got an account meanwhile (another sign-up, or the service): nothing is created.</summary>
    AddressTaken,

    /// <summary>What was typed no longer passes the rules (a child's age, for instance): nothing is created.</summary>
    NoLongerValid,
}

/// <summary>
/// An online sign-up confirms its email address before it exists: the sent request is emailed
/// a single-use link, valid 24 hours, and only that link creates the family (en attente de
/// validation, in the agents' queue) and its account. Until then nobody can sign in with the
/// address, and the service sees nothing. An expired link can ask for a new one.
/// </summary>
public sealed class SignUpConfirmation(
    AppDbContext db,
    UserManager<AppUser> users,
    SignUpMails mails,
    AuditTrail audit,
    ParisClock clock)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);

    /// <summary>How long a sent request is kept after its link expired, or once used.</summary>
    public static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(7);

    /// <summary>Gives the sent request a new link (valid 24 hours) and queues it to the address; saved by the caller.</summary>
    public void SendLink(SignUpDraft draft, SignUpPayload payload)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(payload);
        var now = clock.UtcNow;
        var secret = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        draft.SubmittedAt ??= now;
        draft.ConfirmationHash = SignUpDraftStore.Hash(secret);
        draft.ExpiresAt = now + LinkLifetime;
        var path = QueryHelpers.AddQueryString("/inscription/confirmer", new Dictionary<string, string?>
        {
            ["demande"] = draft.Id.ToString(),
            ["jeton"] = secret,
        });
        mails.QueueConfirmation(payload.Responsible, path);
    }

    public async Task<ConfirmationLink> FindAsync(Guid id, string? secret, CancellationToken cancellationToken)
    {
        var draft = string.IsNullOrEmpty(secret) || secret.Length > 100
            ? null
            : await db.SignUpDrafts.SingleOrDefaultAsync(d => d.Id == id && d.SubmittedAt != null, cancellationToken);
        if (draft?.ConfirmationHash is null || !SignUpDraftStore.SameHash(draft.ConfirmationHash, SignUpDraftStore.Hash(secret!)))
        {
            return new(ConfirmationLinkState.Invalid, null, null);
        }

        if (draft.ConfirmedAt is not null)
        {
            return new(ConfirmationLinkState.Used, draft, null);
        }

        var payload = SignUpDraftStore.Read(draft);
        if (payload is null)
        {
            return new(ConfirmationLinkState.Invalid, null, null);
        }

        return new(draft.ExpiresAt <= clock.UtcNow ? ConfirmationLinkState.Expired : ConfirmationLinkState.Valid, draft, payload);
    }

    /// <summary>Creates the family and its account from a valid link, in one transaction, and uses the link up.</summary>
    public async Task<ConfirmationOutcome> ConfirmAsync(ConfirmationLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (link is not { State: ConfirmationLinkState.Valid, Draft: { } draft, Payload: { } payload })
        {
            throw new InvalidOperationException("Only a valid link confirms a sign-up.");
        }

        var now = clock.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The link serves once, however many times it is opened at the same moment: only the
        // request whose conditional update marks it used goes on.
        var claimed = await db.SignUpDrafts
            .Where(d => d.Id == draft.Id && d.ConfirmedAt == null)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.ConfirmedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return ConfirmationOutcome.AlreadyUsed;
        }

        var outcome = await CreateAsync(draft, payload, now, cancellationToken);
        // A used request keeps nothing of what was typed, only what tells a used link.
        await db.SignUpDrafts.Where(d => d.Id == draft.Id).ExecuteUpdateAsync(
            d => d.SetProperty(x => x.Payload, "{}").SetProperty(x => x.PasswordHash, (string?)null).SetProperty(x => x.ExpiresAt, now),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    private async Task<ConfirmationOutcome> CreateAsync(SignUpDraft draft, SignUpPayload payload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var family = BuildFamily(payload, now, clock.Today);
        if (family is null || draft.PasswordHash is null)
        {
            return ConfirmationOutcome.NoLongerValid;
        }

        var responsible = family.Responsible;
        if (await users.FindByEmailAsync(responsible.Email) is { } owner)
        {
            audit.Record("Compte", owner.Id, "Inscription en ligne confirmée avec l'adresse de ce compte : aucun compte créé.");
            return ConfirmationOutcome.AddressTaken;
        }

        db.Families.Add(family);
        var user = new AppUser
        {
            Id = Guid.NewGuid(),
            UserName = responsible.Email,
            Email = responsible.Email,
            // The link proves the family reads this mailbox.
            EmailConfirmed = true,
            FirstName = responsible.FirstName,
            LastName = responsible.LastName,
            FamilyId = family.Id,
            CreatedAt = now,
            ActivatedAt = now,
            // Hashed at step 1: the password itself never left that request.
            PasswordHash = draft.PasswordHash,
        };
        var created = await users.CreateAsync(user);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, Roles.Family);
        }

        if (!created.Succeeded)
        {
            // Checked before (address form, uniqueness in this transaction): only a race with
            // another account of the same address gets here. Nothing is committed.
            throw new InvalidOperationException("Online sign-up could not create the account: " + string.Join(", ", created.Errors.Select(e => e.Code)));
        }

        mails.QueueReceived(family);
        mails.QueueToService(family);
        audit.Record("Famille", family.Id, $"Inscription en ligne de {family.DisplayName} ({responsible.Email}) avec {family.Children.Count} enfant(s), adresse email confirmée : dossier en attente de validation.");
        return ConfirmationOutcome.Created;
    }

    /// <summary>The family a request describes; null when it no longer passes the domain's rules.</summary>
    internal static Family? BuildFamily(SignUpPayload payload, DateTimeOffset now, DateOnly today)
    {
        var contact = ContactDetails.Create(payload.Contact.ToDomain());
        if (!contact.Succeeded)
        {
            return null;
        }

        var responsible = payload.Responsible;
        var signedUp = Family.SignUp(responsible.FirstName, responsible.LastName, responsible.Email, contact.Value, now);
        if (!signedUp.Succeeded)
        {
            return null;
        }

        var family = signedUp.Value;
        foreach (var child in payload.Children)
        {
            if (!family.AddChild(child.FirstName, child.LastName, ParisClock.ParseDate(child.BirthDate), child.Sex, today).Succeeded)
            {
                return null;
            }
        }

        return family;
    }
}
