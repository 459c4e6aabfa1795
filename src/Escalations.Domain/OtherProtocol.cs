namespace Escalations.Domain;

/// <summary>The protocol an excluded request is routed to (seed 000: "this process does not apply to").</summary>
public enum OtherProtocol
{
    PotentialRiskToPersons,
    MediaPolicy,
    AttorneyCall,
}
