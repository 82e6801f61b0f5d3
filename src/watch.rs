//! `--watch`: lint, then lint again whenever a named file or a file below a named directory
//! changes. Events come from the platform's file watcher (inotify, FSEvents, kqueue,
//! ReadDirectoryChangesW, through `notify`), debounced so that an editor's save — often a write,
//! a rename and a chmod — is one run, not three.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer};

/// How long the files must be still before the run starts.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// What a change must touch to count.
struct Watched {
    /// Named files: editors save by writing a new file and renaming it over the old one, which a
    /// watch on the file itself would lose, so their directories are watched and the names
    /// compared.
    files: Vec<PathBuf>,
    /// Named directories, watched with everything below them.
    dirs: Vec<PathBuf>,
    /// Never a reason to lint again: the report itself (`--output-file` inside a watched
    /// directory would otherwise start a run after every run).
    skip: Vec<PathBuf>,
}

impl Watched {
    fn new(paths: &[PathBuf], skip: &[PathBuf]) -> Result<Watched, String> {
        let mut w = Watched { files: Vec::new(), dirs: Vec::new(), skip: skip.iter().map(|p| absolute(p)).collect() };
        for p in paths {
            let abs = std::fs::canonicalize(p).map_err(|e| format!("cannot watch {}: {e}", p.display()))?;
            if abs.is_dir() { w.dirs.push(abs) } else { w.files.push(abs) }
        }
        Ok(w)
    }

    /// Does a change at `path` call for a new run?
    fn wants(&self, path: &Path) -> bool {
        let path = absolute(path);
        if self.skip.contains(&path) {
            return false;
        }
        self.files.contains(&path)
            || self.dirs.iter().any(|d| {
                // Below the directory, and not in a hidden file or directory (`.git`, an editor's
                // `.paper.txt.swp`), which the walk never lints either.
                path.strip_prefix(d).is_ok_and(|rel| {
                    rel.components().all(|c| match c {
                        Component::Normal(n) => !n.to_string_lossy().starts_with('.'),
                        _ => true,
                    })
                })
            })
    }
}

/// The absolute form of `p` with its directory resolved, so that paths the watcher reports and
/// paths the user gave compare equal.
fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    // A file that is gone (renamed away, deleted): its directory still resolves.
    match (p.parent(), p.file_name()) {
        (Some(dir), Some(name)) => {
            let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
            std::fs::canonicalize(dir).map(|d| d.join(name)).unwrap_or_else(|_| p.to_owned())
        }
        _ => p.to_owned(),
    }
}

/// Run `lint` once, then again after every relevant change, until the process is stopped.
/// Returns only when watching cannot start or goes wrong, with the reason.
pub fn watch(paths: &[PathBuf], skip: &[PathBuf], mut lint: impl FnMut()) -> String {
    let watched = match Watched::new(paths, skip) {
        Ok(w) => w,
        Err(e) => return e,
    };
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = match new_debouncer(DEBOUNCE, tx) {
        Ok(d) => d,
        Err(e) => return format!("cannot watch for changes on this system: {e}"),
    };
    let mut parents: Vec<&Path> = watched.files.iter().filter_map(|f| f.parent()).collect();
    parents.sort();
    parents.dedup();
    let targets = parents
        .into_iter()
        .map(|p| (p, RecursiveMode::NonRecursive))
        .chain(watched.dirs.iter().map(|d| (d.as_path(), RecursiveMode::Recursive)));
    for (path, mode) in targets {
        if let Err(e) = debouncer.watcher().watch(path, mode) {
            return format!("cannot watch {}: {e}", path.display());
        }
    }
    lint();
    notice("Watching for changes (Ctrl-C to stop).");
    loop {
        match rx.recv() {
            Ok(Ok(events)) => {
                if events.iter().any(|e| watched.wants(&e.path)) {
                    notice("A file changed; linting again.");
                    lint();
                    notice("Watching for changes (Ctrl-C to stop).");
                }
            }
            Ok(Err(e)) => return format!("watching for changes failed: {e}"),
            Err(_) => return "watching for changes stopped".to_owned(),
        }
    }
}

fn notice(s: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{s}");
}
