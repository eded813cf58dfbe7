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

OTHER_PLACES = ("Z11", "Z12", "Z13", "Z14")
MOVE_TO_OTHER_REASONS = [("CHILD", 4), ("CREQB", 3), ("LAREQ", 2), ("CARPL", 2), ("OTHER", 1)]


def add_other_placements(rng, kids, per_code=2):
    """Moves some 16- and 17-year-olds into the 2025-26 "other" placements Z11-Z14 (no provider, no URN).

    Runs on finished children with its own RNG, so the shared generator's stream (and with it every other
    case) is untouched. A placement episode in the year (LS V2 or C2, not temporary, not a short break, not
    adoption/parents/custody, not ending E17) whose next episode, if any, is a placement change (RNE P) is
    split at a day on or after both 01/04/2025 and the 16th birthday: the first part ends X1 with a reason
    for the move, the second part is the Z placement (RNE P, same legal status and category of need, a
    postcode other than home) ending as the original did, at least 14 days later and by the 18th birthday.
    Returns the list of (child, place, start) added."""
    cands = []
    for c in kids:
        if c.scenario in ("respite_v3", "respite_v4", "adoption", "baby", "sgo", "home"):
            continue
        if any((e["PLACE"] or "").upper() in OTHER_PLACES for e in c.eps):
            continue
        b16, b18 = add_years(c.dob, 16), add_years(c.dob, 18)
        for i, e in enumerate(c.eps):
            place, ls = (e["PLACE"] or "").upper(), (e["LS"] or "").upper()
            if ls not in ("V2", "C2") or place in TEMP or place in ("P1", "R5", "A3", "A4", "A5", "A6"):
                continue
            nxt = c.eps[i + 1] if i + 1 < len(c.eps) else None
            if nxt is not None and ((nxt["RNE"] or "").upper() != "P" or (nxt["PLACE"] or "").upper() in TEMP):
                continue
            if (e["REC"] or "").upper() == "E17":  # stayed with current carers at 18: keep those carers
                continue
            lo = max(e["DECOM"] + timedelta(days=28), b16, YEAR_START)
            hi = min(e["DEC"] or YEAR_END, b18) - timedelta(days=14)
            if lo <= hi:
                cands.append((c, i, lo, hi))
                break  # one candidate episode per child
    rng.shuffle(cands)
    wanted = [p for p in OTHER_PLACES for _ in range(per_code)]
    if len(cands) < len(wanted):
        raise RuntimeError("not enough 16-17-year-olds for Z11-Z14")
    added = []
    for (c, i, lo, hi), place in zip(cands, wanted):
        e = c.eps[i]
        t = lo + timedelta(days=rng.randint(0, (hi - lo).days))
        home = e["HOME_POST"]
        for _ in range(50):
            post = PC.near(rng) if rng.random() < 0.8 else PC.far(rng)
            if post.upper() != (home or "").upper() and post.upper() != (e["PL_POST"] or "").upper():
                break
        low = (e["PLACE"] or "").islower()  # keep the exported row's style
        z = {"CHILD": e["CHILD"], "DECOM": t, "RNE": "p" if low else "P", "LS": e["LS"], "CIN": e["CIN"],
             "PLACE": place.lower() if rng.random() < 0.25 else place, "PLACE_PROVIDER": None,
             "DEC": e["DEC"], "REC": e["REC"], "REASON_PLACE_CHANGE": e["REASON_PLACE_CHANGE"],
             "HOME_POST": home, "PL_POST": post, "URN": None}
        e["DEC"], e["REC"] = t, "x1" if low else "X1"
        e["REASON_PLACE_CHANGE"] = wpick(rng, MOVE_TO_OTHER_REASONS)
        c.eps.insert(i + 1, z)
        added.append((c.cid, place, t))
    return added


@case
def clean_large(out):
    g = Gen(20252026)
    kids = [g.child() for _ in range(240)]
    export_style(random.Random(7), kids)
    add_other_placements(random.Random(20252026 + 14), kids)
    write_case(out, "clean-large", header_rows(kids), episode_rows(kids),
               "240 children with consistent histories across all scenarios (fostering, adoption, "
               "short breaks, remand, emergency orders, care leavers, temporary placements, "
               "mother and baby, SGO, placed with parents, K3 supported accommodation and the 2025-26 "
               "'other' placements Z11-Z14 for 16- and 17-year-olds, without provider or URN); some codes, "
               "SEX and postcodes in lower case. The reference reports no finding.", [])


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


# --------------------------------------------------------------------------- seeded-error cases
# Each case: a few clean background children plus hand-written children carrying the errors.

AUTO = object()
DEFAULT_PROV = {"U1": "PR1", "U2": "PR1", "U3": "PR1", "U4": "PR1", "U5": "PR4", "U6": "PR4", "K1": "PR4",
                "K2": "PR4", "K3": "PR4", "A3": "PR1", "A4": "PR1", "A5": "PR1", "A6": "PR1", "P1": "PR0",
                "R1": "PR5", "R2": "PR3", "R3": "PR4", "R5": "PR3", "S1": "PR4", "P3": "PR4"}
NEEDS_URN = {"U1", "U2", "U3", "U4", "U5", "U6", "K1", "K2", "K3", "A3", "A4", "A5", "A6", "R3", "S1"}


class Hand:
    """Hand-written children for seeded cases."""

    def __init__(self, seed):
        self.g = Gen(seed, id_base=900000)
        self.rng = self.g.rng

    def kid(self, dob, sex="M", **hdr):
        g = self.g
        c = Child(g.new_id(), sex, dob if not isinstance(dob, str) else dob, "WBRI",
                  upn_for(self.rng, g.used_upns), "0" if sex.upper() == "F" else "", "")
        for k, v in hdr.items():
            setattr(c, k, v)
        c.home = PC.stoke(self.rng)
        return c

    def ep(self, c, decom, rne, ls, place, dec="", rec="", reason="", prov=AUTO, pl=AUTO, urn=AUTO,
           cin="N1", home=AUTO, same=False):
        rng = self.rng
        prev = c.eps[-1] if c.eps else None
        up = place.upper() if isinstance(place, str) else place
        respite = isinstance(ls, str) and ls.upper() in ("V3", "V4")
        if same and prev is not None:
            p_prov, p_pl, p_urn = prev["PLACE_PROVIDER"], prev["PL_POST"], prev["URN"]
        else:
            p_prov = DEFAULT_PROV.get(up)
            p_urn = ("SC%06d" % rng.randint(380000, 499999)) if up in NEEDS_URN else None
            if up in ("U1", "U2", "U3", "U4") and p_prov == "PR1":
                p_urn = LA_FOSTER_URN
            p_pl = c.home if up == "P1" else None
            while p_pl is None or p_pl == c.home and up != "P1":
                p_pl = PC.near(rng)
            if respite:
                p_pl, p_urn = None, None
        e = {"CHILD": c.cid, "DECOM": decom, "RNE": rne, "LS": ls, "CIN": cin, "PLACE": place,
             "PLACE_PROVIDER": p_prov if prov is AUTO else prov, "DEC": dec, "REC": rec,
             "REASON_PLACE_CHANGE": reason, "HOME_POST": (None if respite else c.home) if home is AUTO else home,
             "PL_POST": p_pl if pl is AUTO else pl, "URN": p_urn if urn is AUTO else urn}
        c.eps.append(e)
        return e


