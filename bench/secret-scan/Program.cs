using CodeContext.Core.Secrets;
using CodeContext.Core.Sources;

// Usage: SecretScan <folder> [--show N]
// Every .cs file below the folder (bin/obj skipped) through the masker: how many values each rule
// masks per 1,000 files, and the first N matches with their line, to judge by eye which are real.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: SecretScan <folder> [--show N]");
    return 2;
}

var show = args.Length > 2 && args[1] == "--show" ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20;
var files = Directory.EnumerateFiles(args[0], "*.cs", SearchOption.AllDirectories)
    .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && RegularFile.Is(f))
    .ToList();
var byRule = new Dictionary<string, int>(StringComparer.Ordinal);
var shown = 0;
var clock = System.Diagnostics.Stopwatch.StartNew();
foreach (var file in files)
{
    var text = SourceDecoder.Decode(File.ReadAllBytes(file));
    foreach (var hit in SecretMasker.Find(text))
    {
        byRule[hit.Rule] = byRule.GetValueOrDefault(hit.Rule) + 1;
        if (shown++ < show)
            Console.WriteLine($"{Path.GetRelativePath(args[0], file)}:{hit.Line}  {hit.Rule}  {text.Substring(hit.Start, Math.Min(hit.Length, 60)).ReplaceLineEndings(" ")}");
    }
}

var total = byRule.Values.Sum();
Console.WriteLine($"{files.Count} files, {total} masked values ({1000.0 * total / Math.Max(1, files.Count):0.0} per 1,000 files) in {clock.Elapsed.TotalSeconds:0.0} s");
foreach (var (rule, count) in byRule.OrderByDescending(r => r.Value)) Console.WriteLine($"  {rule,-32} {count,6}");
return 0;
