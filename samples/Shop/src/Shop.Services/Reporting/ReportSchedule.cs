namespace Shop.Services.Reporting;

/// <summary>
/// When a recurring report runs: every day, or on chosen weekdays, at a fixed time of day (UTC).
/// </summary>
/// <remarks>This file is indented with tabs; it came from the finance team's tooling.</remarks>
public sealed class ReportSchedule
{
	private readonly SortedSet<DayOfWeek> _days;

	private ReportSchedule(IEnumerable<DayOfWeek> days, TimeOnly timeOfDay)
	{
		_days = [.. days];
		if (_days.Count == 0)
		{
			throw new ArgumentException("A schedule needs at least one weekday.", nameof(days));
		}

		TimeOfDay = timeOfDay;
	}

	/// <summary>The time of day the report runs, in UTC.</summary>
	public TimeOnly TimeOfDay { get; }

	/// <summary>The weekdays the report runs on.</summary>
	public IReadOnlyCollection<DayOfWeek> Days => _days;

	/// <summary>Runs every day at the given time.</summary>
	public static ReportSchedule Daily(TimeOnly timeOfDay) => new(Enum.GetValues<DayOfWeek>(), timeOfDay);

	/// <summary>Runs Monday to Friday at the given time.</summary>
	public static ReportSchedule Weekdays(TimeOnly timeOfDay) => new(
		[DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
		timeOfDay);

	/// <summary>Runs on the given days at the given time.</summary>
	public static ReportSchedule On(TimeOnly timeOfDay, params DayOfWeek[] days) => new(days, timeOfDay);

	/// <summary>
	/// Parses "daily 06:00", "weekdays 07:30" or "mon,wed,fri 18:00".
	/// </summary>
	public static ReportSchedule Parse(string text)
	{
		var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
		if (parts.Length != 2 || !TimeOnly.TryParseExact(parts[1], "HH:mm", out var time))
		{
			throw new FormatException($"'{text}' is not a schedule (expected e.g. \"weekdays 07:30\").");
		}

		return parts[0].ToLowerInvariant() switch
		{
			"daily" => Daily(time),
			"weekdays" => Weekdays(time),
			var list => On(time, [.. list.Split(',').Select(ParseDay)]),
		};
	}

	/// <summary>The first run strictly after <paramref name="after"/>.</summary>
	public DateTime NextRunAfter(DateTime after)
	{
		var candidate = after.Date + TimeOfDay.ToTimeSpan();
		for (var i = 0; i <= 7; i++)
		{
			if (candidate > after && _days.Contains(candidate.DayOfWeek))
			{
				return candidate;
			}

			candidate = candidate.AddDays(1);
		}

		throw new InvalidOperationException("Unreachable: every schedule has at least one weekday.");
	}

	private static DayOfWeek ParseDay(string day) => day switch
	{
		"mon" => DayOfWeek.Monday,
		"tue" => DayOfWeek.Tuesday,
		"wed" => DayOfWeek.Wednesday,
		"thu" => DayOfWeek.Thursday,
		"fri" => DayOfWeek.Friday,
		"sat" => DayOfWeek.Saturday,
		"sun" => DayOfWeek.Sunday,
		_ => throw new FormatException($"'{day}' is not a weekday (use mon, tue, ...)."),
	};
}
