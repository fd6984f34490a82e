namespace KetaSim.Biology.Dosing.Schedules;

/// <summary>Recursive-descent parser for the grammar documented on <see cref="DosingSchedule"/>.</summary>
internal sealed class ScheduleParser(string text)
{
    private const double HoursPerDay = 24, HoursPerWeek = 168;
    private const double Epsilon = 1e-9;

    private static readonly Dictionary<string, double> UnitHours = new()
    {
        ["min"] = 1.0 / 60, ["mins"] = 1.0 / 60, ["minute"] = 1.0 / 60, ["minutes"] = 1.0 / 60,
        ["h"] = 1, ["hr"] = 1, ["hrs"] = 1, ["hour"] = 1, ["hours"] = 1,
        ["d"] = HoursPerDay, ["day"] = HoursPerDay, ["days"] = HoursPerDay,
        ["w"] = HoursPerWeek, ["wk"] = HoursPerWeek, ["wks"] = HoursPerWeek, ["week"] = HoursPerWeek, ["weeks"] = HoursPerWeek,
    };

    private static readonly Dictionary<string, double> NumberWords = new()
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
    };

    private static readonly string[] PauseWords = ["pause", "off", "break", "rest", "wait"];
    private const string UnitNames = "a time unit (min, h, d or w, or minutes, hours, days, weeks)";
    private const string PhaseStart = "a phase: once, daily, weekly, twice weekly, three times weekly, every <n> <unit>, at <times>, on days <list> or pause for <duration>";

    private readonly List<Token> _tokens = ScheduleTokenizer.Tokenize(text);
    private readonly List<(double Hours, int Position)> _doses = [];
    private int _i;
    private double _cursorHours;      // where the next phase begins
    private bool _cursorIsDose;       // the previous phase was a point phase ending on a dose

    private Token Current => _tokens[_i];
    private Token Peek(int ahead = 1) => _tokens[Math.Min(_i + ahead, _tokens.Count - 1)];

    public IReadOnlyList<double> Parse(double startHours)
    {
        _cursorHours = startHours;
        if (Current.Kind == TokenKind.End) throw Error(PhaseStart);
        ParsePhase();
        while (Current.Kind != TokenKind.End)
        {
            ParseSeparator();
            ParsePhase();
        }
        return SortedDistinct();
    }

    private void ParseSeparator()
    {
        bool punctuation = Current.Kind is TokenKind.Comma or TokenKind.Semicolon;
        if (punctuation) _i++;
        if (Current.IsWord("and") && Peek().IsWord("then")) _i += 2;
        else if (Current.IsWord("then") || Current.IsWord("and")) _i++;
        else if (Current.IsWord("followed")) { _i++; ExpectWord("by"); }
        else if (!punctuation) throw Error("',', ';', 'then' or end of text");
    }

    private void ParsePhase()
    {
        var t = Current;
        if (t.IsWord("once") && !IsFrequencyWord(Peek())) { _i++; AddPointDoses([(0, t.Position)]); return; }
        if (t.IsWord("at")) { _i++; AddPointDoses(ParseTimeList()); return; }
        if (t.IsWord("on")) { _i++; AddPointDoses(ParseDayList()); return; }
        if (t.IsWordIn(PauseWords)) { _i++; ParsePause(); return; }
        ParsePeriodic();
    }

    private static bool IsFrequencyWord(Token t) =>
        t.IsWord("daily") || t.IsWord("weekly") || t.IsWord("a") || t.IsWord("per");

    private void ParsePause()
    {
        if (Current.IsWord("for")) _i++;
        _cursorHours += ParseDuration("a pause length such as '1 week'");
        _cursorIsDose = false;
    }

    // ---- periodic phases ----

    /// <summary>Offsets within one repeating cycle, and the cycle length (both h).</summary>
    private readonly record struct Pattern(double[] OffsetsHours, double CycleHours)
    {
        public double FirstGapHours => OffsetsHours.Length > 1 ? OffsetsHours[1] : CycleHours;
        public double SlotHours(long k) => (k / OffsetsHours.Length) * CycleHours + OffsetsHours[k % OffsetsHours.Length];
    }

    private void ParsePeriodic()
    {
        int phasePosition = Current.Position;
        var pattern = ParseFrequency();
        double start = _cursorHours + (_cursorIsDose ? pattern.FirstGapHours : 0);
        int lengthPosition = Current.Position;
        long k = 0;
        if (Current.Kind == TokenKind.Times || Current.IsWord("x"))
        {
            _i++;
            long count = ParseWholeCount();
            if (Current.IsWord("doses") || Current.IsWord("dose")) _i++;
            for (; k < count; k++) AddDose(start + pattern.SlotHours(k), phasePosition);
            _cursorHours = start + pattern.SlotHours(count);
        }
        else if (Current.IsWord("for"))
        {
            _i++;
            if (Peek().IsWord("doses") || Peek().IsWord("dose"))
            {
                long count = ParseWholeCount();
                _i++;
                for (; k < count; k++) AddDose(start + pattern.SlotHours(k), phasePosition);
                _cursorHours = start + pattern.SlotHours(count);
            }
            else
            {
                double length = ParseDuration("a phase length such as '4 weeks'");
                for (; pattern.SlotHours(k) < length - Epsilon * Math.Max(1, length); k++)
                    AddDose(start + pattern.SlotHours(k), phasePosition);
                _cursorHours = start + length;
            }
        }
        else throw Error("a length: 'for <n> <unit>', 'for <n> doses' or 'x <n>'");
        if (k == 0) throw new ScheduleParseException(text, lengthPosition, "a length that holds at least one dose", "a phase with no doses");
        _cursorIsDose = false;
    }

    private Pattern ParseFrequency()
    {
        var t = Current;
        if (t.IsWord("daily")) { _i++; return Daily(1, t); }
        if (t.IsWord("weekly")) { _i++; return Weekly(1, t); }
        if (t.IsWord("hourly")) { _i++; return new Pattern([0], 1); }
        if (t.IsWord("every")) { _i++; return ParseEvery(); }
        double perPeriod;
        if (t.IsWord("once")) { perPeriod = 1; _i++; }
        else if (t.IsWord("twice")) { perPeriod = 2; _i++; }
        else if (t.IsWord("thrice")) { perPeriod = 3; _i++; }
        else if (IsNumber(t) && Peek().IsWord("times")) { perPeriod = ParseWholeCount(); _i++; }
        else throw Error(PhaseStart);
        if (Current.IsWord("a") || Current.IsWord("per"))
        {
            _i++;
            if (Current.IsWord("day")) { _i++; return Daily(perPeriod, t); }
            if (Current.IsWord("week")) { _i++; return Weekly(perPeriod, t); }
            throw Error("'day' or 'week'");
        }
        if (Current.IsWord("daily")) { _i++; return Daily(perPeriod, t); }
        if (Current.IsWord("weekly")) { _i++; return Weekly(perPeriod, t); }
        throw Error("'daily', 'weekly', 'a day' or 'a week'");
    }

    private Pattern Daily(double perDay, Token at)
    {
        if (perDay > 24) throw new ScheduleParseException(text, at.Position, "at most 24 times daily (use 'every <n> min' for more)", at.Describe());
        return new Pattern([0], HoursPerDay / perDay);
    }

    private Pattern Weekly(double perWeek, Token at) => perWeek switch
    {
        1 => new Pattern([0], HoursPerWeek),
        2 => new Pattern([0, 3 * HoursPerDay], HoursPerWeek),                   // days 1 and 4 (esketamine label)
        3 => new Pattern([0, 2 * HoursPerDay, 4 * HoursPerDay], HoursPerWeek),  // Mon/Wed/Fri
        _ => throw new ScheduleParseException(text, at.Position,
            "once, twice or three times weekly (other weekly counts have no agreed spacing; use 'every <n> days' or 'on days')", at.Describe()),
    };

    private Pattern ParseEvery()
    {
        double n = 1;
        if (Current.IsWord("other")) { _i++; n = 2; }
        else if (IsNumber(Current)) n = ParsePositiveNumber();
        double unit = ParseUnit();
        return new Pattern([0], n * unit);
    }

    // ---- point phases ----

    private List<(double Hours, int Position)> ParseTimeList()
    {
        var items = new List<(double Value, int Position)>();
        var resolved = new List<(double Hours, int Position)>();
        while (true)
        {
            if (!IsNumber(Current)) throw Error("a time such as 0, 72 h or 30 min");
            int pos = Current.Position;
            items.Add((ParseNonNegativeNumber(), pos));
            if (Current.Kind == TokenKind.Word && UnitHours.TryGetValue(Current.Text, out double unit))
            {
                _i++;
                // A unit applies to its own number and to the bare numbers just before it ("0, 72, 168 h").
                resolved.AddRange(items.Select(x => (x.Value * unit, x.Position)));
                items.Clear();
            }
            if (!ListContinues()) break;
        }
        if (items.Count > 0) throw Error(UnitNames + " after the last time");
        return resolved;
    }

    private List<(double Hours, int Position)> ParseDayList()
    {
        if (!Current.IsWord("day") && !Current.IsWord("days")) throw Error("'day' or 'days'");
        _i++;
        var times = new List<(double Hours, int Position)>();
        do
        {
            if (!IsNumber(Current)) throw Error("a day number (day 1 = the phase start)");
            var t = Current;
            double day = ParseNonNegativeNumber();
            if (day < 1 || day != Math.Floor(day))
                throw new ScheduleParseException(text, t.Position, "a whole day number >= 1 (day 1 = the phase start)", t.Describe());
            times.Add(((day - 1) * HoursPerDay, t.Position));
        } while (ListContinues());
        return times;
    }

    /// <summary>Consumes "," or "and" only when a number follows; otherwise the comma separates phases.</summary>
    private bool ListContinues()
    {
        if ((Current.Kind == TokenKind.Comma || Current.IsWord("and")) && IsNumber(Peek())) { _i++; return true; }
        return false;
    }

    private void AddPointDoses(List<(double Hours, int Position)> offsets)
    {
        foreach (var (hours, position) in offsets) AddDose(_cursorHours + hours, position);
        _cursorHours += offsets.Max(o => o.Hours);
        _cursorIsDose = true;
    }

    private void AddDose(double hours, int position)
    {
        if (_doses.Count >= DosingSchedule.MaxDoses)
            throw new ScheduleParseException(text, position, $"at most {DosingSchedule.MaxDoses} doses in total", "more");
        _doses.Add((hours, position));
    }

    private IReadOnlyList<double> SortedDistinct()
    {
        var sorted = _doses.OrderBy(d => d.Hours).ThenBy(d => d.Position).ToArray();
        for (int j = 1; j < sorted.Length; j++)
            if (sorted[j].Hours - sorted[j - 1].Hours <= Epsilon * Math.Max(1, Math.Abs(sorted[j].Hours)))
                throw new ScheduleParseException(text, Math.Max(sorted[j].Position, sorted[j - 1].Position),
                    "a dose time not already scheduled (insert 'pause for <duration>' to leave a gap)",
                    $"a second dose at {sorted[j].Hours:G} h");
        return sorted.Select(d => d.Hours).ToArray();
    }

    // ---- numbers and units ----

    private static bool IsNumber(Token t) => t.Kind == TokenKind.Number || (t.Kind == TokenKind.Word && NumberWords.ContainsKey(t.Text));

    private double ParseNonNegativeNumber()
    {
        var t = Current;
        if (!IsNumber(t)) throw Error("a number");
        _i++;
        return t.Kind == TokenKind.Number ? t.Number : NumberWords[t.Text];
    }

    private double ParsePositiveNumber()
    {
        var t = Current;
        double n = ParseNonNegativeNumber();
        if (!(n > 0)) throw new ScheduleParseException(text, t.Position, "a number > 0", t.Describe());
        return n;
    }

    private long ParseWholeCount()
    {
        var t = Current;
        double n = ParsePositiveNumber();
        if (n != Math.Floor(n) || n > DosingSchedule.MaxDoses)
            throw new ScheduleParseException(text, t.Position, $"a whole number from 1 to {DosingSchedule.MaxDoses}", t.Describe());
        return (long)n;
    }

    private double ParseUnit()
    {
        if (Current.Kind == TokenKind.Word && UnitHours.TryGetValue(Current.Text, out double hours)) { _i++; return hours; }
        throw Error(UnitNames);
    }

    private double ParseDuration(string what)
    {
        if (Current.IsWord("a") || Current.IsWord("an")) { _i++; return ParseUnit(); }
        if (!IsNumber(Current)) throw Error(what);
        double n = ParsePositiveNumber();
        return n * ParseUnit();
    }

    private void ExpectWord(string word)
    {
        if (!Current.IsWord(word)) throw Error($"'{word}'");
        _i++;
    }

    private ScheduleParseException Error(string expected) => new(text, Current.Position, expected, Current.Describe());
}
