using System.Text.RegularExpressions;

namespace Platform.Placements.Domain.Ssda903;

/// <summary>
/// The DfE's 903 validation rules for the Header and Episodes tables, by DfE rule number and message, with the
/// semantics of the field's reference validator (tests/ssda903-corpus/rules.md states each; docs/placements.md lists
/// where this platform deliberately differs). Each rule is a small function of one child's rows; the one rule across
/// children (444, duplicate UPN) runs on the staged return. Blank values are null; comparisons with a null are false and
/// "not in a list" is true for a null, as in the DfE's tools.
/// </summary>
public static partial class Ssda903RuleSet
{
    private static readonly HashSet<string> Ethnicities = Set(
        "WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH",
        "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT");

    private static readonly HashSet<string> ReasonsForNewEpisode = Set("S", "L", "P", "T", "B", "U");
    private static readonly HashSet<string> LegalStatuses = Set("C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3");
    private static readonly HashSet<string> CategoriesOfNeed = Set("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8");
    private static readonly HashSet<string> Providers = Set("PR0", "PR1", "PR2", "PR3", "PR4", "PR5");
    private static readonly HashSet<string> ReasonsCeased = Set(
        "X1", "E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E45", "E46", "E47", "E48", "E5", "E6", "E7", "E8", "E9",
        "E14", "E15", "E16", "E17");
    private static readonly HashSet<string> ReasonsPlaceChange = Set(
        "CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ", "PLACE", "CUSTOD", "OTHER");
    private static readonly HashSet<string> Temporary = Set("T0", "T1", "T2", "T3", "T4");
    private static readonly HashSet<string> Foster = Set("U1", "U2", "U3", "U4", "U5", "U6");
    private static readonly HashSet<string> Adoption = Set("A3", "A4", "A5", "A6");
    private static readonly HashSet<string> AdoptionOrFoster = Set("A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6");
    private static readonly HashSet<string> ShortBreaks = Set("V3", "V4");
    private static readonly HashSet<string> Continuations = Set("P", "L", "T", "U", "B");
    private static readonly HashSet<string> OutsideEngland = Set("CON", "NIR", "SCO", "WAL", "NUK");

    /// <summary>Placements that need no Ofsted URN (rules 218, 222), besides a year's "other" placements.</summary>
    private static readonly HashSet<string> WithoutUrn = Set("P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4");

    /// <summary>Children Act 1989 commencement: no episode starts earlier (rule 353).</summary>
    public static readonly DateOnly EarliestEpisodeStart = new(1991, 10, 14);

    public static readonly IReadOnlyList<Ssda903Rule> All = Build();

