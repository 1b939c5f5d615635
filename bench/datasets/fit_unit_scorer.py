#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fits the select stage's unit score (DraftTuning's "Select" weights, UnitScoring) on validation data.

Input: folders written by doc2dial_to_eval.py --half tune (first turns, and --all-turns), each with the units the
select stage scored when drafting from the gold articles:

  understudyctl eval --kb DIR/kb.jsonl --input DIR/tickets.jsonl --unit-features DIR/units.jsonl

For each ticket, the units of the first source that gave a body compete; a unit "answers" as well as the token F1
(SQuAD's) of what taking it yields (the unit with what it leans on, the list a lead-in introduces) against the gold
span. The score is linear in the unit's cues (the same ones Selector.cpp computes); the weights are found by
coordinate search on a grid, maximising the mean F1 of each ticket's best-scoring unit, the folders weighing the
same. To see how well it generalises, the dialogues are split in two (sorted ids, alternating): the weights are
fitted on one half and the other half reported, before and after; then fitted on everything.

  python3 bench/datasets/fit_unit_scorer.py /tmp/d2d-tune /tmp/d2d-tune-all

Python 3 standard library only. Never give it a test half.
"""
import argparse
import collections
import json
import math
import os
import re
import sys
import unicodedata

# The cues, as UnitScoring weighs them; "intro" is the match (half cosine, half coverage) of the heading or
# question line right before the unit.
NAMES = ["cosine", "coverage", "bigrams", "matched_terms", "intro", "section_title", "first_under", "leans"]
GRID = (-1, -0.5, -0.25, -0.1, 0, 0.1, 0.25, 0.5, 1, 1.5, 2)
# The score before the fit (half cosine, half coverage, the heading's match inherited): the baseline, and one
# start of the search; --start gives another (e.g. DraftTuning's weights), and the better end wins.
BEFORE = {"cosine": 0.5, "coverage": 0.5, "intro": 1.0}


def tokens(text):
    """SQuAD's answer normalisation, as `understudyctl eval` does it (Unicode punctuation and symbols too)."""
    s = "".join(c for c in text.lower() if not unicodedata.category(c).startswith(("P", "S")))
    return re.sub(r"\b(a|an|the)\b", " ", s).split()


def token_f1(prediction, gold):
    p, g = tokens(prediction), tokens(gold)
    if not p or not g:
        return float(not p and not g)
    counts = collections.Counter(g)
    common = 0
    for t in p:
        if counts[t] > 0:
            counts[t] -= 1
            common += 1
    if not common:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    sys.exit(f"{path}:{n}: invalid JSON: {e}")


def taken_with(units, i):
    """The units taking unit i brings: what it leans on, and the list its lead-in introduces (selectUnits)."""
    first = i
    while first > 0 and units[first]["depends"] and units[first - 1]["kind"] != "heading":
        first -= 1
    last = i
    while last + 1 < len(units) and units[last]["text"].endswith(":") and units[last + 1]["depends"]:
        last += 1
    return [k for k in range(first, last + 1) if units[k]["kind"] != "heading"]


def cues(units, i):
    u = units[i]
    before = units[i - 1] if i > 0 else None
    intro = 0.0
    if before is not None and (before["kind"] == "heading" or before["text"].endswith("?")):
        intro = 0.5 * before["cosine"] + 0.5 * before["coverage"]
    return [u["cosine"], u["coverage"], u["bigrams"], math.log1p(u["matched"]), intro, u["section_title"],
            float(u["position"] == 0), float(u["depends"])]


def load(folder):
    """[(dialogue, [(cues, f1, counts)]) per ticket], number of tickets."""
    tickets = {t["id"]: t for t in read_jsonl(os.path.join(folder, "tickets.jsonl"))}
    path = os.path.join(folder, "units.jsonl")
    if not os.path.exists(path):
        sys.exit(f"{path}: not found (run understudyctl eval with --unit-features first)")
    by_ticket = collections.defaultdict(lambda: collections.defaultdict(list))
    for u in read_jsonl(path):
        by_ticket[u["id"]][u["call"]].append(u)
    rows = []
    for tid, calls in by_ticket.items():
        if tid not in tickets:
            sys.exit(f"{path}: ticket {tid} is not in tickets.jsonl")
        # The units of the first source that gave a body (the select stage tries sources in rank order).
        units = next((calls[c] for c in sorted(calls) if any(u["taken"] for u in calls[c])), None)
        if not units:
            continue
        gold = tickets[tid]["gold"]["span"]
        cand = []
        for i, u in enumerate(units):
            # A unit that holds no question term and inherits nothing scores 0 (Selector.cpp): it competes as 0.
            if u["kind"] == "heading":
                continue
            c = cues(units, i)
            counts = u["matched"] > 0 or c[4] > 0
            cand.append((c, token_f1(" ".join(units[k]["text"] for k in taken_with(units, i)), gold), counts))
        if cand:
            rows.append((tid.rsplit("_", 1)[0], cand))
    return rows, len(tickets)


def mean_f1(rows, n, w):
    total = 0.0
    for _, cand in rows:
        best, f1 = None, 0.0
        for c, y, counts in cand:
            s = max(sum(a * b for a, b in zip(w, c)), 1e-9) if counts else 0.0
            if best is None or s > best:
                best, f1 = s, y
        total += f1
    return total / n


def search(sets, w, rounds=2):
    score = lambda w: sum(mean_f1(r, n, w) for r, n in sets) / len(sets)
    best = score(w)
    for _ in range(rounds):
        for k in range(len(w)):
            for v in GRID:
                trial = list(w)
                trial[k] = v
                s = score(trial)
                if s > best + 1e-4:
                    best, w = s, trial
    return w


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="+", help="doc2dial_to_eval.py --half tune folders with units.jsonl")
    ap.add_argument("--start", help="another start, e.g. 'cosine=0.1,coverage=0.5,intro=1' (others 0)")
    args = ap.parse_args()
    sets = [load(f) for f in args.folders]
    before = [BEFORE.get(k, 0.0) for k in NAMES]
    starts = [before]
    if args.start:
        given = dict(kv.split("=") for kv in args.start.split(","))
        unknown = set(given) - set(NAMES)
        if unknown:
            sys.exit(f"--start: unknown cues {sorted(unknown)} (known: {', '.join(NAMES)})")
        starts.append([float(given.get(k, 0.0)) for k in NAMES])
    overall = lambda sets, w: sum(mean_f1(r, n, w) for r, n in sets) / len(sets)

    def fit(sets):
        return max((search(sets, s) for s in starts), key=lambda w: overall(sets, w))
    dialogues = sorted({d for rows, _ in sets for d, _ in rows})
    half = set(dialogues[0::2])
    fit_half, other_half = [], []
    for rows, n in sets:
        a = [r for r in rows if r[0] in half]
        b = [r for r in rows if r[0] not in half]
        fit_half.append((a, n * len(a) / max(1, len(rows))))
        other_half.append((b, n * len(b) / max(1, len(rows))))
    w_half = fit(fit_half)
    for folder, (rows, n) in zip(args.folders, other_half):
        print(f"{folder}, the other half of the dialogues: {mean_f1(rows, n, before):.4f} -> "
              f"{mean_f1(rows, n, w_half):.4f}")
    w = fit(sets)
    for folder, (rows, n) in zip(args.folders, sets):
        line = f"{folder}, all: {mean_f1(rows, n, before):.4f} -> {mean_f1(rows, n, w):.4f}"
        if len(starts) > 1:
            line += f" (--start as given: {mean_f1(rows, n, starts[1]):.4f})"
        print(line)
    print("weights:", ", ".join(f"{k} {v:g}" for k, v in zip(NAMES, w)))


if __name__ == "__main__":
    main()
