//! Program files of the officer's own: a city's new guide, a district's
//! program, written in the schema of `assets/programs` and kept in the
//! database (the `setting` table, one row per program), so backup and
//! restore carry them. Each is validated when added and again when read.

use rusqlite::params;

use crate::error::{field, Error, Result};
use crate::rules::{shipped_programs, Program};
use crate::store::{Entity, Store};

const PREFIX: &str = "program:";

impl Store {
    /// Adds (or replaces) a program of one's own from the text of its file.
    /// Errors: [`Error::BadProgram`] naming the file and the field; an id a
    /// shipped program already has. Nothing is written on an error.
    pub fn add_own_program(&mut self, file_name: &str, json: &str) -> Result<Program> {
        let program = Program::parse(file_name, json)?;
        if shipped_programs().iter().any(|p| p.id == program.id) {
            return Err(Error::Duplicate {
                field: field("id", "项目 id"),
                value: program.id.clone(),
                reason: "与软件自带的申报项目重名，请换一个 id".into(),
            });
        }
        let key = format!("{PREFIX}{}", program.id);
        self.write(|tx, audit| {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, json],
            )?;
            audit.update(
                tx,
                Entity::Setting,
                0,
                &serde_json::json!({}),
                &serde_json::json!({ "program": program.id, "file": file_name }),
            )
        })?;
        Ok(program)
    }

    /// Removes a program of one's own. Errors: [`Error::NotFound`].
    pub fn remove_own_program(&mut self, id: &str) -> Result<()> {
        let key = format!("{PREFIX}{}", id.trim());
        self.write(|tx, audit| {
            if tx.execute("DELETE FROM setting WHERE key = ?1", [&key])? == 0 {
                return Err(Error::NotFound {
                    entity: "自定义申报项目",
                    key: id.trim().into(),
                });
            }
            audit.update(
                tx,
                Entity::Setting,
                0,
                &serde_json::json!({ "program": id.trim() }),
                &serde_json::json!({}),
            )
        })
    }

    /// The programs of one's own, by id. A stored file that no longer
    /// validates (written by a later version, or edited outside the app)
    /// is an error naming it, not silently left out.
    pub fn own_programs(&self) -> Result<Vec<Program>> {
        let rows: Vec<(String, String)> = self
            .conn
            .prepare("SELECT key, value FROM setting WHERE key LIKE 'program:%' ORDER BY key")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.iter()
            .map(|(key, json)| Program::parse(key.trim_start_matches(PREFIX), json))
            .collect()
    }

    /// Every program: the shipped ones, then one's own.
    pub fn all_programs(&self) -> Result<Vec<Program>> {
        let mut all = shipped_programs().to_vec();
        all.extend(self.own_programs()?);
        Ok(all)
    }

    /// A program by id, shipped or one's own. Errors: [`Error::NotFound`].
    pub fn find_program(&self, id: &str) -> Result<Program> {
        if let Ok(p) = crate::rules::program(id) {
            return Ok(p.clone());
        }
        self.own_programs()?
            .into_iter()
            .find(|p| p.id == id.trim())
            .ok_or(Error::NotFound {
                entity: "申报项目",
                key: id.trim().to_string(),
            })
    }
}