def seeded(name, description, seeded_rules, seed=None, background=4, scenarios=None):
    """Decorator: the function receives a Hand and returns the hand-written children."""
    def wrap(fn):
        def make(out):
            s = seed if seed is not None else sum(map(ord, name))
            g = Gen(s)
            bg = [g.child(sc) for sc in (scenarios or [])] + [g.child() for _ in range(background)]
            h = Hand(s + 1)
            hand = fn(h)
            kids = bg + hand
            hdr = [c.header_row() for c in kids if not getattr(c, "no_header", False)]
            hdr += [c.header_row() for c in kids if getattr(c, "dup_header", False)]
            eps = [dict(e) for c in kids for e in c.eps]
            write_case(out, name, hdr, eps, description, seeded_rules)
        CASES[name] = make
        return fn
    return wrap


# ---- Header fields

@seeded("hdr-sex-codes", "SEX: numeric 1/2 (valid before 2024-25), blank, X and U; lower-case m/f accepted.",
        ["101", "232"])
def _(h):
    out = []
    for sex, dob in (("1", "14/03/2012"), ("2", "02/09/2010"), ("", "21/11/2014"), ("X", "05/05/2011"),
                     ("U", "30/01/2016"), ("m", "17/07/2013"), ("f", "08/12/2009")):
        c = h.kid(dob, sex)
        if sex == "2":
            c.mother = "0"
        h.ep(c, "12/06/2025", "S", "C1", "U6")
        out.append(c)
    return out


@seeded("hdr-dob-ethnic", "DOB blank, ISO, 2-digit year, impossible date; ETHNIC blank or not a code; "
        "DOB after year end; child over 25.", ["102", "103", "301", "351"])
def _(h):
    a = h.kid("", "M"); h.ep(a, "03/05/2025", "S", "V2", "U6")
    b = h.kid("2012-05-01", "M"); h.ep(b, "03/05/2025", "S", "V2", "U6")
    c = h.kid("01/05/12", "F"); h.ep(c, "03/05/2025", "S", "V2", "U6")
    d_ = h.kid("31/02/2013", "F"); h.ep(d_, "03/05/2025", "S", "V2", "U6")
    e = h.kid("11/10/2011", "M", ethnic=""); h.ep(e, "03/05/2025", "S", "C1", "U6")
    f = h.kid("11/10/2011", "M", ethnic="WHITE"); h.ep(f, "03/05/2025", "S", "C1", "U6")
    g = h.kid("04/05/2026", "F", upn="UN1"); h.ep(g, "12/02/2026", "S", "C1", "U6")
    k = h.kid("15/01/1999", "M"); h.ep(k, "03/05/2025", "S", "V2", "K2")
    return [a, b, c, d_, e, f, g, k]


@seeded("hdr-upn", "UPN malformed (I/O/S first letter, too short, lower case accepted), UN1 for a school-age "
        "child, duplicate UPNs, blank UPN, UN4 for an episode starting in the last week of March.",
        ["168", "209", "444", "442", "210"])
def _(h):
    out = []
    for upn in ("I861200320089", "A86120032008", "O861200320089", "S86120032008A", "a861200320089",
                "Z86120032008X", "UN6"):
        c = h.kid("09/09/2010", "M", upn=upn); h.ep(c, "01/07/2025", "S", "C1", "U6"); out.append(c)
    c = h.kid("01/09/2019", "M", upn="UN1"); h.ep(c, "01/07/2025", "S", "C1", "U6"); out.append(c)
    c = h.kid("31/08/2020", "F", upn="UN1"); h.ep(c, "01/07/2025", "S", "C1", "U6"); out.append(c)
    c = h.kid("01/09/2020", "F", upn="UN1"); h.ep(c, "01/07/2025", "S", "C1", "U6"); out.append(c)
    d1 = h.kid("10/10/2010", "M", upn="K861200320077"); h.ep(d1, "01/07/2025", "S", "C1", "U6")
    d2 = h.kid("12/12/2012", "F", upn="K861200320077"); h.ep(d2, "01/07/2025", "S", "C1", "U6")
    out += [d1, d2]
    c = h.kid("03/03/2011", "M", upn=""); h.ep(c, "01/07/2025", "S", "C1", "U6"); out.append(c)
    c = h.kid("03/03/2011", "M", upn=""); h.ep(c, "01/07/2025", "S", "V3", "R1", "05/07/2025", "E4A"); out.append(c)
    c = h.kid("05/06/2013", "M", upn="UN4"); h.ep(c, "24/03/2026", "S", "V2", "U6"); out.append(c)
    c = h.kid("05/06/2013", "M", upn="UN4"); h.ep(c, "23/03/2026", "S", "V2", "U6"); out.append(c)
    return out


@seeded("hdr-mother", "MOTHER/MC_DOB: male with a child's DOB, mother without MC_DOB, not-a-mother with "
        "MC_DOB, invalid MC_DOB, mother under 11, child older than mother, child born after the year or "
        "after care ended; girls with MOTHER blank.", ["171", "174", "611", "612", "620", "621", "625", "393",
                                                       "607"])
def _(h):
    out = []
    c = h.kid("01/02/2009", "M", mc_dob="03/03/2025"); h.ep(c, "01/05/2025", "S", "V2", "K2"); out.append(c)
    c = h.kid("01/02/2009", "F", mother="1"); h.ep(c, "01/05/2025", "S", "V2", "R3"); out.append(c)
    c = h.kid("01/02/2009", "F", mother="0", mc_dob="03/03/2025"); h.ep(c, "01/05/2025", "S", "V2", "R3"); out.append(c)
    c = h.kid("01/02/2009", "F", mother="1", mc_dob="2025-03-03"); h.ep(c, "01/05/2025", "S", "V2", "R3"); out.append(c)
    c = h.kid("15/06/2014", "F", mother="1", mc_dob="01/01/2025"); h.ep(c, "01/05/2025", "S", "C1", "U6"); out.append(c)
    c = h.kid("01/02/2010", "F", mother="1", mc_dob="01/02/2010"); h.ep(c, "01/05/2025", "S", "V2", "R3"); out.append(c)
    c = h.kid("01/02/2009", "F", mother="1", mc_dob="20/03/2026")
    h.ep(c, "01/05/2025", "S", "V2", "R3", "10/01/2026", "E4A"); out.append(c)
    c = h.kid("01/02/2009", "F", mother="1", mc_dob="02/04/2026"); h.ep(c, "01/05/2025", "S", "V2", "R3"); out.append(c)
    c = h.kid("01/02/2011", "F", mother=""); h.ep(c, "01/05/2025", "S", "C1", "U6"); out.append(c)
    c = h.kid("01/02/2011", "F", mother="")
    h.ep(c, "01/05/2025", "S", "C1", "U6", "30/09/2025", "E4A"); out.append(c)
    c = h.kid("01/02/2011", "F", mother=""); h.ep(c, "01/05/2025", "S", "V3", "R1", "04/05/2025", "E4A"); out.append(c)
    return out


