using CodeContext.Core;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;

namespace CodeContext.Rendering.Tests;

public sealed class PageLayoutTests
{
    [Fact]
    public void Regions_cover_every_line_of_every_fragment_exactly_once()
    {
        var fragments = new[]
        {
            RenderTestInputs.Whole("src/A.cs", RenderTestInputs.NumberedFile(900)),
            SourceFragment.FromFile("src/B.cs", RenderTestInputs.NumberedFile(300), [], 40, 260),
            RenderTestInputs.Whole("src/C.cs", RenderTestInputs.OrderService),
        };
        var layout = PageLayoutEngine.Layout(fragments, RenderTestInputs.Request());
        Assert.True(layout.Pages.Count >= 2, "the input should need several pages");

        foreach (var fragment in fragments)
        {
            var covered = layout.Pages.SelectMany(p => p.Regions).Where(r => r.Path == fragment.RelativePath)
                .SelectMany(r => Enumerable.Range(r.StartLine, r.EndLine - r.StartLine + 1)).Distinct().Order().ToList();
            Assert.Equal(Enumerable.Range(fragment.StartLine, fragment.EndLine - fragment.StartLine + 1), covered);
        }
    }

    [Fact]
    public void Regions_lie_inside_the_page_and_never_overlap()
    {
        var layout = PageLayoutEngine.Layout([RenderTestInputs.Whole("A.cs", RenderTestInputs.NumberedFile(700)), RenderTestInputs.Whole("B.cs", RenderTestInputs.OrderService)], RenderTestInputs.Request());
        foreach (var page in layout.Pages)
        {
            foreach (var r in page.Regions)
            {
                Assert.InRange(r.X, 0, 1024);
                Assert.InRange(r.Y, 0, 1024);
                Assert.True(r.X + r.Width <= 1024 && r.Y + r.Height <= 1024, $"{r} leaves the page");
                Assert.True(r.Height > 0 && r.Width > 0);
            }

            for (var i = 0; i < page.Regions.Count; i++)
            {
                for (var j = i + 1; j < page.Regions.Count; j++)
                {
                    var a = page.Regions[i];
                    var b = page.Regions[j];
                    var overlap = a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;
                    Assert.False(overlap, $"{a} overlaps {b}");
                }
            }
        }
    }

