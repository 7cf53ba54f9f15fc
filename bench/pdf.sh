#!/usr/bin/env bash
# Ledger PDF: `ipdesk export ledger` side by side with LibreOffice (the same
# rows as .xlsx → PDF) and typst (an equivalent table, same fonts), at 1,000
# and 10,000 rows. Prints a Markdown table for BENCHMARKS.md.
#
#   cargo build --release -p ipdesk-cli && bench/pdf.sh
#
# Needs: hyperfine (else a loop of runs, median), libreoffice
# (Debian: libreoffice-calc-nogui), python3 with `pip install typst`,
# pdfinfo. Env: IPDESK (binary), RUNS (default 5), SIZES, OUT (work dir).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
ipdesk=${IPDESK:-$here/target/release/ipdesk}
runs=${RUNS:-5}
sizes=${SIZES:-"1000 10000"}
today=2026-11-21
out=${OUT:-/tmp/ipdesk-pdf-bench}
fonts=$here/assets/fonts
mkdir -p "$out"
# A private LibreOffice profile, created by the warm-up run, so first-start
# setup is not timed and a running desktop LibreOffice is not disturbed.
lo_profile="file://$out/lo-profile"

# Median wall time of a command in seconds.
timeit() {
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 1 --runs "$runs" --export-json "$out/t.json" "$1" >/dev/null 2>&1 \
      || hyperfine --warmup 1 --runs "$runs" --export-json "$out/t.json" "$1" >/dev/null
    python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$out/t.json"
  else
    bash -c "$1" >/dev/null 2>&1
    for _ in $(seq "$runs"); do
      s=$(date +%s.%N); bash -c "$1" >/dev/null 2>&1; e=$(date +%s.%N)
      echo "$e - $s" | bc
    done | sort -n | awk '{a[NR]=$1} END {printf "%.3f\n", a[int((NR+1)/2)]}'
  fi
}

size() { stat -c %s "$1"; }
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

# typst source with the rows of `ipdesk patent list --json`, in the columns
# and order of our ledger PDF, landscape A4, Noto Sans SC, header repeated.
make_typ() {
  python3 - "$1" "$2" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
rows = rows.get("items", rows) if isinstance(rows, dict) else rows
kind = {"invention": "发明", "utility": "实用新型", "design": "外观设计"}
def esc(s):
    s = "" if s is None else str(s)
    return "[" + "".join("\\" + c if c in "\\[]#*_`$<>@~/=-+\"'" else c for c in s) + "]"
status = {"filed": "申请中", "published": "公开", "examination": "实质审查", "granted": "授权/有效",
          "expired": "届满", "lapsed": "未缴年费终止", "rejected": "驳回", "withdrawn": "撤回",
          "abandoned": "放弃", "invalidated": "无效宣告"}
out = ['#set page(paper: "a4", flipped: true, margin: 12mm)',
       '#set text(font: "Noto Sans SC", size: 7.5pt, lang: "zh")',
       '= 专利台账',
       '#table(columns: (5fr, 12.5fr, 24fr, 7.5fr, 9fr, 9fr, 8.5fr, 14.5fr, 8fr, 10fr, 6.5fr),',
       '  fill: (_, y) => if y == 0 { luma(220) },',
       '  table.header(' + ", ".join(esc(h) for h in
         ["序号","申请号","专利名称","类型","申请日","授权日","法律状态","专利权人","年费缴至","下次缴费日","高价值"]) + '),']
for i, r in enumerate(rows, 1):
    cells = [i, r.get("displayAppNo"), r.get("title"), kind.get(r.get("kind"), r.get("kind")),
             r.get("filingDate"), r.get("grantDate"), status.get(r.get("status"), r.get("status")),
             "；".join(r.get("applicants") or []),
             f'第 {r["feesPaidTo"]} 年' if r.get("feesPaidTo") else "",
             r.get("nextFeeDue"), "是" if r.get("highValue") else ""]
    out.append("  " + ", ".join(esc(c) for c in cells) + ",")
out.append(")")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
PY
}

echo "| 行数 | 方式 | 中位耗时 s | 文件大小 KB | 页数 |"
echo "|---|---|---|---|---|"
for n in $sizes; do
  db=$out/ledger-$n.db
  rm -f "$db" "$db-wal" "$db-shm"
  "$ipdesk" --db "$db" sample --patents "$n" --today $today >/dev/null
  "$ipdesk" --db "$db" export xlsx --out "$out/ledger-$n.xlsx" --today $today >/dev/null
  "$ipdesk" --db "$db" --json patent list --today $today >"$out/ledger-$n.json"
  make_typ "$out/ledger-$n.json" "$out/ledger-$n.typ"

  ours=$out/ours-$n.pdf
  t_ours=$(timeit "$ipdesk --db $db export ledger --out $ours --today $today")
  # In process, fonts already parsed: see `ipdesk bench-pdf`.
  inproc=$("$ipdesk" --db "$db" bench-pdf --runs "$runs" --today $today | sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p')
  mkdir -p "$out/lo"
  t_lo=$(timeit "soffice -env:UserInstallation=$lo_profile --headless --convert-to pdf --outdir $out/lo $out/ledger-$n.xlsx")
  lo=$out/lo/ledger-$n.pdf
  typ=$out/typst-$n.pdf
  t_typ=$(timeit "python3 -c \"import typst; typst.compile('$out/ledger-$n.typ', output='$typ', font_paths=['$fonts'])\"")

  kb() { echo $(( $(size "$1") / 1024 )); }
  echo "| $n | ipdesk export ledger（进程，含读字体） | $t_ours | $(kb "$ours") | $(pages "$ours") |"
  echo "| $n | ipdesk 进程内渲染（report::ledger_pdf，预热后） | $(python3 -c "print('%.3f' % ($inproc/1000))") | — | — |"
  echo "| $n | LibreOffice xlsx → PDF | $t_lo | $(kb "$lo") | $(pages "$lo") |"
  echo "| $n | typst（Python 绑定，进程） | $t_typ | $(kb "$typ") | $(pages "$typ") |"
  python3 -c "import sys; o,i,l,t=map(float,sys.argv[1:5]); print(f'| {sys.argv[5]} | 倍数 | 进程：LibreOffice/ipdesk {l/o:.1f}×，typst/ipdesk {t/o:.1f}×；进程内：LibreOffice {l/i:.0f}×，typst {t/i:.0f}× | | |')" \
    "$t_ours" "$(python3 -c "print($inproc/1000)")" "$t_lo" "$t_typ" "$n"
done