    private static List<Ssda903Rule> Build()
    {
        var rules = new List<Ssda903Rule>();
        void Header(string code, string[] fields, string message, Func<RuleContext, Ssda903Row, bool> when, int from = 2000, int until = int.MaxValue) =>
            rules.Add(new Ssda903Rule(code, Ssda903Table.Header, fields, message, c => c.Child.Header.Where(r => when(c, r)))
            { FromYear = from, UntilYear = until, RowCheck = when });
        void Episode(string code, string[] fields, string message, Func<RuleContext, Ssda903Row, bool> when, int from = 2000, int until = int.MaxValue, bool postcodes = false) =>
            rules.Add(new Ssda903Rule(code, Ssda903Table.Episodes, fields, message, c => c.Child.Episodes.Where(r => when(c, r)))
            { FromYear = from, UntilYear = until, NeedsPostcodes = postcodes, RowCheck = when });
        void Child(string code, Ssda903Table table, string[] fields, string message, Func<RuleContext, IEnumerable<Ssda903Row>> check, int from = 2000) =>
            rules.Add(new Ssda903Rule(code, table, fields, message, check) { FromYear = from });
        // A rule that flags an episode and the child's header row with it.
        void WithHeader(string code, string[] fields, string message, Func<RuleContext, Ssda903Row, bool> when) =>
            Child(code, Ssda903Table.Episodes, fields, message, c =>
            {
                var episodes = c.Child.Episodes.Where(r => when(c, r)).ToList();
                return episodes.Count == 0 ? [] : episodes.Concat(c.Child.Header);
            });

        // ---- Header ----
        Header("101", ["SEX"], "The child or young person’s reported sex is not valid.", (c, r) => r["SEX"] is not { } v || !c.Spec.Sex.Contains(v));
        Header("102", ["DOB"], "Date of birth is not a valid date.", (_, r) => r.Date("DOB") is null);
        Header("103", ["ETHNIC"], "The ethnicity code is either not valid or has not been entered.", (_, r) => r["ETHNIC"] is not { } v || !Ethnicities.Contains(v));
        Header("168", ["UPN"], "Unique Pupil Number (UPN) is not valid. If unknown, default codes should be UN1, UN2, UN3, UN4 or UN5.",
            (_, r) => r["UPN"] is { } upn && !UpnPattern().IsMatch(upn));
        Header("171", ["MC_DOB"], "Date of birth of mother's child is not a valid date.", (_, r) => r.IsBadDate("MC_DOB"));
        Header("174", ["SEX", "MC_DOB"], "Mother's child date of birth is recorded but sex shows that the child is a male.", (_, r) => r["SEX"] == "M" && r["MC_DOB"] is not null);
        Header("209", ["UPN", "DOB"], "Child looked after is of school age and should not have an unknown Unique Pupil Number (UPN) code of UN1.",
            (c, r) => r["UPN"] == "UN1" && r.Date("DOB") is { } dob && dob.AddYears(4) <= new DateOnly(c.CollectionYear - 1, 8, 31));
        Header("232", ["SEX"], "Sex of the child/young person has been reported as unknown.", (_, r) => r["SEX"] == "U", from: 2024);
        Header("301", ["DOB"], "Date of birth falls after the year ended.", (c, r) => r.Date("DOB") > c.CollectionEnd);
        Header("351", ["DOB"], "Child was over 25 at the start of the current collection year.", (c, r) => r.Date("DOB") is { } dob && dob.AddYears(25) < c.CollectionStart);
        Header("611", ["MOTHER", "MC_DOB"], "Date of birth field is blank, but child is a mother.", (_, r) => r["MOTHER"] == "1" && r["MC_DOB"] is null);
        Header("612", ["SEX", "MOTHER", "MC_DOB"], "Date of birth field has been completed but mother field indicates child is not a mother.",
            (_, r) => r["MOTHER"] is "0" or null && r["SEX"] == "F" && r["MC_DOB"] is not null);
        Header("620", ["DOB", "MOTHER"], "Child has been recorded as a mother, but date of birth shows that the mother is under 11 years of age.",
            (c, r) => r["MOTHER"] == "1" && r.Date("DOB") is { } dob && dob.AddYears(11) > c.CollectionStart);
        Header("621", ["DOB", "MC_DOB"], "Mother’s field has been completed but date of birth shows that the mother is younger than her child.",
            (_, r) => r.Date("MC_DOB") is { } child && !(r.Date("DOB") is { } dob && child > dob));
        Child("INT32", Ssda903Table.Header, ["CHILD"], "Internal Check: Child should only exist once in Header.",
            c => c.Child.Child is not null && c.Child.Header.Count > 1 ? c.Child.Header : []);

        // ---- Episodes: one row at a time ----
        Episode("141", ["DECOM"], "Date episode began is not a valid date.", (_, r) => r.IsBadDate("DECOM"));
        Episode("143", ["RNE"], "The reason for new episode code is not a valid code.", (_, r) => r["RNE"] is { } v && !ReasonsForNewEpisode.Contains(v));
        Episode("144", ["LS"], "The legal status code is not a valid code.", (_, r) => r["LS"] is { } v && !LegalStatuses.Contains(v));
        Episode("145", ["CIN"], "Category of need code is not a valid code.", (_, r) => r["CIN"] is { } v && !CategoriesOfNeed.Contains(v));
        Episode("146", ["PLACE"], "Placement type code is not a valid code.", (c, r) => r["PLACE"] is { } v && !c.Spec.PlacementTypes.Contains(v));
        Episode("147", ["DEC"], "Date episode ceased is not a valid date.", (_, r) => r.IsBadDate("DEC"));
        Episode("148", ["DEC", "REC"], "Date episode ceased and reason episode ceased must both be coded, or both left blank.", (_, r) => r["DEC"] is null != r["REC"] is null);
        Episode("149", ["REC"], "Reason episode ceased code is not valid. ", (_, r) => r["REC"] is { } v && !ReasonsCeased.Contains(v));
        Episode("1009", ["REASON_PLACE_CHANGE"], "Reason for placement change is not a valid code.", (_, r) => r["REASON_PLACE_CHANGE"] is { } v && !ReasonsPlaceChange.Contains(v));
        // The reference's list for 178 lacks T4 (213 reports a provider on T4).
        Episode("178", ["PLACE_PROVIDER"], "Placement provider code is not a valid code.",
            (c, r) => r["PLACE_PROVIDER"] is { } p && !(Providers.Contains(p) && !(r["PLACE"] is { } place && (place is "T0" or "T1" or "T2" or "T3" || c.Spec.OtherPlacements.Contains(place)))));
        Episode("213", ["PLACE_PROVIDER"], "Placement provider information not required.",
            (c, r) => r["PLACE"] is { } place && c.Spec.PlacementsWithoutProvider.Contains(place) && r["PLACE_PROVIDER"] is not null);
        Episode("214", ["PL_POST", "URN"], "Placement location information not required.",
            (_, r) => In(r["LS"], ShortBreaks) && (r["PL_POST"] is not null || r["URN"] is not null));
        Episode("217", ["PLACE", "DECOM", "RNE"], "Children who are placed for adoption with current foster carers (placement types A3 or A5) must have a reason for new episode of S, T or U.",
            (_, r) => r["PLACE"] is "A3" or "A5" && r.Date("DECOM") >= new DateOnly(2015, 4, 1) && r["RNE"] is not ("S" or "T" or "U"));
        Episode("218", ["URN"], "Ofsted Unique reference number (URN) is required.",
            (c, r) => r["URN"] is null && !NeedsNoUrn(c, r["PLACE"]) && !In(PlacementLa(c, r), OutsideEngland)
                && (r["DEC"] is null || r.Date("DEC") >= c.CollectionStart));
        Episode("222", ["URN"], "Ofsted Unique reference number (URN) should not be recorded for this placement type.",
            (c, r) => r["PLACE"] is { } place && NeedsNoUrn(c, place) && r["URN"] is { } urn && urn != "XXXXXXX");
        Episode("353", ["DECOM"], "No episode submitted can start before 14 October 1991.", (_, r) => r.Date("DECOM") < EarliestEpisodeStart);
        // The DfE's message speaks of the ceased date; the check is on DECOM (385 checks DEC).
        Episode("354", ["DECOM"], "Date episode ceased must be on or before the end of the current collection year.", (c, r) => r.Date("DECOM") > c.CollectionEnd);
        Episode("355", ["DECOM", "DEC"], "Episode appears to have lasted for less than 24 hours", (_, r) => (r["DECOM"] ?? "nan") == (r["DEC"] ?? "nan"));
        Episode("356", ["DECOM"], "The date the episode ceased is before the date the same episode started.", (_, r) => r.Date("DEC") < r.Date("DECOM"));
        Episode("366", ["RNE"], "A child cannot change placement during the course of an individual short-term respite break.", (_, r) => r["LS"] == "V3" && r["RNE"] != "S");
        Child("377", Ssda903Table.Episodes, ["PLACE"], "Only two temporary placements coded as being due to holiday of usual foster carer(s) are allowed in any 12- month period.",
            c => c.Child.Episodes.Count(r => r["PLACE"] == "T3") > 2 ? c.Child.Episodes.Where(r => r["PLACE"] == "T3") : []);
        Episode("378", ["PLACE", "LS"], "A child who is placed with parent(s) cannot be looked after under a single period of accommodation under Section 20 of the Children Act 1989.",
            (_, r) => r["PLACE"] == "P1" && r["LS"] == "V2");
        Episode("380", ["PLACE", "RNE"], "A period of care cannot start with a temporary placement.", (_, r) => In(r["PLACE"], Temporary) && r["RNE"] is not ("P" or "B"));
        Episode("381", ["PLACE", "REC"], "A period of care cannot end with a temporary placement.", (_, r) => In(r["PLACE"], Temporary) && r["REC"] is { } rec && rec != "X1");
        Episode("382", ["LS", "PLACE"], "A child receiving respite care cannot be in a temporary placement.", (_, r) => In(r["LS"], ShortBreaks) && In(r["PLACE"], Temporary));
        Episode("384", ["PLACE", "LS"], "A child receiving respite care cannot be in a long-term foster placement ", (_, r) => In(r["LS"], ShortBreaks) && r["PLACE"] is "U1" or "U4");
        Episode("385", ["DEC"], "Date episode ceased must be on or before the end of the current collection year.", (c, r) => r.Date("DEC") > c.CollectionEnd);
        Episode("390", ["PLACE", "REC"], "Reason episode ceased is adopted but child has not been previously placed for adoption.", (_, r) => r["REC"] is "E11" or "E12" && !In(r["PLACE"], Adoption));
        Episode("408", ["PLACE", "LS"], "Child is placed for adoption with a placement order, but no placement order has been recorded.", (_, r) => r["PLACE"] is "A5" or "A6" && r["LS"] != "E1");
        Child("426", Ssda903Table.Episodes, ["LS"], "A child receiving respite care cannot be recorded under a legal status of V3 and V4 in the same year.",
            c => c.Child.Episodes.Any(r => r["LS"] == "V3") && c.Child.Episodes.Any(r => r["LS"] == "V4") ? c.Child.Episodes.Where(r => In(r["LS"], ShortBreaks)) : []);
        Episode("446", ["LS", "DECOM"], "E1 is not a valid code for episodes starting before December 2005.", (_, r) => r["LS"] == "E1" && r.Date("DECOM") < new DateOnly(2005, 12, 1));
        Episode("516", ["REC", "PLACE"], "The episode data submitted for this child does not show that he/she was with their former foster carer(s) during the year.If the code in the reason episode ceased is E45 or E46 the child must have a placement code of U1 to U6.",
            (_, r) => r["REC"] is "E45" or "E46" && !In(r["PLACE"], Foster));
        Episode("526", ["PLACE", "PLACE_PROVIDER"], "Child is missing a placement provider code for at least one episode.",
            (c, r) => !In(r["PLACE"], c.Spec.PlacementsWithoutProvider) && r["PLACE_PROVIDER"] is null);
        Episode("527", ["PLACE", "PLACE_PROVIDER"], "A placement provider code of PR1 cannot be associated with placements P1, R2 or R5.",
            (_, r) => r["PLACE"] is "P1" or "R2" or "R5" && r["PLACE_PROVIDER"] == "PR1");
        Episode("528", ["PLACE", "PLACE_PROVIDER"], "A placement provider code of PR2 cannot be associated with placements P1, R2 or R5.",
            (_, r) => r["PLACE"] is "P1" or "R2" or "R5" && r["PLACE_PROVIDER"] == "PR2");
        Episode("529", ["PLACE", "PLACE_PROVIDER"], "Placement provider code of PR3 cannot be associated with placements P1, A3 to A6, K1, K2 and U1 to U6 as these placements cannot be provided by other public organisations.",
            (_, r) => r["PLACE_PROVIDER"] == "PR3" && r["PLACE"] is { } p && (p is "P1" or "K1" or "K2" || AdoptionOrFoster.Contains(p)));
        Episode("530", ["PLACE", "PLACE_PROVIDER"], "A placement provider code of PR4 cannot be associated with placement P1.", (_, r) => r["PLACE"] == "P1" && r["PLACE_PROVIDER"] == "PR4");
        Episode("531", ["PLACE", "PLACE_PROVIDER"], "A placement provider code of PR5 cannot be associated with placements P1.", (_, r) => r["PLACE"] == "P1" && r["PLACE_PROVIDER"] == "PR5");
        Episode("550", ["PLACE", "PLACE_PROVIDER"], "A placement provider code of PR0 can only be associated with placement P1.", (_, r) => r["PLACE_PROVIDER"] == "PR0" && r["PLACE"] != "P1");
        // The DfE's intended rule (the reference reads a column that does not exist and never reports it).
        Episode("233", ["REASON_PLACE_CHANGE"], "Reason for placement change is not required when the episode has not ceased.",
            (_, r) => r["DEC"] is null && r["REASON_PLACE_CHANGE"] is not null);

        // ---- Episodes: postcodes (the council's postcode reference) ----
        Episode("169", ["PL_LA"], "Local Authority (LA) of placement is not valid or is missing. Please check a valid postcode has been entered.",
            (c, r) => !In(r["LS"], ShortBreaks) && PlacementLa(c, r) is null, postcodes: true);
        Episode("179", ["PL_LOCATION"], "Placement location code is not a valid code.", (c, r) => !In(r["LS"], ShortBreaks) && PlacementLocation(c, r) is null, postcodes: true);
        Episode("392b", ["HOME_POST", "PL_POST"], "Child is looked after but no postcodes are recorded. [NOTE: This check may result in false positives for children formerly UASC, particularly if current & prior year UASC data not loaded]",
            (_, r) => !In(r["LS"], ShortBreaks) && (r["HOME_POST"] is null || r["PL_POST"] is null));
        Episode("392c", ["HOME_POST", "PL_POST"], "Postcode(s) provided are invalid.",
            (_, r) => (r["HOME_POST"] is not null && r.Home is null) || (r["PL_POST"] is not null && r.Placement is null), postcodes: true);
        Episode("392d", ["HOME_POST", "PL_POST", "PLACE"], "Home and placement postcodes should not be same unless the placement type is P1.",
            (_, r) => r["PLACE"] != "P1" && r["HOME_POST"] is { } home && home == r["PL_POST"]);
        Episode("398", ["LS", "HOME_POST", "PL_POST"], "Distance field completed but child looked after under legal status V3 or V4.",
            (_, r) => In(r["LS"], ShortBreaks) && (r["HOME_POST"] is not null || r["PL_POST"] is not null));
        Episode("411", ["PL_LOCATION"], "Placement location code disagrees with LA of placement.",
            (c, r) => PlacementLocation(c, r) == "IN" && PlacementLa(c, r) != c.LocalAuthority, postcodes: true);
        Episode("420", ["PL_LA"], "LA of placement completed but child is looked after under legal status V3 or V4.",
            (c, r) => In(r["LS"], ShortBreaks) && PlacementLa(c, r) is not null, postcodes: true);
        Episode("454", ["PL_DISTANCE"], "Placement distance from home is over 350 miles. [NOTE: This check will result in false positives for children formerly UASC not identified as such in loaded data]",
            (_, r) => Distance(r) is { } miles && miles > 350 && miles != 999.9m, postcodes: true);
        Episode("1015", ["PL_LA"], "Placement provider is own provision but child not placed in own LA.",
            (c, r) => r["PLACE_PROVIDER"] == "PR1" && r["PLACE"] is { } place && !AdoptionOrFoster.Contains(place) && r["LS"] is { } ls && !ShortBreaks.Contains(ls)
                && PlacementLa(c, r) != c.LocalAuthority, postcodes: true);

        // ---- Episodes of one child compared (in DECOM order) ----
        Child("142", Ssda903Table.Episodes, ["DEC", "REC"], "A new episode has started, but the previous episode has not ended.",
            c => Sorted(c).SkipLast(1).Where(r => r.Date("DECOM") is not null && r.Child is not null && (r.Date("DEC") is null || r["REC"] is null)));
        Child("199", Ssda903Table.Episodes, ["CHILD"], "Episode information shows child has been previously adopted from care. [NOTE: This only tests the current and previous year data loaded into the tool]",
            c =>
            {
                var dated = Sorted(c).Where(r => r.Date("DECOM") is not null).ToList();
                var adopted = dated.FindIndex(r => r["REC"] is "E11" or "E12");
                return adopted < 0 ? [] : dated.Skip(adopted + 1);
            });
        Child("225", Ssda903Table.Episodes, ["REASON_PLACE_CHANGE"], "Reason for placement change must be recorded.",
            c => Pairs(c).Where(p => p.Previous["REC"] == "X1" && p.Previous["REASON_PLACE_CHANGE"] is null && !In(p.Previous["PLACE"], Temporary)
                && p.Next["RNE"] is "P" or "B" or "T" or "U" && !In(p.Next["PLACE"], Temporary)).Select(p => p.Previous));
        Child("226", Ssda903Table.Episodes, ["REASON_PLACE_CHANGE", "PLACE"], "Reason for placement change is not required for temporary placements.",
            c => Sorted(c).Where((r, i) => In(r["PLACE"], Temporary) && (r["REASON_PLACE_CHANGE"] is not null || (i > 0 && Sorted(c)[i - 1]["REASON_PLACE_CHANGE"] is not null))));
        // The reference checks A3/A4 (the DfE's text says A3/A5); followed here for agreement.
        Child("336", Ssda903Table.Episodes, ["PLACE"], "Child does not have a foster placement immediately prior to being placed for adoption.",
            c => Pairs(c).Where(p => p.Next["PLACE"] is "A3" or "A4" && p.Next.Date("DECOM") is not null && !In(p.Previous["PLACE"], AdoptionOrFoster)).Select(p => p.Next));
        Child("357", Ssda903Table.Episodes, ["RNE"], "If this is the first episode ever for this child, reason for new episode must be S.  Check whether there is an episode immediately preceding this one, which has been left out.  If not the reason for new episode code must be amended to S.",
            c => Sorted(c).Take(1).Where(r => r.Date("DECOM") >= c.CollectionStart && r["RNE"] != "S"));
        Child("361", Ssda903Table.Episodes, ["DECOM", "LS", "DEC"], "Police protection legal status lasted longer than maximum 72 hours allowed in the Children Act 1989.", c => JoinedRuns(c, "L1", 3));
        Child("362", Ssda903Table.Episodes, ["DECOM", "LS", "DEC"], "Emergency protection order (EPO) lasted longer than 21 days", c => JoinedRuns(c, "L2", 21));
        Child("363", Ssda903Table.Episodes, ["LS", "DECOM", "DEC"], "Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act 1989.", c => SummedPeriods(c, "L3", 7));
        Child("364", Ssda903Table.Episodes, ["LS", "DECOM", "DEC"], "Sections 41-46 of Police and Criminal Evidence (PACE; 1984) severely limits the time a child can be detained in custody in Local Authority (LA) accommodation.",
            c => SummedPeriods(c, "J2", 21));
        Episode("365", ["LS", "DECOM", "DEC"], "Any individual short- term respite placement must not exceed 17 days.",
            (c, r) => r["LS"] == "V3" && r.Date("DECOM") is { } start && (r["DEC"] is null ? c.CollectionEnd : r.Date("DEC")) > start.AddDays(17));
        Child("367", Ssda903Table.Episodes, ["LS", "DECOM", "DEC"], "The maximum amount of respite care allowable is 75 days in any 12-month period.",
            c =>
            {
                var breaks = c.Child.Episodes.Where(r => r["LS"] == "V3" && r["DECOM"] is not null)
                    .Select(r => (Row: r, Days: RespiteDays(c, r))).Where(x => x.Days > 0).ToList();
                return breaks.Sum(x => x.Days) > 75 ? breaks.Select(x => x.Row) : [];
            });
        Child("383", Ssda903Table.Episodes, ["PLACE", "RNE", "PL_POST"], "A child in a temporary placement must subsequently return to his/her normal placement.",
            c =>
            {
                var rows = c.Child.Episodes.OrderBy(r => r.LenientDate("DECOM") is null).ThenBy(r => r.LenientDate("DECOM")).ThenBy(r => r.Line).ToList();
                return rows.Where((x, i) => i >= 2 && In(rows[i - 1]["PLACE"], Temporary)
                    && (x["RNE"] != "P" || !SameValue(x["PLACE"], rows[i - 2]["PLACE"]) || !SameValue(x["PL_POST"], rows[i - 2]["PL_POST"])));
            });
        Child("388", Ssda903Table.Episodes, ["REC"], "Reason episode ceased is coded new episode begins, but there is no continuation episode.",
            c =>
            {
                var rows = Sorted(c);
                return rows.Where((r, i) =>
                {
                    if (r.Date("DEC") is not { } ended) return false;
                    if (i == rows.Count - 1) return r["REC"] == "X1";
                    var next = rows[i + 1].Date("DECOM");
                    return r["REC"] == "X1" ? ended != next : r["REC"] is not null && ended == next;
                });
            });
        Child("431", Ssda903Table.Episodes, ["RNE", "DECOM"], "The reason for new episode is started to be looked after, but the previous episode ended on the same day.",
            c => Pairs(c).Where(p => p.Next["RNE"] == "S" && p.Next.Date("DECOM") <= p.Previous.Date("DEC")).Select(p => p.Next));
        Child("432", Ssda903Table.Episodes, ["RNE"], "The child ceased to be looked after at the end of the previous episode but the reason for the new episode is not started to be looked after.",
            c => Pairs(c).Where(p => p.Previous["REC"] is { } rec && rec != "X1" && ReasonsCeased.Contains(rec) && p.Next["RNE"] != "S").Select(p => p.Next));
        Child("433", Ssda903Table.Episodes, ["RNE", "DECOM"], "The reason for new episode suggests that this is a continuation episode, but the episode does not start on the same day as the last episode finished.",
            c =>
            {
                var rows = c.Child.Episodes.OrderBy(r => r.Date("DECOM") is null).ThenBy(r => r.Date("DECOM")).ThenBy(r => r.Date("DEC") is null).ThenBy(r => r.Date("DEC")).ThenBy(r => r.Line).ToList();
                return rows.Where((r, i) => i > 0 && In(r["RNE"], Continuations) && !SameValue(rows[i - 1]["DEC"], r["DECOM"]));
            });
        Child("434", Ssda903Table.Episodes, ["RNE", "LS", "PLACE", "PL_POST", "URN", "PLACE_PROVIDER"], "Reason for new episode is that child's legal status has changed but not the placement, but this is not reflected in the episode data.",
            c => Pairs(c).Where(p => p.Next["RNE"] == "L" && (SameValue(p.Next["LS"], p.Previous["LS"]) || !SamePlacement(p, blankEqualsBlank: true))).Select(p => p.Next));
        Child("435", Ssda903Table.Episodes, ["LS", "PLACE", "PL_POST", "URN", "PLACE_PROVIDER"], "Reason for new episode is that child’s placement has changed but not the legal status, but this is not reflected in the episode data recorded.",
            c => Pairs(c).Where(p => p.Next["RNE"] is "P" or "T" && (!SameValue(p.Next["LS"], p.Previous["LS"]) || SamePlacement(p, blankEqualsBlank: false))).Select(p => p.Next));
        Child("436", Ssda903Table.Episodes, ["RNE", "LS", "PLACE", "PL_POST", "URN", "PLACE_PROVIDER"], "Reason for new episode is that both child’s placement and legal status have changed, but this is not reflected in the episode data.",
            c => Pairs(c).Where(p => p.Next["RNE"] is "U" or "B" && (p.Next["LS"] == p.Previous["LS"] || SamePlacement(p, blankEqualsBlank: true))).Select(p => p.Next));
        Child("437", Ssda903Table.Episodes, ["REC"], "Reason episode ceased is child has died or is aged 18 or over but there are further episodes.",
            c => Sorted(c).SkipLast(1).Where(r => r.Date("DECOM") is not null && r["REC"] is "E2" or "E15"));
        Child("501", Ssda903Table.Episodes, ["DECOM", "DEC"], "A new episode has started before the end date of the previous episode.",
            c => Pairs(c).Where(p => p.Next.Date("DECOM") < p.Previous.Date("DEC")).Select(p => p.Next));
        Child("504", Ssda903Table.Episodes, ["CIN"], "The category of need code differs from that reported at start of current period of being looked after",
            c => Pairs(c).Where(p => p.Previous["REC"] == "X1" && p.Previous.Date("DEC") is { } end && end == p.Next.Date("DECOM")
                && !SameValue(p.Previous["CIN"], p.Next["CIN"])).Select(p => p.Next));

        // ---- Header and Episodes together (ages from the header's DOB) ----
        // The DfE's intended rule: looked after for more than a week at 31 March with UPN UN4 (the reference's check is inverted).
        WithHeader("210", ["UPN", "DECOM"], "Children looked after for more than a week at 31 March should not have an unknown Unique Pupil Number (UPN) code of UN4.",
            (c, r) => c.Child.Header.Any(h => h["UPN"] == "UN4") && r.Date("DECOM") < c.CollectionEnd.AddDays(-7) && (r["DEC"] is null || r.Date("DEC") > c.CollectionEnd));
        WithHeader("234", ["REASON_PLACE_CHANGE", "DECOM", "DOB"], "A child aged under 10 can not change placement due to being admitted to custody",
            (c, r) => r["REASON_PLACE_CHANGE"] == "CUSTOD" && (c.Child.Header.Count > 0 ? c.Child.Header[0].LenientDate("DOB") : null) is { } dob && r.LenientDate("DECOM") < dob.AddYears(10));
        Child("302", Ssda903Table.Episodes, ["DECOM", "DOB"], "First episode starts before child was born.",
            c => Sorted(c).Take(1).Where(r => r.Date("DECOM") is { } start && Birthday(c, 0) > start) is var first && first.Any() ? first.Concat(c.Child.Header) : []);
        Episode("352", ["RNE", "DECOM"], "Child who started to be looked after was aged 18 or over.", (c, r) => r["RNE"] == "S" && r.Date("DECOM") >= Birthday(c, 18));
        WithHeader("358", ["LS", "DECOM", "DOB"], "Child with this legal status should not be under 10.", (c, r) => r["LS"] is "J1" or "J2" or "J3" && r.Date("DECOM") <= Birthday(c, 10));
        Episode("359", ["LS", "PLACE", "DEC", "DOB"], "Child being looked after following 18th birthday must be accommodated under section 20(5) of the Children Act 1989 in a community home.",
            (c, r) => r["DEC"] is null && Birthday(c, 18) < c.CollectionEnd && !(r["LS"] == "V2" && r["PLACE"] == "K2"));
        Episode("371", ["PLACE", "DECOM"], "Child in semi-independent living accommodation not subject to children’s homes regulations should be at least 14.",
            (c, r) => r["PLACE"] == "H5" && EndedBefore(c, r, 14), until: 2023);
        Episode("371", ["PLACE", "DECOM"], "Child in supported accomodation not subject to children’s homes regulations should be at least 16.",
            (c, r) => r["PLACE"] == "K3" && EndedBefore(c, r, 16), from: 2024);
        Episode("372", ["PLACE", "DECOM"], "Child in youth custody or prison should be at least 10.", (c, r) => r["PLACE"] == "R5" && EndedBefore(c, r, 10));
        Episode("373", ["PLACE", "DECOM"], "Child placed in a school should be at least 4 years old.", (c, r) => r["PLACE"] == "S1" && EndedBefore(c, r, 4));
        Episode("374", ["PLACE", "DECOM"], "Child in residential employment should be at least 14 years old.", (c, r) => r["PLACE"] == "P3" && EndedBefore(c, r, 14));
        Episode("375", ["PLACE", "DECOM", "DEC"], "Hospitalisation coded as a temporary placement exceeds six weeks.", (c, r) => r["PLACE"] == "T1" && LongerThan(c, r, 42));
        Episode("376", ["PLACE", "DECOM", "DEC"], "Temporary placements coded as being due to holiday of usual foster carer(s) cannot exceed three weeks.", (c, r) => r["PLACE"] == "T3" && LongerThan(c, r, 21));
        Episode("379", ["PLACE", "DECOM", "DEC"], "Temporary placements for unspecified reason (placement code T4) cannot exceed seven days.", (c, r) => r["PLACE"] == "T4" && LongerThan(c, r, 7));
        Episode("386", ["REC", "DEC"], "Reason episode ceased is adopted but child has reached age 18.", (c, r) => r["REC"] is "E11" or "E12" && r.Date("DEC") >= Birthday(c, 18));
        Episode("387", ["REC", "DEC"], "Reason episode ceased is child moved into independent living arrangement, but the child is aged under 14.",
            (c, r) => r["REC"] is "E5" or "E6" && r.Date("DEC") is { } end && !(end >= Birthday(c, 14)));
        Episode("389", ["REC", "DEC"], "Reason episode ceased is that child transferred to care of adult social care services, but child is aged under 16.",
            (c, r) => r["REC"] == "E7" && !(r.Date("DEC") >= Birthday(c, 16)));
        Child("393", Ssda903Table.Header, ["SEX", "MOTHER"], "Child is looked after but mother field is not completed.",
            c => c.Child.Episodes.Any(r => !In(r["LS"], ShortBreaks)) ? c.Child.Header.Where(h => h["SEX"] == "F" && h["MOTHER"] is null) : []);
        WithHeader("407", ["REC", "DEC", "DOB"], "Reason episode ceased is Special Guardianship Order, but child has reached age 18.",
            (c, r) => r["REC"] is "E45" or "E46" or "E47" or "E48" && r.Date("DEC") > Birthday(c, 18));
        Child("442", Ssda903Table.Header, ["UPN"], "Unique Pupil Number (UPN) field is not completed.",
            c => c.Child.Episodes.Any(r => !In(r["LS"], ShortBreaks)) ? c.Child.Header.Where(h => h["UPN"] is null) : []);
        Episode("460", ["REC", "DEC"], "Reason episode ceased is that child stayed with current carers at age 18 (or above), but child is aged under 18.",
            (c, r) => r["REC"] == "E17" && r.Date("DEC") < Birthday(c, 18));
        Child("607", Ssda903Table.Episodes, ["MOTHER", "SEX", "REC", "DEC"], "Child ceased to be looked after in the year, but mother field has not been completed.",
            c =>
            {
                if (!c.Child.Header.Any(h => h["SEX"] == "F" && h["MOTHER"] is null)) return [];
                var ceased = c.Child.Episodes.Where(r => r.Date("DEC") is { } end && end >= c.CollectionStart && end <= c.CollectionEnd
                    && r["REC"] is { } rec && rec != "X1" && !In(r["LS"], ShortBreaks)).ToList();
                return ceased.Count == 0 ? [] : ceased.Concat(c.Child.Header.Where(h => h["SEX"] == "F" && h["MOTHER"] is null));
            });
        Child("625", Ssda903Table.Episodes, ["MC_DOB", "DEC"], "Date of birth of the first child is beyond the end of this reporting year or the date the child ceased to be looked after.",
            c =>
            {
                var last = c.Child.Episodes.Where(r => r.Date("DEC") is not null).OrderByDescending(r => r.Date("DEC")).ThenBy(r => r.Line).FirstOrDefault();
                var born = c.Child.Header.Count > 0 ? c.Child.Header[0].Date("MC_DOB") : null;
                return last is not null && (born > c.CollectionEnd || born > last.Date("DEC")) ? c.Child.Header.Prepend(last) : [];
            });
        Child("EPI", Ssda903Table.Header, ["CHILD"], "WARNING: Episodes need to be loaded for this child before further validation is possible [NOTE: This refers to the DfE portal - here, all checks that can be performed with only the available data will be.]",
            c => c.Child.Child is not null && c.Child.Episodes.Count == 0 ? c.Child.Header : []);
        Child("INT03", Ssda903Table.Episodes, ["CHILD"], "Internal Check: Child in Episodes does not exist in Header.",
            c => c.Child.Child is not null && c.Child.Header.Count == 0 ? c.Child.Episodes : []);
        return rules;
    }

