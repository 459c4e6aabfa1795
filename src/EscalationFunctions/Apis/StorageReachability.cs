namespace EscalationFunctions.Apis;

public enum StorageReachability
{
    Reachable,
    Unreachable,
}