@seeded("hdr-integrity", "Child twice in Header, a Header child with no episodes, episodes for a child not "
        "in Header, first episode before birth, started care aged 18.", ["INT32", "EPI", "INT03", "302", "352"])
def _(h):
    a = h.kid("07/07/2012", "M"); h.ep(a, "01/06/2025", "S", "C1", "U6"); a.dup_header = True
    b = h.kid("07/07/2012", "F")
    c = h.kid("07/07/2012", "M"); h.ep(c, "01/06/2025", "S", "C1", "U6"); c.no_header = True
    d_ = h.kid("20/06/2025", "F", upn="UN1"); h.ep(d_, "18/06/2025", "S", "V2", "U6")
    e = h.kid("10/04/2007", "M"); h.ep(e, "10/04/2025", "S", "V2", "K3", "30/04/2025", "E8")
    f = h.kid("11/04/2007", "M"); h.ep(f, "10/04/2025", "S", "V2", "K3", "30/04/2025", "E8")
    return [a, b, c, d_, e, f]


# ---- Episode codes and dates

@seeded("eps-codes-invalid", "Invalid RNE, LS, CIN, PLACE, REC and REASON_PLACE_CHANGE values, "
        "including codes with stray spaces.", ["143", "144", "145", "146", "149", "1009"])
def _(h):
    out = []
    for field, val in (("RNE", "X"), ("RNE", "S "), ("LS", "C3"), ("LS", "V1"), ("CIN", "N9"), ("CIN", "N0"),
                       ("PLACE", "Q1"), ("PLACE", "U7"), ("REC", "E4"), ("REC", "E43"),
                       ("REASON_PLACE_CHANGE", "MOVED")):
        c = h.kid("02/02/2012", "M")
        e1 = h.ep(c, "01/06/2025", "S", "C1", "U6", "01/09/2025", "X1", "CARPL")
        e2 = h.ep(c, "01/09/2025", "P", "C1", "U4", "01/12/2025", "E4A")
        tgt = e1 if field in ("RNE", "REASON_PLACE_CHANGE") else e2
        tgt[field] = val
        out.append(c)
    return out


@seeded("eps-withdrawn-place-codes", "2025-26 removes H5, P2 and Z1 (split into Z11-Z14); the 2024-25 "
        "codes must now be rejected. Z11-Z14 and K3 accepted.", ["146"])
def _(h):
    out = []
    for place, prov, urn in (("H5", "PR4", "SC412345"), ("P2", "PR4", None), ("Z1", None, None),
                             ("Z11", None, None), ("z13", None, None), ("K3", "PR4", "2712345")):
        c = h.kid("03/03/2009", "F")
        h.ep(c, "01/06/2025", "S", "V2", place, prov=prov, urn=urn)
        out.append(c)
    return out


@seeded("eps-lowercase-accepted", "Every code, date-free field and postcode in lower case, as some case "
        "systems export them: the reference upper-cases cells, so nothing is reported except what the "
        "upper-case values would give.", [], background=0)
def _(h):
    out = []
    g = Gen(4242)
    kids = [g.child() for _ in range(12)]
    for c in kids:
        c.sex = c.sex.lower()
        for e in c.eps:
            for k in ("RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "REC", "REASON_PLACE_CHANGE", "HOME_POST",
                      "PL_POST", "URN"):
                if isinstance(e[k], str):
                    e[k] = e[k].lower()
    return kids


@seeded("eps-dates-malformed", "DECOM/DEC not DD/MM/YYYY (ISO, 2-digit year, impossible date, time "
        "part, surrounding space); DEC and REC half filled; both dates blank.",
        ["141", "147", "148", "355"])
def _(h):
    out = []
    for decom, dec, rec in (("2025-06-01", "01/09/2025", "E4A"), ("01/06/25", "01/09/2025", "E4A"),
                            ("01/06/2025", "31/09/2025", "E4A"), ("01/06/2025", "01/09/2025 00:00", "E4A"),
                            ("01/06/2025", " 01/09/2025", "E4A"), ("01/06/2025", "01/09/2025", ""),
                            ("01/06/2025", "", "E4A"), ("1/6/2025", "1/9/2025", "E4A")):
        c = h.kid("06/06/2011", "M")
        h.ep(c, "01/01/2025", "S", "C1", "U6", "01/06/2025", "X1", "CARPL")
        h.ep(c, decom, "P", "C1", "U4", dec, rec)
        out.append(c)
    c = h.kid("06/06/2011", "M")
    h.ep(c, "01/01/2025", "S", "C1", "U6", "01/06/2025", "X1", "CARPL")
    h.ep(c, "", "P", "C1", "U4", "", "")
    out.append(c)
    return out


@seeded("eps-decom-unparseable-crash", "A child whose only episode has an unparseable DECOM: the reference's "
        "rules 302 and 336 crash on this file (see README); other rules report as usual.", ["141"])
def _(h):
    c = h.kid("06/06/2011", "M"); h.ep(c, "2025-06-01", "S", "C1", "U6")
    d_ = h.kid("06/06/2012", "F"); h.ep(d_, "01/06/2025", "S", "C1", "U6")
    return [c, d_]


@seeded("eps-date-ranges", "DECOM before 14/10/1991, E1 before December 2005, episode starting after the "
        "year end, ceasing after the year end, ceasing before it started, zero-length episode.",
        ["353", "446", "354", "385", "356", "355"])
def _(h):
    a = h.kid("01/01/1990", "M"); h.ep(a, "01/01/1990", "S", "C2", "K2", "01/05/2025", "E8")
    b = h.kid("01/05/2003", "F"); h.ep(b, "01/03/2004", "S", "E1", "A6", "01/05/2025", "E12")
    c = h.kid("01/05/2012", "M"); h.ep(c, "02/04/2026", "S", "V2", "U6")
    d_ = h.kid("01/05/2012", "M"); h.ep(d_, "01/06/2025", "S", "V2", "U6", "01/04/2026", "E4A")
    e = h.kid("01/05/2012", "F"); h.ep(e, "01/06/2025", "S", "V2", "U6", "20/05/2025", "E4A")
    f = h.kid("01/05/2012", "F"); h.ep(f, "01/06/2025", "S", "V2", "U6", "01/06/2025", "E4A")
    g2 = h.kid("01/05/2012", "M"); h.ep(g2, "31/03/2026", "S", "V2", "U6")
    return [a, b, c, d_, e, f, g2]


# ---- providers and URNs

@seeded("eps-provider-codes", "Provider not a code, provider on temporary/other placements, provider "
        "missing (also for blank PLACE).", ["178", "213", "526"])
