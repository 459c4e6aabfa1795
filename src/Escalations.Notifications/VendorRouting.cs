namespace Escalations.Notifications;

public sealed class VendorRouting
{
    public List<string> Supervisors { get; set; } = [];
}
