using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Symptoms;
using KetaSim.Modeling.Simulation;
using static KetaSim.Biology.Calibration.TrajectoryMetrics;

namespace KetaSim.Biology.Calibration;

/// <summary>
/// MECH-1, MECH-2, MECH-4 (shape), MECH-5 (ordering), MECH-7: the circuit and plasticity layers against
/// the rodent observations. The measures are public so tests and reports use the same definitions.
/// </summary>
public sealed class MechanismCalibration : ICalibrationSet
{
    public void Register(List<ICalibrationEvaluator> bands, List<IShapeEvaluator> shapes)
    {
        bands.Add(new CalibrationEvaluator("MECH-1", c => ReactivationMinutes(c.Run)));
        bands.Add(new CalibrationEvaluator("MECH-2", c => KnockoutRatios(c.Run).Max));
        bands.Add(new CalibrationEvaluator("MECH-7", c => RapamycinFormationRatio(c.Run)));
        shapes.Add(new ShapeEvaluator("MECH-4", c => SpineShape(c.Run)));
        shapes.Add(new ShapeEvaluator("MECH-5", c => Ordering(c.Run)));
    }

    /// <summary>MECH-1: minutes the Pyr reactivation stays above half its peak rise (stressed mouse, 10 mg/kg i.p.).</summary>
    public static double ReactivationMinutes(Func<Scenario, SimulationResult> run)
    {
        var r = run(MechanismScenarios.MouseKetamineAcute());
        return 60 * HalfPeakDurationHours(r.TimesHours, r.Observable(MechanismNames.PyrReactivation));
    }

    /// <summary>Relief of the stress-behaviour index at <paramref name="hours"/> (untreated minus treated).</summary>
    public static double BehaviourRelief(SimulationResult r, double hours)
    {
        var x = r.Observable(SymptomNames.StressBehaviourIndex);
        return x[0] - At(r.TimesHours, x, hours);
    }

    /// <summary>Spine density above the untreated set point at <paramref name="hours"/>.</summary>
    public static double SpineExcess(SimulationResult r, double hours)
    {
        var x = r.Observable(MechanismNames.SpineDensityRel);
        return At(r.TimesHours, x, hours) - x[0];
    }

    public sealed record KnockoutComparison(double Reactivation, double Behaviour24h, double Spines24h)
    {
        public double Max => Math.Max(Reactivation, Math.Max(Behaviour24h, Spines24h));
        public override string ToString() => $"KO/intact: reactivation peak {Reactivation:F3}, 24-h behaviour {Behaviour24h:F3}, 24-h spines {Spines24h:F3}";
    }

    /// <summary>MECH-2: MOR deleted from SST cells vs intact, under <paramref name="hypothesis"/>.</summary>
    public static KnockoutComparison KnockoutRatios(Func<Scenario, SimulationResult> run, string hypothesis = Hypotheses.MorGated)
    {
        var intact = run(MechanismScenarios.MouseKetamineAcute(hypothesis));
        var ko = run(MechanismScenarios.MouseKetamineAcute(hypothesis, MechanismScenarios.MorFromSst, "-mor-ko-sst"));
        double Peak(SimulationResult r) => TrajectoryMetrics.Peak(r.Observable(MechanismNames.PyrReactivation)).Value;
        return new KnockoutComparison(Peak(ko) / Peak(intact), BehaviourRelief(ko, 24) / BehaviourRelief(intact, 24), SpineExcess(ko, 24) / SpineExcess(intact, 24));
    }

    /// <summary>Time of the rapamycin pre-dose before ketamine, h (Li 2010 pretreated before ketamine).</summary>
    public const double RapamycinLeadHours = 1.0;

    /// <summary>MECH-7: new-spine formation (integrated excess formation over 24 h after ketamine) with a rapamycin pre-dose, relative to ketamine alone.</summary>
    public static double RapamycinFormationRatio(Func<Scenario, SimulationResult> run)
    {
        double Formation(Scenario s)
        {
            var r = run(s);
            var f = r.Observable(MechanismNames.SpineFormationRate);
            double sum = 0;
            for (int i = 1; i < f.Length; i++) sum += 0.5 * (f[i] + f[i - 1] - 2) * (r.TimesHours[i] - r.TimesHours[i - 1]);
            return sum;
        }
        return Formation(MechanismScenarios.MouseRapamycinThenKetamine(withRapamycin: true))
             / Formation(MechanismScenarios.MouseRapamycinThenKetamine(withRapamycin: false));
    }

