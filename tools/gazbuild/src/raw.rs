//! Reads the raw source tables: UTF-8 TSV with a header row and no quoting.

use std::collections::HashMap;
use std::path::Path;

use crate::BuildError;

/// One raw table: its header and rows, cells addressed by column name.
#[derive(Debug, Default)]
pub struct Table {
    cols: HashMap<String, usize>,
    rows: Vec<Vec<String>>,
}

/// A row of a [`Table`]; missing columns and cells read as "".
pub struct Row<'a> {
    table: &'a Table,
    cells: &'a [String],
}

impl Row<'_> {
    /// The trimmed cell of column `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.table
            .cols
            .get(name)
            .and_then(|&i| self.cells.get(i))
            .map_or("", |s| s.trim())
    }

    /// The `|`-separated list of column `name`, empty items dropped.
    pub fn list(&self, name: &str) -> Vec<&str> {
        split_list(self.get(name))
    }
}

/// Splits a `|`-separated cell.
pub fn split_list(s: &str) -> Vec<&str> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .collect()
}

impl Table {
    /// Reads `path`; a table that does not exist is an error naming it.
    pub fn read(path: &Path) -> Result<Table, BuildError> {
        let text = std::fs::read_to_string(path).map_err(|e| BuildError::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        Ok(Table::parse(&text))
    }

    /// Parses TSV text with a header row.
    pub fn parse(text: &str) -> Table {
        let mut lines = text.lines();
        let cols = lines
            .next()
            .unwrap_or("")
            .split('\t')
            .enumerate()
            .map(|(i, c)| (c.trim().to_string(), i))
            .collect();
        let rows = lines
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect();
        Table { cols, rows }
    }

    /// The rows in file order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows
            .iter()
            .map(move |cells| Row { table: self, cells })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cells_by_name() {
        let t = Table::parse("a\tb\n1\t x|y| \n2\n");
        let rows: Vec<_> = t.rows().collect();
        assert_eq!(rows[0].get("a"), "1");
        assert_eq!(rows[0].list("b"), vec!["x", "y"]);
        assert_eq!(rows[1].get("b"), "");
        assert_eq!(rows[1].get("zzz"), "");
    }
}
