namespace Escalations.QuickBase;

/// <summary>
/// Which field of the QuickBase table holds each value, by field id (configuration <c>QuickBase:Fields:*</c>).
/// 0 leaves a value out. <see cref="EscalationId"/> is required and must be a unique field: records are merged on it.
/// </summary>
public sealed class QuickBaseFields
{
    public int EscalationId { get; set; }
    public int AccountId { get; set; }
    public int Status { get; set; }
    public int RequestedAt { get; set; }
    public int DueAt { get; set; }
    public int Owner { get; set; }
    public int Agent { get; set; }
    public int Vendor { get; set; }
    public int CallbackPhone { get; set; }
    public int Threats { get; set; }
    public int Attempts { get; set; }
    public int LastAttempt { get; set; }
    public int Unreachable { get; set; }
    public int BreachedAt { get; set; }
    public int CompletedAt { get; set; }

    /// <summary>The mapped fields by name, leaving out those set to 0.</summary>
    public IEnumerable<(string Name, int Id)> Mapped() =>
        typeof(QuickBaseFields).GetProperties().Select(p => (p.Name, Id: (int)p.GetValue(this)!)).Where(f => f.Id != 0);
}