def _(h):
    out = []
    for place, prov in (("U6", "PR6"), ("U6", "P4"), ("T1", "PR1"), ("T4", "PR1"), ("Z12", "PR4"),
                        ("U4", None), ("", None), ("K2", None)):
        c = h.kid("09/09/2011", "M")
        h.ep(c, "01/02/2025", "S", "C2", "U4", "01/06/2025", "X1", None if place.startswith("T") else "CARPL")
        h.ep(c, "01/06/2025", "P", "C2", place, "05/06/2025" if place.startswith("T") else "",
             "X1" if place.startswith("T") else "", prov=prov)
        if place.startswith("T"):
            h.ep(c, "05/06/2025", "P", "C2", "U4", same=False)
            c.eps[-1].update({k: c.eps[0][k] for k in ("PL_POST", "URN", "PLACE_PROVIDER")})
        out.append(c)
    return out


@seeded("eps-provider-placement", "Provider not allowed with the placement: PR1/PR2 with P1, R2, R5; PR3 "
        "with K2, A5, U4, P1; PR4/PR5 with P1; PR0 with anything but P1.",
        ["527", "528", "529", "530", "531", "550"])
def _(h):
    out = []
    for place, prov, ls in (("P1", "PR1", "C2"), ("R2", "PR1", "C2"), ("R5", "PR1", "C2"), ("P1", "PR2", "C2"),
                            ("R5", "PR2", "C2"), ("K2", "PR3", "C2"), ("A5", "PR3", "E1"), ("U4", "PR3", "C2"),
                            ("P1", "PR3", "C2"), ("P1", "PR4", "C2"), ("P1", "PR5", "C2"), ("U6", "PR0", "C2"),
                            ("K2", "PR0", "C2")):
        c = h.kid("09/09/2010" if place != "A5" else "09/09/2022", "F")
        h.ep(c, "01/06/2025", "S", ls, place, prov=prov)
        out.append(c)
    return out


@seeded("eps-urn", "URN missing where required (incl. blank PLACE and an episode that ended in the year), "
        "URN given where it must not be (XXXXXXX allowed), postcode/URN given for short breaks.",
        ["218", "222", "214", "398", "420"])
def _(h):
    out = []
    c = h.kid("01/01/2010", "M"); h.ep(c, "01/06/2025", "S", "C2", "K2", urn=None); out.append(c)
    c = h.kid("01/01/2010", "M"); h.ep(c, "01/06/2024", "S", "C2", "U4", "01/04/2025", "E4A", urn=None); out.append(c)
    c = h.kid("01/01/2010", "M"); h.ep(c, "01/06/2024", "S", "C2", "U4", "31/03/2025", "E4A", urn=None); out.append(c)
    c = h.kid("01/01/2010", "F"); h.ep(c, "01/06/2025", "S", "C2", "", urn=None); out.append(c)
    c = h.kid("01/01/2010", "F"); h.ep(c, "01/06/2025", "S", "C2", "R1", urn="SC123456"); out.append(c)
    c = h.kid("01/01/2010", "F"); h.ep(c, "01/06/2025", "S", "C2", "P1", urn="XXXXXXX"); out.append(c)
    c = h.kid("01/01/2010", "M"); h.ep(c, "01/06/2025", "S", "C2", "Z14", urn="SC999999"); out.append(c)
    c = h.kid("01/01/2015", "M")
    h.ep(c, "01/06/2025", "S", "V3", "R1", "05/06/2025", "E4A", urn="SC123456"); out.append(c)
    c = h.kid("01/01/2015", "M")
    h.ep(c, "01/07/2025", "S", "V3", "R1", "04/07/2025", "E4A", pl="ST3 2DS", home="ST3 1LY"); out.append(c)
    c = h.kid("01/01/2015", "F"); h.ep(c, "01/07/2025", "S", "V4", "R1", home="ST3 1LY"); out.append(c)
    return out


# ---- postcodes

@seeded("eps-postcodes", "Placement postcode blank or unknown, home postcode blank, home = placement (not "
        "P1; P1 allowed), postcode with no space and in lower case (accepted), placement over 350 miles "
        "away (Orkney), own-provision home outside the LA (Staffordshire, Wales).",
        ["169", "179", "392b", "392c", "392d", "454", "1015"])
def _(h):
    out = []
    c = h.kid("02/02/2012", "M"); h.ep(c, "01/06/2025", "S", "C1", "U6", pl=None); out.append(c)
    c = h.kid("02/02/2012", "M"); h.ep(c, "01/06/2025", "S", "C1", "U6", pl="ST99 9ZZ"); out.append(c)
    c = h.kid("02/02/2012", "F"); h.ep(c, "01/06/2025", "S", "C1", "U6", home=None); out.append(c)
    c = h.kid("02/02/2012", "F"); h.ep(c, "01/06/2025", "S", "C1", "U6", home="XX1 1XX"); out.append(c)
    c = h.kid("02/02/2012", "M"); h.ep(c, "01/06/2025", "S", "C1", "U6", pl=c.home); out.append(c)
    c = h.kid("02/02/2012", "M"); h.ep(c, "01/06/2025", "S", "C2", "P1"); out.append(c)
    c = h.kid("02/02/2012", "F")
    h.ep(c, "01/06/2025", "S", "C1", "U6", home="st31ly", pl="st5 1ds"); out.append(c)
    c = h.kid("02/02/2009", "M"); h.ep(c, "01/06/2025", "S", "C2", "K2", pl="KW15 2UZ", prov="PR4"); out.append(c)
    c = h.kid("02/02/2009", "M"); h.ep(c, "01/06/2025", "S", "C2", "K2", pl="ST5 1GL", prov="PR1"); out.append(c)
    c = h.kid("02/02/2009", "F"); h.ep(c, "01/06/2025", "S", "C2", "K2", pl="CF14 3RL", prov="PR1"); out.append(c)
    c = h.kid("02/02/2009", "F"); h.ep(c, "01/06/2025", "S", "C2", "K2", pl="ST99 9ZZ", prov="PR1"); out.append(c)
    c = h.kid("02/02/2009", "F"); h.ep(c, "01/06/2025", "S", "C2", "U4", pl="ST5 1GL", prov="PR1"); out.append(c)
    return out


# ---- ages

@seeded("age-placements", "Too young for the placement at DECOM (ended episodes): supported accommodation "
        "K3 under 16, youth custody R5 under 10, residential school S1 under 4, residential employment P3 "
        "under 14; open episodes not checked; exactly on the birthday is allowed.",
        ["371", "372", "373", "374"])
def _(h):
    out = []
    for place, dob, decom, dec in (("K3", "10/10/2009", "01/06/2025", "01/09/2025"),
                                   ("K3", "01/06/2009", "01/06/2025", "01/09/2025"),
                                   ("K3", "10/10/2009", "01/06/2025", ""),
                                   ("R5", "01/07/2015", "01/06/2025", "20/06/2025"),
                                   ("S1", "01/07/2021", "01/06/2025", "20/12/2025"),
                                   ("P3", "01/07/2011", "01/06/2025", "20/12/2025"),
                                   ("P3", "01/06/2011", "01/06/2025", "20/12/2025")):
        c = h.kid(dob, "M")
        h.ep(c, decom, "S", "C2" if place != "R5" else "J1", place, dec, "E8" if dec else "")
        out.append(c)
    return out


@seeded("age-custody", "Remand/PACE/youth rehabilitation legal status (J1-J3) for a child under 10 or "
        "exactly 10 at DECOM; placement change for custody (CUSTOD) under 10.", ["358", "234"])
