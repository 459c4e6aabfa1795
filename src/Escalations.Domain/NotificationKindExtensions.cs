using System.Collections.Frozen;
using System.Reflection;

namespace Escalations.Domain;

public static class NotificationKindExtensions
{
    private static readonly FrozenDictionary<NotificationKind, NotificationAttribute> Definitions =
        Enum.GetValues<NotificationKind>().ToFrozenDictionary(k => k, k =>
            typeof(NotificationKind).GetField(k.ToString())!.GetCustomAttribute<NotificationAttribute>()
            ?? throw new InvalidOperationException($"NotificationKind.{k} has no [Notification] attribute."));

    /// <summary>The kind's name in the Communication History Log, such as "Callback SLA breach".</summary>
    public static string Title(this NotificationKind kind) => Definitions[kind].Title;

    public static bool CarriesActionLinks(this NotificationKind kind) => Definitions[kind].ActionLinks;
}
