#!/bin/sh
# generate.sh: the records of the fictional demo station, made up by a
# deterministic generator (its own random numbers from a fixed seed, so
# every awk gives the same files): two years of 110 dispatch exports,
# patrols, cameras, premises with their inspections, and dispute cases at
# every level of the ladder.  All names are fictional.
#
# Usage: generate.sh OUTDIR
# Writes OUTDIR/incidents/110-YYYY-MM.csv (2023-01 to 2024-12, without
# the last day), OUTDIR/drop/110-2024-12-31.csv (the last day's export,
# GB18030 with Chinese headers, for the nightly run), OUTDIR/patrols.csv,
# OUTDIR/cameras.csv and OUTDIR/load.sh (calls of the functions demo.sh
# defines: place, check, add, med, esc, chan, close, visit).
set -eu

here=$(cd -- "$(dirname -- "$0")" && pwd)
out=${1:?usage: generate.sh OUTDIR}
mkdir -p -- "$out/incidents" "$out/drop"

awk -v out="$out" -v here="$here" -v seed=31337 -f "$here/generate.awk"

# The last day comes as the dispatch system exports it: GB18030.
if iconv -f UTF-8 -t GB18030 "$out/drop/110-2024-12-31.utf8" >"$out/drop/110-2024-12-31.csv" 2>/dev/null; then
	rm -f -- "$out/drop/110-2024-12-31.utf8"
else
	mv -f -- "$out/drop/110-2024-12-31.utf8" "$out/drop/110-2024-12-31.csv"
fi