def _(h):
    out = []
    c = h.kid("15/08/2016", "M"); h.ep(c, "01/06/2025", "S", "J1", "K2", "20/06/2025", "E14"); out.append(c)
    c = h.kid("01/06/2015", "M"); h.ep(c, "01/06/2025", "S", "J2", "K2", "03/06/2025", "E8"); out.append(c)
    c = h.kid("02/06/2015", "M"); h.ep(c, "01/06/2025", "S", "J3", "K2", "20/06/2025", "E8"); out.append(c)
    c = h.kid("01/03/2016", "M")
    h.ep(c, "01/05/2025", "S", "C2", "U6", "01/08/2025", "X1", "CUSTOD")
    h.ep(c, "01/08/2025", "P", "C2", "K1", prov="PR4"); out.append(c)
    c = h.kid("2016-03-01", "F")
    h.ep(c, "01/05/2025", "S", "C2", "U6", "01/08/2025", "X1", "CUSTOD")
    h.ep(c, "01/08/2025", "P", "C2", "K1", prov="PR4"); out.append(c)
    return out


@seeded("age-ceasing", "Reason ceased incompatible with age at DEC: adopted at 18+, independent living "
        "under 14, adult social care under 16 (and E7 with no DEC / no DOB), stayed with carers (E17) "
        "under 18, SGO after 18.", ["386", "387", "389", "460", "407"])
def _(h):
    out = []
    c = h.kid("01/05/2007", "F"); h.ep(c, "01/01/2025", "S", "E1", "A5", "02/05/2025", "E11", reason=""); out.append(c)
    c = h.kid("01/05/2012", "M"); h.ep(c, "01/01/2025", "S", "V2", "U6", "02/05/2025", "E5"); out.append(c)
    c = h.kid("", "M"); h.ep(c, "01/01/2025", "S", "V2", "U6", "02/05/2025", "E6"); out.append(c)
    c = h.kid("01/05/2010", "M"); h.ep(c, "01/01/2025", "S", "V2", "U6", "02/05/2025", "E7"); out.append(c)
    c = h.kid("01/05/2008", "M"); h.ep(c, "01/01/2025", "S", "V2", "K2", "", "E7"); out.append(c)
    c = h.kid("01/05/2008", "F"); h.ep(c, "01/01/2025", "S", "V2", "U4", "02/05/2025", "E17"); out.append(c)
    c = h.kid("01/05/2007", "F"); h.ep(c, "01/01/2025", "S", "C2", "U1", "02/05/2025", "E47"); out.append(c)
    c = h.kid("01/05/2007", "F"); h.ep(c, "01/01/2025", "S", "C2", "U1", "01/05/2025", "E45"); out.append(c)
    return out


@seeded("age-over-18", "Still looked after (open episode) after the 18th birthday, except V2 in K2; "
        "29 February birthday (18th birthday taken as 28/02/2026).", ["359"])
def _(h):
    out = []
    c = h.kid("10/10/2007", "M"); h.ep(c, "01/01/2024", "S", "C2", "U4"); out.append(c)
    c = h.kid("10/10/2007", "F"); h.ep(c, "01/01/2024", "S", "V2", "K2"); out.append(c)
    c = h.kid("29/02/2008", "M"); h.ep(c, "01/01/2024", "S", "C2", "U4"); out.append(c)
    c = h.kid("31/03/2008", "F"); h.ep(c, "01/01/2024", "S", "C2", "U4"); out.append(c)
    c = h.kid("30/03/2008", "F"); h.ep(c, "01/01/2024", "S", "C2", "U4"); out.append(c)
    return out


# ---- temporary placements

def _with_temp(h, c, tplace, t_start, t_end, ret_rne="P", reason_before=None, t_reason=None, ret_same=True,
               t_rne="P", t_rec="X1"):
    h.ep(c, "01/01/2025", "S", "C2", "U4", t_start, "X1", reason_before)
    base = c.eps[-1]
    h.ep(c, t_start, t_rne, "C2", tplace, t_end, t_rec, t_reason)
    if t_rec == "X1":
        h.ep(c, t_end, ret_rne, "C2", "U4")
        if ret_same:
            c.eps[-1].update({k: base[k] for k in ("PL_POST", "URN", "PLACE_PROVIDER")})


@seeded("temp-durations", "Temporary placements too long: hospital T1 over 6 weeks, carer's holiday T3 "
        "over 3 weeks, T4 over 7 days (limits themselves allowed); more than two T3 in the year.",
        ["375", "376", "379", "377"])
def _(h):
    out = []
    for tp, s, e in (("T1", "01/06/2025", "14/07/2025"), ("T1", "01/06/2025", "13/07/2025"),
                     ("T3", "01/06/2025", "23/06/2025"), ("T3", "01/06/2025", "22/06/2025"),
                     ("T4", "01/06/2025", "09/06/2025"), ("T4", "01/06/2025", "08/06/2025")):
        c = h.kid("05/05/2012", "M"); _with_temp(h, c, tp, s, e); out.append(c)
    c = h.kid("05/05/2012", "F")
    h.ep(c, "01/01/2025", "S", "C2", "U4", "01/05/2025", "X1")
    base = c.eps[-1]
    for s, e in (("01/05/2025", "08/05/2025"), ("01/08/2025", "08/08/2025"), ("01/11/2025", "08/11/2025")):
        h.ep(c, s, "P", "C2", "T3", e, "X1")
        h.ep(c, e, "P", "C2", "U4", "" if s.startswith("01/11") else
             {"01/05/2025": "01/08/2025", "01/08/2025": "01/11/2025"}[s], "" if s.startswith("01/11") else "X1")
        c.eps[-1].update({k: base[k] for k in ("PL_POST", "URN", "PLACE_PROVIDER")})
    out.append(c)
    return out


@seeded("temp-sequence", "A period of care starting or ending in a temporary placement, respite in a "
        "temporary placement, temporary placement entered with RNE T, return to a different placement or "
        "with RNE other than P.", ["380", "381", "382", "383"])
def _(h):
    out = []
    c = h.kid("05/05/2012", "M"); h.ep(c, "01/06/2025", "S", "C1", "T4", "05/06/2025", "X1")
    h.ep(c, "05/06/2025", "P", "C1", "U6"); out.append(c)
    c = h.kid("05/05/2012", "M"); _with_temp(h, c, "T1", "01/06/2025", "10/06/2025", t_rec="E4A"); out.append(c)
    c = h.kid("05/05/2012", "F"); _with_temp(h, c, "T3", "01/06/2025", "10/06/2025", t_rne="T"); out.append(c)
    c = h.kid("05/05/2014", "F"); h.ep(c, "01/06/2025", "S", "V3", "T2", "05/06/2025", "E4A"); out.append(c)
    c = h.kid("05/05/2012", "M"); _with_temp(h, c, "T4", "01/06/2025", "04/06/2025", ret_same=False); out.append(c)
    c = h.kid("05/05/2012", "M"); _with_temp(h, c, "T4", "01/06/2025", "04/06/2025", ret_rne="T"); out.append(c)
    c = h.kid("05/05/2012", "F"); _with_temp(h, c, "T0", "01/06/2025", "04/06/2025")
    c.eps[-1]["PL_POST"] = None; c.eps[0]["PL_POST"] = None; out.append(c)
    return out


