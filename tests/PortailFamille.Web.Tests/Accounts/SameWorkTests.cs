using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Accounts;

/// <summary>Counts the work that must be the same for a known account and an unknown address.</summary>
public sealed class WorkCountingFactory : PortalFactory
{
    public CountingHasher Hasher { get; } = new();

    public CountingInserts Inserts { get; } = new();

    public static int TokensMade => CountingTokenProvider.Made;

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton<IPasswordHasher<AppUser>>(Hasher);
        services.AddSingleton<IInterceptor>(Inserts);
        services.AddTransient<DataProtectorTokenProvider<AppUser>, CountingTokenProvider>();
    }

    public sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verified;

        public int Verified => _verified;

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verified);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    /// <summary>Counts the mails written to the outbox, committed or not.</summary>
    public sealed class CountingInserts : DbCommandInterceptor
    {
        private int _outbox;

        public int Outbox => _outbox;

        public override ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Count(System.Data.Common.DbCommand command)
        {
            if (command.CommandText.Contains("INSERT INTO \"OutboxMails\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _outbox);
            }
        }
    }

    public sealed class CountingTokenProvider(
        Microsoft.AspNetCore.DataProtection.IDataProtectionProvider dataProtectionProvider,
        IOptions<DataProtectionTokenProviderOptions> options,
        ILogger<DataProtectorTokenProvider<AppUser>> logger)
        : DataProtectorTokenProvider<AppUser>(dataProtectionProvider, options, logger)
    {
        private static int _made;

        public static int Made => _made;

        public override Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user)
        {
            Interlocked.Increment(ref _made);
            return base.GenerateAsync(purpose, manager, user);
        }
    }
}

/// <summary>A known account and an unknown address cost the same work, so time tells nothing.</summary>
public sealed class SameWorkTests(WorkCountingFactory factory) : IClassFixture<WorkCountingFactory>
{
    [Fact]
    public async Task SignIn_ALockedAccount_ChecksAPassword_AsAnUnknownAddressDoes()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var client = factory.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInFamilyAsync(account.Email, "Mauvais-Passe-2026!");
        }

        var before = factory.Hasher.Verified;
        var locked = await client.SignInFamilyAsync(account.Email, "Mauvais-Passe-2026!");
        var lockedWork = factory.Hasher.Verified - before;

        before = factory.Hasher.Verified;
        await client.SignInFamilyAsync(TestData.UniqueEmail(), "Mauvais-Passe-2026!");
        var unknownWork = factory.Hasher.Verified - before;

        Assert.Contains(locked.Errors, e => e.StartsWith("Votre compte est bloqué", StringComparison.Ordinal));
        Assert.Equal(1, lockedWork);
        Assert.Equal(unknownWork, lockedWork);
    }

    [Fact]
    public async Task ForgotPassword_MakesAToken_AndWritesAMail_ForAKnownAndAnUnknownAddress()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        var unknown = TestData.UniqueEmail();
        using var client = factory.NewClient();

        var (tokens, inserts) = (WorkCountingFactory.TokensMade, factory.Inserts.Outbox);
        await client.SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = account.Email });
        var known = (Tokens: WorkCountingFactory.TokensMade - tokens, Inserts: factory.Inserts.Outbox - inserts);

        (tokens, inserts) = (WorkCountingFactory.TokensMade, factory.Inserts.Outbox);
        await client.SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = unknown });
        var stranger = (Tokens: WorkCountingFactory.TokensMade - tokens, Inserts: factory.Inserts.Outbox - inserts);

        Assert.Equal((1, 1), known);
        Assert.Equal(known, stranger);
        // Only the known address's mail was kept.
        Assert.Equal(1, await factory.WithDbAsync(db => db.OutboxMails.CountAsync(m => m.To == account.Email)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.OutboxMails.CountAsync(m => m.To == unknown)));
    }
}
