using Platform.ServiceDefaults.Domain;

namespace Platform.Inspections.Domain;

/// <summary>An Ofsted inspection or visit: dates on site, publication, judgements and areas for improvement.</summary>
public sealed class Inspection : Entity
{
    private Inspection() { }

    public Inspection(Guid id, string type, DateOnly onSiteFrom, DateOnly onSiteTo, DateOnly? publishedOn, string? reference)
    {
        if (!InspectionTypes.All.Contains(type)) throw DomainRuleException.ForField("type", $"Unknown inspection type '{type}'.");
        if (onSiteTo < onSiteFrom) throw DomainRuleException.ForField("onSiteTo", "The last day on site cannot be before the first.");
        if (publishedOn is { } published && published < onSiteTo)
        {
            throw DomainRuleException.ForField("publishedOn", "A report cannot be published before the inspectors left.");
        }
        Id = id;
        Type = type;
        OnSiteFrom = onSiteFrom;
        OnSiteTo = onSiteTo;
        PublishedOn = publishedOn;
        Reference = reference;
    }

    public Guid Id { get; private set; }

    public string Type { get; private set; } = "";

    public DateOnly OnSiteFrom { get; private set; }

    public DateOnly OnSiteTo { get; private set; }

    /// <summary>Publication of the report or letter; judgements count from this date.</summary>
    public DateOnly? PublishedOn { get; private set; }

    /// <summary>Ofsted's reference (URN or report number), if known.</summary>
    public string? Reference { get; private set; }

    public List<Judgement> Judgements { get; private set; } = [];

    public List<AreaForImprovement> Areas { get; private set; } = [];

    public bool IsGraded => InspectionTypes.Graded.Contains(Type);

    public string? OverallEffectiveness => Judgements.FirstOrDefault(j => j.Type == JudgementTypes.OverallEffectiveness)?.Grade;

    /// <summary>Records the inspectors' judgements as published; the overall effectiveness judgement is required.</summary>
    public void RecordJudgements(DateOnly publishedOn, IReadOnlyList<(string Type, string Grade)> judgements)
    {
        ArgumentNullException.ThrowIfNull(judgements);
        if (!IsGraded) throw DomainRuleException.Conflict($"A {Type} is not graded; it publishes a letter without judgements.");
        if (Judgements.Count > 0) throw DomainRuleException.Conflict("The judgements of this inspection are already recorded.");
        if (publishedOn < OnSiteTo) throw DomainRuleException.ForField("publishedOn", $"Cannot be before the last day on site ({OnSiteTo:yyyy-MM-dd}).");
        if (judgements.All(j => j.Type != JudgementTypes.OverallEffectiveness))
        {
            throw DomainRuleException.ForField("judgements", "The overall effectiveness judgement is required.");
        }
        if (judgements.Select(j => j.Type).Distinct(StringComparer.Ordinal).Count() != judgements.Count)
        {
            throw DomainRuleException.ForField("judgements", "Each judgement type can be graded once.");
        }
        foreach (var (type, grade) in judgements) Judgements.Add(new Judgement(Guid.CreateVersion7(), Id, type, grade));
        PublishedOn = publishedOn;
        Raise(new InspectionJudgementRecordedDomainEvent(Id, Type, publishedOn, OverallEffectiveness!, [.. Judgements]));
    }

    public AreaForImprovement AddArea(string code, string title, string? detail, bool isPriorityAction)
    {
        if (Areas.Any(a => a.Code == code)) throw DomainRuleException.Conflict($"Area {code} is already recorded.", "code");
        var area = new AreaForImprovement(Guid.CreateVersion7(), Id, code, title, detail, isPriorityAction);
        Areas.Add(area);
        return area;
    }
}

/// <summary>One graded judgement of an inspection.</summary>
public sealed class Judgement
{
    private Judgement() { }

    internal Judgement(Guid id, Guid inspectionId, string type, string grade)
    {
        if (!JudgementTypes.All.Contains(type)) throw DomainRuleException.ForField("judgements", $"Unknown judgement type '{type}'.");
        if (!Grades.All.Contains(grade)) throw DomainRuleException.ForField("judgements", $"Unknown grade '{grade}'.");
        Id = id;
        InspectionId = inspectionId;
        Type = type;
        Grade = grade;
    }

    public Guid Id { get; private set; }

    public Guid InspectionId { get; private set; }

    public string Type { get; private set; } = "";

    public string Grade { get; private set; } = "";
}

/// <summary>An area for improvement ("what needs to improve") or an area for priority action, as a structured finding.</summary>
public sealed class AreaForImprovement
{
    private AreaForImprovement() { }

    internal AreaForImprovement(Guid id, Guid inspectionId, string code, string title, string? detail, bool isPriorityAction)
    {
        Id = id;
        InspectionId = inspectionId;
        Code = code;
        Title = title;
        Detail = detail;
        IsPriorityAction = isPriorityAction;
    }

    public Guid Id { get; private set; }

    public Guid InspectionId { get; private set; }

    /// <summary>Unique code the plan's actions and the indicators link to, e.g. <c>AFI-03</c>.</summary>
    public string Code { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string? Detail { get; private set; }

    public bool IsPriorityAction { get; private set; }
}
