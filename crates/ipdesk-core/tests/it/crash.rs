//! The crash harness: a worker process writes to a ledger — patents,
//! edits, imports, backups, restores, migrations — and says so on stdout
//! after each commit returns; the harness kills it (SIGKILL at a random
//! instant, or at a named fail point in the core) and then checks what is
//! on the disk:
//!
//! - SQLite's `integrity_check` and `foreign_key_check`;
//! - both full-text indexes hold exactly the patents of the table;
//! - every acknowledged write is there, nothing is there that was never
//!   begun, and an import is all there or not at all;
//! - a restore left the old database or the new one under the name, and
//!   every finished backup or pre-migration copy is a whole database;
//! - the database opens again with today's code.
//!
//! CI runs [`KILLS`] kills; `IPDESK_CRASH_KILLS=2000` runs longer (the
//! figures are in BENCHMARKS.md) and `IPDESK_CRASH_SEED` replays a run.

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ipdesk_core::{
    app_no_check_char, read_table, sample, ExportFormat, ImportOptions, PatentKind, PatentQuery,
    Store, SCHEMA_VERSION,
};
use rusqlite::Connection;

/// Kills in an ordinary test run.
const KILLS: usize = 120;
/// The fail points of the core the harness stops the worker at (see
/// `store/failpoint.rs`), with the kind of work that reaches each.
const FAIL_POINTS: &[(&str, Focus)] = &[
    ("write.before_commit", Focus::Mixed),
    ("write.after_commit", Focus::Mixed),
    ("import.before_finish", Focus::Import),
    ("backup.before_rename", Focus::Backup),
    ("restore.after_copy", Focus::Restore),
    ("restore.after_migrate", Focus::RestoreOld),
    ("restore.after_aside", Focus::Restore),
    ("restore.after_swap", Focus::Restore),
    ("migrate.after_backup", Focus::Migrate),
    ("migrate.before_commit", Focus::Migrate),
];
/// `ipdesk_core`'s `FAILPOINT_EXIT`.
const FAILPOINT_EXIT: i32 = 86;
/// Rows per imported file.
const IMPORT_ROWS: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Mixed,
    Import,
    Backup,
    Restore,
    RestoreOld,
    Migrate,
}

impl Focus {
    fn name(self) -> &'static str {
        match self {
            Focus::Mixed => "mixed",
            Focus::Import => "import",
            Focus::Backup => "backup",
            Focus::Restore => "restore",
            Focus::RestoreOld => "restore-old",
            Focus::Migrate => "migrate",
        }
    }
}

fn today() -> NaiveDate {
    "2026-06-01".parse().unwrap()
}

/// A small deterministic generator: the seed replays a run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

// ---------------------------------------------------------------- worker

/// One patent for sequence number `seq`, with an application number of
/// `year` no other sequence number has (imports use another year).
fn patent_for(year: u32, seq: u64, title: String) -> ipdesk_core::PatentData {
    let mut p = sample::ledger(1, seq, today()).remove(0);
    let digit = match p.kind {
        PatentKind::Invention => 1,
        PatentKind::Utility => 2,
        PatentKind::Design => 3,
    };
    let body = format!("{year}{digit}{:07}", seq % 10_000_000);
    p.app_no = format!("{body}{}", app_no_check_char(&body));
    p.title = title;
    p.notes = String::new();
    p.tags.clear();
    p
}

fn say(line: &str) {
    use std::io::Write;
    // The terminator tells a whole line from one cut by the kill.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line} .");
    let _ = out.flush();
}

/// A backup the worker took: its sequence number, its file and the patents
/// (sequence number, id) it holds.
type Taken = (u64, PathBuf, Vec<(u64, i64)>);