@seeded("temp-reasons", "REASON_PLACE_CHANGE: missing on a move between placements (also with RNE B, T, "
        "U), given on a temporary placement or on the episode ending in a temporary placement.",
        ["225", "226"])
def _(h):
    out = []
    c = h.kid("05/05/2012", "M")
    h.ep(c, "01/02/2025", "S", "C2", "U6", "01/06/2025", "X1"); h.ep(c, "01/06/2025", "P", "C2", "U4"); out.append(c)
    c = h.kid("05/05/2012", "M")
    h.ep(c, "01/02/2025", "S", "C1", "U6", "01/06/2025", "X1"); h.ep(c, "01/06/2025", "B", "C2", "K2"); out.append(c)
    c = h.kid("05/05/2012", "F")
    h.ep(c, "01/02/2025", "S", "C2", "U6", "01/06/2025", "X1"); h.ep(c, "01/06/2025", "T", "C2", "U4", same=True)
    out.append(c)
    c = h.kid("05/05/2012", "F"); _with_temp(h, c, "T3", "01/06/2025", "10/06/2025", reason_before="CARPL"); out.append(c)
    c = h.kid("05/05/2012", "M"); _with_temp(h, c, "T4", "01/06/2025", "05/06/2025", t_reason="OTHER"); out.append(c)
    c = h.kid("05/05/2012", "M")
    h.ep(c, "01/02/2025", "S", "C2", "U6", "01/06/2025", "X1"); h.ep(c, "01/06/2025", "L", "E1", "U6", same=True)
    out.append(c)
    return out


# ---- legal statuses with time limits

@seeded("ls-durations", "Police protection L1 over 72 hours (3 days), EPO L2 over 21 days (two joined "
        "episodes), child assessment order L3 over 7 days, PACE J2 over 21 days; limits themselves allowed.",
        ["361", "362", "363", "364"])
def _(h):
    out = []
    for ls, s, e in (("L1", "01/06/2025", "05/06/2025"), ("L1", "01/06/2025", "04/06/2025"),
                     ("L3", "01/06/2025", "09/06/2025"), ("L3", "01/06/2025", "08/06/2025"),
                     ("J2", "01/06/2025", "23/06/2025"), ("J2", "01/06/2025", "22/06/2025")):
        c = h.kid("05/05/2011", "M")
        h.ep(c, s, "S", ls, "U6" if ls != "J2" else "K2", e, "X1", "CARPL")
        h.ep(c, e, "B", "C1", "U4" if ls != "J2" else "K2")
        out.append(c)
    c = h.kid("05/05/2011", "F")
    h.ep(c, "01/06/2025", "S", "L2", "U6", "15/06/2025", "X1", "CARPL")
    h.ep(c, "15/06/2025", "P", "L2", "U4", "25/06/2025", "X1", "CARPL")
    h.ep(c, "25/06/2025", "B", "C1", "K2")
    out.append(c)
    c = h.kid("05/05/2011", "F")
    h.ep(c, "01/06/2025", "S", "L2", "U6", "22/06/2025", "X1", "CARPL")
    h.ep(c, "22/06/2025", "B", "C1", "U4")
    out.append(c)
    c = h.kid("05/05/2011", "M")
    h.ep(c, "20/03/2026", "S", "L2", "U6")
    out.append(c)
    return out


@seeded("ls-respite", "Short breaks (V3): one break over 17 days (and an open one), a break not starting "
        "with S, over 75 days of breaks in the year, V3 and V4 for one child, respite in long-term "
        "fostering.", ["365", "366", "367", "426", "384"])
def _(h):
    out = []
    c = h.kid("01/01/2014", "M"); h.ep(c, "01/06/2025", "S", "V3", "R1", "19/06/2025", "E4A", cin="N2"); out.append(c)
    c = h.kid("01/01/2014", "M"); h.ep(c, "01/06/2025", "S", "V3", "R1", "18/06/2025", "E4A", cin="N2"); out.append(c)
    c = h.kid("01/01/2014", "F"); h.ep(c, "01/03/2026", "S", "V3", "R1", cin="N2"); out.append(c)
    c = h.kid("01/01/2014", "F"); h.ep(c, "01/06/2025", "P", "V3", "R1", "03/06/2025", "E4A", cin="N2"); out.append(c)
    c = h.kid("01/01/2014", "M")
    for m in range(5, 12):
        h.ep(c, f"01/{m:02d}/2025", "S", "V3", "R1", f"12/{m:02d}/2025", "E4A", cin="N2")
    out.append(c)
    c = h.kid("01/01/2014", "M")
    h.ep(c, "01/05/2025", "S", "V3", "R1", "04/05/2025", "E4A", cin="N2")
    h.ep(c, "01/09/2025", "S", "V4", "R1", cin="N2")
    out.append(c)
    c = h.kid("01/01/2014", "F"); h.ep(c, "01/06/2025", "S", "V4", "U4", urn=None, cin="N2"); out.append(c)
    return out


@seeded("ls-placement-mismatch", "Legal status not compatible with the placement: placed with parents "
        "under s.20 (V2), A5/A6 without a placement order (E1).", ["378", "408"])
def _(h):
    out = []
    c = h.kid("01/01/2014", "M"); h.ep(c, "01/06/2025", "S", "V2", "P1"); out.append(c)
    c = h.kid("01/01/2023", "F", upn="UN1"); h.ep(c, "01/06/2025", "S", "C2", "A6"); out.append(c)
    c = h.kid("01/01/2023", "M", upn="UN1"); h.ep(c, "01/06/2025", "S", "", "A5"); out.append(c)
    c = h.kid("01/01/2023", "M", upn="UN1"); h.ep(c, "01/06/2025", "S", "E1", "A5"); out.append(c)
    return out


# ---- ceasing and adoption

@seeded("cease-adoption", "Adopted (E11/E12) from a non-adoption placement, SGO to former foster carers "
        "(E45/E46) from a non-foster placement, A3/A5 without RNE S/T/U, A3/A4 not after a foster placement, "
        "a new episode after adoption.", ["390", "516", "217", "336", "199"])
