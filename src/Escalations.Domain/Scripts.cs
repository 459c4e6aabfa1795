namespace Escalations.Domain;

/// <summary>What the agent is told to do and to say at each step. Durations and extensions come from the options.</summary>
public static class Scripts
{
    public static NextStep AttemptDeEscalation { get; } = new(
        NextAction.AttemptDeEscalation,
        "Try to de-escalate and resolve the issue with the caller; contact a supervisor for guidance if needed. Report whether it was resolved.");

    public static NextStep ClaimTransfer { get; } = new(
        NextAction.WarmTransferToCustomerService,
        "Warm transfer the caller to a Customer Service Agent and tell them the caller asked to speak to a supervisor. The request is documented in the Communication History Log.",
        "I'm connecting you with our Customer Service team, who handle claims, and letting them know you asked to speak with a supervisor.");

    public static NextStep ManagementEngaged { get; } = new(
        NextAction.ManagementEngaged,
        "The TS&R Management Team has been asked to help and will follow up.");

    public static NextStep HoldForSupervisor(EscalationOptions options) => new(
        NextAction.HoldForSupervisor,
        $"A supervisor must take over the call. Keep the caller on hold for up to {Durations.Describe(options.SupervisorHoldTimeout)}; if nobody picks up, report that no supervisor is available.",
        "Thank you for your patience. I'm bringing in a supervisor to help you; please stay on the line.");

    public static NextStep SupervisorTakingOver(SupervisorRef supervisor) => new(
        NextAction.SupervisorTakingOver,
        $"Supervisor {supervisor} is taking over the call.",
        "Thank you for holding. A supervisor is joining the call now.");

    public static NextStep CallbackTurnaround(EscalationOptions options, DateTimeOffset dueAt) => new(
        NextAction.ExplainCallbackTurnaround,
        $"No supervisor is available. A Supervisor Call Back Follow-Up Request is open, due {Durations.Stamp(dueAt)}. Tell the caller the callback turnaround.",
        CallbackTurnaroundLine(options));

    /// <summary>Seed 000: "Tell the caller that the turnaround time for a callback is 48 hours."</summary>
    public static string CallbackTurnaroundLine(EscalationOptions options) =>
        $"A supervisor will call you back. The turnaround time for a callback is {Durations.Describe(options.CallbackSla)}.";

    public static NextStep CallbackAlreadyOpen(DateTimeOffset dueAt) => new(
        NextAction.ExplainCallbackTurnaround,
        $"This customer already has an open Supervisor Call Back Follow-Up Request, due {Durations.Stamp(dueAt)}. Do not open another: tell the caller when to expect the callback. Its owner has been told the customer called again.",
        $"A supervisor callback is already scheduled for you; a supervisor will call you back by {Durations.Stamp(dueAt)}.");

    public static NextStep MedicalTransfer(EscalationOptions options, MedicalScenario scenario)
    {
        var extension = options.CustomerServiceExtension;
        var advise = scenario == MedicalScenario.NeedsService
            ? "Advise the Customer Service Agent that the customer needs service and has disclosed a Medical Emergency or High-Risk Situation."
            : "Advise the Customer Service Agent that the customer already has a service request in process and has disclosed a Medical Emergency or High-Risk Situation: the claim's severity must be set to Medical Emergency so a Claims Specialist can manage it.";
        return new NextStep(
            NextAction.WarmTransferMedicalEmergency,
            $"Use the Medical Emergency script and warm transfer the caller to Customer Service ({extension}). {advise} Do not ask for any information about the condition or situation.",
            "I understand, and I will do everything I can to put you in touch with an associate who can assist you. I'm transferring you to our Customer Service team now; they will take it from here.");
    }

    public static NextStep OtherProtocol(OtherProtocol protocol) => new(
        NextAction.FollowOtherProtocol,
        $"The supervisor-request process does not apply: follow the {ProtocolName(protocol)} protocol.");

    /// <summary>"to contact the BBB": what the customer threatened, as the history and emails say it.</summary>
    public static string Threat(ThreatKind kind) => kind switch
    {
        ThreatKind.Bbb => "to contact the BBB",
        ThreatKind.Lawyer => "to contact a lawyer",
        ThreatKind.SocialMedia => "to post on social media",
        _ => kind.ToString(),
    };

    /// <summary>"no answer": how a callback attempt ended, as the history says it.</summary>
    public static string Outcome(CallbackOutcome outcome) => outcome switch
    {
        CallbackOutcome.NoAnswer => "no answer",
        CallbackOutcome.VoicemailLeft => "no answer, voicemail left",
        CallbackOutcome.WrongNumber => "wrong number",
        _ => outcome.ToString(),
    };

    public static string ProtocolName(OtherProtocol protocol) => protocol switch
    {
        Domain.OtherProtocol.PotentialRiskToPersons => "Potential Risk to Customer or Service Professional",
        Domain.OtherProtocol.MediaPolicy => "Media Policy and Guidelines",
        Domain.OtherProtocol.AttorneyCall => "Call from an Attorney",
        _ => protocol.ToString(),
    };
}
