//! `policy-lint server`: a language server over standard input and output.
//!
//! A front end like [`crate::cli`]: it reads the documents an editor sends, runs the same
//! pipeline ([`crate::lint`]) with the configuration of the document's directory, and renders
//! what came out in the protocol's terms ([`render`]):
//!
//! - diagnostics on open, change and save (cleared on close), each operand a related location;
//! - hover on a figure: its value, interval, measure and period, and every check it is in;
//! - code actions: each finding's fix, the safe ones preferred.
//!
//! Changes are linted when the queue of messages is empty, so a burst of keystrokes is linted
//! once; a request about a document that changed is answered after linting it again.
//!
//! Nothing the client sends stops the server: an unknown document, a position past the end or
//! malformed parameters get an empty answer or an error response, and a note on standard error.

mod position;
mod render;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crossbeam_channel::TryRecvError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{PositionEncodingKind, Uri};
use serde_json::{Value, json};

use crate::config::Resolved;
use crate::lint::{self, LintOptions, Outcome};
use crate::source::{LineIndex, Source};

pub use position::Encoding;

/// The resolved configuration for papers in a directory, or why there is none (rendered for a
/// person; empty when it was said already).
pub type Resolve<'a> = dyn FnMut(&Path) -> Result<Arc<Resolved>, String> + 'a;

/// How the server reads papers, beyond their configuration.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--date`: wins over the configuration and the paper's header.
    pub date: Option<jiff::civil::Date>,
}

/// Serve on standard input and output until the client says `exit`. `Ok(true)` when it asked
/// for `shutdown` first, as the protocol wants for a clean exit.
pub fn run_stdio(resolve: &mut Resolve, options: &Options) -> Result<bool, String> {
    let (connection, io_threads) = Connection::stdio();
    let clean = serve(&connection, resolve, options).map_err(|e| e.to_string())?;
    drop(connection);
    io_threads.join().map_err(|e| e.to_string())?;
    Ok(clean)
}

/// The handshake, then the main loop, on any connection (an in-memory one in tests).
pub fn serve(
    connection: &Connection,
    resolve: &mut Resolve,
    options: &Options,
) -> Result<bool, lsp_server::ProtocolError> {
    let (id, params) = connection.initialize_start()?;
    let offered: Vec<PositionEncodingKind> = params
        .pointer("/capabilities/general/positionEncodings")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_default();
    let encoding = Encoding::negotiate(&offered);
    connection.initialize_finish(
        id,
        json!({
            "capabilities": render::capabilities(encoding),
            "serverInfo": {"name": "policy-lint", "version": env!("CARGO_PKG_VERSION")},
        }),
    )?;
    let mut server = Server {
        connection,
        resolve,
        options,
        encoding,
        documents: HashMap::new(),
        pending: BTreeSet::new(),
        shutdown: false,
    };
    Ok(server.run())
}

fn log(message: impl std::fmt::Display) {
    eprintln!("policy-lint server: {message}");
}

/// An open document, as the client last sent it.
struct Document {
    text: String,
    version: i32,
    language_id: String,
    /// What linting this text produced; `None` until it is linted again after a change.
    analysis: Option<Analysis>,
}

/// One text of a document, linted.
pub(crate) struct Analysis {
    pub(crate) source: Source,
    pub(crate) outcome: Outcome,
    /// The text the client sent, which spans' file offsets ([`Source::file_span`]) point into.
    pub(crate) text: String,
    pub(crate) lines: LineIndex,
}

struct Server<'a, 'r> {
    connection: &'a Connection,
    resolve: &'a mut Resolve<'r>,
    options: &'a Options,
    encoding: Encoding,
    documents: HashMap<Uri, Document>,
    /// Documents changed since their diagnostics were last published.
    pending: BTreeSet<Uri>,
    shutdown: bool,
}

impl Server<'_, '_> {
    fn run(&mut self) -> bool {
        loop {
            let message = if self.pending.is_empty() {
                match self.connection.receiver.recv() {
                    Ok(m) => m,
                    Err(_) => return false,
                }
            } else {
                match self.connection.receiver.try_recv() {
                    Ok(m) => m,
                    Err(TryRecvError::Empty) => {
                        self.publish_pending();
                        continue;
                    }
                    Err(TryRecvError::Disconnected) => return false,
                }
            };
            match message {
                Message::Request(req) if self.shutdown => {
                    self.error(req.id, ErrorCode::InvalidRequest, "the server is shutting down".to_owned());
                }
                Message::Request(req) if req.method == "shutdown" => {
                    self.shutdown = true;
                    self.respond(Response::new_ok(req.id, Value::Null));
                }
                Message::Request(req) => self.request(req),
                Message::Notification(n) if n.method == "exit" => return self.shutdown,
                Message::Notification(n) => self.notification(n),
                Message::Response(_) => {}
            }
        }
    }

