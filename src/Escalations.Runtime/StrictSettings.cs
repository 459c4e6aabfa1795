using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Escalations.Runtime;

/// <summary>
/// Reads a configuration section into an options object strictly, and says what is wrong with it in the words of
/// the settings: a value that does not parse (a duration must be written hh:mm:ss or d.hh:mm:ss, so a bare number
/// is refused rather than read as days), a key the options do not have (with "did you mean …" when a known key is
/// close). A list may be given as <c>Key:0</c>, <c>Key:1</c>… or as one value separated by ';' or ','.
/// </summary>
public static partial class StrictSettings
{
    /// <summary>
    /// Binds <paramref name="section"/> onto a new <typeparamref name="T"/>; each problem found is added to
    /// <paramref name="problems"/>. <paramref name="sharedWith"/> names the options types that read other keys of
    /// the same section, so their keys are not reported as unknown.
    /// </summary>
    public static T Bind<T>(IConfiguration configuration, string section, ICollection<string> problems, params Type[] sharedWith) where T : new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        var target = new T();
        var others = sharedWith.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        BindObject(target, configuration.GetSection(section), section, problems, others);
        return target;
    }

    /// <summary>Splits a list given as one value: "a@x.com; b@x.com" or "a@x.com,b@x.com".</summary>
    public static List<string> SplitList(string value) =>
        value.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static void BindObject(object target, IConfigurationSection section, string path, ICollection<string> problems, HashSet<string>? others = null)
    {
        var properties = target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || IsDictionary(p.PropertyType) || IsList(p.PropertyType))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            var key = $"{path}:{child.Key}";
            if (!properties.TryGetValue(child.Key, out var property))
            {
                if (others?.Contains(child.Key) != true)
                {
                    var near = Nearest(child.Key, properties.Keys.Concat(others ?? Enumerable.Empty<string>()));
                    problems.Add(near is null ? $"{key} is not a setting." : $"{key} is not a setting; did you mean {path}:{near}?");
                }

                continue;
            }

            var value = Read(property.PropertyType, child, key, property.GetValue(target), problems);
            if (value is not null && property.CanWrite) property.SetValue(target, value);
        }
    }

    private static object? Read(Type type, IConfigurationSection section, string key, object? current, ICollection<string> problems)
    {
        var raw = section.Value;
        var nullable = Nullable.GetUnderlyingType(type);
        if (nullable is not null) type = nullable;

        if (IsList(type)) return ReadList(section, key, problems);
        if (IsDictionary(type)) return ReadDictionary(type, section, key, current, problems);
        if (type.IsClass && type != typeof(string))
        {
            if (raw is { Length: > 0 })
            {
                problems.Add($"{key} is a group of settings ({string.Join(", ", type.GetProperties().Select(p => p.Name))}), not a single value.");
                return null;
            }

            var nested = current ?? Activator.CreateInstance(type)!;
            BindObject(nested, section, key, problems);
            return nested;
        }

        if (raw is null)
        {
            if (section.GetChildren().Any()) problems.Add($"{key} takes a single value, not a group of settings.");
            return null;
        }

        if (type == typeof(string)) return raw;
        if (raw.Length == 0 && nullable is not null) return null;
        if (type == typeof(TimeSpan))
        {
            if (DurationPattern().IsMatch(raw) && TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var span)) return span;
            problems.Add($"{key} is '{raw}', which is not a duration: write hh:mm:ss or d.hh:mm:ss, such as 00:03:00 for three minutes or 2.00:00:00 for two days.");
            return null;
        }

        if (type == typeof(int))
        {
            if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
            problems.Add($"{key} is '{raw}', which is not a whole number.");
            return null;
        }

        if (type == typeof(double))
        {
            if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
            problems.Add($"{key} is '{raw}', which is not a number (use a dot for decimals, such as 0.75).");
            return null;
        }

        if (type == typeof(bool))
        {
            if (bool.TryParse(raw, out var b)) return b;
            problems.Add($"{key} is '{raw}', which is not true or false.");
            return null;
        }

        if (type.IsEnum)
        {
            if (!raw.Any(char.IsDigit) && Enum.TryParse(type, raw, ignoreCase: true, out var e)) return e;
            problems.Add($"{key} is '{raw}', which is not one of: {string.Join(", ", Enum.GetNames(type))}.");
            return null;
        }

        throw new NotSupportedException($"{key}: settings of type {type.Name} are not supported.");
    }

    private static List<string>? ReadList(IConfigurationSection section, string key, ICollection<string> problems)
    {
        if (section.Value is { Length: > 0 } single) return SplitList(single);
        var items = new SortedDictionary<int, string>();
        foreach (var child in section.GetChildren())
        {
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || child.Value is null)
            {
                problems.Add($"{key}:{child.Key} is not an item of the list {key} (items are {key}:0, {key}:1, …, or one value separated by ';').");
                continue;
            }

            items[index] = child.Value;
        }

        return items.Values.SelectMany(SplitList).ToList();
    }

    private static object? ReadDictionary(Type type, IConfigurationSection section, string key, object? current, ICollection<string> problems)
    {
        var valueType = type.GetGenericArguments()[1];
        var dictionary = (IDictionary)(current ?? Activator.CreateInstance(type)!);
        foreach (var child in section.GetChildren())
        {
            var value = Read(valueType, child, $"{key}:{child.Key}", dictionary.Contains(child.Key) ? dictionary[child.Key] : null, problems);
            if (value is not null) dictionary[child.Key] = value;
        }

        return dictionary;
    }

    /// <summary>Lists of strings are the one list shape the options use.</summary>
    private static bool IsList(Type type) => type == typeof(List<string>);

    private static bool IsDictionary(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>);

    /// <summary>The known key closest to <paramref name="given"/>, if it is close enough to be a typo of it.</summary>
    private static string? Nearest(string given, IEnumerable<string> known)
    {
        var best = known.Select(k => (Key: k, Distance: Distance(given.ToUpperInvariant(), k.ToUpperInvariant())))
            .OrderBy(c => c.Distance).FirstOrDefault();
        return best.Key is not null && best.Distance <= Math.Max(2, given.Length / 4) ? best.Key : null;
    }

    /// <summary>Edit distance: insertions, deletions and substitutions.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var row = new int[b.Length + 1];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
                row[j] = Math.Min(Math.Min(row[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = row;
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"^-?(\d+\.)?\d{1,2}:\d{2}(:\d{2}(\.\d{1,7})?)?$")]
    private static partial Regex DurationPattern();
}
