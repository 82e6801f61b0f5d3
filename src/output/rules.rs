//! `policy-lint rules` and `policy-lint explain GROUP`: the registry as a table, as JSON, and one
//! group's rules.

use crate::diagnostic::Applicability;
use crate::rules::{self, Group, Level, UNUSED_SUPPRESSION};
use crate::suppress;

/// One row: what `rules` shows about a rule, `unused-suppression` included.
struct Row {
    name: &'static str,
    group: Group,
    level: Level,
    fix: Option<Applicability>,
    summary: String,
    doc: String,
}

fn rows() -> Vec<Row> {
    let mut rows: Vec<Row> = rules::registry()
        .iter()
        .map(|r| Row {
            name: r.name,
            group: r.group,
            level: r.default_level(),
            fix: r.fix,
            summary: r.summary(),
            doc: r.markdown(),
        })
        .collect();
    rows.push(Row {
        name: UNUSED_SUPPRESSION,
        group: Group::Suppressions,
        level: Level::Warning,
        fix: None,
        summary: rules::summary_of(suppress::DOC),
        doc: rules::unindent(suppress::DOC),
    });
    rows
}

/// The table: rule, group, default level, summary; then the groups.
pub fn render_table() -> String {
    let rows = rows();
    let mut table: Vec<[&str; 4]> = vec![["RULE", "GROUP", "LEVEL", "SUMMARY"]];
    table.extend(rows.iter().map(|r| [r.name, r.group.as_str(), r.level.as_str(), r.summary.as_str()]));
    let w0 = table.iter().map(|r| r[0].len()).max().unwrap_or(0);
    let w1 = table.iter().map(|r| r[1].len()).max().unwrap_or(0);
    let w2 = table.iter().map(|r| r[2].len()).max().unwrap_or(0);
    let mut s = String::new();
    for r in &table {
        s.push_str(&format!("{:<w0$}  {:<w1$}  {:<w2$}  {}\n", r[0], r[1], r[2], r[3]));
    }
    s.push_str("\nGROUPS (`--select`, `--ignore` and `--extend-select` take a group's name, or `ALL`)\n");
    for g in Group::EVERY {
        s.push_str(&format!("{:<w1$}  {}\n", g.as_str(), g.description()));
    }
    s.push_str(
        "\n`policy-lint explain RULE` shows a rule's documentation, `policy-lint explain GROUP` a group's rules.\n",
    );
    s
}

/// `rules --format json`: `{"version": 1, "groups": [...], "rules": [...]}`, every group with its
/// description and the names of its rules, every rule with its group, default level, summary
/// and documentation (Markdown). Keys are only ever added within a version.
pub fn render_json() -> String {
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        version: u32,
        groups: Vec<GroupJson<'a>>,
        rules: Vec<RuleJson<'a>>,
    }
    #[derive(serde::Serialize)]
    struct GroupJson<'a> {
        name: &'static str,
        description: &'static str,
        rules: Vec<&'a str>,
    }
    #[derive(serde::Serialize)]
    struct RuleJson<'a> {
        name: &'a str,
        group: &'static str,
        default_level: &'static str,
        /// `safe`, `unsafe`, or null when the rule's findings carry no fix.
        fix: Option<Applicability>,
        summary: &'a str,
        documentation: &'a str,
    }
    let rows = rows();
    let groups = Group::EVERY
        .iter()
        .map(|g| GroupJson {
            name: g.as_str(),
            description: g.description(),
            rules: rows.iter().filter(|r| r.group == *g).map(|r| r.name).collect(),
        })
        .collect();
    let rules = rows
        .iter()
        .map(|r| RuleJson {
            name: r.name,
            group: r.group.as_str(),
            default_level: r.level.as_str(),
            fix: r.fix,
            summary: &r.summary,
            documentation: &r.doc,
        })
        .collect();
    serde_json::to_string_pretty(&Doc { version: 1, groups, rules }).unwrap_or_default()
}

/// `explain GROUP`: what the group is for, and its rules with their summaries.
pub fn render_group(group: Group) -> String {
    let mut s = format!("# {} (group)\n\n{}.\n\n", group.as_str(), capitalise(group.description()));
    for r in rows().iter().filter(|r| r.group == group) {
        let fix = match r.fix {
            Some(Applicability::Safe) => ", safe fix",
            Some(Applicability::Unsafe) => ", unsafe fix",
            None => "",
        };
        s.push_str(&format!("- `{}` ({}{fix}): {}\n", r.name, r.level.as_str(), r.summary));
    }
    s.push_str(&format!(
        "\n`--select {0}` runs only these, `--ignore {0}` none of them; `policy-lint explain RULE` documents one.\n",
        group.as_str()
    ));
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_group_has_a_rule_and_every_rule_a_listed_group() {
        let v: serde_json::Value = serde_json::from_str(&render_json()).unwrap();
        let groups = v["groups"].as_array().unwrap();
        assert_eq!(groups.len(), Group::EVERY.len());
        let mut listed = 0;
        for g in groups {
            assert!(!g["rules"].as_array().unwrap().is_empty(), "{g}");
            listed += g["rules"].as_array().unwrap().len();
        }
        assert_eq!(listed, v["rules"].as_array().unwrap().len(), "each rule in exactly one group");
    }
}
