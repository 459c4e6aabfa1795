namespace Escalations.Domain;

/// <summary>
/// A disclosure that takes the call out of the supervisor-request process. Deliberately an enum with no
/// payload: the customer is never asked about a condition and the model has nowhere to keep one.
/// </summary>
public enum Disclosure
{
    MedicalEmergency,
    HighRisk,
    RiskToPersons,
    MediaPolicy,
    AttorneyCall,
}
