using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Features.Gestion.Invoicing;
using PortailFamille.Web.Tests.Reservations;

namespace PortailFamille.Web.Tests.Billing;

/// <summary>
/// One invoicing run at a time, held by the unique index on the active slot: two runs asked at
/// the same instant never both become active, and a run asked while one works is refused in French.
/// </summary>
public sealed class InvoicingRunSlotTests(ReservationFactory factory) : IClassFixture<ReservationFactory>
{
    private static readonly DateOnly December = new(2026, 12, 1);

    [Fact]
    public async Task Two_runs_made_active_at_the_same_instant_leave_one()
    {
        for (var round = 0; round < 4; round++)
        {
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var inserts = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await go.Task;
                using var scope = factory.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.InvoicingRuns.Add(ActiveRun());
                try
                {
                    await db.SaveChangesAsync();
                    return true;
                }
                catch (DbUpdateException e) when (UniqueViolation.Is(e))
                {
                    return false;
                }
            })).ToList();
            go.SetResult();
            var saved = await Task.WhenAll(inserts);

            Assert.Single(saved, s => s);
            Assert.Equal(1, await factory.WithDbAsync(db => db.InvoicingRuns.CountAsync(r => r.ActiveSlot == InvoicingRun.Active)));
            await EndActiveRunsAsync();
        }
    }

    [Fact]
    public async Task A_run_asked_while_another_works_is_refused_in_french()
    {
        await factory.WithDbAsync(db =>
        {
            db.InvoicingRuns.Add(ActiveRun());
            return db.SaveChangesAsync();
        });
        try
        {
            var outcome = await factory.Services.GetRequiredService<InvoicingRuns>().QueueAsync(December, [], "test", CancellationToken.None);

            Assert.False(outcome.Succeeded);
            Assert.Equal("Une facturation est déjà en cours : attendez qu'elle se termine pour en lancer une autre.", Assert.Single(outcome.Refusals).Message);
            Assert.Equal(1, await factory.WithDbAsync(db => db.InvoicingRuns.CountAsync(r => r.ActiveSlot == InvoicingRun.Active)));
        }
        finally
        {
            await EndActiveRunsAsync();
        }
    }

    // Held by a worker that renews it (a holder and a fresh heartbeat): no worker of the test portal takes it over.
    private InvoicingRun ActiveRun() => new()
    {
        Id = Guid.NewGuid(),
        Month = December,
        Status = InvoicingRunStatus.Running,
        ActiveSlot = InvoicingRun.Active,
        HolderId = Guid.NewGuid(),
        HeartbeatAt = factory.Time.GetUtcNow(),
        StartedBy = "test",
        CreatedAt = factory.Time.GetUtcNow(),
    };

    private Task<int> EndActiveRunsAsync() =>
        factory.WithDbAsync(db => db.InvoicingRuns.Where(r => r.ActiveSlot == InvoicingRun.Active)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ActiveSlot, (int?)null).SetProperty(r => r.Status, InvoicingRunStatus.Done)));
}
