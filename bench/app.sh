#!/usr/bin/env bash
# Desktop app (issue 4): cold start to a visible ledger, IPC round trips of
# `patents_list` from the webview, and memory of the app and its WebKit
# processes — the real release `ipdesk-app` window under Xvfb, driven over
# WebDriver (tauri-driver + WebKitWebDriver). Prints JSON results and saves
# screenshots of the dashboard and the ledger.
#
#   (cd ui && npm run build) && cargo build --release -p ipdesk-app -p ipdesk-cli
#   bench/app.sh
#
# Needs: tauri-driver (scripts/setup.sh), /usr/bin/WebKitWebDriver, Xvfb
# (xvfb-run), python3 (standard library only).
# Env: APP (app binary), IPDESK (cli binary), OUT (work dir; the databases
# are made there once), RUNS (cold starts, default 5), IPC_RUNS (default 100),
# EMPTY_RUNS (default 3), PORT (tauri-driver, default 4455; the e2e test uses
# 4444), SHOTS (screenshot dir, default docs/; empty = no screenshots).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
export APP=${APP:-$here/target/release/ipdesk-app}
ipdesk=${IPDESK:-$here/target/release/ipdesk}
export OUT=${OUT:-/tmp/ipdesk-app-bench}
export RUNS=${RUNS:-5} IPC_RUNS=${IPC_RUNS:-100} EMPTY_RUNS=${EMPTY_RUNS:-3}
export PORT=${PORT:-4455}
export SHOTS=${SHOTS-$here/docs}
export TAURI_DRIVER=${TAURI_DRIVER:-$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")}

[ -x "$APP" ] || { echo "no $APP: cargo build --release -p ipdesk-app" >&2; exit 1; }
[ -x "$ipdesk" ] || { echo "no $ipdesk: cargo build --release -p ipdesk-cli" >&2; exit 1; }

# A screen of 1400x900 for the window; re-run under Xvfb if there is no display.
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1400x900x24" "$0" "$@"
fi

mkdir -p "$OUT"
if [ ! -f "$OUT/100k.db" ]; then
  "$ipdesk" --db "$OUT/100k.db" sample --patents 100000 --today 2026-11-21 >/dev/null
fi
[ -f "$OUT/empty.db" ] || "$ipdesk" --db "$OUT/empty.db" init >/dev/null

exec python3 - <<'PY'
import json, os, random, signal, socket, statistics, subprocess, sys, time, base64
import http.client

APP = os.path.realpath(os.environ["APP"])
OUT = os.environ["OUT"]
RUNS = int(os.environ["RUNS"])
IPC_RUNS = int(os.environ["IPC_RUNS"])
EMPTY_RUNS = int(os.environ["EMPTY_RUNS"])
PORT = int(os.environ["PORT"])
SHOTS = os.environ["SHOTS"]
HZ = os.sysconf("SC_CLK_TCK")


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- WebDriver
# One kept-alive HTTP/1.1 connection to tauri-driver. urllib sends
# `Connection: close` on every request, and with it WebKitWebDriver sessions
# dropped at random (RemoteDisconnected on the first script), as the issue
# warns for WebDriver clients.
_conn = None


def wd(method, path, body=None, timeout=120):
    global _conn
    data = None if body is None else json.dumps(body).encode()
    if _conn is None:
        _conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    try:
        _conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
        r = _conn.getresponse()
        raw = r.read()
    except Exception:
        _conn.close()
        _conn = None
        raise
    if r.status >= 400:
        raise RuntimeError(f"{method} {path}: {r.status} {raw[:500]!r}")
    return json.loads(raw or b"null").get("value")


class Driver:
    """tauri-driver with IPDESK_DB set; the app inherits its environment."""

    def __init__(self, db):
        # Its own XDG dirs: the webview's localStorage (language, columns)
        # then starts as a new user's, not as a developer or test left it.
        env = dict(os.environ, IPDESK_DB=db, IPDESK_SAVE_DIR=os.path.join(OUT, "exports"),
                   XDG_DATA_HOME=os.path.join(OUT, "xdg-data"),
                   XDG_CACHE_HOME=os.path.join(OUT, "xdg-cache"))
        self.p = subprocess.Popen(
            [os.environ["TAURI_DRIVER"], "--port", str(PORT), "--native-port", str(PORT + 1),
             "--native-driver", "/usr/bin/WebKitWebDriver"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        # Both tauri-driver and the WebKitWebDriver it starts must listen,
        # else the first POST /session is dropped.
        t = time.time()
        for port in (PORT, PORT + 1):
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.time() - t > 20:
                        raise RuntimeError(f"nothing listens on {port}")
                    time.sleep(0.05)

    def close(self):
        global _conn
        if _conn is not None:
            _conn.close()
            _conn = None
        try:
            os.killpg(self.p.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        self.p.wait()


class Session:
    def __init__(self):
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "wry", "tauri:options": {"application": APP}}}}
        self.t_request = time.time()
        self.id = wd("POST", "/session", caps)["sessionId"]
        self.t_ready = time.time()
        wd("POST", f"/session/{self.id}/timeouts", {"script": 60000})
        self.pid = find_app_pid()
        self.t_proc = proc_start_epoch(self.pid)

    def run(self, script, *args):
        return wd("POST", f"/session/{self.id}/execute/sync", {"script": script, "args": list(args)})

    def run_async(self, script, *args):
        return wd("POST", f"/session/{self.id}/execute/async", {"script": script, "args": list(args)})

    def screenshot(self, path):
        png = base64.b64decode(wd("GET", f"/session/{self.id}/screenshot"))
        with open(path, "wb") as f:
            f.write(png)
        w, h = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        return {"path": path, "bytes": len(png), "width": w, "height": h}

    def close(self):
        pid = self.pid
        # The app reopens the last view (ui/src/lib/lastRoute.ts): forgotten,
        # so every cold start opens on the dashboard as a first start does.
        try:
            self.run("localStorage.removeItem('ipdesk.lastRoute')")
        except Exception as e:  # noqa: BLE001
            log("forget the last view:", e)
        try:
            wd("DELETE", f"/session/{self.id}")
        except Exception as e:  # noqa: BLE001
            log("delete session:", e)
        t = time.time()
        while pid and os.path.exists(f"/proc/{pid}") and time.time() - t < 10:
            time.sleep(0.05)


# Waits in the page (polling every 4 ms) until `sel` matches; returns
# Date.now() when it did and whether it already matched at the first look
# (then the element appeared earlier than the time returned).
WAIT_JS = """
const [sel, limit] = arguments; const done = arguments[arguments.length - 1];
const t0 = performance.now();
if (document.querySelector(sel)) { done({at: Date.now(), already: true}); return; }
(function poll() {
  if (document.querySelector(sel)) done({at: Date.now(), already: false});
  else if (performance.now() - t0 > limit) done(null);
  else setTimeout(poll, 4);
})();
"""

# Clicks a nav item and times, in the page, until `sel` matches.
CLICK_WAIT_JS = """
const [nav, sel, limit] = arguments; const done = arguments[arguments.length - 1];
const t0 = performance.now();
document.querySelector(nav).click();
(function poll() {
  if (document.querySelector(sel)) done({ms: performance.now() - t0, at: Date.now()});
  else if (performance.now() - t0 > limit) done(null);
  else setTimeout(poll, 4);
})();
"""

NAV_JS = """
const n = performance.getEntriesByType('navigation')[0] || {};
const fcp = performance.getEntriesByType('paint').find(p => p.name === 'first-contentful-paint');
return {timeOrigin: performance.timeOrigin, domContentLoaded: n.domContentLoadedEventEnd,
        load: n.loadEventEnd, fcp: fcp ? fcp.startTime : null};
"""

# `count` round trips of patents_list, each timed with performance.now().
IPC_JS = """
const [queries, warm] = arguments; const done = arguments[arguments.length - 1];
const inv = window.__TAURI_INTERNALS__.invoke;
(async () => {
  const out = []; let total = null;
  try {
    for (let i = 0; i < queries.length; i++) {
      const t = performance.now();
      const page = await inv('patents_list', {query: queries[i]});
      const ms = performance.now() - t;
      if (i >= warm) out.push(ms);
      total = page.total;
      if (!page.items.length && total > 0) throw new Error('empty page at offset ' + queries[i].offset);
    }
    done({ms: out, total});
  } catch (e) { done({error: String(e)}); }
})();
"""


# ---------------------------------------------------------------- processes
def ppid_map():
    m = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    s = f.read()
                m[int(d)] = int(s[s.rindex(")") + 2:].split()[1])
            except OSError:
                pass
    return m


def descendants(root):
    m = ppid_map()
    kids, todo = [], [root]
    while todo:
        p = todo.pop()
        for c, pp in m.items():
            if pp == p:
                kids.append(c)
                todo.append(c)
    return kids


def find_app_pid():
    for _ in range(200):
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    if os.path.realpath(f"/proc/{d}/exe") == APP:
                        return int(d)
                except OSError:
                    pass
        time.sleep(0.02)
    raise RuntimeError("app process not found")


def proc_start_epoch(pid):
    """Wall-clock start of a process (±10 ms: /proc counts clock ticks)."""
    with open(f"/proc/{pid}/stat") as f:
        s = f.read()
    start_ticks = int(s[s.rindex(")") + 2:].split()[19])
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    now = time.time()
    return now - (uptime - start_ticks / HZ)


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


def mem_of(pid):
    """(RSS kB, PSS kB) of one process."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def memory(app_pid):
    procs = [app_pid] + descendants(app_pid)
    per = []
    for p in procs:
        rss, pss = mem_of(p)
        per.append({"pid": p, "comm": comm(p), "rss_kb": rss, "pss_kb": pss})
    return {"rss_mb": sum(x["rss_kb"] for x in per) / 1024,
            "pss_mb": sum(x["pss_kb"] for x in per) / 1024, "procs": per}


def pct(xs, p):
    xs = sorted(xs)
    k = (len(xs) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def med(xs):
    return statistics.median(xs)


DASH = "[data-testid^='dash-']"
ROW = "[data-testid='ledger-row']"
NAV_LEDGER = "[data-testid='nav-ledger']"
TOTAL = "[data-testid='ledger-total']"


def cold_start_via_dashboard(memory_after=True, rows_sel=ROW):
    """Start the app (it opens on the dashboard), wait for it, then click
    through to the ledger and time until the first row is there."""
    s = Session()
    try:
        dash = s.run_async(WAIT_JS, DASH, 30000)
        nav = s.run(NAV_JS)
        led = s.run_async(CLICK_WAIT_JS, NAV_LEDGER, rows_sel, 30000)
        if not dash or not led:
            shot = s.screenshot(os.path.join(OUT, "timed-out.png"))["path"]
            raise RuntimeError(f"timed out: dashboard {dash} ledger {led} (screen: {shot})")
        r = {
            "session_ready_from_request_s": s.t_ready - s.t_request,
            "process_start_from_request_s": s.t_proc - s.t_request,
            "session_ready_from_process_s": s.t_ready - s.t_proc,
            "page_origin_from_process_s": nav["timeOrigin"] / 1000 - s.t_proc,
            "page_load_event_ms": nav["load"], "page_fcp_ms": nav["fcp"],
            "dashboard_from_process_s": dash["at"] / 1000 - s.t_proc,
            "dashboard_already_there": dash["already"],
            "click_to_first_row_ms": led["ms"],
            "ledger_from_process_s": led["at"] / 1000 - s.t_proc,
        }
        if memory_after:
            time.sleep(3)  # let the ledger settle (lazy pages, GC)
            r["memory"] = memory(s.pid)
        return r, s
    except Exception:
        s.close()
        raise


def cold_start_direct_to_ledger():
    """Start the app and click the ledger in the menu as soon as the menu is
    there (the dashboard has begun loading too); time process start → first
    ledger row."""
    s = Session()
    try:
        nav = s.run_async(WAIT_JS, NAV_LEDGER, 30000)
        led = s.run_async(CLICK_WAIT_JS, NAV_LEDGER, ROW, 30000)
        if not nav or not led:
            raise RuntimeError(f"timed out: nav {nav} ledger {led}")
        return {"ledger_from_process_s": led["at"] / 1000 - s.t_proc,
                "ledger_from_request_s": led["at"] / 1000 - s.t_request,
                "session_ready_from_process_s": s.t_ready - s.t_proc,
                "shell_from_process_s": nav["at"] / 1000 - s.t_proc,
                "click_to_first_row_ms": led["ms"]}
    finally:
        s.close()


# The store remembers the id lists of the last 4 listings, so asking for the
# same filter again is a page turn, not a filter change. A filter case
# rotates through 6 sorts of the same filter: each call is then a listing the
# store has not seen lately, as when the user changes filter or sort.
SORTS = [("title", False), ("title", True), ("appNo", False), ("appNo", True),
         ("filingDate", False), ("filingDate", True)]


def changed(q):
    return [dict(q, sort=SORTS[i % len(SORTS)][0], descending=SORTS[i % len(SORTS)][1])
            for i in range(IPC_RUNS + 3)]


def ipc_bench(s):
    base = {"text": "", "kind": None, "status": None, "jurisdiction": None, "highValue": None,
            "feeDueWithinDays": None, "tag": None, "sort": "filingDate", "descending": True,
            "offset": 0, "limit": 200}
    total = s.run_async(IPC_JS, [base], 0)["total"]
    rnd = random.Random(4)
    warm = 3
    cases = {
        "page, random offset, default sort (filingDate desc), 200 rows":
            [dict(base, offset=rnd.randrange(0, total - 200)) for _ in range(IPC_RUNS + warm)],
        "page, random offset, default sort, 50 rows":
            [dict(base, offset=rnd.randrange(0, total - 50), limit=50) for _ in range(IPC_RUNS + warm)],
        "filter kind=invention + status=granted, first 200 after a change":
            changed(dict(base, kind="invention", status="granted")),
        "filter feeDueWithinDays=90, first 200 after a change":
            changed(dict(base, feeDueWithinDays=90)),
        "filter highValue=true, first 200 after a change":
            changed(dict(base, highValue=True)),
        "text '电池管理系统', first 200 after a change":
            changed(dict(base, text="电池管理系统")),
        "text '电机' (two characters), first 200 after a change":
            changed(dict(base, text="电机")),
    }
    out = {}
    for name, qs in cases.items():
        # In chunks of 10 calls per WebDriver request, so a slow case cannot
        # run into the driver's script timeout.
        ms, total, err = [], None, None
        for i in range(0, len(qs), 10):
            try:
                r = s.run_async(IPC_JS, qs[i:i + 10], max(0, warm - i))
            except Exception as e:  # noqa: BLE001
                r = {"error": str(e)}
            if "error" in r:
                err = r["error"]
                break
            ms += r["ms"]
            total = r["total"]
        if err or not ms:
            out[name] = {"error": err, "n": len(ms)}
            log(f"  {name}: FAILED after {len(ms)} calls: {err}")
            continue
        out[name] = {"n": len(ms), "matches": total, "p50_ms": pct(ms, 50),
                     "p95_ms": pct(ms, 95), "max_ms": max(ms)}
        log(f"  {name}: p50 {out[name]['p50_ms']:.1f} p95 {out[name]['p95_ms']:.1f} ms ({total} matches)")
    return out


def summarize(runs, key):
    return {"median": med([r[key] for r in runs]), "all": [round(r[key], 4) for r in runs]}


results = {"app": APP, "runs": RUNS}

# ---- 100,000 patents
drv = Driver(os.path.join(OUT, "100k.db"))
try:
    # One throw-away start so the first measured run does not pay for the
    # OS page cache of the binary and the database file.
    _, s = cold_start_via_dashboard(memory_after=False)
    s.close()
    runs = []
    for i in range(RUNS):
        r, s = cold_start_via_dashboard()
        if i == RUNS - 1:
            last = s
        else:
            s.close()
        log(f"run {i + 1}: dashboard {r['dashboard_from_process_s']:.3f}s (already {r['dashboard_already_there']}), "
            f"click→row {r['click_to_first_row_ms']:.0f} ms, pss {r['memory']['pss_mb']:.0f} MB")
        runs.append(r)
    results["via_dashboard"] = {k: summarize(runs, k) for k in runs[0]
                                if k not in ("memory", "dashboard_already_there") and runs[0][k] is not None}
    results["via_dashboard"]["dashboard_already_there"] = [r["dashboard_already_there"] for r in runs]
    results["memory_100k"] = {"pss_mb": summarize([r["memory"] for r in runs], "pss_mb"),
                              "rss_mb": summarize([r["memory"] for r in runs], "rss_mb"),
                              "procs_last_run": runs[-1]["memory"]["procs"]}

    # The session of the last run: screenshots, then the IPC round trips.
    s = last
    try:
        try:
            wd("POST", f"/session/{s.id}/window/rect", {"width": 1400, "height": 900, "x": 0, "y": 0})
        except Exception as e:  # noqa: BLE001
            log("window/rect:", e)
        if SHOTS:
            time.sleep(1)
            results["shot_ledger"] = s.screenshot(os.path.join(SHOTS, "app-ledger.png"))
            s.run_async(CLICK_WAIT_JS, "[data-testid='nav-dashboard']", DASH, 30000)
            time.sleep(1.5)
            results["shot_dashboard"] = s.screenshot(os.path.join(SHOTS, "app-dashboard.png"))
            s.run_async(CLICK_WAIT_JS, NAV_LEDGER, ROW, 30000)
        log("IPC round trips:")
        results["ipc"] = ipc_bench(s)
    finally:
        s.close()

    direct = []
    for i in range(RUNS):
        r = cold_start_direct_to_ledger()
        log(f"direct run {i + 1}: first row {r['ledger_from_process_s']:.3f}s after process start")
        direct.append(r)
    results["direct_to_ledger"] = {k: summarize(direct, k) for k in direct[0]}
finally:
    drv.close()

# ---- empty database: the same steps, the ledger shows no rows
drv = Driver(os.path.join(OUT, "empty.db"))
try:
    _, s = cold_start_via_dashboard(memory_after=False, rows_sel=TOTAL)
    s.close()
    empty = []
    for i in range(EMPTY_RUNS):
        r, s = cold_start_via_dashboard(rows_sel=TOTAL)
        s.close()
        log(f"empty run {i + 1}: pss {r['memory']['pss_mb']:.0f} MB")
        empty.append(r)
    results["memory_empty"] = {"pss_mb": summarize([r["memory"] for r in empty], "pss_mb"),
                               "rss_mb": summarize([r["memory"] for r in empty], "rss_mb"),
                               "procs_last_run": empty[-1]["memory"]["procs"]}
    results["empty_via_dashboard"] = {k: summarize(empty, k) for k in
                                      ("dashboard_from_process_s", "click_to_first_row_ms")}
finally:
    drv.close()

for k in ("pss_mb", "rss_mb"):
    results[f"memory_overhead_{k}"] = results["memory_100k"][k]["median"] - results["memory_empty"][k]["median"]

with open(os.path.join(OUT, "results.json"), "w") as f:
    json.dump(results, f, indent=1, ensure_ascii=False)
print(json.dumps(results, indent=1, ensure_ascii=False))
PY
