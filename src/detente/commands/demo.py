"""`detente demo`: ingest the bundled demo corpus into a fresh store and show what it holds.

`make run` calls this: one command that exercises ingest, dedup, coding, the
store and the exports end to end, and says where everything went.
"""

from __future__ import annotations

import argparse
from importlib.resources import as_file, files
from pathlib import Path

from detente.commands.ingest import report_store_errors

DEMO_CORPUS = "data/demo/demo_corpus.jsonl"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default="out/demo.db", metavar="PATH",
                        help="SQLite file to (re)create (default out/demo.db)")
    parser.add_argument("--out-dir", default=None, metavar="DIR",
                        help="where to write the exports (default: the database's folder)")
    parser.add_argument("--workers", type=int, default=None, help="coding processes")
    parser.add_argument("--top", type=int, default=5, help="how many dyads to show")
    parser.add_argument("--keep", action="store_true",
                        help="keep an existing database (resume) instead of starting fresh")


@report_store_errors
def run(args: argparse.Namespace) -> int:
    from detente.store import Store, StoreError
    from detente.store.export import export
    from detente.store.pipeline import ingest, print_summary

    db = Path(args.db)
    if "://" in args.db:
        raise StoreError("detente demo writes a SQLite file: give a path for --db")
    if not args.keep:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    out_dir = Path(args.out_dir) if args.out_dir else db.parent
    with as_file(files("detente") / DEMO_CORPUS) as corpus, Store(str(db), create=True) as store:
        result = ingest(store, [str(corpus)], workers=args.workers, progress=True)
        print_summary(result)
        stats = store.stats()
        print(f"\nstore: {stats['articles']} articles ({stats['duplicates']} duplicates), "
              f"{stats['events']} events, {stats['failures']} failures, "
              f"events dated {stats['first_date']} .. {stats['last_date']}")
        print("\nbusiest dyads (either direction, duplicates left out):")
        print(f"  {'dyad':<10}{'events':>7}  {'vcoop':>5} {'mcoop':>5} {'vconf':>5} "
              f"{'mconf':>5}  {'goldstein':>9}")
        for row in store.dyads(top=args.top):
            q = row["quad"]
            print(f"  {row['dyad']:<10}{row['events']:>7}  {q[0]:>5} {q[1]:>5} {q[2]:>5} "
                  f"{q[3]:>5}  {row['mean_goldstein']:>9.2f}")
        sample = store.events(dyad=("USA", "CHN"), include_duplicates=False)
        if len(sample):
            print("\nUSA-CHN, most confident events:")
            top = sample.sort_values(["confidence", "date"], ascending=[False, True]).head(5)
            for row in top.itertuples():
                verb = f"NOT {row.trigger}" if row.negated else row.trigger
                print(f"  {row.date}  {row.source_code}->{row.target_code}  {row.cameo} "
                      f"{row.plover or '-':<9} {verb!r}  [{row.article_id}]")
        outputs = {
            "parquet": out_dir / "demo-events.parquet",
            "gdelt": out_dir / "demo-gdelt.tsv",
            "plover-json": out_dir / "demo-plover.jsonl",
        }  # fmt: skip
        for fmt, path in outputs.items():
            export(store, fmt, path)
    print("\noutputs:")
    print(f"  database        {db}  (detente stats --db {db}; "
          f"detente events --db {db} --dyad USA CHN)")
    for fmt, path in outputs.items():
        print(f"  {fmt:<15} {path}")
    return 0