    fn send(&self, message: Message) {
        if self.connection.sender.send(message).is_err() {
            log("the client is gone; a message was not sent");
        }
    }

    fn respond(&self, response: Response) {
        self.send(response.into());
    }

    fn error(&self, id: RequestId, code: ErrorCode, message: String) {
        log(&message);
        self.respond(Response::new_err(id, code as i32, message));
    }

    fn request(&mut self, req: Request) {
        let Request { id, method, params } = req;
        let result = match method.as_str() {
            "textDocument/hover" => self.hover(params),
            "textDocument/codeAction" => self.code_actions(params),
            _ => {
                self.error(id, ErrorCode::MethodNotFound, format!("unsupported request `{method}`"));
                return;
            }
        };
        match result {
            Ok(value) => self.respond(Response::new_ok(id, value)),
            Err(message) => self.error(id, ErrorCode::InvalidParams, format!("{method}: {message}")),
        }
    }

    fn notification(&mut self, n: Notification) {
        let method = n.method.clone();
        if let Err(message) = self.notify(n) {
            log(format!("{method}: {message}"));
        }
    }

    fn notify(&mut self, n: Notification) -> Result<(), String> {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let p: lsp_types::DidOpenTextDocumentParams = parse(n.params)?;
                let d = p.text_document;
                let document =
                    Document { text: d.text, version: d.version, language_id: d.language_id, analysis: None };
                self.documents.insert(d.uri.clone(), document);
                self.pending.insert(d.uri);
            }
            "textDocument/didChange" => {
                let p: lsp_types::DidChangeTextDocumentParams = parse(n.params)?;
                let uri = p.text_document.uri;
                let encoding = self.encoding;
                let document = self.documents.get_mut(&uri).ok_or_else(|| unknown(&uri))?;
                for change in p.content_changes {
                    apply_change(&mut document.text, change, encoding);
                }
                document.version = p.text_document.version;
                document.analysis = None;
                self.pending.insert(uri);
            }
            "textDocument/didSave" => {
                // The text is what the changes made it; the configuration beside it may have
                // changed, so lint again.
                let p: lsp_types::DidSaveTextDocumentParams = parse(n.params)?;
                let uri = p.text_document.uri;
                let document = self.documents.get_mut(&uri).ok_or_else(|| unknown(&uri))?;
                if let Some(text) = p.text {
                    document.text = text;
                }
                document.analysis = None;
                self.pending.insert(uri);
            }
            "textDocument/didClose" => {
                let p: lsp_types::DidCloseTextDocumentParams = parse(n.params)?;
                let uri = p.text_document.uri;
                self.documents.remove(&uri);
                self.pending.remove(&uri);
                self.publish(uri, Vec::new(), None);
            }
            // `initialized`, `$/cancelRequest` (every request is answered at once),
            // `workspace/didChangeConfiguration` and the rest need nothing.
            _ => {}
        }
        Ok(())
    }

    /// Lint every document changed since it was last published, and publish.
    fn publish_pending(&mut self) {
        for uri in std::mem::take(&mut self.pending) {
            let encoding = self.encoding;
            let Some(analysis) = self.analysis(&uri) else { continue };
            let diagnostics = render::diagnostics(&uri, analysis, encoding);
            let version = self.documents.get(&uri).map(|d| d.version);
            self.publish(uri, diagnostics, version);
        }
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = lsp_types::PublishDiagnosticsParams { uri, diagnostics, version };
        self.send(Notification::new("textDocument/publishDiagnostics".to_owned(), params).into());
    }

    /// The document's current text, linted (again, if it changed).
    fn analysis(&mut self, uri: &Uri) -> Option<&Analysis> {
        let document = self.documents.get_mut(uri)?;
        if document.analysis.is_none() {
            let path = file_path(uri);
            let dir = path
                .as_deref()
                .and_then(Path::parent)
                .map(Path::to_owned)
                .unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
            let resolved = match (self.resolve)(&dir) {
                Ok(r) => r,
                Err(message) => {
                    if !message.is_empty() {
                        log(&message);
                        let params = lsp_types::ShowMessageParams {
                            typ: lsp_types::MessageType::ERROR,
                            message: format!("policy-lint: the configuration cannot be read:\n{message}"),
                        };
                        let n = Notification::new("window/showMessage".to_owned(), params);
                        let _ = self.connection.sender.send(n.into());
                    }
                    return None;
                }
            };
            let name = path.as_deref().map_or_else(|| uri.as_str().to_owned(), |p| p.to_string_lossy().into_owned());
            let markdown = document.language_id == "markdown" || lint::is_markdown(&name);
            let text = &document.text;
            let options = self.options.date;
            let linted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let source = read(&name, text);
                let opts = LintOptions { date: options, markdown, checks: true };
                let outcome = lint::lint_at(&source, &resolved, &opts, path.as_deref());
                Analysis { source, outcome, text: text.clone(), lines: LineIndex::new(text) }
            }));
            match linted {
                Ok(analysis) => document.analysis = Some(analysis),
                Err(_) => {
                    log(format!("linting {} failed (a bug; please report it)", uri.as_str()));
                    return None;
                }
            }
        }
        document.analysis.as_ref()
    }

    fn hover(&mut self, params: Value) -> Result<Value, String> {
        let p: lsp_types::HoverParams = parse(params)?;
        let uri = p.text_document_position_params.text_document.uri;
        let encoding = self.encoding;
        let Some(analysis) = self.analysis(&uri) else {
            log(unknown(&uri));
            return Ok(Value::Null);
        };
        let hover = render::hover(analysis, p.text_document_position_params.position, encoding);
        serde_json::to_value(hover).map_err(|e| e.to_string())
    }

    fn code_actions(&mut self, params: Value) -> Result<Value, String> {
        let p: lsp_types::CodeActionParams = parse(params)?;
        let wanted = p.context.only.as_ref().is_none_or(|only| {
            only.iter().any(|k| {
                let k = k.as_str();
                k.is_empty() || k == "quickfix" || "quickfix".starts_with(&format!("{k}."))
            })
        });
        let uri = p.text_document.uri;
        let encoding = self.encoding;
        let Some(analysis) = self.analysis(&uri).filter(|_| wanted) else {
            return Ok(json!([]));
        };
        let actions = render::code_actions(&uri, analysis, p.range, encoding);
        serde_json::to_value(actions).map_err(|e| e.to_string())
    }
}