    /// <summary>MECH-4: spine density up by 24 h, still elevated at 7 d, back toward the stressed level by 14-21 d.</summary>
    public static ShapeVerdict SpineShape(Func<Scenario, SimulationResult> run)
    {
        var r = run(MechanismScenarios.MouseKetamineLong());
        var x = r.Observable(MechanismNames.SpineDensityRel);
        double peak = Peak(x).Value - x[0], tPeak = r.TimesHours[Peak(x).Index] / 24;
        double d1 = SpineExcess(r, 24), d7 = SpineExcess(r, 7 * 24), d14 = SpineExcess(r, 14 * 24), d21 = SpineExcess(r, 21 * 24);
        bool up = d1 >= 0.5 * peak && peak > 0;
        bool elevated = d7 >= 0.4 * peak;
        bool back = d21 <= peak / 3 && d14 < d7;
        string text = $"spine excess over stressed {x[0]:F3}: 24 h {d1:F4} ({d1 / peak:P0} of peak), 7 d {d7:F4} ({d7 / peak:P0}), 14 d {d14:F4} ({d14 / peak:P0}), 21 d {d21:F4} ({d21 / peak:P0}); peak {peak:F4} at day {tPeak:F1}. " +
            $"Criteria: 24 h ≥ 50% of peak [{(up ? "ok" : "no")}], 7 d ≥ 40% [{(elevated ? "ok" : "no")}], 21 d ≤ 33% and falling from 7 to 14 d [{(back ? "ok" : "no")}]";
        return new ShapeVerdict(up && elevated && back, text);
    }

    public sealed record EventTimes(double CircuitPeakHours, double BehaviourHalfHours, double SpineTenPercentHours, double SpineHalfHours);

    /// <summary>
    /// MECH-5 times: Pyr reactivation peak; behavioural relief at half its day-1 maximum; spine excess at
    /// 10% and 50% of its peak (single dose, stressed mouse).
    /// </summary>
    public static EventTimes Times(Func<Scenario, SimulationResult> run)
    {
        var acute = run(MechanismScenarios.MouseKetamineAcute());
        var lng = run(MechanismScenarios.MouseKetamineLong());
        double tCircuit = acute.TimesHours[Peak(acute.Observable(MechanismNames.PyrReactivation)).Index];
        var relief = acute.Observable(SymptomNames.StressBehaviourIndex).Select(v => acute.Observable(SymptomNames.StressBehaviourIndex)[0] - v).ToArray();
        double tBehaviour = FirstReach(acute.TimesHours, relief, 0.5 * Peak(relief).Value);
        var spines = lng.Observable(MechanismNames.SpineDensityRel).Select(v => v - lng.Observable(MechanismNames.SpineDensityRel)[0]).ToArray();
        double spinePeak = Peak(spines).Value;
        return new EventTimes(tCircuit, tBehaviour, FirstReach(lng.TimesHours, spines, 0.1 * spinePeak), FirstReach(lng.TimesHours, spines, 0.5 * spinePeak));
    }

    public static ShapeVerdict Ordering(Func<Scenario, SimulationResult> run)
    {
        var t = Times(run);
        bool pass = t.CircuitPeakHours < t.BehaviourHalfHours && t.BehaviourHalfHours < t.SpineTenPercentHours;
        return new ShapeVerdict(pass,
            $"Pyr reactivation peak {t.CircuitPeakHours * 60:F0} min; behavioural relief at half its day-1 maximum {t.BehaviourHalfHours:F2} h; " +
            $"spine rise measurable (10% of peak) {t.SpineTenPercentHours:F1} h, half of peak {t.SpineHalfHours:F1} h. Criterion: circuit < behaviour < spines");
    }
}
