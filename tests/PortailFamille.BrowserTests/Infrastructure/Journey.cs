using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace PortailFamille.BrowserTests.Infrastructure;

/// <summary>The steps that several journeys take the same way: signing in, following an emailed link, checking a page on a desktop and a phone.</summary>
public static class Journey
{
    public const string AgentEmail = "agent@portail.example";
    public const string AgentPassword = "Demo-Agent-2026!";

    /// <summary>Signs the demo agent in through the back office's sign-in page, checking it with axe.</summary>
    public static async Task SignInAgentAsync(IPage page, BrowserPortal portal, AxeAudit axe)
    {
        await page.GotoAsync("/gestion/connexion");
        await axe.CheckAsync(page, "/gestion/connexion");
        await page.GetByLabel("Identifiant", new() { Exact = true }).FillAsync(AgentEmail);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(AgentPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Connexion" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(portal.Url("/gestion"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord", Level = 1 })).ToBeVisibleAsync();
        await axe.CheckAsync(page, "/gestion");
    }

    /// <summary>From the back office, finds a family by its email with "Rechercher" and opens its file.</summary>
    public static async Task OpenFamilyFileAsync(IPage page, BrowserPortal portal, AxeAudit axe, string email, string displayName, string expectedState)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Familles", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(portal.Url("/gestion/familles"));
        await axe.CheckAsync(page, "/gestion/familles");
        await page.GetByLabel("Rechercher", new() { Exact = true }).FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher", Exact = true }).ClickAsync();

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(expectedState);
        await axe.CheckAsync(page, "/gestion/familles (recherche)");

        await row.GetByRole(AriaRole.Link, new() { Name = displayName, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Famille {displayName}", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "État du dossier" })).ToContainTextAsync(expectedState);
    }

    /// <summary>Signs a family in with the form of the home page, where the page already is.</summary>
    public static async Task FillFamilySignInAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("Votre identifiant").FillAsync(email);
        await page.GetByLabel("Votre mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Connexion" }).ClickAsync();
    }

    /// <summary>The link of the email's text part: it starts with the portal's public address.</summary>
    public static string PortalLink(BrowserPortal portal, MimeMessage message)
    {
        var text = message.TextBody;
        Assert.NotNull(text);
        var start = text.IndexOf(portal.PublicUrl + "/", StringComparison.Ordinal);
        Assert.True(start >= 0, "Aucun lien vers le portail dans : " + text);
        var end = text.IndexOfAny(['\n', '\r', ' '], start);
        return end < 0 ? text[start..] : text[start..end];
    }

    /// <summary>
    /// Fails if the page is wider than the screen, so that the reader has to scroll sideways,
    /// and names the elements that stick out (not those inside a box that scrolls on its own).
    /// </summary>
    public static async Task AssertFitsTheScreenAsync(IPage page, string name)
    {
        if (await OverflowAsync(page, name) is { } problem)
        {
            Assert.Fail(problem);
        }
    }

    /// <summary>What sticks out of the screen, or null when the page fits.</summary>
    public static async Task<string?> OverflowAsync(IPage page, string name)
    {
        var screen = page.ViewportSize?.Width ?? throw new InvalidOperationException("The context has no viewport.");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        if (width <= screen)
        {
            return null;
        }

        var culprits = await page.EvaluateAsync<string[]>(WiderThanTheScreen, screen);
        return $"{name} : la page fait {width} px de large sur un écran de {screen} px. Dépassent :{Environment.NewLine}{string.Join(Environment.NewLine, culprits)}";
    }

    // The elements whose own text reaches past the screen (a long word overflows its box, or
    // widens a grid column); failing that, the innermost boxes that do. Not inside a box that
    // scrolls on its own, as a wide table in its scrolling wrapper does.
    private const string WiderThanTheScreen = """
        screen => {
            const textRight = e => {
                let r = 0;
                for (const node of e.childNodes) {
                    if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) {
                        const range = document.createRange();
                        range.selectNodeContents(node);
                        r = Math.max(r, range.getBoundingClientRect().right);
                    }
                }
                return r;
            };
            const boxPast = e => e.getBoundingClientRect().right > screen + 0.5;
            const inScroller = e => {
                for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                    if (getComputedStyle(a).overflowX !== 'visible') return true;
                }
                return false;
            };
            const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '');
            const all = [...document.body.querySelectorAll('*')].filter(e => !inScroller(e));
            let culprits = all.filter(e => textRight(e) > screen + 0.5);
            if (culprits.length === 0) {
                culprits = all.filter(e => boxPast(e) && ![...e.children].some(boxPast));
            }
            return culprits.slice(0, 10).map(e =>
                `${name(e.parentElement)} > ${name(e)} (jusqu'à ${Math.round(Math.max(textRight(e), e.getBoundingClientRect().right))} px) « ${(e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 80)} »`);
        }
        """;

    /// <summary>
    /// Checks the page where the desktop browser is with axe, then opens the same address on the
    /// phone and checks it there too, with axe and for sideways scrolling; screenshots of both.
    /// </summary>
    public static async Task CheckDesktopAndPhoneAsync(IPage desktop, IPage phone, AxeAudit axe, List<string> overflows, string name, string screenshot)
    {
        await axe.CheckAsync(desktop, $"{name} (1280 px)");
        if (await Journey.OverflowAsync(desktop, $"{name} (1280 px)") is { } wide)
        {
            overflows.Add(wide);
        }

        await Artifacts.ScreenshotAsync(desktop, $"{screenshot}-1280");
        await phone.GotoAsync(desktop.Url);
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(await desktop.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync() ?? "");
        await axe.CheckAsync(phone, $"{name} (390 px)");
        if (await Journey.OverflowAsync(phone, $"{name} (390 px)") is { } problem)
        {
            overflows.Add(problem);
        }

        await Artifacts.ScreenshotAsync(phone, $"{screenshot}-390");
    }
}