fn parse<T: serde::de::DeserializeOwned>(params: Value) -> Result<T, String> {
    serde_json::from_value(params).map_err(|e| format!("malformed parameters: {e}"))
}

fn unknown(uri: &Uri) -> String {
    format!("{} is not open", uri.as_str())
}

/// The text the client sent, read as `policy-lint` reads the file: an HTML page's text
/// extracted (with its map back to the markup), anything else as it is.
fn read(name: &str, text: &str) -> Source {
    match crate::read::detect(name, text.as_bytes()) {
        crate::source::Format::Html => crate::read::read_bytes(name, text.as_bytes(), Some(encoding_rs::UTF_8))
            .unwrap_or_else(|_| Source::from_text(name, text)),
        _ => Source::from_text(name, text),
    }
}

/// One change the client made: the whole text, or a range of it replaced.
fn apply_change(text: &mut String, change: lsp_types::TextDocumentContentChangeEvent, encoding: Encoding) {
    match change.range {
        None => *text = change.text,
        Some(range) => {
            let lines = LineIndex::new(text);
            let at = position::Text { text, lines: &lines, encoding };
            let start = at.offset(range.start);
            let end = at.offset(range.end).max(start);
            text.replace_range(start..end, &change.text);
        }
    }
}

/// The path of a `file:` URI, percent-decoded; `None` for any other scheme (`untitled:`).
fn file_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`; any other host is not this machine's.
    let path = if rest.starts_with('/') { rest } else { rest.strip_prefix("localhost")? };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = percent_decode(path);
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(PathBuf::from(std::ffi::OsStr::from_bytes(&bytes)))
    }
    #[cfg(not(unix))]
    {
        // `/C:/papers/x.txt` → `C:/papers/x.txt`.
        let s = String::from_utf8_lossy(&bytes).into_owned();
        let s = match s.as_bytes() {
            [b'/', d, b':', ..] if d.is_ascii_alphabetic() => s[1..].to_owned(),
            _ => s,
        };
        Some(PathBuf::from(s))
    }
}

fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| char::from(c).to_digit(16);
        match (b[i], b.get(i + 1).copied().and_then(hex), b.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(hi), Some(lo)) => {
                // Two hex digits: at most 255.
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        let uri = |s: &str| s.parse::<Uri>().ok();
        let path = |s: &str| uri(s).and_then(|u| file_path(&u));
        #[cfg(unix)]
        {
            assert_eq!(path("file:///tmp/a%20b/%E6%96%87.txt"), Some(PathBuf::from("/tmp/a b/文.txt")));
            assert_eq!(path("file://localhost/x.md"), Some(PathBuf::from("/x.md")));
        }
        assert_eq!(path("untitled:Untitled-1"), None);
        assert_eq!(path("file://elsewhere/x.md"), None);
    }

    #[test]
    fn ranged_changes_are_applied_in_the_encoding() {
        let mut text = "升幅 60%\n".to_owned();
        let change = lsp_types::TextDocumentContentChangeEvent {
            range: Some(lsp_types::Range {
                start: lsp_types::Position { line: 0, character: 3 },
                end: lsp_types::Position { line: 0, character: 6 },
            }),
            range_length: None,
            text: "57.1%".to_owned(),
        };
        apply_change(&mut text, change, Encoding::Utf16);
        assert_eq!(text, "升幅 57.1%\n");
    }
}
