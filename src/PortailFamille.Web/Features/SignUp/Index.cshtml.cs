using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Security;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.SignUp;



/// <summary>
/// "M'inscrire": a new family signs up in 4 steps (responsable du foyer, coordonnées, enfants,
/// validation), without JavaScript. Every button posts the whole step; what was typed is kept
/// in a <see cref="SignUpDraft"/>, so going back and forth loses nothing. The last step emails
/// a link that confirms the address; only that link creates the family "en attente de
/// validation" and its account (<see cref="SignUpConfirmation"/>).
/// </summary>
public sealed class IndexModel(
    AppDbContext db,
    UserManager<AppUser> users,
    IPasswordHasher<AppUser> hasher,
    SignUpDraftStore drafts,
    SignUpMails mails,
    SignUpConfirmation confirmation,
    AuditTrail audit,
    ParisClock clock) : PageModel
{
    public const int StepCount = 4;

    public const int MaxChildren = 12;

    public const string ExpiredMessage =
        "Votre demande a expiré, recommencez. Ce que vous saisissez est gardé 2 heures, dans le navigateur où vous avez commencé.";

    public const string ConsentMessage =
        "Cochez la case « J'accepte que mes données soient traitées » : sans votre accord, nous ne pouvons pas enregistrer votre demande.";

    public const string SubmittedEmailKey = "SignUpEmail";

    public static readonly IReadOnlyList<string> StepNames = ["Responsable du foyer", "Coordonnées", "Enfants", "Validation"];

    private const string PasswordKey = "NewPassword.Password";
    private const string ConfirmationKey = "NewPassword.Confirmation";

    [BindProperty]
    public int Step { get; set; } = 1;

    [BindProperty]
    public Guid? DraftId { get; set; }

    /// <summary>The button pressed: next, previous, add-child or send.</summary>
    [BindProperty]
    public string? Command { get; set; }

    /// <summary>The "Retirer" button pressed in step 3: the index of the child.</summary>
    [BindProperty]
    public int? RemoveChild { get; set; }

    /// <summary>A "Modifier" button of the summary: the step to go back to.</summary>
    [BindProperty]
    public int? GoToStep { get; set; }

    [BindProperty]
    public ResponsibleInput Responsible { get; set; } = new();

    /// <summary>Bound in step 1 only; never written back into a page.</summary>
    public NewPasswordInput NewPassword { get; set; } = new();

    [BindProperty]
    public ContactInput Contact { get; set; } = new();

    [BindProperty]
    public List<ChildInput> Children { get; set; } = [];

    [BindProperty]
    public bool Consent { get; set; }

    /// <summary>Whether the draft already holds a password, which the family may then keep.</summary>
    public bool HasPassword { get; private set; }

    /// <summary>Step 4: the family as it will be created.</summary>
    public Family? Summary { get; private set; }

    public string StepName => StepNames[Step - 1];

    /// <summary>The fields of the step in page order, so that the error summary follows the page.</summary>
    public IReadOnlyList<string> FieldOrder => Step switch
    {
        1 => [.. new[] { nameof(ResponsibleInput.LastName), nameof(ResponsibleInput.FirstName), nameof(ResponsibleInput.Email) }.Select(f => $"{nameof(Responsible)}.{f}"), PasswordKey, ConfirmationKey],
        2 =>
        [
            .. new[]
            {
                nameof(ContactInput.Street), nameof(ContactInput.PostalCode), nameof(ContactInput.Town), nameof(ContactInput.HomePhone),
                nameof(ContactInput.MobilePhone1), nameof(ContactInput.MobilePhone2), nameof(ContactInput.WorkPhone1), nameof(ContactInput.WorkPhone2),
                nameof(ContactInput.BeneficiaryName), nameof(ContactInput.BenefitScheme), nameof(ContactInput.BeneficiaryNumber),
            }.Select(f => $"{nameof(Contact)}.{f}"),
        ],
        3 =>
        [
            .. Enumerable.Range(0, Children.Count).SelectMany(i =>
                new[] { nameof(ChildInput.FirstName), nameof(ChildInput.LastName), nameof(ChildInput.BirthDate), nameof(ChildInput.Sex) }.Select(f => $"{nameof(Children)}[{i}].{f}")),
        ],
        _ => [nameof(Consent)],
    };

    public void OnGet() => Step = 1;

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        Step = Math.Clamp(Step, 1, StepCount);
        OpenedDraft? opened = null;
        if (DraftId is { } id)
        {
            opened = await drafts.OpenAsync(id, HttpContext, ct);
            if (opened is null)
            {
                return Restart();
            }
        }
        else if (Step != 1)
        {
            return Restart();
        }

        HasPassword = opened?.Draft.PasswordHash is not null;
        if (opened is not null && Step == 3 && (Command == "add-child" || RemoveChild is not null))
        {
            return await ChangeChildrenAsync(opened, ct);
        }

        var back = GoToStep is { } target && target >= 1 && target < Step ? target : Command == "previous" && Step > 1 ? Step - 1 : (int?)null;
        if (opened is not null && back is { } previousStep)
        {
            // Going back keeps what was typed in this step, checked or not: it is checked on the way forward.
            TakeStep(opened.Payload);
            drafts.Keep(opened);
            await db.SaveChangesAsync(ct);
            return Show(opened, previousStep);
        }

        return Step switch
        {
            1 => await NextFromResponsibleAsync(opened, ct),
            2 or 3 => await NextAsync(opened!, ct),
            // The sending post carries the rate-limited query key; a "send" without it is not one.
            _ => Command == "send" && Request.Query.ContainsKey(RateLimits.SignUpSendKey) ? await SendAsync(opened!, ct) : ShowSummaryOrErrors(opened!),
        };
    }

    private async Task<IActionResult> NextFromResponsibleAsync(OpenedDraft? opened, CancellationToken ct)
    {
        AddErrors(ResponsibleErrors(Responsible));
        var (passwordAccepted, hash) = await CheckPasswordAsync(alreadyChosen: HasPassword);
        NewPassword = new();
        if (!ModelState.IsValid || !passwordAccepted)
        {
            if (opened is not null)
            {
                opened.Payload.Responsible = Responsible;
                drafts.Keep(opened);
                await db.SaveChangesAsync(ct);
            }

            return Page();
        }

        opened ??= await drafts.StartAsync(HttpContext, ct);
        opened.Payload.Responsible = Responsible;
        if (hash is not null)
        {
            opened.Draft.PasswordHash = hash;
        }

        drafts.Keep(opened);
        await db.SaveChangesAsync(ct);
        return Show(opened, 2);
    }

    private async Task<IActionResult> NextAsync(OpenedDraft opened, CancellationToken ct)
    {
        TakeStep(opened.Payload);
        drafts.Keep(opened);
        await db.SaveChangesAsync(ct);
        AddErrors(Step == 2 ? ContactErrors(Contact) : ChildrenErrors(Children));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        return Step == 2 ? Show(opened, 3) : ShowSummaryOrErrors(opened);
    }

    private async Task<IActionResult> ChangeChildrenAsync(OpenedDraft opened, CancellationToken ct)
    {
        if (RemoveChild is { } index)
        {
            if (index >= 0 && index < Children.Count && Children.Count > 1)
            {
                Children.RemoveAt(index);
            }
        }
        else if (Children.Count < MaxChildren)
        {
            Children.Add(new ChildInput { LastName = opened.Payload.Responsible.LastName });
        }

        TakeStep(opened.Payload);
        drafts.Keep(opened);
        await db.SaveChangesAsync(ct);
        return Show(opened, 3);
    }

    private async Task<IActionResult> SendAsync(OpenedDraft opened, CancellationToken ct)
    {
        if (!Consent)
        {
            ModelState.AddModelError(nameof(Consent), ConsentMessage);
            return ShowSummaryOrErrors(opened);
        }

        if (FirstInvalidStep(opened) is not null)
        {
            return ShowSummaryOrErrors(opened);
        }

        var responsible = BuildFamily(opened.Payload).Responsible;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var owner = await users.FindByEmailAsync(responsible.Email);
        if (owner is null)
        {
            // Nothing is created yet: the emailed link confirms the address, then creates the
            // family and its account (SignUpConfirmation).
            confirmation.SendLink(opened.Draft, opened.Payload);
        }
        else
        {
            // Same answer on screen as for a new address: only the owner of the address learns of it.
            mails.QueueAddressInUse(owner);
            audit.Record("Compte", owner.Id, "Inscription en ligne demandée avec l'adresse de ce compte : aucun compte créé, le titulaire est prévenu par email.");
            db.SignUpDrafts.Remove(opened.Draft);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        TempData[SubmittedEmailKey] = responsible.Email;
        return Redirect("/inscription/envoyee");
    }

    /// <summary>Shows step 4, or the first step that no longer passes its checks, with its errors.</summary>
    private PageResult ShowSummaryOrErrors(OpenedDraft opened)
    {
        var consentError = ModelState[nameof(Consent)]?.Errors.FirstOrDefault()?.ErrorMessage;
        var invalid = FirstInvalidStep(opened);
        Show(opened, invalid?.Step ?? 4);
        if (invalid is { } failed)
        {
            AddErrors(failed.Errors);
            return Page();
        }

        if (consentError is not null)
        {
            ModelState.AddModelError(nameof(Consent), consentError);
        }

        Summary = BuildFamily(opened.Payload);
        return Page();
    }

    private (int Step, IReadOnlyList<(string Key, string Message)> Errors)? FirstInvalidStep(OpenedDraft opened)
    {
        var payload = opened.Payload;
        var responsible = ResponsibleErrors(payload.Responsible);
        if (opened.Draft.PasswordHash is null)
        {
            responsible.Add((PasswordKey, "Saisissez le nouveau mot de passe."));
        }

        if (responsible.Count > 0)
        {
            return (1, responsible);
        }

        var contact = ContactErrors(payload.Contact);
        if (contact.Count > 0)
        {
            return (2, contact);
        }

        var children = ChildrenErrors(payload.Children);
        return children.Count > 0 ? (3, children) : null;
    }

    /// <summary>Renders a step with what the draft holds; the posted values are forgotten.</summary>
    private PageResult Show(OpenedDraft opened, int step)
    {
        ModelState.Clear();
        Step = step;
        DraftId = opened.Draft.Id;
        HasPassword = opened.Draft.PasswordHash is not null;
        Responsible = opened.Payload.Responsible;
        Contact = opened.Payload.Contact;
        Children = opened.Payload.Children;
        if (step == 3 && Children.Count == 0)
        {
            Children.Add(new ChildInput { LastName = Responsible.LastName });
        }

        return Page();
    }

    private PageResult Restart()
    {
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, ExpiredMessage);
        Step = 1;
        DraftId = null;
        HasPassword = false;
        Responsible = new();
        Contact = new();
        Children = [];
        return Page();
    }

    /// <summary>Copies the posted fields of the current step into the draft.</summary>
    private void TakeStep(SignUpPayload payload)
    {
        switch (Step)
        {
            case 1:
                payload.Responsible = Responsible;
                break;
            case 2:
                payload.Contact = Contact;
                break;
            case 3:
                payload.Children = [.. Children.Take(MaxChildren)];
                break;
        }
    }

    private List<(string Key, string Message)> ResponsibleErrors(ResponsibleInput input)
    {
        // The same rules as Family.SignUp, which needs the coordonnées of step 2 to be called.
        var outcome = Family.CreateKnown(input.FirstName, input.LastName, input.Email, clock.UtcNow);
        var errors = Prefixed(nameof(Responsible), outcome.Refusals);
        var email = Text.NormalizeEmail(input.Email);
        var allowed = users.Options.User.AllowedUserNameCharacters;
        if (email is not null && !string.IsNullOrEmpty(allowed) && email.Any(c => !allowed.Contains(c, StringComparison.Ordinal)))
        {
            // The address becomes the account's user name: Identity would refuse it at the end.
            errors.Add(($"{nameof(Responsible)}.{nameof(ResponsibleInput.Email)}", users.ErrorDescriber.InvalidUserName(email).Description));
        }

        return errors;
    }

    private static List<(string Key, string Message)> ContactErrors(ContactInput input) =>
        Prefixed(nameof(Contact), ContactDetails.Create(input.ToDomain()).Refusals);

    private List<(string Key, string Message)> ChildrenErrors(List<ChildInput> children)
    {
        var errors = new List<(string Key, string Message)>();
        if (children.Count == 0)
        {
            errors.Add((string.Empty, "Ajoutez au moins un enfant."));
        }
        else if (children.Count > MaxChildren)
        {
            errors.Add((string.Empty, $"Vous pouvez déclarer au plus {MaxChildren} enfants en ligne : pour les autres, contactez le service."));
        }

        // A scratch family gives each child the refusals of Family.AddChild.
        var scratch = Family.CreateKnown("Brouillon", "Brouillon", "brouillon@portail.invalid", clock.UtcNow).Value;
        var today = clock.Today;
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            var outcome = scratch.AddChild(child.FirstName, child.LastName, ParisClock.ParseDate(child.BirthDate), child.Sex, today);
            foreach (var refusal in outcome.Refusals)
            {
                var message = children.Count > 1 ? $"Enfant {i + 1} : {refusal.Message}" : refusal.Message;
                errors.Add(($"{nameof(Children)}[{i}].{refusal.Field}", message));
            }
        }

        return errors;
    }

    /// <summary>The family that will be created; only called once every step passes its checks.</summary>
    private Family BuildFamily(SignUpPayload payload) =>
        SignUpConfirmation.BuildFamily(payload, clock.UtcNow, clock.Today) ?? throw new InvalidOperationException("Every step passed its checks.");

    private async Task<(bool Accepted, string? Hash)> CheckPasswordAsync(bool alreadyChosen)
    {
        await TryUpdateModelAsync(NewPassword, nameof(NewPassword));
        if (alreadyChosen && string.IsNullOrEmpty(NewPassword.Password) && string.IsNullOrEmpty(NewPassword.Confirmation))
        {
            // Coming back to step 1: the password chosen before is kept.
            ModelState.Remove(PasswordKey);
            ModelState.Remove(ConfirmationKey);
            return (true, null);
        }

        var password = NewPassword.Password;
        if (!string.IsNullOrEmpty(password) && !HasErrors(PasswordKey))
        {
            var user = new AppUser { UserName = Responsible.Email, Email = Responsible.Email };
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, user, password);
                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError(PasswordKey, error.Description);
                }
            }
        }

        return HasErrors(PasswordKey) || HasErrors(ConfirmationKey)
            ? (false, null)
            : (true, hasher.HashPassword(new AppUser(), password!));
    }

    private bool HasErrors(string key) => ModelState[key]?.Errors.Count > 0;

    private void AddErrors(IEnumerable<(string Key, string Message)> errors)
    {
        foreach (var (key, message) in errors)
        {
            ModelState.AddModelError(key, message);
        }
    }

    private static List<(string Key, string Message)> Prefixed(string prefix, IEnumerable<Refusal> refusals) =>
        [.. refusals.Select(r => (string.IsNullOrEmpty(r.Field) ? string.Empty : $"{prefix}.{r.Field}", r.Message))];
}
