namespace Escalations.Notifications;

public enum LinkProblem
{
    Forged,
    Expired,
}
