using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Platform.Contracts.Workforce.V1;
using Platform.Placements.Domain;
using Platform.Placements.Domain.Ssda903;
using Platform.ServiceDefaults.Messaging;
using Platform.Bench.Micro;

// In-process hot paths of the platform, with allocations: ./platform bench runs these (not in --quick) and copies
// BenchmarkDotNet's GitHub-markdown table into bench/results.md. Arguments are passed to BenchmarkSwitcher.
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromTypes([typeof(Ssda903ChildValidation), typeof(EventSerialisation), typeof(KpiComputation)]).Run(args, config);

namespace Platform.Bench.Micro
{

/// <summary>One child's return (a header row and four episodes) checked against every 2013-14 rule: done for every child of an import.</summary>
[MemoryDiagnoser]
public class Ssda903ChildValidation
{
    private readonly Ssda903Validator _validator = new(2013, "E06000021", postcodesLoaded: false);
    private ChildReturn _valid = new(null);
    private ChildReturn _invalid = new(null);

    [GlobalSetup]
    public void Setup()
    {
        _valid = Child(["B000100001", "1", "01/03/2004", "WBRI", "UN1", null, null], "C1", "N1");
        _invalid = Child(["B000100001", "9", "31/02/2004", "XXXX", "UN1", null, null], "W1", "N9");
    }

    [Benchmark]
    public int ValidChildChecked() => _validator.Validate(_valid).Count();

    [Benchmark]
    public int InvalidChildChecked() => _validator.Validate(_invalid).Count();

    private static ChildReturn Child(string?[] header, string legalStatus, string categoryOfNeed)
    {
        var child = new ChildReturn(header[0]);
        child.Add(new Ssda903Row(Ssda903Tables.Header, 2, header));
        string?[][] episodes =
        [
            [header[0], "01/04/2013", "S", legalStatus, categoryOfNeed, "U6", "PR1", "01/05/2013", "X1", "CARPL", "ST4 1QJ", "ST6 5HS", null],
            [header[0], "01/05/2013", "P", "C2", categoryOfNeed, "U4", "PR4", "31/05/2013", "X1", "CREQB", "ST4 1QJ", "ST3 2AB", null],
            [header[0], "31/05/2013", "P", "C2", categoryOfNeed, "K2", "PR4", "30/06/2013", "X1", "CHILD", "ST4 1QJ", "ST1 3DE", "SC123456"],
            [header[0], "30/06/2013", "P", "C2", categoryOfNeed, "U4", "PR1", "30/07/2013", "E4A", null, "ST4 1QJ", "ST4 1QJ", null],
        ];
        for (var i = 0; i < episodes.Length; i++) child.Add(new Ssda903Row(Ssda903Tables.Episodes, i + 2, episodes[i]));
        return child;
    }
}

/// <summary>An integration event to its outbox JSON and back (what the outbox and the dispatcher do per event).</summary>
[MemoryDiagnoser]
public class EventSerialisation
{
    private readonly PostCreated _event = new(Guid.NewGuid(), "CIC-1", "social-worker", "SW3", 1m, 45_000m, "3.4.1", new DateOnly(2025, 4, 1));
    private string _json = "";

    [GlobalSetup]
    public void Setup() => _json = JsonSerializer.Serialize(_event, typeof(PostCreated), ContractJson.Options);

    [Benchmark]
    public string Serialise() => JsonSerializer.Serialize(_event, typeof(PostCreated), ContractJson.Options);

    [Benchmark]
    public object? ResolveAndDeserialise() =>
        JsonSerializer.Deserialize(_json, ContractJson.ResolveContract(typeof(PostCreated).FullName!)!, ContractJson.Options);
}

/// <summary>Placement stability (a KPI of the improvement board) over a synthetic year of 1,000 children × 4 episodes.</summary>
[MemoryDiagnoser]
public class KpiComputation
{
    private List<EpisodeSpan> _episodes = [];
    private Dictionary<string, DateOnly> _born = [];

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateOnly(2013, 4, 1);
        for (var i = 0; i < 1_000; i++)
        {
            var child = "C" + i.ToString("D6", CultureInfo.InvariantCulture);
            _born[child] = new DateOnly(2002 + i % 10, 1 + i % 12, 1 + i % 28);
            var s = start.AddDays(i % 200);
            _episodes.Add(new EpisodeSpan(child, s, s.AddDays(30), "S", "C1"));
            _episodes.Add(new EpisodeSpan(child, s.AddDays(30), s.AddDays(60), "P", "C2"));
            _episodes.Add(new EpisodeSpan(child, s.AddDays(60), s.AddDays(90), "P", "C2"));
            _episodes.Add(new EpisodeSpan(child, s.AddDays(90), i % 3 == 0 ? null : s.AddDays(400), "P", "C2"));
        }
    }

    [Benchmark]
    public StabilityResult PlacementStability1000Children() => StabilityMeasures.Calculate(2013, _episodes, _born);
}
}
