#!/usr/bin/env python3
"""Generates the SSDA903 2025-26 differential test corpus (Header + Episodes CSVs per case).

Python 3 standard library only; deterministic (fixed seeds). Writes cases/<name>/header.csv,
episodes.csv and case.json next to this script (or under --out). It does not write expected.csv:
those come from the reference validator (see README.md).

Usage: python3 generate.py [--out DIR] [--only NAME ...]
"""
import argparse
import csv
import json
import random
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
LA = "E06000021"  # Stoke-on-Trent (DfE LA code 861)
YEAR_START = date(2025, 4, 1)
YEAR_END = date(2026, 3, 31)

HEADER_COLS = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
EPISODE_COLS = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"]
TEMP = ("T0", "T1", "T2", "T3", "T4")

# --------------------------------------------------------------------------- helpers

def d(s):
    """'dd/mm/yyyy' -> date"""
    dd, mm, yy = s.split("/")
    return date(int(yy), int(mm), int(dd))


def fmt(x):
    return x.strftime("%d/%m/%Y") if isinstance(x, date) else ("" if x is None else str(x))


def add_years(x, n):
    try:
        return x.replace(year=x.year + n)
    except ValueError:  # 29 February -> 28 February
        return x.replace(year=x.year + n, day=28)


def upn_for(rng, used):
    """A well-formed UPN: check letter + LA 861 + establishment + year + serial."""
    letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
    while True:
        body = "861" + str(rng.choice([2003, 2011, 2047, 2105, 2218, 3302, 3416, 4001, 4102, 5400]))
        body += f"{rng.randint(10, 24):02d}{rng.randint(1, 999):03d}"
        total = sum(int(c) * w for c, w in zip(body, range(2, 14)))
        upn = letters[total % 23] + body
        if upn not in used:
            used.add(upn)
            return upn


class Postcodes:
    def __init__(self):
        self.by_la = {}
        with open(HERE / "postcodes.csv", newline="") as f:
            for row in csv.DictReader(f):
                self.by_la.setdefault(row["laua"], []).append(row["pcd"])

    def stoke(self, rng):
        return rng.choice(self.by_la["E06000021"])

    def staffs(self, rng):
        return rng.choice(self.by_la["E07000195"] + self.by_la["E07000198"] + self.by_la["E07000197"])

    def near(self, rng):  # Stoke or the surrounding districts
        return self.stoke(rng) if rng.random() < 0.6 else self.staffs(rng)

    def far(self, rng):
        return rng.choice(self.by_la["E08000025"] + self.by_la["E08000003"] + self.by_la["E06000049"])

    def any(self, rng):
        r = rng.random()
        return self.stoke(rng) if r < 0.5 else self.staffs(rng) if r < 0.8 else self.far(rng)


PC = Postcodes()

# Providers: (PLACE family) -> list of (provider, URN, postcode chooser)
LA_FOSTER_URN = "SC048612"     # the council's own fostering service
LA_ADOPTION_URN = "SC057820"   # the council's adoption agency
IFA_URNS = ["SC398741", "SC412093", "SC065431", "SC447102"]
RAA_URN = "SC065984"           # regional adoption agency (other LA)
VAA_URN = "SC035123"           # voluntary adoption agency


class Carer:
    """A placement: type, provider, URN and postcode (a foster family, a home, a unit ...)."""

    def __init__(self, place, prov, urn, post):
        self.place, self.prov, self.urn, self.post = place, prov, urn, post

    def with_place(self, place):
        return Carer(place, self.prov, self.urn, self.post)


def council_homes(rng):
    # a few fixed council children's homes inside the city (PR1 must be in the LA: rule 1015)
    return [Carer("K2", "PR1", "SC061%03d" % i, PC.by_la["E06000021"][i * 7 % 60]) for i in range(1, 5)]


def new_carer(rng, place, avoid=None):
    for _ in range(20):
        c = _new_carer(rng, place)
        if avoid is None or (c.post, c.urn, c.prov) != (avoid.post, avoid.urn, avoid.prov):
            return c
    return c


