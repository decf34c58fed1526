using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.BrowserTests.Infrastructure;

/// <summary>
/// The portal served by Kestrel on a real loopback port, with a headless Chromium to drive it.
/// Emailed links start with that same address, so a test can open them in the browser.
/// </summary>
public sealed class BrowserPortal : PortalFactory, IAsyncLifetime
{
    // Chosen before the host starts: the public address has to be in the configuration.
    private readonly int _port = FreePort();
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private bool _disposed;

    public BrowserPortal() => UseKestrel(_port);

    /// <summary>The address of the portal, as the family's browser and the emails see it.</summary>
    public string PublicUrl => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_port}");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser starts with the fixture.");

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Portal:PublicUrl"] = PublicUrl,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Outside Development the host does not read the static web assets manifest: site.css would be empty.
        builder.UseStaticWebAssets();
    }

    /// <summary>
    /// A new browser session (its own cookies) whose relative addresses resolve against the portal.
    /// </summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 800, bool javaScript = true, bool phone = false) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = PublicUrl,
            Locale = "fr-FR",
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = phone,
            HasTouch = phone,
            JavaScriptEnabled = javaScript,
        });

    /// <summary>The absolute address of a page of the portal.</summary>
    public string Url(string path) => PublicUrl + path;

    // PortalFactory's start reads Server, which a Kestrel-served factory does not have.
    async Task IAsyncLifetime.InitializeAsync()
    {
        StartServer();
        if (ClientOptions.BaseAddress.Port != _port)
        {
            throw new InvalidOperationException($"Kestrel listens on {ClientOptions.BaseAddress}, not on port {_port}.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
            ],
        });
    }

    // Called by PortalFactory's own DisposeAsync, which also stops the SMTP server and removes the files.
    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            if (_browser is not null)
            {
                await _browser.DisposeAsync();
            }

            _playwright?.Dispose();
        }

        await base.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
