using System.Globalization;

internal static class Report
{
    public static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    public static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];

    public static void Row(string what, string value) => Console.WriteLine($"| {what,-58} | {value,18} |");

    public static void Header(string title)
    {
        Console.WriteLine($"## {title}");
        Console.WriteLine($"| {"measure",-58} | {"value",18} |");
        Console.WriteLine($"| {new string('-', 58)} | {new string('-', 18)} |");
    }
}