def _new_carer(rng, place):
    if place in ("U1", "U2", "U3", "U4", "U5", "U6"):
        if place in ("U1", "U2", "U3") or rng.random() < 0.55:
            return Carer(place, "PR1", LA_FOSTER_URN, PC.near(rng))
        return Carer(place, "PR4", rng.choice(IFA_URNS), PC.any(rng))
    if place in ("A3", "A4", "A5", "A6"):
        prov, urn = rng.choice([("PR1", LA_ADOPTION_URN), ("PR2", RAA_URN), ("PR5", VAA_URN)])
        return Carer(place, prov, urn, PC.any(rng))
    if place == "K2":
        if rng.random() < 0.4:
            return rng.choice(council_homes(rng))
        return Carer("K2", "PR4", "SC%06d" % rng.randint(380000, 499999), PC.any(rng))
    if place == "K1":
        return Carer("K1", rng.choice(["PR2", "PR4"]), "SC%06d" % rng.randint(20000, 40000), PC.far(rng))
    if place == "K3":
        return Carer("K3", rng.choice(["PR4", "PR5"]), "2%06d" % rng.randint(700000, 799999), PC.near(rng))
    if place == "S1":
        return Carer("S1", rng.choice(["PR4", "PR5"]), "%06d" % rng.randint(124000, 124999), PC.any(rng))
    if place == "R3":
        return Carer("R3", "PR4", "SC%06d" % rng.randint(470000, 479999), PC.any(rng))
    if place == "R1":
        return Carer("R1", rng.choice(["PR4", "PR5"]), None, PC.near(rng))
    if place == "R2":
        return Carer("R2", "PR3", None, PC.near(rng))
    if place == "R5":  # HMYOI Werrington is in ST9
        return Carer("R5", "PR3", None, rng.choice(PC.by_la["E07000198"]))
    if place == "P3":
        return Carer("P3", "PR4", None, PC.any(rng))
    if place in ("Z11", "Z12", "Z13", "Z14"):
        return Carer(place, None, None, PC.any(rng))
    if place in TEMP:
        return Carer(place, None, None, PC.near(rng))
    raise ValueError(place)


# --------------------------------------------------------------------------- clean child generator

class Child:
    def __init__(self, cid, sex, dob, ethnic, upn, mother, mc_dob):
        self.cid, self.sex, self.dob, self.ethnic = cid, sex, dob, ethnic
        self.upn, self.mother, self.mc_dob = upn, mother, mc_dob
        self.eps = []  # dicts keyed by EPISODE_COLS (dates as date objects)
        self.scenario = ""

    def header_row(self):
        return {"CHILD": self.cid, "SEX": self.sex, "DOB": self.dob, "ETHNIC": self.ethnic,
                "UPN": self.upn, "MOTHER": self.mother, "MC_DOB": self.mc_dob}


ETHNIC_W = [("WBRI", 70), ("WOTH", 3), ("WIRI", 1), ("WROM", 1), ("MWBC", 7), ("MWBA", 2), ("MWAS", 2),
            ("MOTH", 2), ("APKN", 4), ("ABAN", 1), ("AIND", 1), ("AOTH", 1), ("BAFR", 2), ("BCRB", 1),
            ("BOTH", 1), ("CHNE", 0.5), ("OOTH", 1), ("REFU", 0.3), ("NOBT", 0.2)]
CIN_W = [("N1", 62), ("N2", 4), ("N3", 4), ("N4", 8), ("N5", 13), ("N6", 2), ("N7", 0.5), ("N8", 6)]
REASONS_W = [("CARPL", 30), ("CLOSE", 6), ("ALLEG", 4), ("STAND", 3), ("APPRR", 1), ("CREQB", 14),
             ("CREQO", 10), ("CHILD", 8), ("LAREQ", 6), ("OTHER", 6)]


