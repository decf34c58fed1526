namespace PortailFamille.Domain.Staff;

/// <summary>What a member of the service's staff may do in the back office.</summary>
public enum StaffRole
{
    /// <summary>Agent of the childhood service: families, requests, attendance, billing.</summary>
    Agent = 1,

    /// <summary>Administrateur: everything an agent does, plus the catalogue, the commune's settings and staff accounts.</summary>
    Administrator = 2,
}
