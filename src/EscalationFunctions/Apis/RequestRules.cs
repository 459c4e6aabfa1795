using System.Text.RegularExpressions;
using Escalations.Domain;

namespace EscalationFunctions.Apis;

/// <summary>What a well-formed request must also satisfy. Collects every problem, each under its field name.</summary>
public sealed partial class RequestRules
{
    public const int MaxIdLength = 128;
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4000;

    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;
    public IDictionary<string, string[]> Errors => _errors;

    /// <summary>
    /// An identifier from another system (contact, account, agent, supervisor): at most 128 letters, digits and
    /// <c>- _ . : @</c>, starting with a letter or digit. Ids appear in URLs and storage keys, so nothing that could
    /// be read as a path (<c>/ \ ..</c>), a query, an escape or a control character is accepted.
    /// </summary>
    public RequestRules Id(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return Fail(field, "This field is required.");
        if (value.Length > MaxIdLength) return Fail(field, $"At most {MaxIdLength} characters.");
        if (!IdPattern().IsMatch(value)) return Fail(field, "Letters, digits and - _ . : @ only, starting with a letter or digit.");
        return this;
    }

    /// <summary>An opaque token chosen by a caller (an Idempotency-Key): printable, no control characters, at most 128.</summary>
    public RequestRules Token(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return Fail(field, "This field is required.");
        if (value.Length > MaxIdLength) return Fail(field, $"At most {MaxIdLength} characters.");
        if (value.Any(char.IsControl) || value != value.Trim()) return Fail(field, "Control characters and surrounding spaces are not allowed.");
        return this;
    }

    public RequestRules Name(string field, string? value, bool required = false)
    {
        if (value is null) return required ? Fail(field, "This field is required.") : this;
        if (string.IsNullOrWhiteSpace(value)) return Fail(field, "Must not be blank.");
        if (value.Length > MaxNameLength) return Fail(field, $"At most {MaxNameLength} characters.");
        if (value.Any(char.IsControl)) return Fail(field, "Control characters are not allowed.");
        return this;
    }

    /// <summary>Free text: line breaks and tabs allowed, other control characters not.</summary>
    public RequestRules Text(string field, string? value, bool required = false)
    {
        if (value is null) return required ? Fail(field, "This field is required.") : this;
        if (required && string.IsNullOrWhiteSpace(value)) return Fail(field, "Must not be blank.");
        if (value.Length > MaxTextLength) return Fail(field, $"At most {MaxTextLength} characters.");
        if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) return Fail(field, "Control characters are not allowed.");
        return this;
    }

    public RequestRules Phone(string field, string? value)
    {
        if (value is not null && !PhonePattern().IsMatch(value)) return Fail(field, "A phone number: digits, spaces, ( ) . - and an optional leading +.");
        return this;
    }

    public RequestRules Check(bool ok, string field, string message) => ok ? this : Fail(field, message);

    private RequestRules Fail(string field, string message)
    {
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        return this;
    }

    public static RequestRules For(StartEscalationRequest r) => new RequestRules()
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

    public static RequestRules For(DeEscalationRequest r) => new RequestRules().Text("notes", r.Notes);

    public static RequestRules For(NoSupervisorRequest r) => new RequestRules().Text("notes", r.Notes);

    public static RequestRules For(SupervisorRequest r) => new RequestRules().Id("supervisorId", r.SupervisorId).Name("supervisorName", r.SupervisorName);

    public static RequestRules For(CompleteCallbackRequest r) => new RequestRules()
        .Id("supervisorId", r.SupervisorId).Name("supervisorName", r.SupervisorName).Text("notes", r.Notes);

    public static RequestRules For(ManagementAssistanceRequest r) => new RequestRules()
        .Id("supervisorId", r.SupervisorId).Name("supervisorName", r.SupervisorName).Text("reason", r.Reason, required: true)
        .Check(r.Channel is null or Channel.Phone or Channel.Chat or Channel.Email or Channel.Api, "channel", "One of: phone, chat, email, api.");

    public static RequestRules For(ThreatsRequest r) => new RequestRules()
        .Check(r.Kinds.Count > 0, "kinds", "Name at least one threat.")
        .Check(r.Kinds.Count <= 10, "kinds", "At most 10 entries.");

    public static RequestRules For(ResolveRequest r) => new RequestRules()
        .Id("by", r.By).Name("byName", r.ByName).Text("resolution", r.Resolution, required: true);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:@-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 ().-]{4,30}$")]
    private static partial Regex PhonePattern();
}
