using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Accounts.Sessions;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Features.Catalogue;
using PortailFamille.Web.Features.FamilySpace;
using PortailFamille.Web.Features.Gestion.Attendance;
using PortailFamille.Web.Features.Gestion.Families;
using PortailFamille.Web.Features.Gestion.Invoicing;
using PortailFamille.Web.Features.Gestion.StaffAccounts;
using PortailFamille.Web.Features.Health;
using PortailFamille.Web.Features.Payments;
using PortailFamille.Web.Features.Registrations;
using PortailFamille.Web.Features.Reservations;
using PortailFamille.Web.Features.SignUp;
using PortailFamille.Web.Infrastructure;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Mail;
using PortailFamille.Web.Infrastructure.Municipality;
using PortailFamille.Web.Infrastructure.Scheduling;
using PortailFamille.Web.Infrastructure.Security;
using PortailFamille.Web.Infrastructure.Telemetry;
using PortailFamille.Web.Infrastructure.Time;
using Quartz;

var builder = WebApplication.CreateBuilder(args);
var services = builder.Services;
var configuration = builder.Configuration;

services.Configure<MunicipalityOptions>(configuration.GetSection(MunicipalityOptions.Section));
services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
services.AddSingleton(TimeProvider.System);
services.AddSingleton<ParisClock>();
services.AddHttpContextAccessor();
services.AddMemoryCache();

services.AddPortalDatabase(configuration, builder.Environment);
services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
services.AddPortalTelemetry(configuration);

services.AddPortalAccountSecurity(configuration, builder.Environment);

services.AddIdentity<AppUser, IdentityRole<Guid>>(options =>
    {
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 12;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = true;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
    })
    .AddEntityFrameworkStores<AppDbContext>()
    .AddDefaultTokenProviders()
    .AddTokenProvider<InvitationTokenProvider>(InvitationTokenProvider.ProviderName)
    .AddErrorDescriber<FrenchIdentityErrorDescriber>()
    .AddClaimsPrincipalFactory<PortalClaimsFactory>();
services.Configure<InvitationTokenProviderOptions>(_ => { });
// A reset link is valid one hour; it dies once used, since the password change renews the security stamp.
services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(1));
// A signed-out or re-roled account loses its other sessions within a minute.
services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

services.ConfigureApplicationCookie(options =>
{
    options.Cookie.Name = "PortailFamille";
    options.Cookie.HttpOnly = true;
    options.Cookie.SameSite = SameSiteMode.Lax;
    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    options.ExpireTimeSpan = TimeSpan.FromHours(2);
    options.SlidingExpiration = true;
    options.Events.OnRedirectToLogin = context =>
    {
        // The back office has its own sign-in page; families sign in on the home page.
        var staffArea = context.Request.Path.StartsWithSegments("/gestion", StringComparison.OrdinalIgnoreCase);
        var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        context.Response.Redirect((staffArea ? "/gestion/connexion" : "/") + "?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        return Task.CompletedTask;
    };
    options.Events.OnRedirectToAccessDenied = context =>
    {
        // A plain 403, shown by the error page: no redirect that would hide the refusal.
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    };
});

services.AddAuthorizationBuilder()
    .AddPolicy(Policies.Family, p => p.RequireRole(Roles.Family).RequireClaim(Policies.FamilyIdClaim))
    .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Agent, Roles.Administrator))
    .AddPolicy(Policies.Administrator, p => p.RequireRole(Roles.Administrator));

services.AddRazorPages(options =>
    {
        options.RootDirectory = "/Features";
        options.Conventions.AuthorizeFolder("/FamilySpace", Policies.Family);
        options.Conventions.AuthorizeFolder("/Registrations", Policies.Family);
        options.Conventions.AuthorizeFolder("/Reservations", Policies.Family);
        options.Conventions.AuthorizeFolder("/Gestion", Policies.Staff);
        options.Conventions.AllowAnonymousToPage("/Gestion/SignIn");
        options.Conventions.AuthorizeFolder("/Gestion/StaffAccounts", Policies.Administrator);
        options.Conventions.AuthorizeFolder("/Catalogue", Policies.Administrator);
        options.Conventions.AuthorizePage("/Accounts/ChangePassword");
    })
    .AddMvcOptions(options =>
    {
        FrenchModelBinding.Apply(options.ModelBindingMessageProvider);
        InputGuards.Apply(options);
    });