    /// <summary>The child's episodes in DECOM order (unreadable DECOMs last).</summary>
    private static IReadOnlyList<Ssda903Row> Sorted(RuleContext c) => c.Child.EpisodesByStart;

    /// <summary>Consecutive pairs of the child's episodes in DECOM order.</summary>
    private static IEnumerable<(Ssda903Row Previous, Ssda903Row Next)> Pairs(RuleContext c)
    {
        var episodes = Sorted(c);
        for (var i = 0; i + 1 < episodes.Count; i++) yield return (episodes[i], episodes[i + 1]);
    }

    private static bool In(string? value, IReadOnlySet<string> codes) => value is not null && codes.Contains(value);

    /// <summary>Equal values, a blank never equal to anything (the DfE tools' comparison).</summary>
    private static bool SameValue(string? a, string? b) => a is not null && b is not null && a == b;

    /// <summary>Whether placement, postcode, URN and provider are all unchanged between two consecutive episodes.</summary>
    private static bool SamePlacement((Ssda903Row Previous, Ssda903Row Next) p, bool blankEqualsBlank) =>
        PlacementFields.All(f => blankEqualsBlank ? p.Previous[f] == p.Next[f] : SameValue(p.Previous[f], p.Next[f]));

    private static readonly string[] PlacementFields = ["PLACE", "PL_POST", "URN", "PLACE_PROVIDER"];