/// The worker, when the harness starts this binary as one (it is ignored
/// in ordinary runs and does nothing without its environment).
#[test]
#[ignore = "the crash harness's worker process; started by crash::*"]
fn crash_worker_entry() {
    let Ok(db) = std::env::var("IPDESK_CRASH_DB") else {
        return;
    };
    let env = |k: &str| std::env::var(k).unwrap();
    let dir = PathBuf::from(env("IPDESK_CRASH_DIR"));
    let mut seq: u64 = env("IPDESK_CRASH_START").parse().unwrap();
    let mut rng = Rng(env("IPDESK_CRASH_SEED").parse().unwrap());
    let focus = env("IPDESK_CRASH_FOCUS");
    let mut store = Store::open(Path::new(&db)).unwrap();
    say("ready");
    if focus == "migrate" {
        // Migrated; wait for the kill.
        say("ack M 0");
        loop {
            std::thread::sleep(Duration::from_secs(1));
        }
    }
    // Patents this run created (sequence number, id), and its backups with
    // the patents each holds.
    let mut mine: Vec<(u64, i64)> = Vec::new();
    let mut backups: Vec<Taken> = Vec::new();
    loop {
        seq += 1;
        let op = match focus.as_str() {
            "import" => 10,
            "backup" => 6 + (rng.below(3) == 0) as u64 * 4,
            "restore" | "restore-old" if backups.is_empty() => 6,
            "restore" | "restore-old" => 7,
            _ => rng.below(100) % 8,
        };
        match op {
            0..=3 => {
                say(&format!("begin P {seq}"));
                let p = store
                    .add_patent(patent_for(2019, seq, format!("crash-{seq}")))
                    .unwrap();
                mine.push((seq, p.id));
                say(&format!("ack P {seq}"));
            }
            4 | 5 if !mine.is_empty() => {
                let (pseq, id) = mine[rng.below(mine.len() as u64) as usize];
                say(&format!("begin E {pseq} {seq}"));
                let mut data = store.patent(id).unwrap().data;
                data.notes = format!("edit-{seq}");
                store.update_patent(id, data).unwrap();
                say(&format!("ack E {pseq} {seq}"));
            }
            6 => {
                let out = dir.join(format!("b-{seq}.db"));
                say(&format!("begin B {seq}"));
                store.backup_to(&out).unwrap();
                backups.push((seq, out, mine.clone()));
                say(&format!("ack B {seq}"));
            }
            7 if !backups.is_empty() => {
                let (bseq, path, held) = backups[rng.below(backups.len() as u64) as usize].clone();
                let path = if focus == "restore-old" {
                    // An older release's backup, to be upgraded on restore.
                    let old = dir.join(format!("old-{seq}.db"));
                    super::migrations::write_v3_database(&old);
                    say(&format!("begin R old {seq}"));
                    old
                } else {
                    say(&format!("begin R {bseq}"));
                    path
                };
                store.restore_in_place(&path).unwrap();
                mine = if focus == "restore-old" { vec![] } else { held };
                say(&format!("ack R {bseq}"));
            }
            _ => {
                let file = dir.join(format!("import-{seq}.csv"));
                let mut source = Store::open_in_memory().unwrap();
                let rows = (0..IMPORT_ROWS as u64)
                    .map(|k| patent_for(2018, seq * 10 + k, format!("imp-{seq}-{k}")))
                    .collect();
                source.add_patents(rows).unwrap();
                source
                    .export_patents(&PatentQuery::default(), today(), ExportFormat::Csv, &file)
                    .unwrap();
                let table = read_table(&file).unwrap();
                let mapping = store.import_mapping(&table.headers).unwrap();
                say(&format!("begin I {seq}"));
                let report = store
                    .import_patents(&table, &mapping, &ImportOptions::default(), &mut |_, _| {})
                    .unwrap();
                assert!(report.committed, "{:?}", report.errors);
                say(&format!("ack I {seq}"));
            }
        }
    }
}

// ---------------------------------------------------------------- harness

/// What the acknowledged writes say the ledger holds.
#[derive(Debug, Clone, Default, PartialEq)]
struct Model {
    /// Patent sequence number → the last acknowledged edit of its notes.
    patents: BTreeMap<u64, Option<u64>>,
    imports: BTreeSet<u64>,
    /// After a restore from an older release: its one patent is there too.
    old_rows: bool,
}