services.AddPortalRateLimits(configuration);
services.AddScoped<SignInService>();
services.AddScoped<AccountMails>();
services.AddScoped<AccountOpening>();
services.AddScoped<SecondGuardianInvitation>();
services.AddScoped<CommuneCalendar>();
services.AddReservations(configuration);
services.AddInvoicing();
PortailFamille.Web.Features.Gestion.TaxRuns.TaxCertificateSetup.AddTaxCertificateRuns(services);
services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
services.AddScoped<FamilyMails>();
services.AddScoped<InvoicePdf>();
services.AddScoped<CreditNoteIssuing>();
services.AddScoped<PaymentRecording>();
services.AddScoped<CreditRefunds>();
services.AddOnlinePayments(configuration, builder.Environment);
services.AddScoped<TaxCertificates>();
services.AddScoped<RegistrationMails>();
services.AddScoped<SignUpDraftStore>();
services.AddScoped<SignUpMails>();
services.AddScoped<SignUpConfirmation>();
services.AddScoped<LinkBuilder>();
services.AddScoped<AuditTrail>();
services.AddScoped<AttendanceRecorder>();
services.AddScoped<AttendanceSheetPdf>();
services.AddScoped<Mailer>();
services.AddScoped<JobLease>();
services.AddScoped<DemoSeeder>();
services.AddScoped<DemoBillingSeeder>();
services.AddScoped<DemoRushSeeder>();
services.AddScoped<DemoNightSeeder>();
services.AddScoped<AdministratorBootstrap>();
services.AddSingleton<MailSignal>();
services.AddSingleton<MailCommitInterceptor>();
services.AddHostedService<MailDispatcher>();
if (string.IsNullOrWhiteSpace(configuration["Mail:Smtp:Host"]))
{
    services.AddScoped<IMailTransport, PickupFolderMailTransport>();
}
else
{
    services.AddScoped<IMailTransport, SmtpMailTransport>();
}

services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));

var app = builder.Build();

await DatabaseSetup.MigrateAsync(app.Services, CancellationToken.None);
using (var scope = app.Services.CreateScope())
{
    var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
    await seeder.EnsureRolesAsync();
    if (configuration.GetValue<bool>("Demo:Seed"))
    {
        if (app.Environment.IsProduction())
        {
            app.Logger.LogWarning("Demo:Seed est ignoré en production : aucune donnée de démonstration n'est créée.");
        }
        else
        {
            // On a new database only: the city-sized families of the benchmarks.
            if (await seeder.SeedIfNewAsync(CancellationToken.None))
            {
                if (configuration.GetValue<int>("Demo:ExtraFamilies") is > 0 and var extra)
                {
                    await seeder.SeedExtraFamiliesAsync(extra, CancellationToken.None);
                }

                if (configuration.GetValue<int>("Demo:BillingFamilies") is > 0 and var billing)
                {
                    await scope.ServiceProvider.GetRequiredService<DemoBillingSeeder>().SeedAsync(billing, CancellationToken.None);
                }

                if (configuration.GetValue<int>("Demo:RushFamilies") is > 0 and var rush)
                {
                    await scope.ServiceProvider.GetRequiredService<DemoRushSeeder>().SeedAsync(rush, CancellationToken.None);
                }

                if (configuration.GetValue<int>("Demo:NightFamilies") is > 0 and var night)
                {
                    await scope.ServiceProvider.GetRequiredService<DemoNightSeeder>().SeedAsync(night, CancellationToken.None);
                }
            }
        }
    }

    await scope.ServiceProvider.GetRequiredService<AdministratorBootstrap>().EnsureAdministratorAsync(CancellationToken.None);
}

if (app.Environment.IsProduction())
{
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseExceptionHandler("/erreur/500");
app.UseStatusCodePagesWithReExecute("/erreur/{0}");
app.UseSecurityHeaders();
var french = new CultureInfo("fr-FR");
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture(french),
    SupportedCultures = [french],
    SupportedUICultures = [french],
});
app.UsePortalTelemetry();
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealth();
app.MapPayments();
app.MapRazorPages();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    var lines = new List<string> { $"Portail Famille démarré ({app.Environment.EnvironmentName}) : {string.Join(", ", addresses)}" };
    if (configuration.GetValue<bool>("Demo:Seed") && !app.Environment.IsProduction())
    {
        lines.Add("Comptes de démonstration :");
        lines.AddRange(DemoSeeder.Accounts.Select(a => $"  {a.Label,-15} {a.Email,-26} {a.Password}"));
        lines.Add("  La gestion (agents) se trouve sur /gestion/connexion.");
    }

    // The console is where a newcomer looks for the address and the demo accounts.
    Console.WriteLine(string.Join(Environment.NewLine, lines));
});

await app.RunAsync();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
