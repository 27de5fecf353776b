using Shop.Services.Reporting;

namespace Shop.Tests;

public sealed class ReportingTests
{
    [Theory]
    [InlineData("daily 06:00", "2026-04-15T07:00:00", "2026-04-16T06:00:00")]
    [InlineData("weekdays 07:30", "2026-04-17T08:00:00", "2026-04-20T07:30:00")]
    [InlineData("mon,fri 18:00", "2026-04-14T12:00:00", "2026-04-17T18:00:00")]
    public void Next_run_follows_the_schedule(string schedule, string after, string expected)
    {
        var next = ReportSchedule.Parse(schedule).NextRunAfter(DateTime.Parse(after));

        Assert.Equal(DateTime.Parse(expected), next);
    }

    [Fact]
    public void Bad_schedules_name_the_problem()
    {
        var ex = Assert.Throws<FormatException>(() => ReportSchedule.Parse("mon,funday 18:00"));

        Assert.Contains("funday", ex.Message);
    }

    [Fact]
    public void Csv_quotes_and_defuses_cells()
    {
        ReportColumn<(string Name, decimal Value)>[] columns =
        [
            new("name", row => row.Name),
            new("value", row => row.Value, "F2"),
        ];

        var csv = CsvTableWriter.ToCsv(columns, [("plain", 1m), ("a, \"b\"", -2.5m), ("=SUM(A1)", 0m)]);

        Assert.Equal(
            "name,value\n" + "plain,1.00\n" + "\"a, \"\"b\"\"\",-2.50\n" + "'=SUM(A1),0.00\n",
            csv.ReplaceLineEndings("\n"));
    }
}
