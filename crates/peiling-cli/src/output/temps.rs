//! Temporary files and folders of unfinished output: registered, so an interrupt
//! (Ctrl-C, SIGTERM, a closed terminal) removes them before peiling exits.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

use super::parent_of;

static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

pub(super) fn temps() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPS.lock().unwrap_or_else(|e| e.into_inner())
}

pub(super) fn remove_any(path: &Path) {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => {
            let _ = fs::remove_dir_all(path);
        }
        Ok(_) => {
            let _ = fs::remove_file(path);
        }
        Err(_) => {}
    }
}

/// On SIGINT, SIGTERM or SIGHUP: remove the temporary files and folders, then exit.
/// Installed when the first one is made, so a run that writes nothing keeps the default.
pub(super) fn guard_interrupts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Held until exit: a rename in progress finishes first, none starts after.
                let list = temps();
                for path in list.iter() {
                    remove_any(path);
                }
                eprintln!("peiling: interrupted; unfinished output removed");
                std::process::exit(128 + signal);
            }
        });
    });
}

/// Makes a temporary sibling of `real` with `make`, registered for removal.
pub(super) fn make_temp(
    real: &Path,
    make: impl FnOnce(&Path) -> io::Result<()>,
) -> Result<PathBuf, (io::Error, PathBuf)> {
    guard_interrupts();
    let dir = parent_of(real);
    let name = real
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.peiling-tmp-{}", std::process::id()));
    let mut list = temps();
    remove_any(&tmp);
    make(&tmp).map_err(|e| (e, dir.to_path_buf()))?;
    list.push(tmp.clone());
    Ok(tmp)
}

pub(super) fn forget_temp(list: &mut Vec<PathBuf>, tmp: &Path) {
    list.retain(|p| p != tmp);
}
