using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Accounts.Sessions;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Infrastructure;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Gestion.Families;

/// <summary>
/// The whole file of a family, as an agent sees it: state, guardians and their accounts,
/// coordonnées, children, resources and history; and what an agent does with it: validate or
/// reject a sign-up, close or reopen the file, enter the income and the quotient familial,
/// change a guardian's email.
/// </summary>
public sealed class DetailsModel(
    AppDbContext db,
    UserManager<AppUser> users,
    AccountMails accountMails,
    FamilyMails familyMails,
    AuditTrail audit,
    UserSessions sessions,
    ParisClock clock,
    PaymentRecording payments,
    CreditRefunds refunds) : PageModel
{
    public const string Subject = "Famille";

    public Family Family { get; private set; } = null!;

    public IReadOnlyList<GuardianAccount> Guardians { get; private set; } = [];

    public IReadOnlyList<Child> Children { get; private set; } = [];

    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    /// <summary>The children's registrations, by child then newest request first.</summary>
    public IReadOnlyList<RegistrationRow> Registrations { get; private set; } = [];

    public DateOnly Today { get; private set; }

    /// <summary>The family's invoices, newest first.</summary>
    public IReadOnlyList<InvoiceRow> Invoices { get; private set; } = [];

    public IReadOnlyList<CreditNoteRow> CreditNotes { get; private set; } = [];

    public Domain.Billing.FamilyAccount Account { get; private set; } = new(0, 0, 0, 0);

    /// <summary>The family's payments, cancelled ones included, newest first.</summary>
    public IReadOnlyList<PaymentRow> Payments { get; private set; } = [];

    /// <summary>The family's tax certificates already numbered, newest year first.</summary>
    public IReadOnlyList<TaxCertificateRecord> TaxCertificates { get; private set; } = [];

    /// <summary>What the family's payments left to no invoice.</summary>
    public decimal Credit { get; private set; }

    /// <summary>The invoices with something due, in the order a payment settles them.</summary>
    public IReadOnlyList<InvoiceRow> OpenInvoices { get; private set; } = [];

    /// <summary>The form "Enregistrer un règlement".</summary>
    public PaymentInput Payment { get; private set; } = new();

    /// <summary>The refunds of the family's credit, newest first.</summary>
    public IReadOnlyList<RefundRow> Refunds { get; private set; } = [];

    /// <summary>The form "Rembourser le crédit".</summary>
    public RefundInput Refund { get; private set; } = new();

    /// <summary>The rejection reason typed by the agent.</summary>
    public string? Reason { get; private set; }

    public ResourcesInput Resources { get; private set; } = new();

    public EmailChangeInput EmailChange { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostValidateAsync(Guid id)
    {
        var family = await FindAsync(id);
        if (family is null)
        {
            return NotFound();
        }

        var outcome = family.Validate(clock.UtcNow);
        if (!outcome.Succeeded)
        {
            return await RefusedAsync(id, outcome.Refusals);
        }

        familyMails.QueueValidated(family);
        audit.Record(Subject, id, "Inscription validée ; la famille en est informée par email.");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Done(id, $"L'inscription de la famille {family.DisplayName} est validée. Un email l'en informe.");
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id, [DataType(DataType.MultilineText)] string? reason)
    {
        var family = await FindAsync(id);
        if (family is null)
        {
            return NotFound();
        }

        var outcome = family.Reject(reason, clock.UtcNow);
        if (!outcome.Succeeded)
        {
            var page = await RefusedAsync(id, outcome.Refusals);
            Reason = reason;
            return page;
        }

        familyMails.QueueRejected(family);
        audit.Record(Subject, id, $"Inscription refusée ; motif envoyé à la famille : « {family.RejectionReason} »");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Done(id, $"L'inscription de la famille {family.DisplayName} est refusée. Le motif lui est envoyé par email.");
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var family = await FindAsync(id);
        if (family is null)
        {
            return NotFound();
        }

        var outcome = family.Deactivate(clock.UtcNow);
        if (!outcome.Succeeded)
        {
            return await RefusedAsync(id, outcome.Refusals);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The guardians' open sessions end with the deactivation, and a new security stamp voids
        // the links already emailed to them; sign-in already refuses a closed family.
        foreach (var user in await db.Users.Where(u => u.FamilyId == id).ToListAsync(ct))
        {
            Check(await users.UpdateSecurityStampAsync(user));
            await sessions.EndAllAsync(user.Id, except: null, ct);
        }

        audit.Record(Subject, id, "Dossier désactivé : plus personne de la famille ne peut se connecter.");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Done(id, $"Le dossier de la famille {family.DisplayName} est désactivé : plus personne de la famille ne peut se connecter.");
    }

    public async Task<IActionResult> OnPostReactivateAsync(Guid id)
    {
        var family = await FindAsync(id);
        if (family is null)
        {
            return NotFound();
        }

        var outcome = family.Reactivate(clock.UtcNow);
        if (!outcome.Succeeded)
        {
            return await RefusedAsync(id, outcome.Refusals);
        }

        audit.Record(Subject, id, "Dossier réactivé : la famille peut de nouveau se connecter.");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Done(id, $"Le dossier de la famille {family.DisplayName} est réactivé.");
    }

    public async Task<IActionResult> OnPostResourcesAsync(Guid id, ResourcesInput resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var family = await FindAsync(id);
        if (family is null)
        {
            return NotFound();
        }

        var errors = new List<Refusal>();
        decimal? monthly = null;
        if (!string.IsNullOrWhiteSpace(resources.MonthlyResources))
        {
            if (FrenchNumbers.TryParseDecimal(resources.MonthlyResources, out var value))
            {
                monthly = value;
            }
            else
            {
                errors.Add(new(nameof(ResourcesInput.MonthlyResources), "Saisissez les revenus mensuels en euros, par exemple 1083,33."));
            }
        }

        decimal? parts = null;
        if (!string.IsNullOrWhiteSpace(resources.Parts))
        {
            if (FrenchNumbers.TryParseDecimal(resources.Parts, out var value))
            {
                parts = value;
            }
            else
            {
                errors.Add(new(nameof(ResourcesInput.Parts), "Saisissez le nombre de parts, par exemple 2 ou 2,5."));
            }
        }

        int? quotient = null;
        if (!string.IsNullOrWhiteSpace(resources.Quotient))
        {
            var digits = new string([.. resources.Quotient.Where(c => !char.IsWhiteSpace(c))]);
            if (int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                quotient = value;
            }
            else
            {
                errors.Add(new(nameof(ResourcesInput.Quotient), "Le quotient familial donné par la CAF ou la MSA est un nombre entier, par exemple 542."));
            }
        }

        var updatedOn = ParisClock.ParseDate(resources.UpdatedOn);
        if (updatedOn is null)
        {
            errors.Add(new(nameof(ResourcesInput.UpdatedOn), ParisClock.DateMessage(resources.UpdatedOn, "Saisissez la date de mise à jour au format jj/mm/aaaa, par exemple 15/01/2027.")));
        }

        var previous = family.Resources;
        var outcome = errors.Count == 0 ? family.SetResources(monthly, parts, quotient, updatedOn!.Value) : null;
        if (outcome is not { Succeeded: true })
        {
            var page = await RefusedAsync(id, outcome?.Refusals ?? errors, "Resources.");
            Resources = resources;
            return page;
        }

        var current = outcome.Value;
        var source = current.QuotientGivenByFund
            ? "donné par la CAF / MSA"
            : $"calculé : {FrenchNumbers.Euros(current.MonthlyResources!.Value)} / {FrenchNumbers.Parts(current.Parts!.Value)} parts";
        await QuotientHistory.RecordAsync(db, id, current, clock.UtcNow, HttpContext.RequestAborted);
        audit.Record(Subject, id, $"Revenus et quotient familial : QF {previous?.Quotient.ToString(CultureInfo.InvariantCulture) ?? "non renseigné"} → {current.Quotient} ({source}), mis à jour le {ParisClock.FormatDate(current.UpdatedOn)}.");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Done(id, $"Le quotient familial de la famille {family.DisplayName} est maintenant {current.Quotient}.");
    }

    public async Task<IActionResult> OnPostChangeEmailAsync(Guid id, EmailChangeInput emailChange)
    {
        ArgumentNullException.ThrowIfNull(emailChange);
        var ct = HttpContext.RequestAborted;
        var family = await db.Families.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, ct);
        if (family is null)
        {
            return NotFound();
        }

        var guardian = family.Guardians.SingleOrDefault(g => g.Id == emailChange.GuardianId);
        var newEmail = Text.NormalizeEmail(emailChange.NewEmail);
        var user = guardian is null ? null : await FindAccountAsync(id, guardian.Email);
        string? error = null;
        if (guardian is null)
        {
            error = "Choisissez le responsable dont l'adresse email change.";
        }
        else if (newEmail is null)
        {
            error = "Saisissez la nouvelle adresse email, par exemple nom@exemple.fr.";
        }
        else if (newEmail == guardian.Email)
        {
            error = $"{newEmail} est déjà l'adresse de {guardian.DisplayName}.";
        }
        else if (user is null)
        {
            error = $"{guardian.DisplayName} n'a pas de compte sur le portail : il n'y a pas d'identifiant à changer.";
        }
        else if (await users.FindByEmailAsync(newEmail) is not null || await db.Guardians.AnyAsync(g => g.Email == newEmail, ct))
        {
            error = "Cette adresse email est déjà utilisée par un autre compte du portail.";
        }

        if (error is not null)
        {
            var field = guardian is null ? nameof(EmailChangeInput.GuardianId) : nameof(EmailChangeInput.NewEmail);
            var page = await RefusedAsync(id, [new(field, error)], "EmailChange.");
            EmailChange = emailChange;
            return page;
        }

        await accountMails.QueueEmailChangeAsync(user!, newEmail!);
        audit.Record(Subject, id, $"Changement d'adresse email demandé pour {guardian!.DisplayName} : {guardian.Email} → {newEmail} ; lien de confirmation envoyé à la nouvelle adresse.");
        await db.SaveChangesAsync(ct);
        return Done(id, $"Un lien de confirmation, valable 1 heure, a été envoyé à {newEmail}. L'adresse de {guardian.DisplayName} ne changera qu'une fois ce lien utilisé ; {guardian.Email} est prévenue.");
    }

    /// <summary>
    /// "Enregistrer un règlement": a payment taken at the desk, spread over the invoices the
    /// oldest first, or as the agent typed per invoice.
    /// </summary>
    public async Task<IActionResult> OnPostPaymentAsync(Guid id, PaymentInput payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var ct = HttpContext.RequestAborted;
        if (!await db.Families.AnyAsync(f => f.Id == id, ct))
        {
            return NotFound();
        }

        var errors = new List<Refusal>();
        var method = Enum.TryParse<Domain.Billing.PaymentMethod>(payment.Method, out var m) && Enum.IsDefined(m) ? m : (Domain.Billing.PaymentMethod?)null;
        if (method is null)
        {
            errors.Add(new(nameof(PaymentInput.Method), "Choisissez le mode de paiement."));
        }

        var amountRead = FrenchNumbers.TryParseDecimal(payment.Amount, out var amount);
        if (!amountRead)
        {
            errors.Add(new(nameof(PaymentInput.Amount), "Saisissez le montant en euros, par exemple 12,50."));
        }

        var date = ParisClock.ParseDate(payment.Date);
        if (date is null)
        {
            errors.Add(new(nameof(PaymentInput.Date), ParisClock.DateMessage(payment.Date, "Saisissez la date du paiement au format jj/mm/aaaa, par exemple 15/01/2027.")));
        }

        // The rows the agent filled, with their place in the form for the messages.
        var chosen = new List<(int Row, Domain.Billing.Allocation Allocation)>();
        for (var row = 0; row < payment.Allocations.Count; row++)
        {
            var typed = payment.Allocations[row];
            if (string.IsNullOrWhiteSpace(typed.Amount))
            {
                continue;
            }

            if (FrenchNumbers.TryParseDecimal(typed.Amount, out var part) && part > Domain.Billing.PaymentEntry.MaxAmount)
            {
                // Beyond any payment: a typing mistake, told before the sums could overflow.
                errors.Add(new(AllocationField(row), "Le montant pour cette facture dépasse ce qui reste à payer : vérifiez la saisie."));
            }
            else if (FrenchNumbers.TryParseDecimal(typed.Amount, out part))
            {
                chosen.Add((row, new(typed.InvoiceId, part)));
            }
            else
            {
                errors.Add(new(AllocationField(row), "Saisissez le montant pour cette facture en euros, par exemple 12,50, ou laissez la case vide."));
            }
        }

        if (errors.Count > 0)
        {
            // The other fields are checked all the same, so that every mistake is shown at once.
            var others = Domain.Billing.PaymentEntry.Check(method ?? Domain.Billing.PaymentMethod.Cash, amountRead ? amount : 1m, date ?? clock.Today, clock.Today, payment.Payer, payment.ChequeNumber, payment.Bank)
                .Where(r => errors.All(e => e.Field != r.Field) && (method is not null || (r.Field != "ChequeNumber" && r.Field != "Bank")));
            return await PaymentRefusedAsync(id, payment, [.. errors, .. others]);
        }

        var outcome = await payments.RecordAsync(id, method!.Value, amount, date!.Value, payment.Payer, payment.ChequeNumber, payment.Bank,
            [.. chosen.Select(c => c.Allocation)], User.Identity?.Name ?? "?", Guid.TryParse(payment.Key, out var key) ? key : null, ct);
        if (!outcome.Succeeded)
        {
            // The domain names a chosen amount by its place among the chosen rows; the form by its row.
            var refusals = outcome.Refusals.Select(r =>
            {
                for (var i = 0; i < chosen.Count; i++)
                {
                    if (r.Field == $"Allocations[{i.ToString(CultureInfo.InvariantCulture)}].Amount")
                    {
                        return r with { Field = AllocationField(chosen[i].Row) };
                    }
                }

                return r;
            });
            return await PaymentRefusedAsync(id, payment, [.. refusals]);
        }

        var recorded = outcome.Value;
        return Done(id, $"Le règlement {recorded.Number} de {FrenchNumbers.Euros(recorded.Amount)} est enregistré. La famille en est informée par email.");
    }

    /// <summary>"Rembourser le crédit": gives back part or all of what the family paid beyond its invoices.</summary>
    public async Task<IActionResult> OnPostRefundAsync(Guid id, RefundInput refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var ct = HttpContext.RequestAborted;
        if (!await db.Families.AnyAsync(f => f.Id == id, ct))
        {
            return NotFound();
        }

        var errors = new List<Refusal>();
        var method = Enum.TryParse<Domain.Billing.PaymentMethod>(refund.Method, out var m) && Domain.Billing.CreditRefund.Methods.Contains(m) ? m : (Domain.Billing.PaymentMethod?)null;
        if (method is null)
        {
            errors.Add(new(nameof(RefundInput.Method), "Choisissez le mode de remboursement : virement, chèque ou espèces."));
        }

        if (!FrenchNumbers.TryParseDecimal(refund.Amount, out var amount))
        {
            errors.Add(new(nameof(RefundInput.Amount), "Saisissez le montant en euros, par exemple 12,50."));
        }

        var date = ParisClock.ParseDate(refund.Date);
        if (date is null)
        {
            errors.Add(new(nameof(RefundInput.Date), ParisClock.DateMessage(refund.Date, "Saisissez la date du remboursement au format jj/mm/aaaa, par exemple 15/01/2027.")));
        }

        var outcome = errors.Count > 0
            ? Outcome<Refund>.Refused(errors)
            : await refunds.RefundAsync(id, method!.Value, amount, date!.Value, refund.Reason, User.Identity?.Name ?? "?", ct);
        if (!outcome.Succeeded)
        {
            var page = await RefusedAsync(id, outcome.Refusals, "Refund.");
            Refund = refund;
            return page;
        }

        return Done(id, $"Le remboursement {outcome.Value.Number} de {FrenchNumbers.Euros(outcome.Value.Amount)} est enregistré. La famille en est informée par email.");
    }

    /// <summary>Sends the invitation again to a guardian who has not chosen a password yet.</summary>
    public async Task<IActionResult> OnPostResendAsync(Guid id, Guid guardianId)
    {
        var ct = HttpContext.RequestAborted;
        var family = await db.Families.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, ct);
        if (family is null)
        {
            return NotFound();
        }

        var guardian = family.Guardians.SingleOrDefault(g => g.Id == guardianId);
        var user = guardian is null ? null : await FindAccountAsync(id, guardian.Email);
        if (user is null || user.PasswordHash is not null || user.IsDisabled)
        {
            return await RefusedAsync(id, [new(string.Empty, "Ce responsable n'a pas d'invitation en attente : s'il a oublié son mot de passe, il peut utiliser « Mot de passe oublié ? ».")]);
        }

        // A new security stamp makes the previous invitation link useless.
        Check(await users.UpdateSecurityStampAsync(user));
        await accountMails.QueueInvitationAsync(user);
        audit.Record(Subject, id, $"Invitation envoyée à nouveau à {user.Email}.");
        await db.SaveChangesAsync(ct);
        return Done(id, $"Une nouvelle invitation a été envoyée à {user.Email}.");
    }

    private static string AllocationField(int row) => $"Allocations[{row.ToString(CultureInfo.InvariantCulture)}].Amount";

    private async Task<IActionResult> PaymentRefusedAsync(Guid id, PaymentInput payment, IReadOnlyList<Refusal> refusals)
    {
        var page = await RefusedAsync(id, refusals, "Payment.");
        Payment = payment;
        return page;
    }

    private async Task<Family?> FindAsync(Guid id) =>
        await db.Families.SingleOrDefaultAsync(f => f.Id == id, HttpContext.RequestAborted);

    private async Task<AppUser?> FindAccountAsync(Guid familyId, string email)
    {
        var normalized = users.NormalizeEmail(email);
        return await db.Users.SingleOrDefaultAsync(u => u.FamilyId == familyId && u.NormalizedEmail == normalized, HttpContext.RequestAborted);
    }

    private RedirectResult Done(Guid id, string message)
    {
        TempData["Message"] = message;
        return Redirect($"/gestion/familles/{id}");
    }

    /// <summary>Shows the file again with the refusals next to their fields (prefixed with the form's name).</summary>
    private async Task<IActionResult> RefusedAsync(Guid id, IEnumerable<Refusal> refusals, string prefix = "")
    {
        foreach (var refusal in refusals)
        {
            ModelState.AddModelError(refusal.Field.Length == 0 ? string.Empty : prefix + refusal.Field, refusal.Message);
        }

        // Nothing of the refused change is saved: the page shows the file as it is in the database.
        db.ChangeTracker.Clear();
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var family = await db.Families.AsNoTracking().Include(f => f.Children).SingleOrDefaultAsync(f => f.Id == id, ct);
        if (family is null)
        {
            return false;
        }

        Family = family;
        Today = clock.Today;
        Children = [.. family.Children.OrderBy(c => c.BirthDate).ThenBy(c => c.FirstName, StringComparer.Ordinal)];
        var accounts = await db.Users.AsNoTracking()
            .Where(u => u.FamilyId == id)
            .Select(u => new { u.NormalizedEmail, HasPassword = u.PasswordHash != null, u.ActivatedAt, u.IsDisabled })
            .ToListAsync(ct);
        Guardians =
        [
            .. family.Guardians.OrderBy(g => g.Rank).Select(g =>
            {
                var account = accounts.SingleOrDefault(a => a.NormalizedEmail == users.NormalizeEmail(g.Email));
                var state = account switch
                {
                    null => AccountState.None,
                    { IsDisabled: true } => AccountState.Disabled,
                    { HasPassword: false } => AccountState.InvitationPending,
                    _ => AccountState.Activated,
                };
                return new GuardianAccount(g, state, account?.ActivatedAt);
            }),
        ];
        var registrations = await (
            from r in db.Registrations
            join a in db.Activities.IgnoreAutoIncludes() on r.ActivityId equals a.Id
            join t in db.ActivityTypes on a.ActivityTypeId equals t.Id
            join f in db.Facilities on t.FacilityId equals f.Id
            join p in db.Periods on r.PeriodId equals p.Id
            where r.FamilyId == id
            select new { r.Id, r.ChildId, Facility = f.Name, Activity = a.Name, Period = p.Label, r.Start, r.End, r.Status, r.RefusalReason, r.RequestedAt })
            .AsNoTracking()
            .ToListAsync(ct);
        Registrations =
        [
            .. from r in registrations
               join c in Children.Select((c, i) => (Child: c, Rank: i)) on r.ChildId equals c.Child.Id
               orderby c.Rank, r.RequestedAt descending
               select new RegistrationRow($"{c.Child.FirstName} {c.Child.LastName.ToUpperInvariant()}", r.Facility, r.Activity, r.Period, r.Start, r.End, r.Status, r.RefusalReason, r.RequestedAt, r.Id),
        ];
        History = await db.AuditEntries.AsNoTracking()
            .Where(e => e.SubjectId == id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .ToListAsync(ct);
        Invoices = await FamilyBilling.InvoicesAsync(db, id, ct);
        CreditNotes = await FamilyBilling.CreditNotesAsync(db, id, ct);
        Payments = await FamilyBilling.PaymentsAsync(db, id, ct);
        TaxCertificates = await db.TaxCertificates.AsNoTracking().Where(c => c.FamilyId == id).OrderByDescending(c => c.Year).ToListAsync(ct);
        Account = FamilyBilling.Account(Invoices, Payments);
        Credit = FamilyBilling.Credit(Payments);
        Refunds = await FamilyBilling.RefundsAsync(db, id, ct);
        Refund = new RefundInput
        {
            Method = nameof(Domain.Billing.PaymentMethod.Transfer),
            Amount = Credit > 0 ? FrenchNumbers.EditableAmount(Credit) : null,
            Date = ParisClock.FormatDate(clock.Today),
        };
        var open = Invoices.Where(i => i.Amounts.Remaining > 0).ToDictionary(i => i.Id);
        OpenInvoices =
        [
            .. Domain.Billing.PaymentAllocation.InPaymentOrder(open.Values.Select(i => new Domain.Billing.OpenInvoice(i.Id, i.IssuedOn, i.Number, i.Amounts.Remaining)))
                .Select(i => open[i.Id]),
        ];
        Payment = new PaymentInput
        {
            Method = nameof(Domain.Billing.PaymentMethod.Cheque),
            Date = ParisClock.FormatDate(Today),
            Payer = family.Responsible.DisplayName,
            Allocations = [.. OpenInvoices.Select(i => new AllocationInput { InvoiceId = i.Id })],
            Key = Guid.NewGuid().ToString("D"),
        };
        Resources = ResourcesInput.From(family.Resources, Today);
        EmailChange = new EmailChangeInput { GuardianId = family.Responsible.Id };
        return true;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

public enum AccountState
{
    None,
    InvitationPending,
    Activated,
    Disabled,
}

/// <summary>A registration of a child of the family, as the file lists it.</summary>
public sealed record RegistrationRow(
    string Child,
    string Facility,
    string Activity,
    string Period,
    DateOnly Start,
    DateOnly End,
    Domain.Registrations.RegistrationStatus Status,
    string? RefusalReason,
    DateTimeOffset RequestedAt,
    Guid Id);

/// <summary>A guardian with the state of their sign-in account.</summary>
public sealed record GuardianAccount(Guardian Guardian, AccountState State, DateTimeOffset? ActivatedAt)
{
    public string StateLabel => State switch
    {
        AccountState.None => "Pas de compte sur le portail",
        AccountState.InvitationPending => "Invitation envoyée, pas encore acceptée",
        AccountState.Disabled => "Compte désactivé",
        _ => ActivatedAt is { } at ? $"Compte activé le {ParisClock.FormatInstant(at)}" : "Compte activé",
    };
}

/// <summary>The "Revenus et quotient familial" form, as typed: French numbers and a jj/mm/aaaa date.</summary>
public sealed class ResourcesInput
{
    public string? MonthlyResources { get; set; }

    public string? Parts { get; set; }

    public string? Quotient { get; set; }

    public string? UpdatedOn { get; set; }

    public static ResourcesInput From(FamilyResources? resources, DateOnly today) => new()
    {
        MonthlyResources = resources?.MonthlyResources is { } m ? FrenchNumbers.EditableAmount(m) : null,
        Parts = resources?.Parts is { } p ? FrenchNumbers.Parts(p) : null,
        Quotient = resources is { QuotientGivenByFund: true } ? resources.Quotient.ToString(CultureInfo.InvariantCulture) : null,
        UpdatedOn = ParisClock.FormatDate(today),
    };
}

/// <summary>The "Changer l'adresse email" form.</summary>
public sealed class EmailChangeInput
{
    public Guid? GuardianId { get; set; }

    public string? NewEmail { get; set; }
}

/// <summary>The form "Enregistrer un règlement", as typed.</summary>
public sealed class PaymentInput
{
    /// <summary>The name of a <see cref="Domain.Billing.PaymentMethod"/> of the desk.</summary>
    public string? Method { get; set; }

    /// <summary>The amount, French way ("12,50").</summary>
    public string? Amount { get; set; }

    /// <summary>jj/mm/aaaa.</summary>
    public string? Date { get; set; }

    public string? Payer { get; set; }

    public string? ChequeNumber { get; set; }

    public string? Bank { get; set; }

    /// <summary>One row per open invoice; the rows left empty are not paid by choice.</summary>
    public List<AllocationInput> Allocations { get; set; } = [];

    /// <summary>New each time the form is shown: the same form sent twice records one payment.</summary>
    public string? Key { get; set; }
}

/// <summary>An amount the agent chose for one invoice.</summary>
public sealed class AllocationInput
{
    public Guid InvoiceId { get; set; }

    /// <summary>French way ("12,50"); empty to leave the invoice out of the choice.</summary>
    public string? Amount { get; set; }
}

/// <summary>The form "Rembourser le crédit", as typed.</summary>
public sealed class RefundInput
{
    /// <summary>Transfer, Cheque or Cash.</summary>
    public string? Method { get; set; }

    /// <summary>French way ("12,50").</summary>
    public string? Amount { get; set; }

    /// <summary>jj/mm/aaaa.</summary>
    public string? Date { get; set; }

    public string? Reason { get; set; }
}
