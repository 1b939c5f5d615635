#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A fixed validation split of a labelled CSV/TSV training file (BANKING77's train.csv has none of its own).

Writes into OUT:
  fit.<ext>   the rows that stay for training (9 of every 10)
  val.<ext>   every 10th data row (rows 10, 20, 30, ... after the header): the validation data constants are
              chosen on; the dataset's own test split is only ever reported

The split depends only on row order, so it is the same on every machine. Quoted fields spanning lines are kept
whole (the csv module reads records, not lines). Then, e.g.:
  understudyctl replay --rules none --train OUT/fit.csv --test OUT/val.csv --label-column category
Python 3 standard library only; the dataset is read in place, nothing is copied into the project.
"""
import argparse
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = os.path.normpath(
    os.path.join(HERE, "..", "..", "..", "shared", "datasets", "banking77", "train.csv"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", default=DEFAULT_SOURCE, help="the training file (CSV or TSV with a header)")
    parser.add_argument("--every", type=int, default=10, help="every N-th row goes to validation (default 10)")
    parser.add_argument("out", help="output folder")
    args = parser.parse_args()
    if args.every < 2:
        sys.exit("holdout.py: --every must be at least 2")
    ext = os.path.splitext(args.source)[1] or ".csv"
    delimiter = "\t" if ext == ".tsv" else ","
    os.makedirs(args.out, exist_ok=True)
    try:
        with open(args.source, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f, delimiter=delimiter))
    except OSError as e:
        sys.exit(f"holdout.py: {e}")
    if len(rows) < 2:
        sys.exit(f"holdout.py: {args.source} has no data rows")
    header, data = rows[0], rows[1:]
    fit = [r for i, r in enumerate(data) if (i + 1) % args.every]
    val = [r for i, r in enumerate(data) if (i + 1) % args.every == 0]
    for name, part in (("fit", fit), ("val", val)):
        with open(os.path.join(args.out, name + ext), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, delimiter=delimiter, lineterminator="\n")
            w.writerow(header)
            w.writerows(part)
    print(f"{len(fit)} rows to fit.{ext[1:]}, {len(val)} to val.{ext[1:]} in {args.out}")


if __name__ == "__main__":
    main()