    private static bool NeedsNoUrn(RuleContext c, string? place) => place is not null && (WithoutUrn.Contains(place) || c.Spec.OtherPlacements.Contains(place));

    /// <summary>The child's Nth birthday (29 February births on 28 February in other years), from the header's DOB.</summary>
    private static DateOnly? Birthday(RuleContext c, int years) => c.Child.DateOfBirth?.AddYears(years);

    /// <summary>An ended episode (DECOM, DEC and the DOB all known) that started before the child's Nth birthday (371–374).</summary>
    private static bool EndedBefore(RuleContext c, Ssda903Row r, int years) =>
        c.Child.Header.Count > 0 && r.Date("DEC") is not null && r.Date("DECOM") is { } start && Birthday(c, years) is { } birthday && start < birthday;

    /// <summary>An ended episode longer than a number of days, for a child with a known DOB (375, 376, 379).</summary>
    private static bool LongerThan(RuleContext c, Ssda903Row r, int days) =>
        Birthday(c, 0) is not null && r.Date("DECOM") is { } start && r.Date("DEC") is { } end && end > start.AddDays(days);

    /// <summary>Days of a short break within the collection year (367): open or later breaks end on 31 March, earlier ones start on 1 April.</summary>
    private static int RespiteDays(RuleContext c, Ssda903Row r)
    {
        if (r.Date("DECOM") is not { } start) return 0;
        DateOnly? end = r["DEC"] is null ? c.CollectionEnd : r.Date("DEC");
        if (end is not { } last) return 0;
        if (last > c.CollectionEnd) last = c.CollectionEnd;
        if (start < c.CollectionStart) start = c.CollectionStart;
        return last.DayNumber - start.DayNumber;
    }