/// The write a kill interrupted.
#[derive(Debug, Clone, PartialEq)]
enum InFlight {
    Patent(u64),
    Edit(u64, u64),
    Import(u64),
    Backup(u64),
    Restore(Option<u64>),
}

/// What one worker run said before it died.
#[derive(Debug, Default)]
struct Said {
    ready: bool,
    acks: Vec<Vec<String>>,
    in_flight: Option<InFlight>,
    last_seq: u64,
}

fn parse_lines(out: &[u8]) -> Said {
    let mut said = Said::default();
    for line in out.lines().map_while(Result::ok) {
        let Some(line) = line.strip_suffix(" .") else {
            continue;
        };
        let words: Vec<String> = line.split(' ').map(str::to_string).collect();
        let num = |i: usize| -> u64 { words.get(i).and_then(|w| w.parse().ok()).unwrap_or(0) };
        match words[0].as_str() {
            "ready" => said.ready = true,
            "begin" => {
                said.in_flight = Some(match words[1].as_str() {
                    "P" => InFlight::Patent(num(2)),
                    "E" => InFlight::Edit(num(2), num(3)),
                    "I" => InFlight::Import(num(2)),
                    "B" => InFlight::Backup(num(2)),
                    "R" if words[2] == "old" => InFlight::Restore(None),
                    "R" => InFlight::Restore(Some(num(2))),
                    other => panic!("unknown work {other}"),
                });
                said.last_seq = said.last_seq.max(num(2)).max(num(3));
            }
            "ack" if words[1] == "M" => {}
            "ack" => {
                said.in_flight = None;
                said.acks.push(words[1..].to_vec());
            }
            _ => {}
        }
    }
    said
}

/// The patents of the older release's database (`ROWS_V1`).
const OLD_TITLES: [&str; 2] = [
    "一种锂离子电池管理方法",
    "Lithium-ion battery management method",
];

/// The ledger as it is on the disk.
#[derive(Debug)]
struct Found {
    patents: BTreeMap<u64, Option<u64>>,
    imports: BTreeMap<u64, usize>,
    old_rows: bool,
}

fn read_found(conn: &Connection) -> Found {
    let mut found = Found {
        patents: BTreeMap::new(),
        imports: BTreeMap::new(),
        old_rows: false,
    };
    let mut stmt = conn.prepare("SELECT title, notes FROM patent").unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap();
    for row in rows {
        let (title, notes) = row.unwrap();
        if let Some(seq) = title.strip_prefix("crash-") {
            let edit = notes.strip_prefix("edit-").map(|n| n.parse().unwrap());
            found.patents.insert(seq.parse().unwrap(), edit);
        } else if let Some(rest) = title.strip_prefix("imp-") {
            let seq = rest.split('-').next().unwrap().parse().unwrap();
            *found.imports.entry(seq).or_default() += 1;
        } else if OLD_TITLES.contains(&title.as_str()) {
            found.old_rows = true;
        } else {
            panic!("a patent nobody wrote: {title}");
        }
    }
    found
}

/// Whether `found` is `model` with, at most, the in-flight write applied.
fn matches(model: &Model, found: &Found, in_flight: Option<&InFlight>) -> Result<Model, String> {
    let mut next = model.clone();
    for (seq, edit) in &found.patents {
        match model.patents.get(seq) {
            Some(acked) if acked == edit => {}
            Some(_) if in_flight == Some(&InFlight::Edit(*seq, edit.unwrap_or(0))) => {
                next.patents.insert(*seq, *edit);
            }
            Some(acked) => return Err(format!("patent {seq}: notes {edit:?}, acked {acked:?}")),
            None if in_flight == Some(&InFlight::Patent(*seq)) && edit.is_none() => {
                next.patents.insert(*seq, None);
            }
            None => return Err(format!("patent {seq} was never acknowledged")),
        }
    }
    if let Some(lost) = model
        .patents
        .keys()
        .find(|s| !found.patents.contains_key(s))
    {
        return Err(format!("acknowledged patent {lost} is missing"));
    }
    for (seq, n) in &found.imports {
        if *n != IMPORT_ROWS {
            return Err(format!(
                "import {seq} is half there: {n} of {IMPORT_ROWS} rows"
            ));
        }
        if !model.imports.contains(seq) {
            if in_flight != Some(&InFlight::Import(*seq)) {
                return Err(format!("import {seq} was never acknowledged"));
            }
            next.imports.insert(*seq);
        }
    }
    if let Some(lost) = model
        .imports
        .iter()
        .find(|s| !found.imports.contains_key(s))
    {
        return Err(format!("acknowledged import {lost} is missing"));
    }
    if found.old_rows != model.old_rows {
        return Err(format!("the older release's patent: {}", found.old_rows));
    }
    Ok(next)
}

