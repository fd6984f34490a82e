using System.Globalization;
using System.Runtime.CompilerServices;
using KetaSim.Biology.Compounds;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Numerics.RandomStreams;
using KetaSim.Population.Definitions;

namespace KetaSim.Population.Sampling;

/// <summary>
/// Draws virtual subjects. Subject i's random numbers come only from (run seed, i) — a SplitMix64 stream
/// <see cref="SplitMix64.ForStream"/> — and each draw consumes a fixed amount of it, so a subject is the same
/// whichever thread, order or batch samples it (the rxode2 lesson, architecture.md). Thread-safe.
/// </summary>
public static class PopulationSampler
{
    private sealed record Prepared(CorrelatedNormal Etas, int MadrsEffect);

    private static readonly ConditionalWeakTable<PopulationDefinition, Prepared> Cache = new();

    /// <summary>Subject <paramref name="subjectIndex"/> of <paramref name="pop"/> under <paramref name="runSeed"/>.</summary>
    /// <exception cref="ModelDataException">The inclusion rule excluded all of the definition's max draws.</exception>
    public static VirtualSubject Sample(PopulationDefinition pop, ulong runSeed, long subjectIndex)
    {
        ArgumentNullException.ThrowIfNull(pop);
        ArgumentOutOfRangeException.ThrowIfNegative(subjectIndex);
        var prep = Cache.GetValue(pop, Prepare);
        var rng = SplitMix64.ForStream(runSeed, (ulong)subjectIndex);
        int n = pop.Effects.Count;
        var eta = new double[n];
        for (int draw = 1; draw <= pop.MaxDraws; draw++)
        {
            // Fixed consumption per draw: 2 normals, 3 uniforms, n correlated normals.
            double weight = Covariate(pop.WeightKg, rng.NextStandardNormal());
            double age = Covariate(pop.AgeYears, rng.NextStandardNormal());
            bool female = rng.NextBernoulli(pop.FemaleFraction);
            bool eastAsian = rng.NextBernoulli(pop.EastAsianFraction);
            bool trd = rng.NextBernoulli(pop.TreatmentResistantFraction);
            prep.Etas.Draw(ref rng, eta);

            double madrs = prep.MadrsEffect >= 0 ? PatientValue(pop.Effects[prep.MadrsEffect], eta[prep.MadrsEffect]) : PatientState.TypicalTrd.BaselineMadrs;
            if (pop.MadrsMin is { } lo && madrs < lo) continue;
            if (pop.MadrsMax is { } hi && madrs > hi) continue;
            return Build(pop, runSeed, subjectIndex, draw, weight, age, female, eastAsian, trd, eta, prep);
        }
        string field = pop.MadrsMin is not null ? "inclusion.madrs_min" : "inclusion.madrs_max";
        throw new ModelDataException(pop.SourceFile, pop.LineOf(field), field,
            (pop.MadrsMin ?? pop.MadrsMax)?.ToString(CultureInfo.InvariantCulture),
            $"population '{pop.Name}': inclusion rule {pop.InclusionText} excluded all of {pop.MaxDraws} draws (subject {subjectIndex}); " +
            "relax the rule, move the baseline-MADRS distribution, or raise inclusion.max_draws");
    }

    /// <summary>Fraction of draws the inclusion rule accepts, estimated from <paramref name="draws"/> draws of a stream
    /// no subject uses (1 without a rule).</summary>
    public static double InclusionRate(PopulationDefinition pop, ulong runSeed, int draws = 4000)
    {
        ArgumentNullException.ThrowIfNull(pop);
        if (pop.MadrsMin is null && pop.MadrsMax is null) return 1;
        var prep = Cache.GetValue(pop, Prepare);
        var rng = SplitMix64.ForStream(runSeed ^ 0x5EED_1AC1_0000_0000UL, ulong.MaxValue);
        var eta = new double[pop.Effects.Count];
        int passed = 0;
        for (int d = 0; d < draws; d++)
        {
            rng.NextStandardNormal();
            rng.NextStandardNormal();
            rng.NextBernoulli(pop.FemaleFraction);
            rng.NextBernoulli(pop.EastAsianFraction);
            rng.NextBernoulli(pop.TreatmentResistantFraction);
            prep.Etas.Draw(ref rng, eta);
            double madrs = prep.MadrsEffect >= 0 ? PatientValue(pop.Effects[prep.MadrsEffect], eta[prep.MadrsEffect]) : PatientState.TypicalTrd.BaselineMadrs;
            if (pop.MadrsMin is { } lo && madrs < lo) continue;
            if (pop.MadrsMax is { } hi && madrs > hi) continue;
            passed++;
        }
        return passed / (double)draws;
    }

