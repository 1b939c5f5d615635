#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""doc2dial (../shared/datasets/doc2dial) as input for `understudyctl eval`.

Writes into OUT:
  kb.jsonl       the 273 passages as articles (id = passage_id, title = doc_title, body = text), the JSONL
                 article format `understudyctl import kb` reads
  tickets.jsonl  one open ticket per user turn with gold: {"articles":[gold_passage_id], "span": grounding_text,
                 "reference": next_agent_response (when the dataset has it), "escalate": false}

By default only first user turns (turn_id 1; the ticket is the user's utterance, no subject). --all-turns emits
every user turn, with the dialogue before it as the ticket's earlier messages (user -> customer, agent -> agent).

--half picks a FIXED half of the dialogues: the dial_ids sorted, even positions (0, 2, ...) are "tune" (validation
data to tune on), odd positions "test" (reported, never tuned on); "all" (the default) keeps both.

Then, e.g.:
  understudyctl eval --kb OUT/kb.jsonl --input OUT/tickets.jsonl --report OUT/report.json
Python 3 standard library only; the dataset is read in place, nothing is copied into the project.
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "datasets", "doc2dial"))


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    sys.exit(f"{path}:{n}: invalid JSON: {e}")


def halves(dial_ids):
    """dial_id -> "tune" | "test": sorted ids, even positions tune, odd positions test."""
    return {d: ("tune" if i % 2 == 0 else "test") for i, d in enumerate(sorted(dial_ids))}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="output folder (created if missing)")
    ap.add_argument("--source", default=DEFAULT_SOURCE, help="the doc2dial folder (default: %(default)s)")
    ap.add_argument("--half", choices=["tune", "test", "all"], default="all",
                    help="fixed half of the dialogues by sorted dial_id: even positions tune, odd test")
    ap.add_argument("--all-turns", action="store_true", help="every user turn, not only the first")
    args = ap.parse_args()

    passages = os.path.join(args.source, "passages.jsonl")
    questions = os.path.join(args.source, "questions.jsonl")
    for p in (passages, questions):
        if not os.path.exists(p):
            sys.exit(f"{p}: not found (give --source the doc2dial folder)")
    os.makedirs(args.out, exist_ok=True)

    articles = 0
    with open(os.path.join(args.out, "kb.jsonl"), "w", encoding="utf-8") as f:
        for p in read_jsonl(passages):
            f.write(json.dumps({"id": p["passage_id"], "title": p["doc_title"], "body": p["text"]},
                               ensure_ascii=False) + "\n")
            articles += 1

    rows = list(read_jsonl(questions))
    half_of = halves({r["dial_id"] for r in rows})
    tickets = 0
    with open(os.path.join(args.out, "tickets.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            if args.half != "all" and half_of[r["dial_id"]] != args.half:
                continue
            if not args.all_turns and r["turn_id"] != 1:
                continue
            if args.all_turns:
                messages = [{"author": "customer" if h["role"] == "user" else "agent", "body": h["text"]}
                            for h in r["history"] if h["text"].strip()]
                if not messages or messages[-1]["author"] != "customer":
                    messages.append({"author": "customer", "body": r["user_utterance"]})
            else:
                messages = [{"author": "customer", "body": r["user_utterance"]}]
            gold = {"articles": [r["gold_passage_id"]], "span": r["grounding_text"], "escalate": False}
            if r.get("next_agent_response"):
                gold["reference"] = r["next_agent_response"]
            f.write(json.dumps({"id": r["id"], "messages": messages, "status": "open", "language": "en",
                                "gold": gold}, ensure_ascii=False) + "\n")
            tickets += 1
    print(f"{args.out}/kb.jsonl: {articles} articles")
    print(f"{args.out}/tickets.jsonl: {tickets} tickets ({'all' if args.all_turns else 'first'} user turns, "
          f"half {args.half})")


if __name__ == "__main__":
    main()