def wpick(rng, pairs):
    total = sum(w for _, w in pairs)
    r = rng.random() * total
    for v, w in pairs:
        r -= w
        if r <= 0:
            return v
    return pairs[-1][0]


class Gen:
    """Builds children with consistent care histories (one or two periods of care)."""

    def __init__(self, seed, id_base=100000):
        self.rng = random.Random(seed)
        self.used_upns = set()
        self.next_id = id_base + self.rng.randint(0, 5000)

    def new_id(self):
        self.next_id += self.rng.randint(1, 37)
        return str(self.next_id)

    def child(self, scenario=None):
        rng = self.rng
        scen = scenario or wpick(rng, [("standard", 44), ("adoption", 8), ("baby", 6), ("teen", 12),
                                       ("respite_v3", 3), ("respite_v4", 1), ("remand", 3),
                                       ("emergency", 5), ("leaver", 7), ("temp", 8), ("mother", 2),
                                       ("sgo", 4), ("home", 5), ("secure", 1)])
        for _ in range(500):
            c = self._try(scen)
            if c is not None:
                c.scenario = scen
                return c
        raise RuntimeError("could not build a child for " + str(scenario))

    # ---- header
    def _header(self, dob, sex, eps_ls):
        rng = self.rng
        cid = self.new_id()
        ethnic = wpick(rng, ETHNIC_W)
        if dob > date(2020, 8, 31) and rng.random() < 0.7:
            upn = "UN1"
        elif rng.random() < 0.03:
            upn = rng.choice(["UN2", "UN3", "UN5"])
        else:
            upn = upn_for(rng, self.used_upns)
        mother = ""
        if sex == "F":
            mother = "0"
        elif rng.random() < 0.3:
            mother = "0"
        return Child(cid, sex, dob, ethnic, upn, mother, "")

    # ---- one period of care: returns list of episode dicts (un-truncated)
    def _try(self, scen):
        rng = self.rng
        sex = rng.choice("MF")
        age_days = {
            "baby": (0, 700), "adoption": (200, 2200), "teen": (13 * 365, 17 * 365 + 200),
            "leaver": (17 * 365 + 10, 18 * 365 - 5), "remand": (14 * 365, 17 * 365 + 200),
            "mother": (15 * 365, 17 * 365 + 150), "secure": (12 * 365, 16 * 365),
            "respite_v3": (5 * 365, 16 * 365), "respite_v4": (5 * 365, 16 * 365),
        }.get(scen, (1 * 365, 17 * 365 + 250))
        if scen == "mother":
            sex = "F"
        dob = YEAR_START - timedelta(days=rng.randint(*age_days))
        if scen == "baby":
            dob = YEAR_START + timedelta(days=rng.randint(-300, 250))
        c = self._header(dob, sex, None)
        home = PC.stoke(rng) if rng.random() < 0.85 else PC.staffs(rng)
        cin = wpick(rng, CIN_W)
        if scen.startswith("respite"):
            eps = self._respite(c, scen, home)
        else:
            eps = self._period(c, scen, home, cin)
        if eps is None:
            return None
        # keep what a 2025-26 return holds: episodes open at some point on/after 1 April 2025
        eps = [e for e in eps if e["DEC"] is None or e["DEC"] >= YEAR_START]
        if not eps:
            return None
        # a second period of care for some children whose first ended early in the year
        last = eps[-1]
        if (not scen.startswith("respite") and last["DEC"] is not None and last["REC"] in ("E4A", "E4B", "E13", "E8")
                and last["DEC"] < date(2025, 12, 1) and rng.random() < 0.5):
            start = last["DEC"] + timedelta(days=rng.randint(20, 90))
            more = self._period(c, "standard", home, cin, start=start, allow_old_start=False)
            if more:
                eps += more
        for e in eps:
            e["CHILD"] = c.cid
        c.eps = eps
        if scen == "mother":
            # she had her first child while looked after; mother and baby placement
            c.mother = "1"
            mcdob = max(add_years(dob, 15) + timedelta(days=rng.randint(30, 300)), eps[0]["DECOM"] + timedelta(days=10))
            ends = [e["DEC"] for e in eps if e["DEC"] is not None]
            lim = min([YEAR_END] + ends[-1:])
            if mcdob > lim:
                return None
            c.mc_dob = mcdob
        if not self._age_ok(c):
            return None
        return c

    def _age_ok(self, c):
        """Every episode ends by the 18th birthday; open episodes only for under-18s at year end."""
        b18 = add_years(c.dob, 18)
        for e in c.eps:
            if e["DECOM"] < c.dob:
                return False
            if e["DEC"] is None and b18 <= YEAR_END:
                return False
            if e["DEC"] is not None and e["DEC"] > b18:
                return False
            if e["RNE"] == "S" and e["DECOM"] >= b18:
                return False
        return True

    def _respite(self, c, scen, home):
        rng = self.rng
        eps = []
        unit = Carer("R1", rng.choice(["PR1", "PR5"]), None, None)
        if scen == "respite_v4":
            start = YEAR_START - timedelta(days=rng.randint(30, 900))
            eps.append(self._ep(start, "S", "V4", "N2", unit, None, None, None, None, None))
            if rng.random() < 0.4:
                end = YEAR_START + timedelta(days=rng.randint(30, 300))
                eps[-1]["DEC"], eps[-1]["REC"] = end, "E4A"
            return eps
        t = YEAR_START - timedelta(days=rng.randint(0, 60))
        total = 0
        while True:
            t += timedelta(days=rng.randint(14, 60))
            n = rng.randint(2, 6)
            if t + timedelta(days=n) > YEAR_END - timedelta(days=2) or total + n > 60:
                break
            eps.append(self._ep(t, "S", "V3", "N2", unit, None, t + timedelta(days=n), "E4A", None, None))
            total += n
            t += timedelta(days=n)
        return eps or None

    @staticmethod
    def _ep(decom, rne, ls, cin, carer, home, dec, rec, reason, _unused):
        post = home if carer.place == "P1" else carer.post  # placed with parents: at home
        return {"CHILD": None, "DECOM": decom, "RNE": rne, "LS": ls, "CIN": cin, "PLACE": carer.place,
                "PLACE_PROVIDER": carer.prov, "DEC": dec, "REC": rec, "REASON_PLACE_CHANGE": reason,
                "HOME_POST": home, "PL_POST": post, "URN": carer.urn}

    def _carer(self, place, avoid=None):
        """A new placement whose postcode is not the child's home postcode (rule 392d)."""
        for _ in range(50):
            c = new_carer(self.rng, place, avoid)
            if c.post != self._home:
                return c
        return None

    def _period(self, c, scen, home, cin, start=None, allow_old_start=True):
        rng = self.rng
        self._home = home
        dob = c.dob
        age_at = lambda t: (t - dob).days / 365.25
        b18 = add_years(dob, 18)
        # start of the period
        if start is None:
            earliest = max(dob + timedelta(days=3), date(2012, 1, 1))
            if scen in ("baby",):
                start = dob + timedelta(days=rng.randint(2, 120))
            elif scen == "leaver":
                start = max(earliest, b18 - timedelta(days=rng.randint(200, 1500)))
            elif rng.random() < 0.35:
                start = YEAR_START + timedelta(days=rng.randint(0, 340))
            else:
                start = YEAR_START - timedelta(days=rng.randint(1, 2400))
            start = max(start, earliest)
        if start >= b18 - timedelta(days=30) or start > YEAR_END - timedelta(days=3):
            return None
        age0 = age_at(start)
        # legal status at entry
        if scen == "remand":
            ls = "J1"
        elif scen == "emergency":
            ls = rng.choice(["L1", "L2"])
        elif scen in ("adoption", "baby"):
            ls = "C1" if rng.random() < 0.7 else "V2"
        elif scen == "home":
            ls = "C1"
        else:
            ls = wpick(rng, [("V2", 45), ("C1", 50), ("L2", 3), ("J1", 2 if age0 > 12 else 0)])
        # first placement
        if ls == "J1":
            first = self._carer("R5" if rng.random() < 0.5 else "K2")
        elif scen == "secure" and age0 >= 12:
            first = self._carer("K1")
        elif scen == "mother" and age0 >= 15:
            first = self._carer("R3")
        elif age0 >= 16.1 and rng.random() < 0.4:
            first = self._carer("K3")
        elif age0 >= 11 and rng.random() < 0.3:
            first = self._carer("K2")
        elif scen in ("adoption", "baby") and rng.random() < 0.4:
            first = self._carer("U5")
        else:
            first = self._carer(wpick(rng, [("U6", 55), ("U3", 20), ("U4", 5), ("U1", 3)]))
        if first is None:
            return None
        eps = [self._ep(start, "S", ls, cin, first, home, None, None, None, None)]
        cur = first
        t = start
        temps_t3 = 0
        adopted_path = scen in ("adoption", "baby") and age0 < 4
        for step in range(12):
            e = eps[-1]
            ls = e["LS"]
            # how long this episode lasts
            if ls == "L1":
                dur = rng.randint(1, 3)
            elif ls == "L2":
                dur = rng.randint(3, 21)
            elif ls == "J1":
                dur = rng.randint(10, 120)
            elif cur.place == "T1":
                dur = rng.randint(2, 40)
            elif cur.place == "T3":
                dur = rng.randint(3, 20)
            elif cur.place == "T4":
                dur = rng.randint(1, 7)
            elif cur.place in ("T0", "T2"):
                dur = rng.randint(2, 14)
            else:
                dur = rng.randint(20, 330) if rng.random() < 0.6 else rng.randint(200, 900)
            end = t + timedelta(days=dur)
            age_end = age_at(end)
            # reached the end of the year with the episode open
            if end > YEAR_END:
                if ls in ("L1", "L2"):
                    return None
                if b18 <= YEAR_END:  # must leave care at 18
                    end = b18
                else:
                    return eps
            if end > b18:
                end = b18
            if end <= t:
                return None
            # decide what happens at `end`
            in_temp = cur.place in TEMP
            if end >= b18 - timedelta(days=1) and not in_temp:
                e["DEC"], e["REC"] = b18, rng.choice(["E17", "E17", "E5", "E8"])
                return eps
            if in_temp:
                # return to the usual placement (rule 383)
                back = self._before_temp
                e["DEC"], e["REC"] = end, "X1"
                eps.append(self._ep(end, "P", ls, cin, back, home, None, None, None, None))
                cur, t = back, end
                continue
            choice = self._transition(scen, ls, cur, age_end, step, adopted_path, temps_t3)
            if choice == "end":
                rec = self._end_rec(scen, ls, cur, age_end)
                if rec is None:
                    return None
                e["DEC"], e["REC"] = end, rec
                return eps
            e["DEC"], e["REC"] = end, "X1"
            new_ls, rne, nxt, reason = self._next(choice, ls, cur, age_end, scen)
            if nxt is None:
                return None
            if nxt.place == "T3":
                temps_t3 += 1
            if nxt.place in TEMP:
                self._before_temp = cur
            e["REASON_PLACE_CHANGE"] = reason
            eps.append(self._ep(end, rne, new_ls, cin, nxt, home, None, None, None, None))
            cur, t = nxt, end
        return None

    def _transition(self, scen, ls, cur, age, step, adopted_path, temps_t3):
        rng = self.rng
        if ls in ("L1", "L2"):
            return "B_status"
        if ls == "J1":
            return "end" if rng.random() < 0.7 else "L_status"
        if cur.place in ("A3", "A4", "A5", "A6"):
            return "end"
        if adopted_path:
            if ls == "C1":
                return "L_status"
            if ls in ("C2", "V2") and cur.place in ("U5", "U6", "U3", "U4"):
                return "U_adopt" if cur.place == "U5" else "P_adopt"
            return "end"
        if scen == "sgo" and cur.place in ("U1", "U3", "U4", "U6"):
            return "end"
        if scen == "home" and step >= 1 and ls == "C2":
            return "P_home"
        if cur.place == "P1":
            return "end"
        r = rng.random()
        if ls == "C1" and r < 0.45:
            return "L_status"
        if cur.place in ("U6", "U3") and r < 0.6:
            return "T_same"
        if r < 0.68 and temps_t3 < 2 and cur.place in ("U1", "U3", "U4", "U6", "K2"):
            return "temp"
        if r < 0.88:
            return "end"
        return "P_move"

    def _next(self, choice, ls, cur, age, scen):
        rng = self.rng
        reason = None
        if choice == "L_status":
            new_ls = {"C1": "C2", "V2": "C2", "J1": "C2", "C2": "E1"}.get(ls, "C2")
            return new_ls, "L", cur, None
        if choice == "B_status":  # emergency order ends: interim care order and a new placement
            nxt = self._carer("U6" if age < 13 else rng.choice(["U6", "K2"]), avoid=cur)
            return "C1", "B", nxt, wpick(rng, REASONS_W)
        if choice == "T_same":  # same carers, placement becomes long term
            newp = {"U6": "U4", "U3": "U1"}[cur.place]
            if ls == "C1":
                return "C2", "U", cur.with_place(newp), "PLACE"
            return ls, "T", cur.with_place(newp), rng.choice(["PLACE", "CARPL"])
        if choice == "U_adopt":  # placement order made, foster-for-adoption carers become adopters
            return "E1", "U", cur.with_place("A5"), "CARPL"
        if choice == "P_adopt":
            if ls == "V2":
                return "V2", "P", self._carer("A4", avoid=cur), "CARPL"
            return "E1", "B", self._carer("A6", avoid=cur), "CARPL"
        if choice == "P_home":
            return ls, "P", Carer("P1", "PR0", None, None), "CARPL"
        if choice == "temp":
            tp = wpick(rng, [("T1", 2), ("T3", 3), ("T4", 3), ("T0", 1), ("T2", 1)])
            return ls, "P", self._carer(tp, avoid=cur), None
        if choice == "P_move":
            if age >= 15 and rng.random() < 0.08:
                p = rng.choice(["Z11", "Z12", "Z13", "Z14"])
            elif age >= 16.1 and rng.random() < 0.5:
                p = "K3"
            elif age >= 10 and rng.random() < 0.35:
                p = "K2"
            elif age >= 8 and rng.random() < 0.1:
                p = "S1"
            else:
                p = rng.choice(["U6", "U4", "U3"])
            reason = wpick(rng, REASONS_W)
            return ls, "P", self._carer(p, avoid=cur), reason
        raise ValueError(choice)

    def _end_rec(self, scen, ls, cur, age):
        rng = self.rng
        if ls == "J1":
            return rng.choice(["E14", "E14", "E9"])
        if cur.place in ("A3", "A4", "A5", "A6"):
            return rng.choice(["E11", "E12"]) if age < 18 else None
        if scen == "sgo" and cur.place.startswith("U"):
            if cur.place in ("U1", "U3"):
                return "E45"
            return "E46"
        if cur.place == "P1":
            return "E4A"
        opts = [("E4A", 30), ("E4B", 5), ("E13", 4), ("E41", 3), ("E47", 4), ("E48", 1), ("E3", 2), ("E8", 6)]
        if age >= 16.2:
            opts += [("E5", 6), ("E6", 2)]
        if age >= 17 and ls != "V2":
            opts += [("E7", 1)]
        return wpick(rng, opts)


