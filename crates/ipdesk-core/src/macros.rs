//! `coded_enum!`: closed value sets with a stable code, a Chinese label and
//! accepted aliases, used by every case file.

/// Declares a closed set of values with a code, a Chinese label and extra
/// accepted spellings, plus the SQL and string conversions every such enum
/// needs.
macro_rules! coded_enum {
    ($(#[$m:meta])* $name:ident, $what:literal { $($var:ident = $code:literal, $label:literal $(| $alias:literal)*;)+ }) => {
        $(#[$m])*
        #[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub enum $name { $($var),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            pub fn code(self) -> &'static str { match self { $($name::$var => $code),+ } }
            pub fn label(self) -> &'static str { match self { $($name::$var => $label),+ } }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.label()) }
        }

        impl std::str::FromStr for $name {
            type Err = crate::Error;
            fn from_str(s: &str) -> crate::Result<Self> {
                let t = s.trim();
                $(if t.eq_ignore_ascii_case($code) || t == $label $(|| t == $alias)* { return Ok($name::$var); })+
                let options: Vec<String> = $name::ALL.iter().map(|v| format!("{}（{}）", v.label(), v.code())).collect();
                Err(crate::Error::invalid($what, t, format!("应为：{}", options.join("、"))))
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> { Ok(rusqlite::types::ToSqlOutput::from(self.code())) }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let s = v.as_str()?;
                s.parse().map_err(|e: crate::Error| rusqlite::types::FromSqlError::Other(e.to_string().into()))
            }
        }
    };
}