/// Checks SQLite's own structures and the full-text indexes against the
/// table.
fn check_structure(path: &Path) -> Result<(), String> {
    let conn = Connection::open(path).map_err(|e| e.to_string())?;
    let q = |sql: &str| -> Result<Vec<String>, String> {
        conn.prepare(sql)
            .and_then(|mut s| s.query_map([], |r| r.get::<_, String>(0))?.collect())
            .map_err(|e| format!("{sql}: {e}"))
    };
    let check = q("PRAGMA integrity_check")?;
    if check != ["ok"] {
        return Err(format!("integrity_check: {check:?}"));
    }
    let broken = q("SELECT \"table\" FROM pragma_foreign_key_check")?;
    if !broken.is_empty() {
        return Err(format!("foreign_key_check: {broken:?}"));
    }
    let ids = q("SELECT CAST(id AS TEXT) FROM patent ORDER BY id")?;
    for fts in ["patent_fts", "patent_chars"] {
        conn.execute(
            &format!("INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)"),
            [],
        )
        .map_err(|e| format!("{fts} integrity-check: {e}"))?;
        let indexed = q(&format!(
            "SELECT CAST(rowid AS TEXT) FROM {fts} ORDER BY rowid"
        ))?;
        if indexed != ids {
            return Err(format!(
                "{fts} holds {} patents, the table {}",
                indexed.len(),
                ids.len()
            ));
        }
    }
    Ok(())
}

/// Every file under `dir` named like a finished copy (`*.db` backups,
/// `*.bak` pre-migration copies, `*.before-restore-*`) is a whole database.
/// Names already checked are passed over: a finished copy is never written
/// again.
fn check_copies(dir: &Path, checked: &mut BTreeSet<String>) -> Result<usize, String> {
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let copy = (name.starts_with("b-") && name.ends_with(".db"))
            || name.ends_with(".bak")
            || (name.contains(".before-restore-") && !name.ends_with(".part"));
        if !copy || checked.contains(&name) {
            continue;
        }
        let conn = Connection::open(&path).map_err(|e| e.to_string())?;
        let ok: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| format!("{name}: {e}"))?;
        if ok != "ok" {
            return Err(format!("{name} is not whole: {ok}"));
        }
        checked.insert(name);
        n += 1;
    }
    Ok(n)
}

/// The figures of one harness run.
#[derive(Debug, Default)]
struct Tally {
    kills: usize,
    at_fail_points: usize,
    acked: usize,
    copies_checked: usize,
}

struct Harness {
    dir: tempfile::TempDir,
    model: Model,
    backups: BTreeMap<u64, Model>,
    next_seq: u64,
    rng: Rng,
    seed: u64,
    tally: Tally,
    checked: BTreeSet<String>,
}