def _(h):
    out = []
    c = h.kid("01/01/2022", "M", upn="UN1"); h.ep(c, "01/01/2024", "S", "C2", "U4", "01/06/2025", "E11"); out.append(c)
    c = h.kid("01/01/2012", "F"); h.ep(c, "01/01/2024", "S", "C2", "K2", "01/06/2025", "E45"); out.append(c)
    c = h.kid("01/01/2012", "F"); h.ep(c, "01/01/2024", "S", "C2", "P1", "01/06/2025", "E46"); out.append(c)
    c = h.kid("01/01/2022", "M", upn="UN1")
    h.ep(c, "01/01/2024", "S", "C2", "U5", "01/06/2025", "X1", "CARPL")
    h.ep(c, "01/06/2025", "P", "E1", "A5", same=True); out.append(c)
    c = h.kid("01/01/2022", "F", upn="UN1")
    h.ep(c, "01/01/2024", "S", "C2", "K2", "01/06/2025", "X1", "CARPL")
    h.ep(c, "01/06/2025", "P", "V2", "A4"); out.append(c)
    c = h.kid("01/01/2022", "F", upn="UN1")
    h.ep(c, "01/01/2024", "S", "C2", "U5", "01/06/2025", "X1", "CARPL")
    h.ep(c, "01/06/2025", "U", "E1", "A5", "01/10/2025", "E12", same=True)
    c.eps[-1]["PLACE"] = "A5"
    h.ep(c, "01/12/2025", "S", "V2", "U6"); out.append(c)
    c = h.kid("01/01/2022", "M", upn="UN1")
    h.ep(c, "01/01/2024", "S", "C2", "U6", "01/06/2025", "X1", "CARPL")
    h.ep(c, "01/06/2025", "B", "E1", "A6", "01/10/2025", "E11"); out.append(c)
    return out


@seeded("cease-died", "Died (E2) or age-assessed as an adult (E15) but further episodes follow.", ["437"])
def _(h):
    out = []
    c = h.kid("01/01/2012", "M"); h.ep(c, "01/01/2025", "S", "C2", "U4", "01/06/2025", "E2")
    h.ep(c, "10/06/2025", "S", "C2", "U4"); out.append(c)
    c = h.kid("01/01/2009", "M"); h.ep(c, "01/05/2025", "S", "V2", "K3", "01/06/2025", "E15")
    h.ep(c, "01/08/2025", "S", "V2", "K3"); out.append(c)
    c = h.kid("01/01/2012", "F"); h.ep(c, "01/01/2025", "S", "C2", "U4", "01/06/2025", "E2"); out.append(c)
    return out


# ---- sequences of episodes

@seeded("seq-continuity", "Episode continuity: an earlier episode left open, X1 with no continuation or a "
        "gap, a non-X1 ending followed the same day, X1 on the last episode, RNE S on the day the previous "
        "ended, RNE P/L after the child left care, continuation on another day, overlapping episodes.",
        ["142", "388", "431", "432", "433", "501"])
def _(h):
    out = []
    c = h.kid("02/02/2013", "M"); h.ep(c, "01/02/2025", "S", "C2", "U6"); h.ep(c, "01/06/2025", "P", "C2", "U4")
    out.append(c)
    c = h.kid("02/02/2013", "M"); h.ep(c, "01/02/2025", "S", "C2", "U6", "01/06/2025", "X1", "CARPL")
    h.ep(c, "05/06/2025", "P", "C2", "U4"); out.append(c)
    c = h.kid("02/02/2013", "F"); h.ep(c, "01/02/2025", "S", "C2", "U6", "01/06/2025", "E4A")
    h.ep(c, "01/06/2025", "S", "C2", "U4"); out.append(c)
    c = h.kid("02/02/2013", "F"); h.ep(c, "01/02/2025", "S", "C2", "U6", "01/06/2025", "X1"); out.append(c)
    c = h.kid("02/02/2013", "M"); h.ep(c, "01/02/2025", "S", "C2", "U6", "01/06/2025", "E4A")
    h.ep(c, "01/08/2025", "P", "C2", "U4"); out.append(c)
    c = h.kid("02/02/2013", "M"); h.ep(c, "01/02/2025", "S", "C2", "U6", "01/06/2025", "X1", "CARPL")
    h.ep(c, "1/6/2025", "P", "C2", "U4"); out.append(c)
    c = h.kid("02/02/2013", "F"); h.ep(c, "01/02/2025", "S", "C2", "U6", "01/07/2025", "X1", "CARPL")
    h.ep(c, "01/06/2025", "P", "C2", "U4"); out.append(c)
    c = h.kid("02/02/2013", "F"); h.ep(c, "01/02/2025", "S", "C2", "U6", "01/07/2025", "X1", "CARPL")
    h.ep(c, "25/06/2025", "S", "C2", "U4"); out.append(c)
    return out


@seeded("seq-rne-consistency", "RNE does not match what changed: L with a placement change or the same "
        "legal status, P/T with a legal status change or nothing changed, B/U with the same legal status "
        "or no placement change.", ["434", "435", "436"])
def _(h):
    out = []
    c = h.kid("03/03/2012", "M"); h.ep(c, "01/02/2025", "S", "C1", "U6", "01/06/2025", "X1")
    h.ep(c, "01/06/2025", "L", "C2", "U4"); out.append(c)
    c = h.kid("03/03/2012", "M"); h.ep(c, "01/02/2025", "S", "C1", "U6", "01/06/2025", "X1")
    h.ep(c, "01/06/2025", "L", "C1", "U6", same=True); out.append(c)
    c = h.kid("03/03/2012", "F"); h.ep(c, "01/02/2025", "S", "C1", "U6", "01/06/2025", "X1", "CARPL")
    h.ep(c, "01/06/2025", "P", "C2", "U4"); out.append(c)
    c = h.kid("03/03/2012", "F"); h.ep(c, "01/02/2025", "S", "C2", "U6", "01/06/2025", "X1", "CARPL")
    h.ep(c, "01/06/2025", "T", "C2", "U6", same=True); out.append(c)
    c = h.kid("03/03/2010", "F"); h.ep(c, "01/02/2025", "S", "C2", "R1", "01/06/2025", "X1", "CARPL")
    h.ep(c, "01/06/2025", "P", "C2", "R1", same=True); out.append(c)
    c = h.kid("03/03/2012", "M"); h.ep(c, "01/02/2025", "S", "C1", "U6", "01/06/2025", "X1", "CARPL")
    h.ep(c, "01/06/2025", "B", "C1", "K2"); out.append(c)
    c = h.kid("03/03/2012", "M"); h.ep(c, "01/02/2025", "S", "C1", "U6", "01/06/2025", "X1", "CARPL")
    h.ep(c, "01/06/2025", "U", "C2", "U6", same=True); out.append(c)
    c = h.kid("03/03/2010", "F"); h.ep(c, "01/02/2025", "S", "C1", "R1", "01/06/2025", "X1", "CARPL")
    h.ep(c, "01/06/2025", "U", "C2", "R1", same=True); out.append(c)
    return out


@seeded("seq-first-and-cin", "First episode in the year with RNE other than S (also blank), category of "
        "need changing within a period of care.", ["357", "504"])
def _(h):
    out = []
    c = h.kid("03/03/2012", "M"); h.ep(c, "01/05/2025", "P", "C1", "U6"); out.append(c)
    c = h.kid("03/03/2012", "M"); h.ep(c, "01/05/2025", "", "C1", "U6"); out.append(c)
    c = h.kid("03/03/2012", "F"); h.ep(c, "01/04/2025", "L", "C2", "U6"); out.append(c)
    c = h.kid("03/03/2012", "F"); h.ep(c, "31/03/2025", "L", "C2", "U6"); out.append(c)
    c = h.kid("03/03/2012", "M"); h.ep(c, "01/02/2025", "S", "C1", "U6", "01/06/2025", "X1", cin="N1")
    h.ep(c, "01/06/2025", "L", "C2", "U6", same=True, cin="N4"); out.append(c)
    c = h.kid("03/03/2012", "M"); h.ep(c, "01/02/2025", "S", "C1", "U6", "01/06/2025", "X1", cin="N1")
    h.ep(c, "01/06/2025", "L", "C2", "U6", same=True, cin=""); out.append(c)
    return out


