using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Common;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.SignUp;

/// <summary>A draft that this browser may resume, with what it holds.</summary>
public sealed record OpenedDraft(SignUpDraft Draft, SignUpPayload Payload);

/// <summary>
/// Keeps the sign-up drafts. A draft is bound to the browser that started it: the browser
/// holds a random secret in an HttpOnly cookie and the draft holds its hash, so knowing a
/// draft's id (it is in the page) is not enough to read or resume it. A draft lives 2 hours
/// after its last step; expired drafts are refused and deleted whenever they are met, and all
/// of them whenever a new sign-up starts. A sent draft is no longer resumed: it waits for the
/// emailed confirmation (<see cref="SignUpConfirmation"/>).
/// </summary>
public sealed class SignUpDraftStore(AppDbContext db, TimeProvider time)
{
    public const string CookieName = "PortailFamille.Inscription";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    // The payload is only ever read back by this class, never written into a page: JSON's own
    // escaping is enough, and it keeps accented names short enough for the column.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Opens a draft for this browser, and renews the cookie; null when the draft is unknown,
    /// expired (it is then deleted) or was started in another browser.
    /// </summary>
    public async Task<OpenedDraft?> OpenAsync(Guid id, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var draft = await db.SignUpDrafts.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (draft is null || draft.SubmittedAt is not null)
        {
            // A sent request waits for its emailed link; it is no longer edited.
            return null;
        }

        if (draft.ExpiresAt <= time.GetUtcNow())
        {
            db.SignUpDrafts.Remove(draft);
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        var payload = Read(draft);

        var secret = http.Request.Cookies[CookieName];
        if (payload is null || secret is null || !SameHash(payload.SecretHash, Hash(secret)))
        {
            return null;
        }

        WriteCookie(http, secret);
        return new OpenedDraft(draft, payload);
    }

    /// <summary>Starts a draft bound to this browser (added to the context, saved by the caller).</summary>
    public async Task<OpenedDraft> StartAsync(HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var now = time.GetUtcNow();
        // A sent request is kept a week past its link's expiry, so that its link can say it
        // expired (and send a new one) or was used, rather than that it is unknown.
        var sentKeptUntil = now - SignUpConfirmation.KeptAfterExpiry;
        await db.SignUpDrafts
            .Where(d => (d.SubmittedAt == null && d.ExpiresAt <= now) || d.ExpiresAt <= sentKeptUntil)
            .ExecuteDeleteAsync(cancellationToken);

        // One secret per browser, so that two sign-ups in two tabs both stay reachable.
        var secret = http.Request.Cookies[CookieName];
        if (secret is not { Length: 43 })
        {
            secret = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        }

        var draft = new SignUpDraft { Id = Guid.NewGuid(), CreatedAt = now, ExpiresAt = now + Lifetime };
        var payload = new SignUpPayload { SecretHash = Hash(secret) };
        db.SignUpDrafts.Add(draft);
        WriteCookie(http, secret);
        return new OpenedDraft(draft, payload);
    }

    /// <summary>Writes what was typed into the draft and gives it 2 more hours (saved by the caller).</summary>
    public void Keep(OpenedDraft opened)
    {
        ArgumentNullException.ThrowIfNull(opened);
        var payload = opened.Payload;
        var responsible = payload.Responsible;
        responsible.LastName = Cap(responsible.LastName, 100);
        responsible.FirstName = Cap(responsible.FirstName, 100);
        responsible.Email = Cap(responsible.Email, 300);
        var contact = payload.Contact;
        contact.Street = Cap(contact.Street, 220);
        contact.PostalCode = Cap(contact.PostalCode, 20);
        contact.Town = Cap(contact.Town, 120);
        contact.HomePhone = Cap(contact.HomePhone, 30);
        contact.MobilePhone1 = Cap(contact.MobilePhone1, 30);
        contact.MobilePhone2 = Cap(contact.MobilePhone2, 30);
        contact.WorkPhone1 = Cap(contact.WorkPhone1, 30);
        contact.WorkPhone2 = Cap(contact.WorkPhone2, 30);
        contact.BeneficiaryName = Cap(contact.BeneficiaryName, 100);
        contact.BeneficiaryNumber = Cap(contact.BeneficiaryNumber, 30);
        foreach (var child in payload.Children)
        {
            child.FirstName = Cap(child.FirstName, 100);
            child.LastName = Cap(child.LastName, 100);
            child.BirthDate = Cap(child.BirthDate, 20);
        }

        var json = JsonSerializer.Serialize(payload, Json);
        // The caps above and the number of children keep what is stored under the column's size,
        // however the characters typed are escaped (SignUpDraft.MaxPayloadLength).
        if (json.Length > SignUpDraft.MaxPayloadLength)
        {
            throw new InvalidOperationException($"Sign-up draft of {json.Length} characters, over {SignUpDraft.MaxPayloadLength}.");
        }

        opened.Draft.Payload = json;
        opened.Draft.ExpiresAt = time.GetUtcNow() + Lifetime;
    }

    /// <summary>What a draft holds; null when it cannot be read.</summary>
    public static SignUpPayload? Read(SignUpDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        try
        {
            return JsonSerializer.Deserialize<SignUpPayload>(draft.Payload, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteCookie(HttpContext http, string secret) =>
        http.Response.Cookies.Append(CookieName, secret, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/inscription",
            MaxAge = Lifetime,
            IsEssential = true,
        });

    internal static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    internal static bool SameHash(string stored, string computed) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(computed));

    /// <summary>
    /// Drops control characters and cuts what no field needs, so that a draft stays small; a cut
    /// never leaves half of an emoji.
    /// </summary>
    private static string? Cap(string? value, int max)
    {
        var clean = Text.CleanInput(value, multiline: false);
        return clean is { Length: > 0 } && clean.Length > max ? Text.CleanInput(clean[..max], multiline: false) : clean;
    }
}