impl Harness {
    fn new(seed: u64) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::open(&dir.path().join("ledger.db")).unwrap());
        Harness {
            dir,
            model: Model::default(),
            backups: BTreeMap::new(),
            next_seq: 1,
            rng: Rng(seed | 1),
            seed,
            tally: Tally::default(),
            checked: BTreeSet::new(),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("ledger.db")
    }

    /// Starts a worker on `db` and stops it: at `fail_point` if named,
    /// otherwise with SIGKILL after `kill_after`. Returns what it said.
    fn run_worker(
        &mut self,
        db: &Path,
        focus: Focus,
        fail_point: Option<&str>,
        kill_after: Duration,
    ) -> Said {
        let mut cmd = Command::new(std::env::current_exe().unwrap());
        cmd.args([
            "crash::crash_worker_entry",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("IPDESK_CRASH_DB", db)
        .env("IPDESK_CRASH_DIR", self.dir.path())
        .env("IPDESK_CRASH_START", self.next_seq.to_string())
        .env("IPDESK_CRASH_SEED", (self.rng.next() | 1).to_string())
        .env("IPDESK_CRASH_FOCUS", focus.name())
        .env("RUST_BACKTRACE", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        match fail_point {
            Some(p) => cmd.env("IPDESK_FAILPOINT", p),
            None => cmd.env_remove("IPDESK_FAILPOINT"),
        };
        let mut child = cmd.spawn().unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut stdout, &mut out).unwrap();
            out
        });
        let errs = std::thread::spawn(move || {
            let mut out = String::new();
            let _ = std::io::Read::read_to_string(&mut stderr, &mut out);
            out
        });
        let deadline = Instant::now()
            + if fail_point.is_some() {
                Duration::from_secs(30)
            } else {
                kill_after
            };
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if Instant::now() >= deadline {
                child.kill().unwrap();
                child.wait().unwrap();
                break None;
            }
            std::thread::sleep(Duration::from_millis(1));
        };
        let said = parse_lines(&reader.join().unwrap());
        let errs = errs.join().unwrap();
        match (fail_point, status) {
            (Some(p), Some(s)) => assert_eq!(
                s.code(),
                Some(FAILPOINT_EXIT),
                "seed {}: the worker was to stop at {p}: {errs}",
                self.seed
            ),
            (Some(p), None) => panic!("seed {}: fail point {p} never reached: {errs}", self.seed),
            (None, Some(s)) => {
                panic!(
                    "seed {}: the worker ended by itself ({s}): {errs}",
                    self.seed
                )
            }
            (None, None) => {}
        }
        self.tally.kills += 1;
        self.tally.at_fail_points += fail_point.is_some() as usize;
        self.tally.acked += said.acks.len();
        self.next_seq = self.next_seq.max(said.last_seq + 1) + 10;
        said
    }

    /// One kill of a worker writing to the ledger, then every check.
    fn kill_once(&mut self, focus: Focus, fail_point: Option<&str>) {
        let kill_after = Duration::from_millis(5 + self.rng.below(150));
        let db = self.db();
        let said = self.run_worker(&db, focus, fail_point, kill_after);
        for ack in &said.acks {
            let num = |i: usize| -> u64 { ack[i].parse().unwrap() };
            match ack[0].as_str() {
                "P" => {
                    self.model.patents.insert(num(1), None);
                }
                "E" => {
                    self.model.patents.insert(num(1), Some(num(2)));
                }
                "I" => {
                    self.model.imports.insert(num(1));
                }
                "B" => {
                    self.backups.insert(num(1), self.model.clone());
                }
                "R" if focus == Focus::RestoreOld => self.model = old_release_model(),
                "R" => self.model = self.backups[&num(1)].clone(),
                other => panic!("unknown ack {other}"),
            }
        }
        let context = || {
            format!(
                "seed {}, kill {} ({:?} at {fail_point:?}), in flight {:?}, acks {:?}",
                self.seed, self.tally.kills, focus, said.in_flight, said.acks
            )
        };
        check_structure(&db).unwrap_or_else(|e| panic!("{}: {e}", context()));
        let found = read_found(&Connection::open(&db).unwrap());
        let mut candidates = vec![self.model.clone()];
        if let Some(InFlight::Restore(b)) = &said.in_flight {
            candidates.push(match b {
                Some(b) => self.backups[b].clone(),
                None => old_release_model(),
            });
        }
        let outcomes: Vec<_> = candidates
            .iter()
            .map(|m| matches(m, &found, said.in_flight.as_ref()))
            .collect();
        self.model = match outcomes.iter().find_map(|o| o.as_ref().ok()) {
            Some(m) => m.clone(),
            None => panic!(
                "{}: the ledger matches no state the writes allow: {outcomes:?}",
                context()
            ),
        };
        self.tally.copies_checked += check_copies(self.dir.path(), &mut self.checked)
            .unwrap_or_else(|e| panic!("{}: {e}", context()));
        let store = Store::open(&db).unwrap_or_else(|e| panic!("{}: reopens: {e}", context()));
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    }

    /// A worker opening (and so migrating) an older release's database,
    /// stopped part way; the upgrade must finish on the next open.
    fn kill_migration(&mut self, fail_point: Option<&str>) {
        let old = self.dir.path().join(format!("v3-{}.db", self.tally.kills));
        super::migrations::write_v3_database(&old);
        let kill_after = Duration::from_millis(self.rng.below(60));
        let _said = self.run_worker(&old, Focus::Migrate, fail_point, kill_after);
        let context = || format!("seed {}, migration kill at {fail_point:?}", self.seed);
        self.tally.copies_checked += check_copies(self.dir.path(), &mut self.checked)
            .unwrap_or_else(|e| panic!("{}: {e}", context()));
        let store = Store::open(&old).unwrap_or_else(|e| panic!("{}: {e}", context()));
        assert_eq!(
            store.schema_version().unwrap(),
            SCHEMA_VERSION,
            "{}",
            context()
        );
        drop(store);
        check_structure(&old).unwrap_or_else(|e| panic!("{}: {e}", context()));
        assert!(
            read_found(&Connection::open(&old).unwrap()).old_rows,
            "{}",
            context()
        );
        for entry in std::fs::read_dir(self.dir.path()).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().to_string();
            if name.starts_with("v3-") {
                let _ = std::fs::remove_file(self.dir.path().join(name));
            }
        }
    }
}

