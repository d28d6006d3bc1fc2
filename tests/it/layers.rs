//! The layers of `src/` and the direction of their imports (ARCHITECTURE.md): every top-level
//! module has a layer, imports only the layers it may, and no two modules import each other
//! through any path.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module of `src/` and the modules it may import, from the commands down to
/// the helpers every layer uses. `source` (reading the site root) and `output` (every write)
/// are the edges: only the engine and the commands use them.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "cli",
        &[
            "commands", "engine", "render", "site", "model", "config", "source", "output", "text",
            "error", "timings",
        ],
    ),
    (
        "commands",
        &[
            "engine", "render", "site", "model", "config", "source", "output", "text", "error",
            "timings",
        ],
    ),
    (
        "engine",
        &[
            "render", "site", "model", "config", "source", "output", "text", "error", "timings",
        ],
    ),
    (
        "render",
        &["site", "model", "config", "text", "error", "timings"],
    ),
    ("site", &["model", "config", "text", "error"]),
    ("model", &["config", "text", "error"]),
    ("config", &["text", "error"]),
    ("source", &["model", "config", "text", "error"]),
    ("output", &["error"]),
    ("text", &["error"]),
    ("error", &[]),
    ("timings", &[]),
];

/// The crate's files, by the top-level module each belongs to (`lib.rs` and `main.rs` aside).
fn modules(src: &Path) -> BTreeMap<String, Vec<PathBuf>> {
    let mut modules: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(src).unwrap();
                let first = relative.components().next().unwrap();
                let name = first.as_os_str().to_str().unwrap().trim_end_matches(".rs");
                if name != "lib" && name != "main" {
                    modules.entry(name.to_string()).or_default().push(path);
                }
            }
        }
    }
    modules
}

/// The top-level modules a file names through `crate::` in its code (comments left out).
fn imports(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            // `crate::{output, source}` names each module of the group.
            let names = match rest.strip_prefix('{') {
                Some(group) => group.split('}').next().unwrap_or(""),
                None => rest,
            };
            for name in names.split(',') {
                let name: String = name
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.insert(name);
                }
                if !rest.starts_with('{') {
                    break;
                }
            }
        }
    }
    found
}

/// The import graph: top-level module → the other top-level modules its files import.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    modules(&src)
        .into_iter()
        .map(|(module, files)| {
            let mut targets = BTreeSet::new();
            for file in files {
                targets.extend(imports(&std::fs::read_to_string(file).unwrap()));
            }
            targets.remove(&module);
            (module, targets)
        })
        .collect()
}

/// A cycle of the graph, if it has one: the modules along it.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn every_module_imports_only_the_layers_below_it() {
    let graph = graph();
    let layers: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    let mut problems = Vec::new();
    for (module, targets) in &graph {
        let Some(allowed) = layers.get(module.as_str()) else {
            problems.push(format!(
                "src/{module}: a top-level module with no layer (add it to LAYERS and to ARCHITECTURE.md)"
            ));
            continue;
        };
        for target in targets {
            if !allowed.contains(&target.as_str()) {
                problems.push(format!("{module} imports {target}, which is not below it"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Every layer of the table exists: a module that was renamed must be renamed here too.
    for (module, _) in LAYERS {
        assert!(
            graph.contains_key(*module),
            "LAYERS names src/{module}, which does not exist"
        );
    }
}

#[test]
fn no_two_modules_import_each_other() {
    let graph = graph();
    assert_eq!(cycle(&graph), None);
}

/// The checks above can fail: a graph with a cycle has one, an import is found in code and
/// not in a comment.
#[test]
fn the_layer_checks_see_cycles_and_imports() {
    let graph: BTreeMap<String, BTreeSet<String>> =
        [("a", &["b"][..]), ("b", &["c"]), ("c", &["a"]), ("d", &[])]
            .into_iter()
            .map(|(n, t)| (n.to_string(), t.iter().map(|t| t.to_string()).collect()))
            .collect();
    assert_eq!(
        cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let found = imports(
        "use crate::engine::Engine;\n// crate::commands\nlet x = crate::output::write_new(p); // crate::x\n",
    );
    assert_eq!(
        found,
        ["engine", "output"].into_iter().map(String::from).collect()
    );
}

/// No module of `src/` passes 600 lines outside its tests (ARCHITECTURE.md: a module that does
/// is split along the phases its comments name).
#[test]
fn no_module_passes_six_hundred_lines_outside_its_tests() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut long = Vec::new();
    for file in modules(&src).into_values().flatten() {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines = text
            .lines()
            .take_while(|line| {
                !line.starts_with("#[cfg(test)]") && !line.starts_with("#[cfg(all(test")
            })
            .count();
        if lines > 600 {
            long.push(format!("{}: {lines} lines", file.display()));
        }
    }
    assert!(long.is_empty(), "{}", long.join("\n"));
}