    /// <summary>
    /// Runs of consecutive episodes under one legal status that join up (361, 362): a run lasting more than
    /// <paramref name="days"/> from its first DECOM to its last DEC (open episodes end at the year end) flags every row.
    /// </summary>
    private static List<Ssda903Row> JoinedRuns(RuleContext c, string legalStatus, int days)
    {
        var rows = Sorted(c);
        DateOnly? End(Ssda903Row r) => r.Date("DEC") ?? c.CollectionEnd;
        var flagged = new List<Ssda903Row>();
        var run = new List<Ssda903Row>();
        int? previous = null;
        void Close()
        {
            var starts = run.Select(r => r.Date("DECOM")).Where(d => d is not null).ToList();
            if (starts.Count > 0 && run.Max(End) is { } last && last.DayNumber - starts.Min()!.Value.DayNumber > days) flagged.AddRange(run);
            run.Clear();
        }
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i]["LS"] != legalStatus) continue;
            var continues = previous is { } p && p + 1 < rows.Count && End(rows[p]) == rows[p + 1].Date("DECOM");
            if (!continues && run.Count > 0) Close();
            run.Add(rows[i]);
            previous = i;
        }
        if (run.Count > 0) Close();
        return flagged;
    }

    /// <summary>
    /// Periods under one legal status (363, 364), in DECOM order: a period continues while each episode starts no later
    /// than the previous one ended; its episodes' days are summed, and a total over <paramref name="days"/> flags every row.
    /// (The reference walks the rows in file order; sorting first is what the DfE's rule means.)
    /// </summary>
    private static List<Ssda903Row> SummedPeriods(RuleContext c, string legalStatus, int days)
    {
        var rows = Sorted(c).Where(r => r["LS"] == legalStatus && r.Date("DECOM") is not null).ToList();
        DateOnly? End(Ssda903Row r) => r["DEC"] is null ? c.CollectionEnd : r.Date("DEC");
        var flagged = new List<Ssda903Row>();
        var period = new List<Ssda903Row>();
        void Close()
        {
            var total = period.Sum(r => End(r) is { } end ? end.DayNumber - r.Date("DECOM")!.Value.DayNumber : 0);
            if (total > days) flagged.AddRange(period);
            period.Clear();
        }
        foreach (var row in rows)
        {
            if (period.Count > 0 && row.Date("DECOM") > End(period[^1])) Close();
            period.Add(row);
        }
        if (period.Count > 0) Close();
        return flagged;
    }

    /// <summary>PL_LA: the upper-tier authority of the placement postcode; SCO, WAL or NIR outside England; null when not found.</summary>
    public static string? PlacementLa(RuleContext c, Ssda903Row r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.Placement is not { } place) return null;
        return place.District[0] switch { 'S' => "SCO", 'W' => "WAL", 'N' => "NIR", _ => place.UpperTier };
    }

    /// <summary>PL_LOCATION: IN when placed in the council's own area, OUT otherwise; null when the postcode was not found.</summary>
    public static string? PlacementLocation(RuleContext c, Ssda903Row r)
    {
        ArgumentNullException.ThrowIfNull(c);
        return PlacementLa(c, r) is { } la ? (la == c.LocalAuthority ? "IN" : "OUT") : null;
    }

    /// <summary>PL_DISTANCE: miles between the home and placement postcodes, to one decimal place; null unless both were found.</summary>
    public static decimal? Distance(Ssda903Row r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.Home is not { } home || r.Placement is not { } place) return null;
        var metres = Math.Sqrt(Math.Pow(home.Easting - place.Easting, 2) + Math.Pow(home.Northing - place.Northing, 2));
        return Math.Round((decimal)(metres / 1000 / 1.6093), 1);
    }

    /// <summary>Age in whole years on a date, or null when either date is unknown.</summary>
    public static int? AgeOn(DateOnly? dateOfBirth, DateOnly? date)
    {
        if (dateOfBirth is not { } born || date is not { } on) return null;
        var age = on.Year - born.Year;
        if (on < born.AddYears(age)) age--;
        return age;
    }

    /// <summary>A UPN: UN1–UN5, or a letter (not I, O or S) then 12 digits, or 11 digits and a letter.</summary>
    [GeneratedRegex("^(UN[1-5]|[A-HJ-NP-RT-Z]([0-9]{12}|[0-9]{11}[A-Z]))$", RegexOptions.CultureInvariant)]
    private static partial Regex UpnPattern();

    private static HashSet<string> Set(params string[] codes) => new(codes, StringComparer.Ordinal);
}