    /// <summary>
    /// Refuses, before anything runs, an inclusion rule so strict that some of <paramref name="subjects"/> subjects
    /// would likely find no eligible draw within <c>max_draws</c> (expected failures above 1 in 1000 runs).
    /// </summary>
    /// <exception cref="ModelDataException">The rule is too strict for this many subjects.</exception>
    public static void CheckInclusion(PopulationDefinition pop, ulong runSeed, long subjects)
    {
        ArgumentNullException.ThrowIfNull(pop);
        double rate = InclusionRate(pop, runSeed);
        if (rate >= 1) return;
        double expectedFailures = subjects * Math.Pow(1 - rate, pop.MaxDraws);
        if (rate > 0 && expectedFailures < 1e-3) return;
        string field = pop.MadrsMin is not null ? "inclusion.madrs_min" : "inclusion.madrs_max";
        string pct = (100 * rate).ToString(rate > 0 && rate < 0.01 ? "0.###" : "0.#", CultureInfo.InvariantCulture);
        throw new ModelDataException(pop.SourceFile, pop.LineOf(field), field,
            (pop.MadrsMin ?? pop.MadrsMax)?.ToString(CultureInfo.InvariantCulture),
            $"population '{pop.Name}': inclusion rule {pop.InclusionText} accepts about {pct}% of draws, so with max_draws {pop.MaxDraws} " +
            $"some of {subjects} subjects would find no eligible draw; allowed: a rule that accepts enough draws (relax it, move the baseline-MADRS distribution, or raise inclusion.max_draws)");
    }

    /// <summary>Subjects first..first+count−1 (in parallel; the result does not depend on how).</summary>
    public static VirtualSubject[] SampleMany(PopulationDefinition pop, ulong runSeed, int count, long first = 0, int maxDegreeOfParallelism = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new VirtualSubject[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            i => result[i] = Sample(pop, runSeed, first + i));
        return result;
    }

