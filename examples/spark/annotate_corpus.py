#!/usr/bin/env python3
"""Annotate a JSON Lines news corpus with Dossier on Apache Spark.

Dossier does not grow a cluster of its own: `dossier annotate -` is a Unix
filter (JSON Lines in, one JSON line out per record, in order), and this job
makes it the map step of Spark. The driver ships the `dossier` binary to the
executors with `SparkContext.addFile`; every partition of the corpus is piped
through one `dossier annotate -` process on its executor, and the result is
written as JSON Lines (one part file per partition, in the corpus's order) or
as Parquet.

Records keep the ids the corpus gives them. A record without an `id` is
named by its line number in the corpus, exactly as `dossier annotate -`
names it when the whole corpus is piped through one process, so the two give
the same lines:

    spark-submit examples/spark/annotate_corpus.py corpus.jsonl out/ \\
        --dossier target/release/dossier --partitions 64
    cat out/part-* | cmp - <(dossier annotate - < corpus.jsonl)

A record that is not valid JSON, or has no text, gives no output line; the
executor's log names its line (`dossier: line N: ...`).

On a cluster the binary must run on the executors' system: build it there,
or statically (`cargo build --release --no-default-features --target
x86_64-unknown-linux-musl`). See the README, "Beyond one machine".
"""

import argparse
import os
import stat
import subprocess
import sys
import threading

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def annotate_partition(binary_name, extra_args):
    """A function for `mapPartitions`: feeds the partition's (line, index)
    pairs to one `dossier annotate -` process and yields its output lines."""

    def run(pairs):
        pairs = iter(pairs)
        first = next(pairs, None)
        if first is None:
            return
        exe = SparkFiles.get(binary_name)
        mode = os.stat(exe).st_mode
        if not mode & stat.S_IXUSR:
            os.chmod(exe, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        # Lines of a partition are consecutive lines of the corpus: the
        # process numbers them from the first one's line, so ids and error
        # messages name lines of the whole corpus.
        cmd = [exe, "annotate", "-", "--first-line", str(first[1] + 1)] + extra_args
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        failure = []

        def feed():
            try:
                proc.stdin.write(first[0].encode("utf-8") + b"\n")
                for line, _ in pairs:
                    proc.stdin.write(line.encode("utf-8") + b"\n")
            except BrokenPipeError as e:  # the process died; reported below
                failure.append(e)
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        for out in proc.stdout:
            yield out.decode("utf-8").rstrip("\n")
        writer.join()
        code = proc.wait()
        # 1: some records were bad (named on the executor's stderr); the
        # others were annotated. Anything else is a failure of the task.
        if code not in (0, 1) or failure:
            raise RuntimeError(f"{' '.join(cmd)} exited with {code}")

    return run


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("input", help="JSON Lines corpus (any path Spark reads)")
    p.add_argument("output", help="output folder (JSON Lines part files, or Parquet)")
    p.add_argument(
        "--dossier",
        default=os.environ.get("DOSSIER_BIN", "dossier"),
        help="the dossier binary on the driver, shipped to the executors",
    )
    p.add_argument("--partitions", type=int, default=None, help="split the corpus this many ways")
    p.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    p.add_argument(
        "--lines",
        action="store_true",
        help="the input is plain text, one article a line (dossier annotate --lines)",
    )
    p.add_argument(
        "--master",
        default=None,
        help="Spark master when run with python rather than spark-submit (e.g. local[2])",
    )
    args = p.parse_args(argv)

    binary = os.path.abspath(args.dossier)
    if not os.access(binary, os.X_OK):
        from shutil import which

        found = which(args.dossier)
        if not found:
            sys.exit(f"annotate_corpus.py: no dossier binary at {args.dossier}")
        binary = found

    builder = SparkSession.builder.appName("dossier-annotate")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.addFile(binary)
    name = os.path.basename(binary)

    lines = sc.textFile(args.input, minPartitions=args.partitions or sc.defaultParallelism)
    if args.partitions:
        # textFile splits by bytes and may give more partitions; this keeps
        # the order (no shuffle when only merging).
        if lines.getNumPartitions() > args.partitions:
            lines = lines.coalesce(args.partitions)
    extra = ["--lines"] if args.lines else []
    annotated = lines.zipWithIndex().mapPartitions(annotate_partition(name, extra))

    if args.format == "jsonl":
        annotated.saveAsTextFile(args.output)
    else:
        spark.read.json(annotated).write.parquet(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
