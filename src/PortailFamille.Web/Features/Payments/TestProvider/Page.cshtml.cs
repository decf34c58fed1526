using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace PortailFamille.Web.Features.Payments.TestProvider;

/// <summary>
/// The test provider's payment page, in place of the treasury's: the tester chooses "payer",
/// "refuser" or "abandonner", and how the notification behaves (delay, repeats, none), then
/// comes back to the portal's <c>urlredirect</c> with the idOp, as from the treasury. Not
/// found when the test provider is off.
/// </summary>
public sealed class PayFipTestPageModel(PayFipTestProvider provider, IOptions<PayFipOptions> options) : PageModel
{
    /// <summary>Longest delay of a notification, in seconds.</summary>
    public const int MaxDelay = 600;

    /// <summary>Most notifications sent for one payment.</summary>
    public const int MaxTimes = 20;

    public PayFipTestSession Session { get; private set; } = null!;

    public bool IsOpen { get; private set; }

    [BindProperty(SupportsGet = true, Name = "idop")]
    public string? IdOp { get; set; }

    [BindProperty]
    public string? Choice { get; set; }

    [BindProperty]
    public string? Delay { get; set; } = "0";

    [BindProperty]
    public string? Times { get; set; } = "1";

    [BindProperty]
    public bool Drop { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!IsOpen)
        {
            // Decided already (a second click, another tab) or too late: back to the portal, which asks.
            return Redirect(ReturnUrl(Session));
        }

        var ct = HttpContext.RequestAborted;
        string? result = null;
        if (Choice is null || !PayFipTestProvider.Choices.TryGetValue(Choice, out result))
        {
            ModelState.AddModelError(nameof(Choice), "Choisissez « payer », « refuser » ou « abandonner ».");
        }

        if (!int.TryParse(Delay?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var delay) || delay > MaxDelay)
        {
            ModelState.AddModelError(nameof(Delay), $"Le délai s'écrit en secondes, de 0 à {MaxDelay}.");
        }

        if (!int.TryParse(Times?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var times) || times is < 1 or > MaxTimes)
        {
            ModelState.AddModelError(nameof(Times), $"Le nombre d'envois va de 1 à {MaxTimes}.");
        }

        if (!ModelState.IsValid || result is null)
        {
            return Page();
        }

        var session = await provider.DecideAsync(Session.IdOp, result, ct) ?? Session;
        if (!Drop)
        {
            HttpContext.RequestServices.GetRequiredService<PayFipTestNotifier>()
                .Enqueue(new PayFipTestNotification(new Uri(session.NotificationUrl), session.IdOp, TimeSpan.FromSeconds(delay), times));
        }

        return Redirect(ReturnUrl(session));
    }

    /// <summary>The portal's <c>urlredirect</c>, with the idOp added to its query.</summary>
    public static string ReturnUrl(PayFipTestSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var address = new UriBuilder(session.RedirectUrl);
        var query = address.Query.TrimStart('?');
        address.Query = (query.Length > 0 ? query + "&" : "") + "idOp=" + Uri.EscapeDataString(session.IdOp);
        return address.Uri.AbsoluteUri;
    }

    private async Task<bool> LoadAsync()
    {
        if (!options.Value.TestProvider)
        {
            return false;
        }

        var session = await provider.FindAsync(IdOp?.Trim(), HttpContext.RequestAborted);
        if (session is null)
        {
            return false;
        }

        Session = session;
        IsOpen = provider.IsOpen(session);
        return true;
    }
}