    [Fact]
    public void Long_lines_wrap_onto_marked_rows_and_lose_no_character()
    {
        var longLine = "var s = \"" + string.Concat(Enumerable.Range(0, 400).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "\";";
        var layout = PageLayoutEngine.Layout([RenderTestInputs.Whole("Long.cs", "int a;\n" + longLine + "\nint b;")], RenderTestInputs.Request());
        var rows = layout.Pages.SelectMany(p => p.Columns).SelectMany(c => c.Rows).Where(r => r.Kind != RowKind.Header).ToList();
        var pieces = rows.Where(r => r.Line == 1).ToList();
        Assert.True(pieces.Count > 1);
        Assert.Equal(RowKind.Line, pieces[0].Kind);
        Assert.All(pieces.Skip(1), r => Assert.Equal(RowKind.Continuation, r.Kind));
        Assert.Equal(longLine.Length, pieces.Sum(r => r.CellCount));
        Assert.Equal(pieces.Count - 1, layout.Pages.SelectMany(p => p.Regions).Sum(r => r.ContinuationRows));
    }

    [Fact]
    public void Wrapped_rows_break_between_tokens_not_inside_a_name_or_an_operator()
    {
        // A signature far wider than any column, of names shorter than the look-back (60 % of a column).
        var signature = "        public static async Task<IList<Order>> LoadAsync(" +
            string.Join(", ", Enumerable.Range(0, 12).Select(i => $"IOrderRepo repo{i}")) +
            ", Token token) => await repo0.LoadAsync(token) ?? throw new Error();";
        var layout = PageLayoutEngine.Layout([RenderTestInputs.Whole("Wide.cs", "int a;\n" + signature + "\nint b;")], RenderTestInputs.Request(level: "L3") with { Columns = 6 });
        var pieces = layout.Pages.SelectMany(p => p.Columns).SelectMany(c => c.Rows).Where(r => r.Kind != RowKind.Header && r.Line == 1).ToList();
        var cells = layout.Cells[0][1];
        Assert.True(pieces.Count > 4, $"{pieces.Count} pieces");
        Assert.Equal(signature.Length, pieces.Sum(r => r.CellCount));
        foreach (var piece in pieces.Skip(1))
        {
            var (before, after) = ((char)cells[piece.CellStart - 1].CodePoint, (char)cells[piece.CellStart].CodePoint);
            Assert.False(char.IsLetterOrDigit(before) && char.IsLetterOrDigit(after), $"a name split at '{before}|{after}'");
            Assert.NotEqual("=>", $"{before}{after}");
            Assert.NotEqual("??", $"{before}{after}");
            Assert.True(piece.CellCount > 0);
        }

        // Every piece but the last fills most of its column: a token boundary is looked for only near the edge.
        var chars = layout.CharsPerColumn;
        Assert.All(pieces.SkipLast(1).Skip(1), r => Assert.True(r.CellCount >= chars * 0.4 - 1, $"{r.CellCount} of {chars} cells"));
    }

    [Fact]
    public void A_name_wider_than_the_column_still_breaks_at_the_edge_and_loses_nothing()
    {
        var name = "    var " + new string('x', 300) + " = 1;";
        var layout = PageLayoutEngine.Layout([RenderTestInputs.Whole("Name.cs", name)], RenderTestInputs.Request(level: "L3") with { Columns = 6 });
        var pieces = layout.Pages.SelectMany(p => p.Columns).SelectMany(c => c.Rows).Where(r => r.Kind != RowKind.Header).ToList();
        Assert.Equal(name.Length, pieces.Sum(r => r.CellCount));
        Assert.True(pieces.Count >= 300 / layout.CharsPerColumn);
        var cells = layout.Cells[0][0];
        // No row is indentation alone.
        Assert.All(pieces, r => Assert.Contains(cells.Skip(r.CellStart).Take(r.CellCount), c => c.CodePoint != ' '));
    }

    [Fact]
    public void Tabs_expand_to_stops_of_four_and_empty_lines_stay()
    {
        var fragment = RenderTestInputs.Whole("T.cs", "\tx\nab\tc\n\n\n\r\nend");
        var lines = CellLines.Build(fragment);
        Assert.Equal(6, lines.Count);
        Assert.Equal("    x", Text(lines[0]));
        Assert.Equal("ab  c", Text(lines[1]));
        Assert.Empty(lines[2]);
        Assert.Empty(lines[4]);
        Assert.Equal("end", Text(lines[5]));

        var layout = PageLayoutEngine.Layout([fragment], RenderTestInputs.Request());
        Assert.Equal(6, layout.Pages[0].Columns[0].Rows.Count(r => r.Kind == RowKind.Line));
    }

    [Fact]
    public void Characters_no_bundled_font_has_are_named_in_the_region_map()
    {
        var layout = PageLayoutEngine.Layout([RenderTestInputs.Whole("U.cs", "// 处理 λ → x² 🚀\nvar ok = true;")], RenderTestInputs.Request());
        var missing = layout.Pages[0].Regions.Single().MissingGlyphs;
        Assert.Contains("U+5904", missing);
        Assert.Contains("U+7406", missing);
        Assert.Contains("U+1F680", missing);
        Assert.DoesNotContain("U+03BB", missing); // λ comes from the fallback font
        Assert.DoesNotContain("U+2192", missing);
    }

    [Fact]
    public void Fragment_headers_name_the_path_and_the_lines_of_their_column()
    {
        var layout = PageLayoutEngine.Layout([SourceFragment.FromFile("src/B.cs", RenderTestInputs.NumberedFile(50), [], 10, 20)], RenderTestInputs.Request());
        var header = layout.Pages[0].Columns[0].Rows[0];
        Assert.Equal(RowKind.Header, header.Kind);
        Assert.Equal("src/B.cs:10-20", header.HeaderText);
        var region = layout.Pages[0].Regions.Single();
        Assert.Equal((10, 20), (region.StartLine, region.EndLine));
    }

    [Fact]
    public void Page_text_tokens_count_the_carried_lines_with_the_profile_tokenizer()
    {
        var layout = PageLayoutEngine.Layout([RenderTestInputs.Whole("O.cs", RenderTestInputs.OrderService)], RenderTestInputs.Request());
        var expected = Tokenizers.TokenizerCatalog.Get("deepseek-v3").CountTokens(RenderTestInputs.OrderService);
        Assert.Equal(expected, layout.Pages.Single().TextTokens);
        Assert.Equal(273, layout.Pages.Single().Cost.Tokens);
        Assert.Equal(expected / 273.0, layout.Pages.Single().Compression, 6);
    }

    [Fact]
    public void Denser_levels_need_fewer_pages()
    {
        var fragments = new[] { RenderTestInputs.Whole("A.cs", RenderTestInputs.NumberedFile(3000)) };
        var pages = new[] { "L1", "L2", "L3", "L4" }.Select(l => PageLayoutEngine.Layout(fragments, RenderTestInputs.Request(level: l)).Pages.Count).ToList();
        var message = $"levels need {string.Join(", ", pages)} pages";
        Assert.True(pages[0] > pages[1] && pages[1] > pages[2] && pages[2] >= pages[3], message);
    }

    [Fact]
    public void From_file_slices_lines_and_shifts_spans()
    {
        var text = "line1\nline2 \"s\"\nline3\n";
        var spans = new[] { new CodeSpan(12, 3, CodeSpanKind.StringLiteral), new CodeSpan(0, 5, CodeSpanKind.Keyword) };
        var fragment = SourceFragment.FromFile("F.cs", text, spans, 2, 3);
        Assert.Equal("line2 \"s\"\nline3", fragment.Text);
        Assert.Equal([new CodeSpan(6, 3, CodeSpanKind.StringLiteral)], fragment.Spans);
        Assert.Equal(3, SourceFragment.FromFile("F.cs", text, []).EndLine);
        Assert.Throws<UserError>(() => SourceFragment.FromFile("F.cs", text, [], 5, 6));
    }

    [Fact]
    public void Text_that_disagrees_with_its_line_range_is_rejected() =>
        Assert.Throws<ArgumentException>(() => PageLayoutEngine.Layout([new SourceFragment("F.cs", 1, 5, "a\nb", [])], RenderTestInputs.Request()));

    [Fact]
    public void Narrow_indentation_shortens_rows_but_keeps_every_cell_and_its_proportions()
    {
        // Six columns on a Base page: narrow enough that indented lines wrap.
        var request = RenderTestInputs.Request() with { Columns = 6 };
        var narrow = request with { LevelSettings = ProfileCatalog.GetLevel(request.Profile, "L2") with { IndentScale = 0.25 } };
        var full = request with { LevelSettings = ProfileCatalog.GetLevel(request.Profile, "L2") with { IndentScale = 1 } };
        var fragment = RenderTestInputs.Whole("I.cs", RenderTestInputs.NumberedFile(400));
        var a = PageLayoutEngine.Layout([fragment], narrow);
        var b = PageLayoutEngine.Layout([fragment], full);
        Assert.True(ContinuationRows(a) < ContinuationRows(b), $"{ContinuationRows(a)} wrapped rows with narrow indentation, {ContinuationRows(b)} without");

        var lines = CellLines.Build(fragment);
        foreach (var rows in a.Pages.SelectMany(p => p.Columns).Select(c => c.Rows.Where(r => r.Kind != RowKind.Header).ToList()))
        {
            foreach (var row in rows)
            {
                // No row is wider than its column, indentation counted at its drawn width.
                var indent = CellLines.Indent(lines[row.Line]);
                var width = a.Settings.CellOffset(row.CellStart + row.CellCount, indent) - a.Settings.CellOffset(row.CellStart, indent);
                Assert.True(width <= a.CharsPerColumn + 1e-3, $"line {row.Line + 1}: {width} cells in a {a.CharsPerColumn}-cell column");
            }
        }

        foreach (var line in Enumerable.Range(0, lines.Count))
        {
            var pieces = a.Pages.SelectMany(p => p.Columns).SelectMany(c => c.Rows).Where(r => r.Kind != RowKind.Header && r.Line == line).ToList();
            Assert.Equal(lines[line].Length, pieces.Sum(r => r.CellCount));
        }

        // Deeper indentation still starts further right: one cell per level at a quarter.
        Assert.Equal(2f, a.Settings.CellOffset(8, 8));
        Assert.Equal(3f, a.Settings.CellOffset(9, 8));
    }

    [Fact]
    public void Empty_lines_take_their_levels_share_of_a_row_and_rows_stack()
    {
        var request = RenderTestInputs.Request();
        var half = request with { LevelSettings = ProfileCatalog.GetLevel(request.Profile, "L2") with { EmptyLineScale = 0.5 } };
        var layout = PageLayoutEngine.Layout([RenderTestInputs.Whole("E.cs", "a\n\n   \nb\n\nc")], half);
        var rows = layout.Pages.Single().Columns.Single().Rows;
        var h = layout.Settings.LineHeight;
        Assert.Equal([h, h, h / 2, h / 2, h, h / 2, h], rows.Select(r => r.Height));
        for (var i = 1; i < rows.Count; i++)
        {
            Assert.Equal(rows[i - 1].Top + rows[i - 1].Height, rows[i].Top, 3);
        }

        var region = layout.Pages.Single().Regions.Single();
        Assert.Equal((int)Math.Ceiling(rows[^1].Top + rows[^1].Height), region.Y + region.Height);
    }

    [Fact]
    public void Level_typography_is_validated()
    {
        var request = RenderTestInputs.Request();
        var level = ProfileCatalog.GetLevel(request.Profile, "L2");
        Assert.Throws<ArgumentOutOfRangeException>(() => LayoutSettings.Resolve(request with { LevelSettings = level with { Hinting = "strong" } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayoutSettings.Resolve(request with { LevelSettings = level with { IndentScale = 0 } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayoutSettings.Resolve(request with { LevelSettings = level with { EmptyLineScale = 1.5 } }));
        var whole = LayoutSettings.Resolve(request with { LevelSettings = level with { Font = "dejavu-sans-mono", FontSize = 8.75f, WholePixelCells = true } });
        Assert.Equal(5f, whole.CellWidth);
    }

    private static int ContinuationRows(PageLayout layout) => layout.Pages.Sum(p => p.Regions.Sum(r => r.ContinuationRows));

    private static string Text(Cell[] cells) => string.Concat(cells.Select(c => char.ConvertFromUtf32(c.CodePoint)));
}