fn old_release_model() -> Model {
    Model {
        old_rows: true,
        ..Model::default()
    }
}

fn seed() -> u64 {
    std::env::var("IPDESK_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            // A seed, not a rule: the clock is allowed here.
            #[allow(clippy::disallowed_methods)]
            let now = std::time::SystemTime::now();
            now.duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        })
}

/// Kills at every named fail point, then at random instants, with
/// migrations and restores among them; prints the tally.
#[test]
fn killed_at_any_instant_the_ledger_keeps_every_acknowledged_write() {
    let kills: usize = std::env::var("IPDESK_CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(KILLS);
    let seed = seed();
    let mut h = Harness::new(seed);
    let started = Instant::now();
    for (point, focus) in FAIL_POINTS {
        match focus {
            Focus::Migrate => h.kill_migration(Some(point)),
            focus => h.kill_once(*focus, Some(point)),
        }
    }
    while h.tally.kills < kills {
        match h.rng.below(20) {
            0 => h.kill_migration(None),
            1 => h.kill_once(Focus::Restore, None),
            2 => h.kill_once(Focus::Import, None),
            3 => {
                let (point, focus) = FAIL_POINTS[h.rng.below(FAIL_POINTS.len() as u64) as usize];
                match focus {
                    Focus::Migrate => h.kill_migration(Some(point)),
                    focus => h.kill_once(focus, Some(point)),
                }
            }
            _ => h.kill_once(Focus::Mixed, None),
        }
    }
    let t = &h.tally;
    eprintln!(
        "crash harness: seed {seed}: {} kills ({} at fail points), {} acknowledged writes, \
         0 lost, 0 corrupt, {} finished copies checked, {:.1} s",
        t.kills,
        t.at_fail_points,
        t.acked,
        t.copies_checked,
        started.elapsed().as_secs_f64()
    );
    assert!(t.acked > t.kills, "the workers got real work done: {t:?}");
}
