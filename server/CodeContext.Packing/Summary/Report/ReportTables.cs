using System.Globalization;
using System.Text;
using static CodeContext.Packing.Summary.Report.ReportHtml;

namespace CodeContext.Packing.Summary.Report;

/// <summary>The report's two tables: the solution map and every file with its form and reasons.</summary>
internal static class ReportTables
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Frameworks MSBuild evaluated are known wherever they are declared; a project it did not evaluate is read only inside the codebase.</summary>
    private const string Unknown = "<span title=\"MSBuild evaluated the project and found no target framework\">—</span>";

    private static readonly string OutsideRoot = $"<span title=\"MSBuild did not evaluate the project, and the codebase does not read files above its root\">{ProjectSummary.OutsideRoot}</span>";

    public static void Map(StringBuilder s, IReadOnlyList<ProjectSummary> projects)
    {
        if (projects.Count == 0) return;
        s.Append(C, $"<h2>Solution map ({projects.Count} projects)</h2>\n<div class=\"tablewrap\"><table id=\"map\">\n");
        s.Append("<thead><tr><th>project</th><th>kind</th><th>targets</th><th class=\"num\">files</th><th>references</th><th>entry points</th><th>public types</th></tr></thead>\n<tbody>\n");
        foreach (var p in projects)
        {
            s.Append(C, $"<tr><td><b>{E(p.Name)}</b><br><span class=\"path\">{E(p.Path)}</span></td><td>{E(p.Kind)}</td><td>{(p.Frameworks.Count > 0 ? E(string.Join(", ", p.Frameworks)) : p.FrameworksOutsideRoot ? OutsideRoot : Unknown)}</td><td class=\"num\">{p.Files}</td>");
            s.Append(C, $"<td>{E(string.Join(", ", p.References))}</td><td class=\"path\">{string.Join("<br>", p.EntryPoints.Select(E))}</td>");
            s.Append(C, $"<td><details><summary>{p.PublicTypes.Count}</summary><span class=\"path\">{E(string.Join(", ", p.PublicTypes))}</span></details></td></tr>\n");
        }

        s.Append("</tbody></table></div>\n");
    }

    public static void Files(StringBuilder s, SummaryReport report)
    {
        var files = report.Carried.Concat(report.LeftOut).ToList();
        s.Append(C, $"<h2>Files ({files.Count})</h2>\n<input id=\"filter\" class=\"filter\" type=\"search\" placeholder=\"Filter by path, form or reason\" aria-label=\"filter files\">\n");
        s.Append("<div class=\"tablewrap\"><table id=\"files\">\n<thead><tr><th class=\"num\">#</th><th>file</th><th>form</th><th class=\"num\">relevance</th><th class=\"num\">tokens</th><th>reasons</th><th>why this form</th></tr></thead>\n<tbody>\n");
        for (var i = 0; i < files.Count; i++)
        {
            var f = files[i];
            var search = E(string.Join(' ', [f.Path, f.Form, .. f.Reasons]).ToLowerInvariant());
            var form = f.Path is var path && report.Set.Changed.Any(c => c.Path == path) ? "active" : f.Form;
            s.Append(C, $"<tr data-search=\"{search}\"><td class=\"num\">{i + 1}</td><td class=\"path\">{E(f.Path).Replace("/", "/<wbr>", StringComparison.Ordinal)}</td><td class=\"form\"><i class=\"f-{E(form)}\"></i>{E(f.Form)}</td>");
            s.Append(C, $"<td class=\"num\">{f.Relevance:0.###}</td><td class=\"num\">{f.Tokens:N0}</td><td><ul>{string.Concat(f.Reasons.Select(r => $"<li>{E(r)}</li>"))}</ul></td><td class=\"why\">{E(f.Why)}</td></tr>\n");
        }

        s.Append("</tbody></table></div>\n");
    }
}
