using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.FamilySpace;

/// <summary>Two people saving the same family file at once: the second save is refused whole.</summary>
public sealed class ConcurrentSaveTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static ContactDetails Contact(string street) => ContactDetails.Create(new ContactDetailsInput(
        street, "38860", "Beaulieu", null, "0612345678", null, null, null, null, BenefitScheme.None, null)).Value;

    [Fact]
    public async Task SecondSaveOfAFileReadBefore_TheFirstSave_IsRefused_AndLosesNothing()
    {
        var account = await TestData.CreateFamilyAsync(factory);
        using var first = factory.Services.CreateScope();
        using var second = factory.Services.CreateScope();
        var db1 = first.ServiceProvider.GetRequiredService<AppDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<AppDbContext>();
        var family1 = await db1.Families.Include(f => f.Children).SingleAsync(f => f.Id == account.FamilyId);
        var family2 = await db2.Families.Include(f => f.Children).SingleAsync(f => f.Id == account.FamilyId);

        family1.UpdateContactDetails(Contact("1 rue de la Poste"));
        await db1.SaveChangesAsync();
        family2.AddChild("Tom", "Durand", new DateOnly(2019, 5, 1), Sex.Male, new DateOnly(2026, 11, 28));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
        var saved = await factory.WithDbAsync(db => db.Families.Include(f => f.Children).SingleAsync(f => f.Id == account.FamilyId));
        Assert.Equal("1 rue de la Poste", saved.Contact!.Street);
        Assert.Empty(saved.Children);
    }

    [Fact]
    public async Task SavesOneAfterTheOther_BothSucceed()
    {
        var account = await TestData.CreateFamilyAsync(factory);

        await factory.WithDbAsync(async db =>
        {
            var family = await db.Families.SingleAsync(f => f.Id == account.FamilyId);
            family.UpdateContactDetails(Contact("1 rue de la Poste"));
            return await db.SaveChangesAsync();
        });
        await factory.WithDbAsync(async db =>
        {
            var family = await db.Families.Include(f => f.Children).SingleAsync(f => f.Id == account.FamilyId);
            family.AddChild("Tom", "Durand", new DateOnly(2019, 5, 1), Sex.Male, new DateOnly(2026, 11, 28));
            return await db.SaveChangesAsync();
        });

        var saved = await factory.WithDbAsync(db => db.Families.Include(f => f.Children).SingleAsync(f => f.Id == account.FamilyId));
        Assert.Equal("1 rue de la Poste", saved.Contact!.Street);
        Assert.Single(saved.Children);
    }
}