@seeded("seq-open-reason", "An open episode carrying a reason for placement change: rule 233's intended "
        "check (DEC blank and REASON_PLACE_CHANGE given); the reference crashes on 233, so nothing is "
        "expected for it.", [], background=3)
def _(h):
    c = h.kid("03/03/2012", "M"); h.ep(c, "01/05/2025", "S", "C1", "U6", reason="CARPL")
    return [c]


@seeded("hdr-duplicate-child-crash", "A child twice in Header who left care with E17: the reference's rule "
        "460 crashes on this file (see README).", ["INT32"], background=3)
def _(h):
    c = h.kid("01/05/2007", "F"); h.ep(c, "01/01/2024", "S", "C2", "U4", "01/05/2025", "E17"); c.dup_header = True
    return [c]


@seeded("boundaries-clean", "Boundary values that must not be reported: care starting 01/04/2025 and "
        "ending 31/03/2026, 18th birthday on the last day with E17, a 29 February birth, T4 of exactly 7 "
        "days, L1 of exactly 3 days, UN1 for a child born 01/09/2020, open V4 agreement.", [], background=2)
def _(h):
    out = []
    c = h.kid("15/07/2012", "M"); h.ep(c, "01/04/2025", "S", "V2", "U6", "31/03/2026", "E4A"); out.append(c)
    c = h.kid("31/03/2008", "F"); h.ep(c, "01/01/2024", "S", "C2", "U4", "31/03/2026", "E17"); out.append(c)
    c = h.kid("29/02/2008", "M"); h.ep(c, "01/01/2024", "S", "C2", "U4", "28/02/2026", "E17"); out.append(c)
    c = h.kid("01/09/2020", "M", upn="UN1"); h.ep(c, "01/09/2025", "S", "C1", "U6"); out.append(c)
    c = h.kid("05/05/2012", "F"); _with_temp(h, c, "T4", "01/06/2025", "08/06/2025"); out.append(c)
    c = h.kid("05/05/2011", "M")
    h.ep(c, "01/06/2025", "S", "L1", "U6", "04/06/2025", "X1", "CARPL"); h.ep(c, "04/06/2025", "B", "C1", "U4")
    out.append(c)
    c = h.kid("05/05/2014", "F"); h.ep(c, "01/06/2024", "S", "V4", "R1", cin="N2"); out.append(c)
    return out


@seeded("ls-file-order", "Short L3 and J2 episodes of one child listed out of date order in the file: the "
        "reference's rules 363 and 364 walk the rows in file order (their sort is not applied), so two "
        "separate stays are summed and reported.", ["363", "364"], background=3)
def _(h):
    c = h.kid("05/05/2011", "M")
    h.ep(c, "10/06/2025", "S", "L3", "U6", "16/06/2025", "E4A")
    h.ep(c, "01/06/2025", "S", "L3", "U6", "03/06/2025", "E4A")
    d_ = h.kid("05/05/2010", "M")
    h.ep(d_, "10/07/2025", "S", "J2", "K2", "25/07/2025", "E8")
    h.ep(d_, "01/06/2025", "S", "J2", "K2", "10/06/2025", "E8")
    return [c, d_]


MUTATIONS = [
    ("blank DEC on a closed episode", lambda r, c, e: e.update(DEC=None)),
    ("blank REC", lambda r, c, e: e.update(REC=None)),
    ("blank RNE", lambda r, c, e: e.update(RNE=None)),
    ("blank LS", lambda r, c, e: e.update(LS=None)),
    ("blank PLACE", lambda r, c, e: e.update(PLACE=None)),
    ("blank PLACE_PROVIDER", lambda r, c, e: e.update(PLACE_PROVIDER=None)),
    ("blank URN", lambda r, c, e: e.update(URN=None)),
    ("blank PL_POST", lambda r, c, e: e.update(PL_POST=None)),
    ("blank HOME_POST", lambda r, c, e: e.update(HOME_POST=None)),
    ("DECOM in ISO format", lambda r, c, e: e.update(DECOM=e["DECOM"].isoformat() if isinstance(e["DECOM"], date) else e["DECOM"])),
    ("DEC a day later", lambda r, c, e: e.update(DEC=e["DEC"] + timedelta(days=1) if isinstance(e["DEC"], date) else e["DEC"])),
    ("DECOM a day earlier", lambda r, c, e: e.update(DECOM=e["DECOM"] - timedelta(days=1))),
    ("withdrawn PLACE code", lambda r, c, e: e.update(PLACE=r.choice(["H5", "P2", "Z1"]))),
    ("PLACE changed to P1", lambda r, c, e: e.update(PLACE="P1")),
    ("provider PR1 -> PR3", lambda r, c, e: e.update(PLACE_PROVIDER="PR3")),
    ("RNE S -> P", lambda r, c, e: e.update(RNE="P" if e["RNE"] == "S" else "S")),
    ("REC X1 -> E8", lambda r, c, e: e.update(REC="E8" if e["REC"] == "X1" else "X1")),
    ("CIN changed", lambda r, c, e: e.update(CIN="N5" if e["CIN"] != "N5" else "N1")),
    ("LS changed to V3", lambda r, c, e: e.update(LS="V3")),
    ("reason removed", lambda r, c, e: e.update(REASON_PLACE_CHANGE=None)),
    ("episode duplicated", None),
    ("episode dropped", None),
    ("SEX numeric", lambda r, c, e: setattr(c, "sex", {"M": "1", "F": "2"}.get(c.sex.upper(), "1"))),
    ("DOB a year later", lambda r, c, e: setattr(c, "dob", add_years(c.dob, 1) if isinstance(c.dob, date) else c.dob)),
    ("UPN blank", lambda r, c, e: setattr(c, "upn", "")),
    ("MOTHER blank", lambda r, c, e: setattr(c, "mother", "")),
]


def _mutated(n):
    name = f"mutated-{n}"

    def make(out):
        seed = 5000 + n
        g = Gen(seed)
        kids = [g.child() for _ in range(20)]
        rng = random.Random(seed)
        done = []
        for c in rng.sample(kids, 8):
            label, fn = rng.choice(MUTATIONS)
            i = rng.randrange(len(c.eps))
            e = c.eps[i]
            if label == "episode duplicated":
                c.eps.insert(i, dict(e))
            elif label == "episode dropped":
                if len(c.eps) < 2:
                    continue
                del c.eps[i]
            else:
                fn(rng, c, e)
            done.append(f"{label} (child {c.cid})")
        write_case(out, name, header_rows(kids), episode_rows(kids),
                   "A clean return of 20 children with 8 random data-entry errors: " + "; ".join(done) +
                   ". Whatever the reference reports is expected.", [])
    CASES[name] = make


for _n in range(1, 7):
    _mutated(_n)



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
