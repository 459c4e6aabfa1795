using EscalationFunctions.Http;
using Escalations.Domain;

namespace EscalationFunctions.Apis;

/// <summary>What each request body must satisfy before it becomes an event, as field-by-field problems.</summary>
public static class RequestValidation
{
    public static RequestRules Check(StartEscalationRequest r) => new RequestRules()
        .Id("contactId", r.ContactId)
        .Id("accountId", r.AccountId)
        .Id("agent.id", r.Agent.Id)
        .Name("agent.name", r.Agent.Name, required: true)
        .Check(r.Agent.Affiliation != AgentAffiliation.Bpo || !string.IsNullOrWhiteSpace(r.Agent.Vendor), "agent.vendor", "Required when affiliation is bpo.")
        .Check(r.Agent.Affiliation != AgentAffiliation.InHouse || r.Agent.Vendor is null, "agent.vendor", "Only bpo agents have a vendor.")
        .Name("agent.vendor", r.Agent.Vendor)
        .Check(r.Threats is null || r.Threats.Count <= 10, "threats", "At most 10 entries.")
        .Phone("callbackPhone", r.CallbackPhone)
        .Text("notes", r.Notes);

    public static RequestRules Check(DeEscalationRequest r) => new RequestRules().Text("notes", r.Notes);

    public static RequestRules Check(NoSupervisorRequest r) => new RequestRules().Text("notes", r.Notes);

    public static RequestRules Check(SupervisorRequest r) => new RequestRules().Id("supervisorId", r.SupervisorId).Name("supervisorName", r.SupervisorName);

    public static RequestRules Check(CompleteCallbackRequest r) => new RequestRules()
        .Id("supervisorId", r.SupervisorId).Name("supervisorName", r.SupervisorName).Text("notes", r.Notes);

    public static RequestRules Check(ManagementAssistanceRequest r) => new RequestRules()
        .Id("supervisorId", r.SupervisorId).Name("supervisorName", r.SupervisorName).Text("reason", r.Reason, required: true);

    public static RequestRules Check(SupervisorGuidanceRequest r) => new RequestRules()
        .Id("supervisorId", r.SupervisorId).Name("supervisorName", r.SupervisorName).Text("notes", r.Notes);

    public static RequestRules Check(CallbackAttemptRequest r) => new RequestRules()
        .Id("supervisorId", r.SupervisorId).Name("supervisorName", r.SupervisorName).Text("notes", r.Notes);

    public static RequestRules Check(ThreatsRequest r) => new RequestRules()
        .Check(r.Kinds.Count > 0, "kinds", "Name at least one threat.")
        .Check(r.Kinds.Count <= 10, "kinds", "At most 10 entries.");

    public static RequestRules Check(ResolveRequest r) => new RequestRules()
        .Id("by", r.By).Name("byName", r.ByName).Text("resolution", r.Resolution, required: true);
}
