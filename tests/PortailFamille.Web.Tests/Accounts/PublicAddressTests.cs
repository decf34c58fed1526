using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Accounts;

/// <summary>Emailed links never come from the request's Host header.</summary>
public sealed class PublicAddressTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task ForgotPassword_WithAForgedHost_MailsALinkToTheConfiguredAddress()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var forged = new PortalClient(factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri("http://evil.example"),
        }));

        var asked = await forged.SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = account.Email });

        Assert.Equal(HttpStatusCode.OK, asked.Status);
        var mail = await factory.Smtp.WaitForMessageAsync(account.Email);
        Assert.Contains("http://localhost/reinitialiser-mot-de-passe?", mail.TextBody);
        Assert.DoesNotContain("evil.example", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_WithoutAPublicAddress_DoesNotStart()
    {
        await using var production = new NoPublicAddressFactory("Production");

        var failure = Assert.ThrowsAny<Exception>(() => production.Server);

        Assert.Contains("Portal:PublicUrl doit être renseigné en environnement Production", failure.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>The portal with an empty Portal:PublicUrl, in the environment given.</summary>
public class NoPublicAddressFactory(string environment) : PortalFactory
{
    /// <summary>What the portal logged, from Warning up.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(string Category, LogLevel Level, string Message)> Logged { get; } = new();

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Portal:PublicUrl"] = string.Empty,
        ["urls"] = "http://localhost:5080",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
    }

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(new QueueLoggerProvider(Logged));

    private sealed class QueueLoggerProvider(System.Collections.Concurrent.ConcurrentQueue<(string, LogLevel, string)> queue) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(categoryName, queue);

        public void Dispose()
        {
        }
    }

    private sealed class QueueLogger(string category, System.Collections.Concurrent.ConcurrentQueue<(string, LogLevel, string)> queue) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                queue.Enqueue((category, logLevel, formatter(state, exception)));
            }
        }
    }
}

/// <summary>A first start in Development, without Portal:PublicUrl.</summary>
public sealed class DevelopmentFactory() : NoPublicAddressFactory("Development");

/// <summary>In Development without Portal:PublicUrl: links start with the address the portal listens on.</summary>
public sealed class DevelopmentStartTests(DevelopmentFactory factory) : IClassFixture<DevelopmentFactory>
{
    [Fact]
    public async Task ForgotPassword_WithAForgedHost_MailsALinkToTheListeningAddress()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var forged = new PortalClient(factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri("http://evil.example"),
        }));

        await forged.SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = account.Email });

        var mail = await factory.Smtp.WaitForMessageAsync(account.Email);
        Assert.Contains("http://localhost:5080/reinitialiser-mot-de-passe?", mail.TextBody);
        Assert.DoesNotContain("evil.example", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstStart_WarnsOfNoUnencryptedKey()
    {
        using var client = factory.NewClient();

        // A form needs an antiforgery token, so a key exists once it is served.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).Status);

        Assert.True(await KeyStore.CountAsync(factory) > 0);
        Assert.DoesNotContain(factory.Logged, l => l.Category.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal));
    }
}
