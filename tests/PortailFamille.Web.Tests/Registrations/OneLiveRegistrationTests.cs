using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Registrations;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Registrations;

/// <summary>
/// Two requests for the same child, activity and period arriving together (two tabs) both
/// pass the domain's check; the database keeps only one.
/// </summary>
public sealed class OneLiveRegistrationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<Registration> RequestAsync(TestAccount family, Guid childId, OfferChoice offer) =>
        await factory.WithDbAsync(async db =>
        {
            var child = await db.Children.AsNoTracking().SingleAsync(c => c.Id == childId);
            // Each request is checked against no existing registration, as two simultaneous tabs would be.
            return Registration.Request(family.FamilyId!.Value, child.Id, child.FirstName, child.BirthDate, offer.Activity, offer.Period,
                offer.Period.Start, offer.Period.End, WeeklyPattern.Empty, [], offer.Period.RegistrationOpens ?? offer.Period.Start, factory.Clock.UtcNow).Value;
        });

    [Fact]
    public async Task TwoLiveRequestsForTheSameChildActivityAndPeriod_TheSecondIsRefusedByTheDatabase()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Double", ("Lou", RegistrationTestData.BornYearsAgo(factory, 6)));
        var childId = await factory.WithDbAsync(db => db.Children.Where(c => c.FamilyId == family.FamilyId).Select(c => c.Id).SingleAsync());
        var offer = await RegistrationTestData.OfferAsync(factory, "ALSH mercredi");
        var first = await RequestAsync(family, childId, offer);
        var second = await RequestAsync(family, childId, offer);

        await factory.WithDbAsync(db => { db.Registrations.Add(first); return db.SaveChangesAsync(); });

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => factory.WithDbAsync(db => { db.Registrations.Add(second); return db.SaveChangesAsync(); }));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Registrations.CountAsync(r => r.ChildId == childId)));
    }

    [Fact]
    public async Task ARefusedRegistration_DoesNotBlockANewRequest()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Encore", ("Léo", RegistrationTestData.BornYearsAgo(factory, 6)));
        var childId = await factory.WithDbAsync(db => db.Children.Where(c => c.FamilyId == family.FamilyId).Select(c => c.Id).SingleAsync());
        var offer = await RegistrationTestData.OfferAsync(factory, "ALSH mercredi");
        var refused = await RequestAsync(family, childId, offer);
        refused.Refuse("Plus de place ce trimestre", factory.Clock.UtcNow);
        var again = await RequestAsync(family, childId, offer);

        await factory.WithDbAsync(db => { db.Registrations.Add(refused); return db.SaveChangesAsync(); });
        await factory.WithDbAsync(db => { db.Registrations.Add(again); return db.SaveChangesAsync(); });

        Assert.Equal(2, await factory.WithDbAsync(db => db.Registrations.CountAsync(r => r.ChildId == childId)));
    }
}
