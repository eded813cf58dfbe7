using System.Globalization;
using System.Text;

namespace Platform.Tools.DemoLoader;

/// <summary>
/// One episode of the generated return, with its child's header fields (the generator's combined row).
/// </summary>
public sealed record Ssda903DemoEpisode(
    string Child, int Sex, DateOnly DateOfBirth, string Ethnicity, bool Uasc, DateOnly Start, string ReasonForNewEpisode, string LegalStatus,
    string CategoryOfNeed, string Place, string PlacementProvider, DateOnly? End, string ReasonEpisodeCeased, string ReasonPlaceChange,
    string HomePostcode, string PlacementPostcode, string Urn);

/// <summary>
/// A synthetic Stoke-like care population for 2018-19 as an SSDA903 return, generated with a fixed seed: 890 children
/// looked after on 1 April 2018, of whom 248 cease during the year, and 380 who start (40 of them for a short stay), so
/// 982 are looked after on 31 March 2019 — the seed figures 890 and 982 (see the shared notes on Stoke-on-Trent 2019).
/// Those counts are fixed by construction; the draws (dates, codes, moves) come from <see cref="Random"/> with the seed.
/// Codes follow the 903 code lists and pass the import's validation rules; about one child in ten moves three or more
/// times in the year. All children are synthetic: ids ST000001…, no names.
/// </summary>
public sealed class Ssda903DemoReturn
{
    public const int DefaultSeed = 2019;
    public const int Carried = 890;
    public const int Ceasing = 248;
    public const int Starting = 380;
    public const int ShortStays = 40;

    /// <summary>The collection year: 2018 = 2018-19.</summary>
    public const int CollectionYear = 2018;

    public static readonly DateOnly YearStart = new(2018, 4, 1);
    public static readonly DateOnly YearEnd = new(2019, 3, 31);

    private Ssda903DemoReturn(IReadOnlyList<Ssda903DemoEpisode> episodes) => Episodes = episodes;

    /// <summary>Every episode, children in id order, each child's episodes in date order.</summary>
    public IReadOnlyList<Ssda903DemoEpisode> Episodes { get; }

    public static Ssda903DemoReturn Generate(int seed = DefaultSeed) => new(new Generator(seed).Run());

    /// <summary>The Header table: one row per child. A UPN in the DfE format (a letter and 12 digits); a girl is recorded as not a mother (rules 168, 442, 393).</summary>
    public string HeaderCsv()
    {
        var csv = new StringBuilder("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n");
        foreach (var e in FirstEpisodes())
        {
            var upn = string.Create(CultureInfo.InvariantCulture, $"A{int.Parse(e.Child.AsSpan(2), CultureInfo.InvariantCulture):D12}");
            csv.Append(CultureInfo.InvariantCulture, $"{e.Child},{e.Sex},{Date(e.DateOfBirth)},{e.Ethnicity},{upn},{(e.Sex == 2 ? "0" : "")},\n");
        }
        return csv.ToString();
    }