# --------------------------------------------------------------------------- output

def header_rows(children):
    return [c.header_row() for c in children]


def episode_rows(children):
    return [dict(e) for c in children for e in c.eps]


def write_case(out, name, header, episodes, description, seeded, style=None):
    """header/episodes: lists of dicts (dates as date or str). Writes the three files."""
    p = out / name
    p.mkdir(parents=True, exist_ok=True)
    with open(p / "header.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER_COLS)
        for r in header:
            w.writerow([fmt(r.get(k)) for k in HEADER_COLS])
    with open(p / "episodes.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(EPISODE_COLS)
        for r in episodes:
            w.writerow([fmt(r.get(k)) for k in EPISODE_COLS])
    meta = {"collectionYear": 2025, "la": LA, "description": description, "seeded": sorted(set(seeded))}
    with open(p / "case.json", "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")


def export_style(rng, children, share=0.15):
    """Case systems export some codes in lower case; the reference upper-cases every cell."""
    for c in children:
        if rng.random() < share:
            c.sex = c.sex.lower()
        for e in c.eps:
            if rng.random() < share:
                for k in ("PLACE", "PLACE_PROVIDER", "LS", "RNE", "REC"):
                    if isinstance(e.get(k), str):
                        e[k] = e[k].lower()
            if rng.random() < share / 2:
                for k in ("HOME_POST", "PL_POST"):
                    if isinstance(e.get(k), str):
                        e[k] = e[k].lower()
    return children


def clean_children(seed, n):
    g = Gen(seed)
    return [g.child() for _ in range(n)]


CASES = {}


def case(fn):
    CASES[fn.__name__.replace("_", "-")] = fn
    return fn


# --------------------------------------------------------------------------- clean cases

@case
def clean_large(out):
    g = Gen(20252026)
    kids = [g.child() for _ in range(240)]
    export_style(random.Random(7), kids)
    write_case(out, "clean-large", header_rows(kids), episode_rows(kids),
               "240 children with consistent histories across all scenarios (fostering, adoption, "
               "short breaks, remand, emergency orders, care leavers, temporary placements, "
               "mother and baby, SGO, placed with parents); some codes and postcodes in lower case. "
               "The reference reports no finding.", [])


def _clean_small(out, name, seed, n, extra=""):
    kids = clean_children(seed, n)
    export_style(random.Random(seed), kids, 0.25)
    write_case(out, name, header_rows(kids), episode_rows(kids),
               f"Clean return of {n} children (seed {seed}){extra}. The reference reports no finding.", [])


@case
def clean_small_a(out):
    _clean_small(out, "clean-small-a", 11, 24)


@case
def clean_small_b(out):
    _clean_small(out, "clean-small-b", 12, 40)


@case
def clean_small_c(out):
    _clean_small(out, "clean-small-c", 13, 60)


@case
def clean_shuffled(out):
    kids = clean_children(14, 30)
    rng = random.Random(14)
    eps = episode_rows(kids)
    rng.shuffle(eps)
    hdr = header_rows(kids)
    rng.shuffle(hdr)
    write_case(out, "clean-shuffled", hdr, eps,
               "Clean return of 30 children with header and episode rows in random order "
               "(rules must not depend on file order). The reference reports no finding.", [])


# --------------------------------------------------------------------------- seeded-error cases

def base(seed, n, scenarios=None):
    g = Gen(seed)
    if scenarios:
        return g, [g.child(s) for s in scenarios] + [g.child() for _ in range(n - len(scenarios))]
    return g, [g.child() for _ in range(n)]


def find(kids, pred):
    for c in kids:
        if pred(c):
            return c
    raise LookupError("no child fits")


def ep_in_year(c):
    return [e for e in c.eps if e["DEC"] is None or e["DEC"] >= YEAR_START]


# SEEDED-CASES-BELOW


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(HERE / "cases"))
    ap.add_argument("--only", nargs="*")
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, fn in CASES.items():
        if a.only and name not in a.only:
            continue
        fn(out)
    print(f"{len(CASES)} cases")


if __name__ == "__main__":
    main()
