"""Precision and recall of the disrespect rules on labelled messages.

    .venv/bin/python bench/abuse_rules/run.py [--corpus DIR] [--limit N] [--json]

Sources:
- $HANDOVER_CORPUS/abusive-language/en-davidson2017/labeled_dev.csv (class 0 hate,
  1 offensive, 2 neither);
- $HANDOVER_CORPUS/abusive-language/pl-poleval2019-task6/labeled_dev.csv (harmful 0/1,
  harm_type 0 none, 1 cyberbullying, 2 hate);
- bench/abuse_rules/emails/<lang>.jsonl, our own client e-mails labelled polite, demanding,
  rude or abusive; "set": "dev" rows were seen while the rules were written (optimistic);
  "holdout" rows were written after the first round of rules was frozen and measured it
  blind, then seen while the second round was written (optimistic since);
- bench/abuse_rules/emails/holdout2/<lang>.jsonl, "set": "holdout2": written by someone who
  never read the rules, while the second round was written by others who never read these
  rows: the honest figures for the rules as they are now.

Each message gets a predicted class from the rules: "hate" when a hate rule fires, "serious"
when a severity-3 rule fires, "flagged" for any other finding, nothing otherwise; these are
mapped onto each data set's classes as printed. The rules are not tuned to these tweets.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from handover.lib.textrules import find_disrespect  # noqa: E402

EMAILS = Path(__file__).resolve().parent / "emails"


def corpus_dir(given: str | None) -> Path | None:
    for candidate in (given, os.environ.get("HANDOVER_CORPUS"), ROOT.parent / "shared" / "data"):
        if candidate and (Path(candidate) / "abusive-language").is_dir():
            return Path(candidate)
    return None


def predict(text: str, lang: str, min_severity: int) -> str:
    found = [f for f in find_disrespect(text, language=lang) if f.severity >= min_severity]
    if any(f.category == "hate" for f in found):
        return "hate"
    if any(f.severity >= 3 for f in found):
        return "serious"
    return "flagged" if found else "none"


def scores(pairs: list[tuple[str, str]], classes: list[str]) -> dict[str, dict]:
    """Per class: precision, recall and support of (gold, predicted) pairs."""
    out = {}
    for cls in classes:
        tp = sum(1 for g, p in pairs if g == cls and p == cls)
        predicted = sum(1 for _, p in pairs if p == cls)
        support = sum(1 for g, _ in pairs if g == cls)
        out[cls] = {"precision": tp / predicted if predicted else None,
                    "recall": tp / support if support else None,
                    "support": support, "predicted": predicted}
    return out


def davidson(path: Path, limit: int | None, min_severity: int) -> dict:
    gold_names = {"0": "hate", "1": "offensive", "2": "neither"}
    to_class = {"hate": "hate", "serious": "offensive", "flagged": "offensive", "none": "neither"}
    pairs, binary = [], []
    with open(path, newline="", encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            if limit and i >= limit:
                break
            pred = predict(html.unescape(row["tweet"]), "en", min_severity)
            gold = gold_names[row["class"]]
            pairs.append((gold, to_class[pred]))
            binary.append(("abusive" if gold != "neither" else "clean",
                           "abusive" if pred != "none" else "clean"))
    return {"classes": scores(pairs, ["hate", "offensive", "neither"]),
            "binary": scores(binary, ["abusive", "clean"]), "n": len(pairs)}


def poleval(path: Path, limit: int | None, min_severity: int) -> dict:
    gold_names = {"0": "none", "1": "cyberbullying", "2": "hate"}
    to_class = {"hate": "hate", "serious": "cyberbullying", "flagged": "cyberbullying",
                "none": "none"}
    pairs, binary = [], []
    with open(path, newline="", encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            if limit and i >= limit:
                break
            pred = predict(row["text"], "pl", min_severity)
            pairs.append((gold_names[row["harm_type"]], to_class[pred]))
            binary.append(("harmful" if row["harmful"] == "1" else "harmless",
                           "harmful" if pred != "none" else "harmless"))
    return {"classes": scores(pairs, ["hate", "cyberbullying", "none"]),
            "binary": scores(binary, ["harmful", "harmless"]), "n": len(pairs)}


SUBSETS = ("dev", "holdout", "holdout2")


def email_rows(lang: str) -> list[dict]:
    rows = []
    for path in (EMAILS / f"{lang}.jsonl", EMAILS / "holdout2" / f"{lang}.jsonl"):
        if path.exists():
            with open(path, encoding="utf-8") as fh:
                rows += [json.loads(line) for line in fh if line.strip()]
    return rows


def emails(lang: str, min_severity: int, subset: str | None = None) -> dict:
    to_class = {"hate": "abusive", "serious": "abusive", "flagged": "rude", "none": "fine"}
    pairs, binary, flagged_by_label = [], [], Counter()
    rows = [r for r in email_rows(lang) if subset in (None, r.get("set"))]
    for row in rows:
        pred = predict(row["text"], lang, min_severity)
        gold = {"polite": "fine", "demanding": "fine"}.get(row["label"], row["label"])
        pairs.append((gold, to_class[pred]))
        binary.append(("disrespectful" if gold != "fine" else "fine",
                       "disrespectful" if pred != "none" else "fine"))
        flagged_by_label[row["label"]] += pred != "none"
    labels = Counter(row["label"] for row in rows)
    return {"classes": scores(pairs, ["abusive", "rude", "fine"]),
            "binary": scores(binary, ["disrespectful", "fine"]), "n": len(pairs),
            "flagged_share": {k: flagged_by_label[k] / labels[k] for k in sorted(labels)}}


def _pairs(lang: str, min_severity: int, subset: str) -> list[tuple[str, str, str]]:
    to_class = {"hate": "abusive", "serious": "abusive", "flagged": "rude", "none": "fine"}
    out = []
    for row in email_rows(lang):
        if row.get("set") == subset:
            gold = {"polite": "fine", "demanding": "fine"}.get(row["label"], row["label"])
            out.append((gold, to_class[predict(row["text"], lang, min_severity)], row["label"]))
    return out


def _summary(triples: list[tuple[str, str, str]]) -> dict:
    pairs = [(g, p) for g, p, _ in triples]
    binary = [("disrespectful" if g != "fine" else "fine",
               "disrespectful" if p != "fine" else "fine") for g, p in pairs]
    labels = Counter(label for _, _, label in triples)
    flagged = Counter(label for _, p, label in triples if p != "fine")
    return {"classes": scores(pairs, ["abusive", "rude", "fine"]),
            "binary": scores(binary, ["disrespectful", "fine"]), "n": len(pairs),
            "flagged_share": {k: flagged[k] / labels[k] for k in sorted(labels)}}


def fmt(value) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def show(title: str, result: dict) -> None:
    print(f"\n{title} (n={result['n']})")
    print(f"  {'class':<16}{'precision':>10}{'recall':>9}{'support':>9}{'predicted':>11}")
    for group in ("classes", "binary"):
        for cls, s in result[group].items():
            print(f"  {cls:<16}{fmt(s['precision']):>10}{fmt(s['recall']):>9}"
                  f"{s['support']:>9}{s['predicted']:>11}")
        if group == "classes":
            print("  " + "-" * 53)
    if "flagged_share" in result:
        shares = ", ".join(f"{k} {v:.0%}" for k, v in result["flagged_share"].items())
        print(f"  flagged by label: {shares}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="the shared data folder (default: $HANDOVER_CORPUS)")
    parser.add_argument("--limit", type=int, help="read only the first N rows of each corpus")
    parser.add_argument("--min-severity", type=int, default=1, choices=(1, 2, 3),
                        help="ignore findings below this severity (default 1)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = {}
    base = corpus_dir(args.corpus)
    if base is None:
        print("The abusive-language corpus was not found; set HANDOVER_CORPUS or --corpus. "
              "Only our own e-mails are measured.", file=sys.stderr)
    else:
        folder = base / "abusive-language"
        results["en: Davidson 2017 tweets"] = davidson(
            folder / "en-davidson2017" / "labeled_dev.csv", args.limit, args.min_severity)
        results["pl: PolEval 2019 task 6 tweets"] = poleval(
            folder / "pl-poleval2019-task6" / "labeled_dev.csv", args.limit, args.min_severity)
    for lang in ("en", "it", "pl", "ca", "nb"):
        for subset in SUBSETS:
            results[f"{lang}: own client e-mails, {subset}"] = emails(
                lang, args.min_severity, subset)
    for subset in SUBSETS:
        merged = [pair for lang in ("en", "it", "pl", "ca", "nb")
                  for pair in _pairs(lang, args.min_severity, subset)]
        results[f"all five languages: own client e-mails, {subset}"] = _summary(merged)
    elapsed = time.perf_counter() - started
    if args.json:
        print(json.dumps({"min_severity": args.min_severity, "seconds": round(elapsed, 2),
                          "results": results}, indent=2))
    else:
        print(f"Disrespect rules, findings of severity >= {args.min_severity}")
        for title, result in results.items():
            show(title, result)
        print(f"\n{elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
