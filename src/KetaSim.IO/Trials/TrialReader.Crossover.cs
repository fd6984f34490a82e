using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Symptoms;
using KetaSim.IO.Input;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Trials;

public static partial class TrialReader
{
    public static readonly string[] CrossoverKeys = ["period", "washout", "sequences"];

    private sealed partial class Context
    {
        /// <summary>
        /// The <c>crossover:</c> block (docs/trial-format.md, "crossover"): the arms as read are the treatments; the trial
        /// becomes a phased design whose arms are the sequences (period and washout phases, each treatment's doses and
        /// sessions shifted to its period), with the visits at the same offsets in every period plus each later period's
        /// baseline.
        /// </summary>
        private static (List<ReadArm> Arms, IReadOnlyList<double> Visits, List<TrialPhase> Phases, CrossoverDesign Design) ReadCrossover(
            MapNode root, List<ReadArm> treatments, IReadOnlyList<double> offsets, double duration, string? control)
        {
            var m = root.Map("crossover", CrossoverKeys)!;
            string F(double h) => Format.Hours(h);
            foreach (var key in new[] { "phases", "withdrawal", "pooled", "background", "randomisation" })
                if (root.Has(key))
                    throw root.Error(key, $"a crossover gives each period its treatment's doses; {key} is not part of a crossover design",
                        "a crossover without " + key + " (docs/trial-format.md, \"crossover\")");
            if (treatments.Count < 2) throw root.Error("arms", "a crossover needs at least two treatments", "two or more arms (the treatments)");
            double period = m.RequireQuantity("period", Units.Time).InBaseUnit;
            if (!(period > 0)) throw m.Error("period", "a period must be positive", "a time such as 1 week");
            if (m.Get("washout") is null)
                throw m.Error("period", "a crossover needs a washout between periods, or one treatment carries into the next period", "washout: TIME beside period, e.g. washout: 2 week");
            double washout = m.RequireQuantity("washout", Units.Time).InBaseUnit;
            if (!(washout > 0))
                throw m.Error("washout", "a crossover without washout carries one treatment into the next period", "a washout longer than 0 h, e.g. 2 week");

            var names = treatments.Select(a => a.Arm.Name).ToArray();
            var sequences = new List<IReadOnlyList<int>>();
            if (m.Get("sequences") is { } sn)
            {
                const string allowed = "a list of sequences, each a list of arm names in period order, e.g. [[ketamine, midazolam], [midazolam, ketamine]]";
                var seq = m.Input.Sequence(sn, m.Child("sequences"), allowed);
                for (int s = 0; s < seq.Children.Count; s++)
                {
                    var path = $"{m.Child("sequences")}[{s}]";
                    var one = m.Input.Sequence(seq.Children[s], path, allowed);
                    var order = new List<int>();
                    for (int k = 0; k < one.Children.Count; k++)
                    {
                        var text = m.Input.Scalar(one.Children[k], $"{path}[{k}]", string.Join(", ", names)).Trim();
                        int t = Array.IndexOf(names, text);
                        if (t < 0) throw m.Input.Error(one.Children[k], $"{path}[{k}]", $"no arm is called '{text}'{NearestName.Hint(text, names)}", string.Join(", ", names));
                        order.Add(t);
                    }
                    if (order.Count < 2) throw m.Input.Error(one, path, "a sequence needs at least two periods", allowed);
                    if (sequences.Count > 0 && order.Count != sequences[0].Count)
                        throw m.Input.Error(one, path, $"every sequence needs the same number of periods ({sequences[0].Count})", allowed);
                    if (sequences.Any(x => x.SequenceEqual(order))) throw m.Input.Error(one, path, "this sequence is given twice", "each sequence once");
                    sequences.Add(order);
                }
                if (sequences.Count == 0) throw m.Error("sequences", "no sequences", allowed);
            }
            else if (treatments.Count == 2) sequences = [[0, 1], [1, 0]];
            else throw m.Error("period", $"with {treatments.Count} treatments the sequences must be given", "sequences: [[A, B, C], [B, C, A], [C, A, B]] (a Latin square)");

            int periods = sequences[0].Count;
            double total = periods * period + (periods - 1) * washout;
            if (Math.Abs(total - duration) > 1e-6)
                throw root.Error("duration", $"{periods} periods of {F(period)} with washouts of {F(washout)} last {F(total)}", $"duration: {F(total)}");
            if (offsets.Any(o => !(o > 0 && o <= period + 1e-9)))
                throw root.Error("visits", $"in a crossover the visits are times inside each period (after its start, at most {F(period)})", $"times from just after 0 h to {F(period)}, e.g. [1 d, 1 week]");

            // The treatments differ only in their doses, sessions and placebo context.
            var first = treatments[0].Arm;
            static Scenario Normalised(Scenario s) => s with
            {
                Name = "", Description = "", Doses = [], CareContacts = [],
                Mechanism = s.Mechanism is { } mech ? mech with { Patient = mech.Patient with { Placebo = PlaceboKind.None } } : null,
            };
            for (int i = 0; i < treatments.Count; i++)
            {
                var (arm, map) = (treatments[i].Arm, treatments[i].Map);
                foreach (var key in new[] { "ratio", "background", "patient", "dose_hold", "parameters" })
                    if (map.Has(key))
                        throw map.Error(key, "in a crossover every subject receives every treatment, so treatments differ only in doses, sessions and placebo",
                            $"{key} at the top level of the trial (for every period), or leave it out");
                var a = Normalised(arm.RegimenTemplate);
                var b = Normalised(first.RegimenTemplate);
                if (!a.ParameterOverrides.OrderBy(x => x.Key).SequenceEqual(b.ParameterOverrides.OrderBy(x => x.Key)))
                    throw map.Error("doses", "in a crossover every treatment's model takes the same parameter overrides, and this one's differ", "parameters at the top level that apply to every treatment");
                foreach (var d in arm.RegimenTemplate.Doses)
                {
                    double end = d.TimeHours + d.AdditionalDoses * d.IntervalHours + (d.DurationHours ?? 0);
                    if (end > period + 1e-9)
                        throw map.Error("doses", $"a dose of {d.Compound} runs to {F(end)}, past the end of the {F(period)} period", $"doses inside one period, from its start (0 h) to {F(period)}");
                }
                foreach (var c in arm.RegimenTemplate.CareContacts)
                    if (c.TimeHours > period + 1e-9)
                        throw map.Error("sessions", $"a session at {F(c.TimeHours)} falls after the {F(period)} period", $"sessions inside one period, 0 h to {F(period)}");
            }
            int controlTreatment = control is null ? 0 : Array.IndexOf(names, control);

            var design = new CrossoverDesign(names, sequences, period, washout, offsets) { ControlTreatment = controlTreatment };
            var sequenceArms = new List<ReadArm>();
            for (int s = 0; s < sequences.Count; s++)
            {
                var template = treatments[sequences[s][0]].Arm.RegimenTemplate;
                var arm = new TrialArm(design.SequenceName(s), template with { Name = $"{template.Name}-sequence-{s + 1}", Doses = [], CareContacts = [] })
                { TreatmentResistant = treatments[sequences[s][0]].Arm.TreatmentResistant };
                sequenceArms.Add(new ReadArm(arm, treatments[0].Map, false));
            }
            static PlaceboKind PlaceboOf(TrialArm a) => a.RegimenTemplate.Mechanism?.Patient.Placebo ?? PlaceboKind.None;
            var phases = new List<TrialPhase>();
            for (int k = 0; k < periods; k++)
            {
                double start = design.PeriodStartHours(k);
                var own = new Dictionary<string, PhaseRegimen>(StringComparer.Ordinal);
                var rest = new Dictionary<string, PhaseRegimen>(StringComparer.Ordinal);
                for (int s = 0; s < sequences.Count; s++)
                {
                    var treatment = treatments[sequences[s][k]].Arm;
                    own[design.SequenceName(s)] = new PhaseRegimen
                    {
                        Doses = [.. treatment.RegimenTemplate.Doses.Select(d => d with { TimeHours = d.TimeHours + start })],
                        SessionTimesHours = [.. treatment.RegimenTemplate.CareContacts.Where(c => c.Kind == CareContactKind.Session).Select(c => c.TimeHours + start)],
                        Placebo = PlaceboOf(treatment),
                    };
                    rest[design.SequenceName(s)] = new PhaseRegimen { Placebo = PlaceboOf(treatment) };
                }
                phases.Add(new TrialPhase($"period-{k + 1}", start, start + period) { ArmRegimens = own, SourceLine = m.Line });
                if (k < periods - 1)
                    phases.Add(new TrialPhase($"washout-{k + 1}", start + period, design.PeriodStartHours(k + 1)) { ArmRegimens = rest, SourceLine = m.Line });
            }
            return (sequenceArms, design.VisitTimesHours(), phases, design);
        }
    }
}
