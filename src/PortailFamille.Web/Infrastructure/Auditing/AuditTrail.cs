using System.Security.Claims;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Infrastructure.Auditing;

/// <summary>
/// Adds entries to the audit trail in the caller's unit of work: the entry is saved with the
/// change it describes, or not at all.
/// </summary>
public sealed class AuditTrail(AppDbContext db, TimeProvider time, IHttpContextAccessor httpContextAccessor)
{
    public void Record(string subject, Guid subjectId, string description)
    {
        var user = httpContextAccessor.HttpContext?.User;
        var actorId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            ActorUserId = Guid.TryParse(actorId, out var id) ? id : null,
            ActorName = user?.Identity?.IsAuthenticated == true ? user.FindFirstValue("display_name") ?? user.Identity.Name ?? "?" : "Portail",
            Subject = subject,
            SubjectId = subjectId,
            Description = description,
        });
    }
}
