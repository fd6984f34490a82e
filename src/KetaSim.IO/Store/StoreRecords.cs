using System.Reflection;

namespace KetaSim.IO.Store;

/// <summary>The one row of the <c>run</c> table: what was run, by which model build, with which seed.</summary>
public sealed record RunInfo(
    string RunId,
    DateTime CreatedUtc,
    string ModelVersion,
    long Seed,
    int NSubjects,
    string TrialName,
    string Definition,
    string ParametersJson)
{
    /// <summary>A new run: fresh id, now, and this build's informational version.</summary>
    public static RunInfo New(long seed, int nSubjects, string trialName, string definition, string parametersJson) =>
        new(Guid.NewGuid().ToString("N"), DateTime.UtcNow, CurrentModelVersion, seed, nSubjects, trialName, definition, parametersJson);

    /// <summary>The informational version of KetaSim.IO (e.g. <c>0.1.0+commit</c>).</summary>
    public static string CurrentModelVersion { get; } =
        typeof(RunInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}

/// <summary>One scheduled assessment of one subject. Nulls mean "not observed" (e.g. after dropout).</summary>
public sealed record VisitRecord(double VisitH, double? Madrs, double? MadrsChange, bool? Response, bool? Remission);

/// <summary>Something that happened to one subject at a time. <see cref="Kind"/> is lower_snake_case,
/// see <see cref="EventKinds"/>; <see cref="Detail"/> is free text (e.g. JSON) or null.</summary>
public sealed record EventRecord(double TimeH, string Kind, string? Detail = null);

/// <summary>One dosing session of one subject (trials with a safety block): given or held, pre-dose values and the extremes
/// within the window after the dose. Nulls where the value does not exist (a held session has no peaks).</summary>
public sealed record SessionRecord(double TimeH, bool Held, double? PreSbpMmHg, double? PreDbpMmHg, double? PeakSbpMmHg, double? PeakDbpMmHg,
    double? PreCadss, double? PeakCadss, double? MinMoaas, double? PeakDrugLiking);

/// <summary>The usual event kinds; the store accepts any lower_snake_case kind.</summary>
public static class EventKinds
{
    public const string Dropout = "dropout";
    public const string Relapse = "relapse";
    public const string DoseHeld = "dose_held";
    public const string Response = "response";
    public const string Remission = "remission";
    public const string AdverseEvent = "adverse_event";
    /// <summary>Start of a re-treatment course of a dosing rule (<c>retreat_when</c>).</summary>
    public const string Retreatment = "retreatment";
}

/// <summary>Everything the store keeps about one simulated subject; written atomically.</summary>
/// <param name="Covariates">One value per covariate column declared when the store was created (names must match exactly).</param>
public sealed record SubjectRecord(
    int SubjectIndex,
    string Arm,
    bool Included,
    IReadOnlyDictionary<string, double> Covariates,
    IReadOnlyList<VisitRecord> Visits,
    IReadOnlyList<EventRecord> Events)
{
    /// <summary>Dosing sessions in time order (the <c>sessions</c> table); empty for runs without safety endpoints.</summary>
    public IReadOnlyList<SessionRecord> Sessions { get; init; } = [];

    /// <summary>Suicidality ratings, baseline first (the <c>ratings</c> table); empty for runs without suicidality endpoints.</summary>
    public IReadOnlyList<RatingRecord> Ratings { get; init; } = [];
}

/// <summary>MADRS item 10 and the CGI-SS-r style severity at one visit (<see cref="Visit"/> −1: the baseline, t = 0); NULL when not observed.</summary>
public sealed record RatingRecord(int Visit, double VisitH, double? Item10, double? CgiSsR);

/// <summary>Per arm and visit, over included subjects with an observed MADRS. Variances are sample variances
/// (null when fewer than two observations).</summary>
public sealed record VisitSummary(
    string Arm,
    double VisitH,
    long N,
    double? MeanMadrs,
    double? VarMadrs,
    double? MeanChange,
    double? VarChange,
    long NResponse,
    long NRemission);

/// <summary>Per arm: subjects stored, how many were included, and how many of those had a dropout event.</summary>
public sealed record ArmSummary(string Arm, long NSubjects, long NIncluded, long NDropouts);