    /// <summary>The Episodes table, one row per episode.</summary>
    public string EpisodesCsv()
    {
        var csv = new StringBuilder("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n");
        foreach (var e in Episodes)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{e.Child},{Date(e.Start)},{e.ReasonForNewEpisode},{e.LegalStatus},{e.CategoryOfNeed},{e.Place},{e.PlacementProvider},{Date(e.End)},{e.ReasonEpisodeCeased},{e.ReasonPlaceChange},{e.HomePostcode},{e.PlacementPostcode},{e.Urn}\n");
        }
        return csv.ToString();
    }

    /// <summary>The UASC table: the unaccompanied asylum-seeking children.</summary>
    public string UascCsv()
    {
        var csv = new StringBuilder("CHILD,SEX,DOB,DUC\n");
        foreach (var e in FirstEpisodes().Where(e => e.Uasc))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{e.Child},{e.Sex},{Date(e.DateOfBirth)},\n");
        }
        return csv.ToString();
    }

    private IEnumerable<Ssda903DemoEpisode> FirstEpisodes() => Episodes.DistinctBy(e => e.Child);

    private static string Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The generator: draws in a fixed order from one seeded <see cref="Random"/>.</summary>
    private sealed class Generator(int seed)
    {
        private static readonly Weighted CategoriesOfNeed = new("N1:62 N2:3 N3:4 N4:9 N5:14 N6:2 N7:1 N8:5");
        private static readonly Weighted Ethnicities = new("WBRI:80 MWBC:4 WOTH:3 APKN:5 BAFR:2 MOTH:3 BCRB:1 AOTH:2");
        private static readonly Weighted UascEthnicities = new("AOTH:40 BAFR:30 OOTH:30");
        private static readonly Weighted CarriedLegalStatuses = new("C2:70 C1:8 E1:7 V2:15");
        private static readonly Weighted StartingLegalStatuses = new("C1:40 V2:38 C2:17 E1:5");
        private static readonly Weighted CarriedMoves = new("0:65 1:22 2:10 3:3");
        private static readonly Weighted StartingMoves = new("0:70 1:20 2:8 3:2");
        private static readonly Weighted StartingAges = new("0:18 2:20 7:22 12:32 16:8");
        private static readonly Weighted OutOfAreaPostcodes = new("B12:20 CW1:20 DE13:20 WS11:20 M14:20");
        private static readonly Weighted PlaceChangeReasons = new("CARPL:35 CREQB:15 CREQO:10 STAND:5 ALLEG:3 CHILD:7 LAREQ:10 CLOSE:5 PLACE:5 OTHER:5");
        private static readonly Weighted CeaseReasons = new("E4A:45 E13:12 E8:12 E41:4 E3:4 E47:10 E48:3 E4B:8 E9:2");

        // #pragma: the demo's draws need no cryptographic strength; a fixed seed makes them repeatable.
#pragma warning disable CA5394
        private readonly Random _random = new(seed);

        private readonly int _ys = YearStart.DayNumber;
        private readonly int _ye = YearEnd.DayNumber;
        private readonly List<Ssda903DemoEpisode> _episodes = [];

        // The child being written: header fields and the last placement chosen.
        private int _sex;
        private string _cin = "";
        private bool _uasc;
        private string _ethnicity = "";
        private string _home = "";
        private string _place = "";
        private string _provider = "";
        private string _urn = "";
        private string _placementPostcode = "";

        public List<Ssda903DemoEpisode> Run()
        {
            // Children already looked after on 1 April 2018: the current episode began before the year.
            for (var i = 1; i <= Carried; i++)
            {
                var dob = _ye - (1 + Below(17)) * 365 - Below(300);
                var s0 = dob + 1 + Below(_ys - dob - 2);
                HeaderFields(Age(dob, s0));
                var ls = _uasc ? "V2" : CarriedLegalStatuses.Pick(Rand());
                if (ls == "E1" && Age(dob, _ys) >= 10) ls = "C2";
                int c0;
                string rne0;
                if (Rand() < 0.5 || _ys - s0 < 30) (c0, rne0) = (s0, "S");
                else (c0, rne0) = (s0 + 1 + Below(_ys - s0 - 2), "P");
                var stop = i * 7 % Carried < Ceasing ? _ys + 20 + Below(_ye - _ys - 40) : 0;
                Emit(Id(i), dob, ls, c0, rne0, Number(CarriedMoves.Pick(Rand())), stop);
            }
            // Children who start to be looked after during 2018-19; the first few stay only weeks or months.
            for (var j = 1; j <= Starting; j++)
            {
                var isShort = j <= ShortStays;
                var s = isShort ? _ys + 1 + Below(180) : _ys + 1 + Below(_ye - _ys - 10);
                var a = Number(StartingAges.Pick(Rand()));
                var dob = s - a * 365 - Below(300);
                HeaderFields(a);
                var ls = _uasc ? "V2" : StartingLegalStatuses.Pick(Rand());
                if (ls == "E1" && a >= 10) ls = "C1";
                var stop = isShort ? s + 20 + Below(120) : 0;
                Emit(Id(Carried + j), dob, ls, s, "S", Number(StartingMoves.Pick(Rand())), stop);
            }
            return _episodes;
        }

        private double Rand() => _random.NextDouble();

        /// <summary>A whole number below n (0 when n is 0 or less), as awk's int(rand() * n).</summary>
        private int Below(int n) => (int)(Rand() * n);
#pragma warning restore CA5394

        private static int Age(int dob, int day) => (int)((day - dob) / 365.25);

        private static int Number(string code) => int.Parse(code, CultureInfo.InvariantCulture);

        private static string Id(int n) => string.Create(CultureInfo.InvariantCulture, $"ST{n:D6}");

        private static string Sc(int n) => string.Create(CultureInfo.InvariantCulture, $"SC{n:D6}");

        private static DateOnly Day(int dayNumber) => DateOnly.FromDayNumber(dayNumber);

        private void HeaderFields(int ageAtStart)
        {
            _sex = Rand() < 0.55 ? 1 : 2;
            _cin = CategoriesOfNeed.Pick(Rand());
            _uasc = false;
            _ethnicity = Ethnicities.Pick(Rand());
            if (_cin == "N8" && ageAtStart >= 14)
            {
                _uasc = true;
                _ethnicity = UascEthnicities.Pick(Rand());
            }
            _home = string.Create(CultureInfo.InvariantCulture, $"ST{1 + Below(6)}");
        }

        /// <summary>Sets the placement type, provider, URN and placement postcode for a child of age a under legal status ls.</summary>
        private void ChoosePlace(int a, string ls)
        {
            var r = Rand();
            _urn = "";
            if (ls == "E1" && a < 6 && r < 0.5) (_place, _provider) = ("A6", "PR1");
            else if (r < 0.28) (_place, _provider) = ("U6", "PR1");
            else if (r < 0.42) (_place, _provider) = ("U4", "PR1");
            else if (r < 0.58) (_place, _provider) = ("U6", "PR4");
            else if (r < 0.66) (_place, _provider) = ("U4", "PR4");
            else if (r < 0.74) (_place, _provider) = ("U3", "PR1");
            else if (r < 0.78) (_place, _provider) = ("U1", "PR1");
            else if (r < 0.88)
            {
                if (a >= 10) (_place, _provider, _urn) = ("K2", "PR4", Sc(400_000 + Below(99_999)));
                else (_place, _provider) = ("U6", "PR4");
            }
            else if (r < 0.93)
            {
                if (ls != "V2") (_place, _provider) = ("P1", "PR0");
                else (_place, _provider) = ("U6", "PR1");
            }
            else if (r < 0.96)
            {
                if (a >= 16) (_place, _provider) = ("H5", "PR4");
                else (_place, _provider) = ("U5", "PR4");
            }
            else
            {
                if (a >= 10) (_place, _provider, _urn) = ("K2", "PR1", Sc(300_000 + Below(99_999)));
                else (_place, _provider) = ("U6", "PR1");
            }
            _placementPostcode = _provider == "PR4" && Rand() < 0.4
                ? OutOfAreaPostcodes.Pick(Rand())
                : string.Create(CultureInfo.InvariantCulture, $"ST{1 + Below(10)}");
            // Every placement but one with parents has its Ofsted registration number (903 rules 218, 222).
            if (_place != "P1" && _urn.Length == 0) _urn = Sc(100_000 + Below(899_999));
        }

        private string CeaseReason(int a, string place)
        {
            if (place == "A6") return "E11";
            if (place is "U1" or "U2" or "U3" && Rand() < 0.15) return "E45";
            if (place is "U4" or "U5" or "U6" && Rand() < 0.08) return "E46";
            if (a >= 16 && Rand() < 0.3) return "E5";
            var r = CeaseReasons.Pick(Rand());
            return r == "E9" && a < 12 ? "E4A" : r;
        }

        /// <summary>One child: the first in-year episode from c0 (rne0), m moves, ceasing on stop (0 = still looked after).</summary>
        private void Emit(string id, int dob, string ls, int c0, string rne0, int m, int stop)
        {
            var limit = stop != 0 ? stop : _ye;
            var from = c0 > _ys ? c0 : _ys;
            var seg = limit - from;
            if (seg < 14 * (m + 1)) m = 0;
            var starts = new List<int> { c0 };
            for (var k = 1; k <= m; k++) starts.Add(from + (int)((long)k * seg / (m + 1)) + Below(7));
            var (lastPlace, lastProvider) = ("", "");
            for (var j = 0; j < starts.Count; j++)
            {
                var a = Age(dob, starts[j]);
                var tries = 0;
                do
                {
                    ChoosePlace(a, ls);
                    tries++;
                }
                while (_place == lastPlace && _provider == lastProvider && tries < 5);
                // Rule 392d: home and placement postcodes differ.
                if (_placementPostcode == _home && _place != "P1") _placementPostcode = _home == "ST10" ? "ST9" : "ST10";
                DateOnly? end = null;
                string rec = "", reasonPlaceChange = "";
                if (j < starts.Count - 1)
                {
                    (end, rec) = (Day(starts[j + 1]), "X1");
                    reasonPlaceChange = PlaceChangeReasons.Pick(Rand());
                }
                else if (stop != 0)
                {
                    (end, rec) = (Day(stop), CeaseReason(Age(dob, stop), _place));
                }
                _episodes.Add(new Ssda903DemoEpisode(id, _sex, Day(dob), _ethnicity, _uasc, Day(starts[j]), j == 0 ? rne0 : "P", ls, _cin, _place,
                    _provider, end, rec, reasonPlaceChange, _home, _placementPostcode, _urn));
                (lastPlace, lastProvider) = (_place, _provider);
            }
        }
    }

    /// <summary>"CODE:weight ..." with weights summing to 100: a code drawn with those chances.</summary>
    private sealed class Weighted
    {
        private readonly (string Code, int Weight)[] _codes;

        public Weighted(string list) =>
            _codes = list.Split(' ').Select(c => c.Split(':')).Select(c => (c[0], int.Parse(c[1], CultureInfo.InvariantCulture))).ToArray();

        /// <summary>The code for a uniform draw in [0, 1).</summary>
        public string Pick(double draw)
        {
            var r = draw * 100;
            var acc = 0;
            foreach (var (code, weight) in _codes)
            {
                acc += weight;
                if (r < acc) return code;
            }
            return _codes[^1].Code;
        }
    }
}
