namespace EscalationFunctions.Security;

public enum LinkProblem
{
    Forged,
    Expired,
}
