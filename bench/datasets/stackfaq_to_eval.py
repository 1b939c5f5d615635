#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""StackFAQ (../shared/datasets/stackfaq) as input for `understudyctl eval`.

The 125 threads get ids faq-001 ... faq-125 (file order). Writes into OUT:
  --as kb       kb.jsonl: each thread as an article (title = the question, body = its answers joined), the JSONL
                article format `understudyctl import kb` reads; tickets.jsonl: gold {"articles":[thread id]}
  --as history  history.jsonl: each thread as a resolved ticket (the question as the customer's message, the first
                answer as the agent's reply, intent = the thread id), what `import tickets` turns into the answer
                bank; tickets.jsonl: gold {"intent": thread id}
tickets.jsonl holds one open ticket per paraphrased query (entries "*" and empty ones skipped, 1,249 in all), with
"escalate": false in its gold.

--half picks a FIXED half of the queries by their index in file order (after skipping): even indexes "tune"
(validation data to tune on), odd "test"; "all" (the default) keeps both.

Then, e.g.:
  understudyctl eval --kb OUT/kb.jsonl --input OUT/tickets.jsonl --report OUT/report.json
  understudyctl eval --history OUT/history.jsonl --input OUT/tickets.jsonl --report OUT/report.json
Python 3 standard library only; the dataset is read in place, nothing is copied into the project.
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "datasets", "stackfaq",
                                               "stackExchange-FAQ.json"))


def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="output folder (created if missing)")
    ap.add_argument("--as", dest="mode", choices=["kb", "history"], required=True,
                    help="threads as knowledge-base articles or as resolved tickets (the answer bank)")
    ap.add_argument("--source", default=DEFAULT_SOURCE, help="stackExchange-FAQ.json (default: %(default)s)")
    ap.add_argument("--half", choices=["tune", "test", "all"], default="all",
                    help="fixed half of the queries by index: even tune, odd test")
    args = ap.parse_args()

    if not os.path.exists(args.source):
        sys.exit(f"{args.source}: not found (give --source the StackFAQ JSON file)")
    try:
        with open(args.source, encoding="utf-8") as f:
            threads = json.load(f)["root"]["qapair"]
    except (json.JSONDecodeError, KeyError, TypeError) as e:
        sys.exit(f"{args.source}: not the StackFAQ format ({e})")
    os.makedirs(args.out, exist_ok=True)

    ids = [f"faq-{i + 1:03d}" for i in range(len(threads))]
    knowledge = os.path.join(args.out, "kb.jsonl" if args.mode == "kb" else "history.jsonl")
    written = 0
    with open(knowledge, "w", encoding="utf-8") as f:
        for tid, t in zip(ids, threads):
            answers = [a.strip() for a in as_list(t.get("answer")) if a and a.strip()]
            if args.mode == "kb":
                record = {"id": tid, "title": t["question"].strip(), "body": "\n\n".join(answers)}
            else:
                if not answers:
                    continue
                record = {"id": tid, "subject": "", "messages": [
                    {"author": "customer", "body": t["question"].strip()},
                    {"author": "agent", "body": answers[0]}], "intent": tid, "status": "resolved", "language": "en"}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1

    index = 0
    tickets = 0
    with open(os.path.join(args.out, "tickets.jsonl"), "w", encoding="utf-8") as f:
        for tid, t in zip(ids, threads):
            for q in as_list(t.get("rephr")):
                if not q or not q.strip() or q.strip() == "*":
                    continue
                half = "tune" if index % 2 == 0 else "test"
                index += 1
                if args.half != "all" and half != args.half:
                    continue
                gold = {"escalate": False}
                if args.mode == "kb":
                    gold["articles"] = [tid]
                else:
                    gold["intent"] = tid
                f.write(json.dumps({"id": f"q-{index:04d}", "messages": [{"author": "customer", "body": q.strip()}],
                                    "status": "open", "language": "en", "gold": gold}, ensure_ascii=False) + "\n")
                tickets += 1
    print(f"{knowledge}: {written} {'articles' if args.mode == 'kb' else 'resolved tickets'}")
    print(f"{args.out}/tickets.jsonl: {tickets} tickets (half {args.half})")


if __name__ == "__main__":
    main()
