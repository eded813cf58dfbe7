namespace Platform.Placements.Domain.Ssda903;

/// <summary>
/// The DfE's 903 validation rules for the Header and Episodes tables, by DfE rule number and message (docs/placements.md
/// lists them, with the few places this platform deliberately differs from the public reference validator). Each rule is
/// a small function of one child's rows; a rule of a new collection year is added with its <c>FromYear</c>.
/// </summary>
public static partial class Ssda903RuleSet
{
    private static readonly HashSet<string> Ethnicities = new(
        ["WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH",
         "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"], StringComparer.Ordinal);

    private static readonly HashSet<string> ReasonsForNewEpisode = new(["S", "L", "P", "T", "B", "U"], StringComparer.Ordinal);

    private static readonly HashSet<string> LegalStatuses = new(
        ["C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3"], StringComparer.Ordinal);

    private static readonly HashSet<string> CategoriesOfNeed = new(["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"], StringComparer.Ordinal);

    private static readonly HashSet<string> Providers = new(["PR0", "PR1", "PR2", "PR3", "PR4", "PR5"], StringComparer.Ordinal);

    private static readonly HashSet<string> ReasonsCeased = new(
        ["X1", "E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E45", "E46", "E47", "E48", "E5", "E6", "E7", "E8", "E9",
         "E14", "E15", "E16", "E17"], StringComparer.Ordinal);

    private static readonly HashSet<string> ReasonsPlaceChange = new(
        ["CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ", "PLACE", "CUSTOD", "OTHER"], StringComparer.Ordinal);

    private static readonly HashSet<string> Temporary = new(["T0", "T1", "T2", "T3", "T4"], StringComparer.Ordinal);

    private static readonly HashSet<string> Foster = new(["U1", "U2", "U3", "U4", "U5", "U6"], StringComparer.Ordinal);

    private static readonly HashSet<string> Adoption = new(["A3", "A4", "A5", "A6"], StringComparer.Ordinal);

    /// <summary>Children Act 1989 commencement: no episode starts earlier (rule 353).</summary>
    public static readonly DateOnly EarliestEpisodeStart = new(1991, 10, 14);

    public static readonly IReadOnlyList<Ssda903Rule> All = Build();

