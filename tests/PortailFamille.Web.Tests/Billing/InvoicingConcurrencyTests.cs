using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Features.Gestion.Attendance;
using PortailFamille.Web.Features.Gestion.Invoicing;
using PortailFamille.Web.Tests.Infrastructure;
using PortailFamille.Web.Tests.Reservations;
using Xunit.Abstractions;

namespace PortailFamille.Web.Tests.Billing;

/// <summary>
/// An invoicing batch and an agent's correction of the pointage at the same instant
/// (docs/decisions/0017): whatever order the database gives them, the day is either marked
/// before the invoice reads it, or billed as reserved and the correction refused.
/// </summary>
public sealed class InvoicingConcurrencyTests(ReservationFactory factory, ITestOutputHelper output) : IClassFixture<ReservationFactory>
{
    private static readonly DateOnly December = new(2026, 12, 1);
    private static readonly DateOnly IssuedOn = new(2027, 1, 13);
    private const int Rounds = 8;
    private const string Reason = "Certificat médical";

    [Fact]
    public async Task A_batch_and_a_justified_absence_at_once_never_bill_a_day_whose_saved_mark_says_justified()
    {
        var unit = await GestionTestData.UnitAsync(factory, GestionTestData.Canteen);
        var outcomes = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            // A family of its own each round, with three confirmed December meals; the second is corrected.
            var family = await GestionTestData.EnrolAsync(factory, GestionTestData.Canteen);
            var days = (await GestionTestData.OpenDaysBetweenAsync(factory, family.RegistrationId, December, December.AddMonths(1).AddDays(-1))).Take(3).ToList();
            foreach (var day in days)
            {
                await GestionTestData.BookDirectlyAsync(factory, family, unit, day);
            }

            var corrected = days[1];
            var runId = await factory.WithDbAsync(async db =>
            {
                var run = new InvoicingRun { Id = Guid.NewGuid(), Month = December, StartedBy = "test", CreatedAt = DateTimeOffset.UtcNow, Status = InvoicingRunStatus.Running, ActiveSlot = null };
                db.InvoicingRuns.Add(run);
                await db.SaveChangesAsync();
                return run.Id;
            });

            // Every other round one side starts a moment later, so that both orders are met.
            var (batchDelay, markDelay) = (round % 4) switch
            {
                1 => (5, 0),
                3 => (0, 5),
                _ => (0, 0),
            };
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var batch = Task.Run(async () =>
            {
                await go.Task;
                await Task.Delay(batchDelay);
                using var scope = factory.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var run = await db.InvoicingRuns.SingleAsync(r => r.Id == runId);
                return await scope.ServiceProvider.GetRequiredService<MonthlyInvoicing>()
                    .IssueBatchAsync(run, [family.FamilyId], IssuedOn, DateTimeOffset.UtcNow, CancellationToken.None);
            });
            var mark = Task.Run(async () =>
            {
                await go.Task;
                await Task.Delay(markDelay);
                using var scope = factory.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var sheet = await SheetDay.FindAsync(db, family.ActivityId, unit, corrected, CancellationToken.None);
                return await scope.ServiceProvider.GetRequiredService<AttendanceRecorder>()
                    .MarkAsync(sheet!, family.ChildId, AttendanceMark.AbsentJustified, Reason, Demo.AgentEmail, CancellationToken.None);
            });
            go.SetResult();
            var issued = await batch;
            var marked = await mark;

            Assert.Equal(1, issued.Invoices);
            var invoice = await factory.WithDbAsync(db => db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.FamilyId == family.FamilyId));
            var entry = await factory.WithDbAsync(db => db.Attendance.AsNoTracking().SingleOrDefaultAsync(e => e.ChildId == family.ChildId && e.UnitId == unit && e.Date == corrected));
            var settled = await factory.WithDbAsync(db => db.Reservations.AsNoTracking()
                .Where(r => r.FamilyId == family.FamilyId && days.Contains(r.Date))
                .Select(r => db.BilledDays.Where(b => b.UnitId == r.UnitId && b.Date == r.Date && b.ChildId == r.ChildId).Select(b => (Guid?)b.InvoiceId).FirstOrDefault())
                .ToListAsync());
            var billed = Assert.Single(invoice.Lines);
            Assert.Equal(BillingKind.Reserved, billed.Kind);
            Assert.All(settled, id => Assert.Equal(invoice.Id, id));
            if (marked.Succeeded)
            {
                // The mark came first: the invoice saw it, left the day out and settled the mark.
                Assert.NotNull(entry);
                Assert.Equal((AttendanceMark.AbsentJustified, Reason), (entry.Mark, entry.Reason));
                Assert.Equal(2, billed.Count);
                outcomes.Add("absence enregistrée puis facture");
            }
            else
            {
                // The invoice came first: the day is billed as reserved and the mark refused, not saved.
                Assert.Equal(AttendanceRecorder.InvoicedRefusal(family.ChildName, corrected), Assert.Single(marked.Refusals).Message);
                Assert.Null(entry);
                Assert.Equal(3, billed.Count);
                outcomes.Add("facture puis absence refusée");
            }
        }

        output.WriteLine(string.Join(Environment.NewLine, outcomes.Select((o, i) => $"Tour {i + 1} : {o}")));
    }
}