    private static VirtualSubject Build(PopulationDefinition pop, ulong runSeed, long index, int draws, double weight, double age,
        bool female, bool eastAsian, bool trd, double[] eta, Prepared prep)
    {
        var basePatient = pop.Species == Species.Mouse ? PatientState.TypicalTrd with { TreatmentResistant = false } : PatientState.TypicalTrd;
        var values = new double[6];
        values[(int)PatientField.StressSeverity] = basePatient.StressSeverity;
        values[(int)PatientField.BaselineMadrs] = basePatient.BaselineMadrs;
        values[(int)PatientField.Responsiveness] = basePatient.Responsiveness;
        values[(int)PatientField.PlaceboResponsiveness] = basePatient.PlaceboResponsiveness;
        values[(int)PatientField.SerotonergicResponsiveness] = basePatient.SerotonergicResponsiveness;
        values[(int)PatientField.BaselineSuicidalThoughts] = basePatient.BaselineSuicidalThoughts;
        var parameterEffects = new List<ParameterEffect>();
        var etas = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int k = 0; k < pop.Effects.Count; k++)
        {
            var e = pop.Effects[k];
            etas[e.Name] = eta[k];
            double applied = e.AppliedEta(eta[k]);
            if (e.Patient is { } f) values[(int)f] = PatientValue(e, applied);
            else foreach (var p in e.Parameters) parameterEffects.Add(new ParameterEffect(p, e.Scale, applied));
        }
        return new VirtualSubject
        {
            Population = pop.Name,
            RunSeed = runSeed,
            Index = index,
            Draws = draws,
            Subject = new Subject
            {
                Species = pop.Species,
                WeightKg = weight,
                AgeYears = age,
                Sex = female ? Sex.Female : Sex.Male,
                EastAsian = eastAsian,
            },
            Patient = basePatient with
            {
                StressSeverity = values[(int)PatientField.StressSeverity],
                BaselineMadrs = values[(int)PatientField.BaselineMadrs],
                Responsiveness = values[(int)PatientField.Responsiveness],
                PlaceboResponsiveness = values[(int)PatientField.PlaceboResponsiveness],
                SerotonergicResponsiveness = values[(int)PatientField.SerotonergicResponsiveness],
                // Item 10 is one of the ten MADRS items: within 0-6, never above the total nor below what the nine others (≤ 54) leave.
                BaselineSuicidalThoughts = Math.Clamp(values[(int)PatientField.BaselineSuicidalThoughts],
                    Math.Max(0, values[(int)PatientField.BaselineMadrs] - 54), Math.Min(6, values[(int)PatientField.BaselineMadrs])),
                TreatmentResistant = trd,
            },
            ParameterEffects = parameterEffects,
            Etas = etas,
        };
    }

    private static double Covariate(CovariateDistribution d, double z)
    {
        double v = d.LogNormal ? d.Center * Math.Exp(EffectMath.OmegaFromCv(d.Spread) * z) : d.Center + d.Spread * z;
        return Math.Clamp(v, d.Min, d.Max);
    }

    private static double PatientValue(RandomEffect e, double eta)
    {
        double typical = e.Typical ?? e.Patient switch
        {
            PatientField.StressSeverity => PatientState.TypicalTrd.StressSeverity,
            PatientField.BaselineMadrs => PatientState.TypicalTrd.BaselineMadrs,
            PatientField.Responsiveness => PatientState.TypicalTrd.Responsiveness,
            PatientField.PlaceboResponsiveness => PatientState.TypicalTrd.PlaceboResponsiveness,
            PatientField.BaselineSuicidalThoughts => PatientState.TypicalTrd.BaselineSuicidalThoughts,
            _ => PatientState.TypicalTrd.SerotonergicResponsiveness,
        };
        double v = EffectMath.Apply(typical, eta, e.Scale);
        if (e.Min is { } lo) v = Math.Max(v, lo);
        if (e.Max is { } hi) v = Math.Min(v, hi);
        return v;
    }

    /// <summary>Covariance Ω = D·R·D (D = diag ω) factored once per definition; definitions validate R, so this cannot fail for read ones.</summary>
    private static Prepared Prepare(PopulationDefinition pop)
    {
        int n = pop.Effects.Count;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < n; k++) index[pop.Effects[k].Name] = k;
        var cov = new double[n, n];
        for (int k = 0; k < n; k++) cov[k, k] = pop.Effects[k].Omega * pop.Effects[k].Omega;
        foreach (var c in pop.Correlations)
        {
            if (!index.TryGetValue(c.First, out int a) || !index.TryGetValue(c.Second, out int b))
                throw new ModelDataException(pop.SourceFile, pop.LineOf("correlations"), "correlations", $"{c.First}, {c.Second}",
                    $"names an effect that population '{pop.Name}' does not have; effects: {string.Join(", ", index.Keys)}");
            cov[a, b] = cov[b, a] = c.R * pop.Effects[a].Omega * pop.Effects[b].Omega;
        }
        CorrelatedNormal normal;
        try { normal = new CorrelatedNormal(cov); }
        catch (ArgumentException ex)
        {
            throw new ModelDataException(pop.SourceFile, pop.LineOf("correlations"), "correlations", null,
                $"the correlations of population '{pop.Name}' do not form a valid correlation matrix ({ex.Message.Split(" (Parameter")[0]}); lower some |r|");
        }
        int madrs = -1;
        for (int k = 0; k < n; k++) if (pop.Effects[k].Patient == PatientField.BaselineMadrs) madrs = k;
        return new Prepared(normal, madrs);
    }
}