    private static List<Ssda903Rule> Build()
    {
        var rules = new List<Ssda903Rule>();
        void Header(string code, string[] fields, string message, Func<RuleContext, Ssda903Row, bool> when, int from = 2000, int until = int.MaxValue) =>
            rules.Add(new Ssda903Rule(code, Ssda903Table.Header, fields, message, c => c.Child.Header.Where(r => when(c, r))) { FromYear = from, UntilYear = until });
        void Episode(string code, string[] fields, string message, Func<RuleContext, Ssda903Row, bool> when, int from = 2000, int until = int.MaxValue) =>
            rules.Add(new Ssda903Rule(code, Ssda903Table.Episodes, fields, message, c => c.Child.Episodes.Where(r => when(c, r))) { FromYear = from, UntilYear = until });
        void Child(string code, Ssda903Table table, string[] fields, string message, Func<RuleContext, IEnumerable<Ssda903Row>> check) =>
            rules.Add(new Ssda903Rule(code, table, fields, message, check));

        // Header: one row per child.
        Header("101", ["SEX"], "Gender code is not valid.", (c, r) => r["SEX"] is not { } sex || !c.Spec.Sex.Contains(sex));
        Header("102", ["DOB"], "Date of birth is not a valid date.", (_, r) => r.Date("DOB") is null);
        Header("103", ["ETHNIC"], "The ethnicity code is either not valid or has not been entered.", (_, r) => r["ETHNIC"] is not { } e || !Ethnicities.Contains(e));

        // Episodes: codes and dates of one row.
        Episode("141", ["DECOM"], "Date episode began is not a valid date.", (_, r) => r.Date("DECOM") is null);
        Episode("143", ["RNE"], "The code entered for the reason for new episode is not a valid code.", (_, r) => r["RNE"] is not { } v || !ReasonsForNewEpisode.Contains(v));
        Episode("144", ["LS"], "The legal status code is not a valid code.", (_, r) => r["LS"] is not { } v || !LegalStatuses.Contains(v));
        Episode("145", ["CIN"], "Category of need code is not a valid code.", (_, r) => r["CIN"] is not { } v || !CategoriesOfNeed.Contains(v));
        Episode("146", ["PLACE"], "Placement type is not a valid code.", (c, r) => r["PLACE"] is not { } v || !c.Spec.PlacementTypes.Contains(v));
        Episode("147", ["DEC"], "Date episode ceased is not a valid date.", (_, r) => r.IsBadDate("DEC"));
        Episode("149", ["REC"], "Reason episode ceased is not a valid code.", (_, r) => r["REC"] is { } v && !ReasonsCeased.Contains(v));
        Episode("178", ["PLACE_PROVIDER", "PLACE"], "Placement provider code is not a valid code, or is given for a placement that must have none.",
            (c, r) => r["PLACE_PROVIDER"] is { } p && (!Providers.Contains(p) || (r["PLACE"] is { } place && c.Spec.PlacementsWithoutProvider.Contains(place))));
        Episode("1009", ["REASON_PLACE_CHANGE"], "Reason for placement change is not a valid code.", (_, r) => r["REASON_PLACE_CHANGE"] is { } v && !ReasonsPlaceChange.Contains(v));
        Episode("148", ["DEC", "REC"], "Date of episode ceasing and reason episode ceased must both be entered or both be blank.", (_, r) => r["DEC"] is null != r["REC"] is null);
        Episode("356", ["DEC"], "The date the episode ceased is before the date the same episode started.", (_, r) => r.Date("DEC") < r.Date("DECOM"));
        Episode("355", ["DECOM", "DEC"], "Episode appears to have lasted for less than 24 hours.", (_, r) => r.Date("DEC") is { } end && end == r.Date("DECOM"));
        Episode("385", ["DEC"], "Date episode ceased must be on or before the end of the current collection year.", (c, r) => r.Date("DEC") > c.CollectionEnd);
        Episode("353", ["DECOM"], "No data should be returned on children who started to be looked after before 14 October 1991 (Children Act 1989 commencement date).",
            (_, r) => r.Date("DECOM") < EarliestEpisodeStart);
        Episode("302", ["DECOM"], "First episode starts before child was born.", (c, r) => r.Date("DECOM") < c.Child.DateOfBirth);
        Episode("352", ["RNE", "DECOM"], "Child who started to be looked after was aged 18 or over.",
            (c, r) => r["RNE"] == "S" && AgeOn(c.Child.DateOfBirth, r.Date("DECOM")) >= 18);

        // Placement, provider and legal status combinations.
        Episode("526", ["PLACE", "PLACE_PROVIDER"], "Placement provider is missing.",
            (c, r) => r["PLACE_PROVIDER"] is null && r["PLACE"] is { } place && c.Spec.PlacementTypes.Contains(place) && !c.Spec.PlacementsWithoutProvider.Contains(place));
        Episode("527", ["PLACE", "PLACE_PROVIDER"], "A placement provider code of PR1 cannot be associated with placement P1, R2 or R5.",
            (_, r) => r["PLACE_PROVIDER"] == "PR1" && r["PLACE"] is "P1" or "R2" or "R5");
        Episode("528", ["PLACE", "PLACE_PROVIDER"], "A placement provider code of PR2 cannot be associated with placements P1, R2 or R5.",
            (_, r) => r["PLACE_PROVIDER"] == "PR2" && r["PLACE"] is "P1" or "R2" or "R5");
        Episode("529", ["PLACE", "PLACE_PROVIDER"], "Placement provider of PR3 cannot be used with a placement type of P1, A3–A6, K1, K2 or U1–U6.",
            (_, r) => r["PLACE_PROVIDER"] == "PR3" && r["PLACE"] is { } p && (p is "P1" or "K1" or "K2" || Adoption.Contains(p) || Foster.Contains(p)));
        Episode("530", ["PLACE", "PLACE_PROVIDER"], "A placement provider of PR4 cannot be associated with placement P1.",
            (_, r) => r["PLACE_PROVIDER"] == "PR4" && r["PLACE"] == "P1");
        Episode("531", ["PLACE", "PLACE_PROVIDER"], "A placement provider code of PR5 cannot be associated with placement P1.",
            (_, r) => r["PLACE_PROVIDER"] == "PR5" && r["PLACE"] == "P1");
        Episode("550", ["PLACE", "PLACE_PROVIDER"], "A placement provider code of PR0 can only be associated with placement P1.",
            (_, r) => r["PLACE_PROVIDER"] == "PR0" && r["PLACE"] is { } p && p != "P1");
        Episode("378", ["LS", "PLACE"], "A child who is placed with parent(s) cannot be looked after under a single period of accommodation under Section 20 of the Children Act 1989.",
            (_, r) => r["PLACE"] == "P1" && r["LS"] == "V2");
        Episode("408", ["LS", "PLACE"], "Child is placed for adoption with a placement order, but legal status does not show this.",
            (_, r) => r["PLACE"] is "A5" or "A6" && r["LS"] != "E1");
        Episode("384", ["LS", "PLACE"], "A child receiving respite cannot be recorded under a long-term foster placement.",
            (_, r) => r["LS"] is "V3" or "V4" && r["PLACE"] is "U1" or "U4");
        Episode("382", ["LS", "PLACE"], "A child receiving respite care cannot be in a temporary placement.",
            (_, r) => r["LS"] is "V3" or "V4" && r["PLACE"] is { } p && Temporary.Contains(p));
        Episode("380", ["PLACE", "RNE"], "A period of care cannot start with a temporary placement.",
            (_, r) => r["PLACE"] is { } p && Temporary.Contains(p) && r["RNE"] is { } rne && rne is not ("P" or "B"));

        // Ages at the start or end of an episode.
        Episode("371", ["PLACE", "DECOM"], "Child in semi-independent living accommodation is under 14.",
            (c, r) => r["PLACE"] == "H5" && AgeOn(c.Child.DateOfBirth, r.Date("DECOM")) < 14, until: 2023);
        Episode("371", ["PLACE", "DECOM"], "Child in supported accommodation is under 16.",
            (c, r) => r["PLACE"] == "K3" && AgeOn(c.Child.DateOfBirth, r.Date("DECOM")) < 16, from: 2024);
        Episode("372", ["PLACE", "DECOM"], "Child in youth custody or prison is under 10.", (c, r) => r["PLACE"] == "R5" && AgeOn(c.Child.DateOfBirth, r.Date("DECOM")) < 10);
        Episode("373", ["PLACE", "DECOM"], "Child in a residential school is under 4.", (c, r) => r["PLACE"] == "S1" && AgeOn(c.Child.DateOfBirth, r.Date("DECOM")) < 4);
        Episode("374", ["PLACE", "DECOM"], "Child in residential employment is under 14.", (c, r) => r["PLACE"] == "P3" && AgeOn(c.Child.DateOfBirth, r.Date("DECOM")) < 14);
        Episode("386", ["REC", "DEC"], "Reason episode ceased is adopted but child has reached age 18.",
            (c, r) => r["REC"] is "E11" or "E12" && AgeOn(c.Child.DateOfBirth, r.Date("DEC")) >= 18);
        Episode("387", ["REC", "DEC"], "Reason episode ceased is child moved into independent living arrangement, but the child is aged under 14.",
            (c, r) => r["REC"] is "E5" or "E6" && AgeOn(c.Child.DateOfBirth, r.Date("DEC")) < 14);
        Episode("389", ["REC", "DEC"], "Reason episode ceased is that child transferred to care of adult social care services, but child is aged under 16.",
            (c, r) => r["REC"] == "E7" && AgeOn(c.Child.DateOfBirth, r.Date("DEC")) < 16);
        Episode("460", ["REC", "DEC"], "Reason episode ceased is that child stayed with current carers at age 18 (or above), but child is aged under 18.",
            (c, r) => r["REC"] == "E17" && AgeOn(c.Child.DateOfBirth, r.Date("DEC")) < 18);
        Episode("390", ["REC", "PLACE"], "Reason episode ceased is adopted but child has not been previously placed for adoption.",
            (_, r) => r["REC"] is "E11" or "E12" && r["PLACE"] is { } p && !Adoption.Contains(p));
        Episode("516", ["REC", "PLACE"], "The episode data submitted indicates the episode has ceased with a special guardianship order to former foster carers, but the placement is not a foster placement.",
            (_, r) => r["REC"] is "E45" or "E46" && r["PLACE"] is { } p && !Foster.Contains(p));
        Episode("226", ["REASON_PLACE_CHANGE", "PLACE"], "Reason for placement change is not required.",
            (_, r) => r["REASON_PLACE_CHANGE"] is not null && r["PLACE"] is { } p && Temporary.Contains(p));

        // Sequences: one child's episodes in DECOM order.
        Child("142", Ssda903Table.Episodes, ["DEC", "REC"], "A new episode has started, but the previous episode has not ended.",
            c => Pairs(c).Where(p => p.Previous.Date("DEC") is null || p.Previous["REC"] is null).Select(p => p.Previous));
        Child("501", Ssda903Table.Episodes, ["DECOM", "DEC"], "A new episode has started before the end date of the previous episode.",
            c => Pairs(c).Where(p => p.Previous.Date("DEC") is { } end && p.Next.Date("DECOM") < end).Select(p => p.Next));
        Child("433", Ssda903Table.Episodes, ["RNE", "DECOM"], "The reason for new episode suggests that this is a continuation episode, but the episode start date does not match the previous episode end date.",
            c => Pairs(c).Where(p => p.Next["RNE"] is "L" or "P" or "T" or "B" or "U" && p.Previous.Date("DEC") is { } end && p.Next.Date("DECOM") != end).Select(p => p.Next));
        Child("431", Ssda903Table.Episodes, ["RNE", "DECOM"], "The reason for new episode is started to be looked after, but the previous episode ended on the same day.",
            c => Pairs(c).Where(p => p.Next["RNE"] == "S" && p.Previous.Date("DEC") is { } end && p.Next.Date("DECOM") == end).Select(p => p.Next));
        Child("388", Ssda903Table.Episodes, ["REC"], "Reason episode ceased is coded new episode begins, but there is no continuation episode.",
            c => c.Child.EpisodesByStart.Select((e, i) => (e, i)).Where(x => x.e["REC"] == "X1" && !Continues(c, x.i)).Select(x => x.e));
        Child("437", Ssda903Table.Episodes, ["REC"], "Reason episode ceased is child has died or is aged 18 or over, but there are further episodes.",
            c => Pairs(c).Where(p => p.Previous["REC"] is "E2" or "E15").Select(p => p.Previous));
        Child("225", Ssda903Table.Episodes, ["REASON_PLACE_CHANGE"], "Reason for placement change must be recorded.",
            c => Pairs(c).Where(p => p.Previous["REC"] == "X1" && p.Next["RNE"] is "P" or "B" or "T" or "U"
                && p.Previous["PLACE"] is { } a && !Temporary.Contains(a) && p.Next["PLACE"] is { } b && !Temporary.Contains(b)
                && p.Previous["REASON_PLACE_CHANGE"] is null).Select(p => p.Previous));
        Child("357", Ssda903Table.Episodes, ["RNE"], "If this is the first episode ever for this child, reason for new episode must be S.",
            c => c.Child.EpisodesByStart.Take(1).Where(e => e.Date("DECOM") >= c.CollectionStart && e["RNE"] is { } rne && rne != "S"));

        return rules;
    }

    /// <summary>Consecutive pairs of the child's episodes in DECOM order.</summary>
    private static IEnumerable<(Ssda903Row Previous, Ssda903Row Next)> Pairs(RuleContext context)
    {
        var episodes = context.Child.EpisodesByStart;
        for (var i = 0; i + 1 < episodes.Count; i++) yield return (episodes[i], episodes[i + 1]);
    }

    /// <summary>Whether the episode at <paramref name="index"/> is followed, the day it ended, by a continuation episode.</summary>
    private static bool Continues(RuleContext context, int index)
    {
        var episodes = context.Child.EpisodesByStart;
        if (index + 1 >= episodes.Count) return false;
        var next = episodes[index + 1];
        return next.Date("DECOM") == episodes[index].Date("DEC") && next["RNE"] is "L" or "P" or "T" or "B" or "U";
    }

    /// <summary>Age in whole years on a date, or null when either date is unknown.</summary>
    public static int? AgeOn(DateOnly? dateOfBirth, DateOnly? date)
    {
        if (dateOfBirth is not { } born || date is not { } on) return null;
        var age = on.Year - born.Year;
        if (on < born.AddYears(age)) age--;
        return age;
    }
}
