//! `policy-lint server`: end to end with a real client (headless Neovim, tests/lsp/neovim.lua),
//! and the protocol's corners over an in-memory connection.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};

fn paper() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/legco-fintech-2020.zh.txt")
}

/// 1-based line and 0-based byte column of the first `needle` in `text`.
fn line_and_byte_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (text[..at].matches('\n').count() + 1, at - line_start)
}

fn nvim_available() -> bool {
    Command::new("nvim").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// The commissioning paper in Neovim: the percent-change finding published at `60 %` with its
/// operands, a hover there showing the value and the check, the 57.1% fix offered, applied by the
/// client, and the finding gone after the change; then a clean shutdown.
#[test]
fn neovim_sees_the_finding_hovers_the_figure_and_applies_the_fix() {
    if !nvim_available() {
        eprintln!("skipping: nvim not installed (apt-get install -y neovim)");
        return;
    }
    // In a directory of its own, with a configuration there that the server must find: the
    // wording rule it turns off publishes nothing.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("legco-fintech-2020.zh.txt");
    std::fs::copy(paper(), &copy).unwrap();
    std::fs::write(dir.path().join("policy-lint.toml"), "[lint]\nignore = [\"term-consistency\"]\n").unwrap();
    let text = std::fs::read_to_string(&copy).unwrap();
    let (line, col) = line_and_byte_col(&text, "大幅上升 60 %");
    let col = col + "大幅上升 ".len();
    let out = dir.path().join("client.json");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp/neovim.lua");
    let run = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-u", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("POLICY_LINT_BIN", env!("CARGO_BIN_EXE_policy-lint"))
        .env("POLICY_LINT_PAPER", &copy)
        .env("POLICY_LINT_OUT", &out)
        .env("POLICY_LINT_LINE", line.to_string())
        .env("POLICY_LINT_COL", col.to_string())
        .current_dir(dir.path())
        .output()
        .unwrap();
    let report = std::fs::read_to_string(&out)
        .unwrap_or_else(|_| panic!("Neovim wrote no report; stderr:\n{}", String::from_utf8_lossy(&run.stderr)));
    let r: Value = serde_json::from_str(&report).unwrap();
    for step in r["steps"].as_array().unwrap() {
        assert_eq!(step["ok"], true, "step {} failed: {}", step["name"], step["error"]);
    }
    assert_eq!(r["steps"].as_array().unwrap().len(), 6);

    // Published: the finding on `60 %`, 0-based line, UTF-16 columns (Neovim 0.7 offers no
    // other encoding): 29 characters into the line, though 51 bytes.
    let published = r["published"]["diagnostics"].as_array().unwrap();
    let codes: Vec<&str> = published.iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(!codes.contains(&"term-consistency"), "the directory's configuration was not used: {codes:?}");
    assert!(codes.contains(&"punctuation-width"), "{codes:?}");
    let finding = published.iter().find(|d| d["code"] == "percent-change").unwrap();
    let utf16_col = text.lines().nth(line - 1).unwrap()[..col].encode_utf16().count();
    assert_eq!(finding["range"]["start"], json!({"line": line - 1, "character": utf16_col}));
    assert_eq!(finding["range"]["end"], json!({"line": line - 1, "character": utf16_col + 4}));
    assert_eq!(finding["severity"], 1);
    assert!(finding["message"].as_str().unwrap().contains("264,000 / 168,000 − 1 = +57.1%; stated +60%"));
    let related: Vec<&str> =
        finding["relatedInformation"].as_array().unwrap().iter().map(|i| i["message"].as_str().unwrap()).collect();
    assert_eq!(related, ["from: 16 8 , 00 0 宗", "to: 2 64 ,0 00 宗"]);
    // As the client stored it, in its own byte columns: on the bytes of `60 %`.
    let stored = r["buffer_diagnostics"].as_array().unwrap();
    let stored = stored.iter().find(|d| d["message"].as_str().unwrap().starts_with("stated rise of 60%")).unwrap();
    assert_eq!((stored["lnum"].as_u64(), stored["col"].as_u64()), (Some(line as u64 - 1), Some(col as u64)));
    assert_eq!(stored["end_col"].as_u64(), Some(col as u64 + "60 %".len() as u64));

    // Hover on `60 %`: the value, the interval, the measure and the failing check.
    assert_eq!(r["hover_position"], json!({"line": line - 1, "character": utf16_col}));
    let hover = r["hover"]["contents"]["value"].as_str().unwrap();
    assert!(hover.contains("- value: 60\n"), "{hover}");
    assert!(hover.contains("- interval: [59.5, 60.5]"), "{hover}");
    assert!(hover.contains("- measure: 實時交易大幅上升"), "{hover}");
    assert!(hover.contains("`percent-change` **inconsistent**: 264,000 / 168,000 − 1 = +57.1%"), "{hover}");
    assert_eq!(r["hover"]["range"], finding["range"]);

    // The fix: offered, not preferred (it changes what the paper says), applied by the client.
    let actions = r["code_actions"].as_array().unwrap();
    let fix = actions.iter().find(|a| a["title"].as_str().unwrap().contains("`57.1%`")).unwrap();
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], false);
    assert!(fix["title"].as_str().unwrap().contains("unsafe"));
    assert!(r["fixed_line"].as_str().unwrap().contains("大幅上升 57.1%，"), "{}", r["fixed_line"]);
    let again: Vec<&str> =
        r["republished"]["diagnostics"].as_array().unwrap().iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(!again.contains(&"percent-change"), "{again:?}");

    // `shutdown`, then `exit`: exit code 0.
    assert_eq!(r["exit_code"], 0);
}

/// A server on one end of an in-memory connection, with the built-in configuration.
struct Harness {
    client: Connection,
    server: Option<std::thread::JoinHandle<Result<bool, String>>>,
    next_id: i32,
}

impl Harness {
    fn start(capabilities: Value) -> (Harness, Value) {
        let (server_end, client) = Connection::memory();
        let server = std::thread::spawn(move || {
            let resolved = Arc::new(common::resolved(None));
            let mut resolve = |_: &Path| Ok(Arc::clone(&resolved));
            policy_lint::server::serve(&server_end, &mut resolve, &Default::default()).map_err(|e| e.to_string())
        });
        let mut h = Harness { client, server: Some(server), next_id: 0 };
        let init = h.request("initialize", json!({"capabilities": capabilities}));
        h.notify("initialized", json!({}));
        (h, init)
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.client.sender.send(Request::new(id.clone(), method.to_owned(), params).into()).unwrap();
        loop {
            match self.recv() {
                Message::Response(Response { id: got, response_result }) if got == id => {
                    return response_result.unwrap_or_else(|e| json!({"error": e.code}));
                }
                _ => {}
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        self.client.sender.send(Notification::new(method.to_owned(), params).into()).unwrap();
    }

    fn recv(&self) -> Message {
        self.client.receiver.recv_timeout(std::time::Duration::from_secs(60)).unwrap()
    }

    /// The next diagnostics published.
    fn diagnostics(&self) -> Value {
        loop {
            if let Message::Notification(n) = self.recv()
                && n.method == "textDocument/publishDiagnostics"
            {
                return n.params;
            }
        }
    }

    fn open(&self, uri: &str, language: &str, text: &str) {
        let item = json!({"uri": uri, "languageId": language, "version": 1, "text": text});
        self.notify("textDocument/didOpen", json!({"textDocument": item}));
    }

    fn finish(mut self, shutdown: bool) -> bool {
        if shutdown {
            assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        }
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap().unwrap()
    }
}

const PAPER: &str = "2. 交易由 168,000 宗上升至 264,000 宗，升幅 60%。\n";

#[test]
fn utf8_is_used_when_the_client_offers_it() {
    let (h, init) = Harness::start(json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(init["serverInfo"]["name"], "policy-lint");
    h.open("file:///nowhere/paper.txt", "text", PAPER);
    let published = h.diagnostics();
    let d = published["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "percent-change").unwrap();
    let byte_col = PAPER.find("60%").unwrap();
    assert_eq!(d["range"]["start"], json!({"line": 0, "character": byte_col}));
    assert_eq!(published["version"], 1);
    assert!(h.finish(true));
}

#[test]
fn utf16_otherwise_and_changes_close_and_bad_requests() {
    let (mut h, init) = Harness::start(json!({}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    let uri = "untitled:Untitled-1";
    h.open(uri, "plaintext", PAPER);
    let d = h.diagnostics();
    let utf16_col = PAPER[..PAPER.find("60%").unwrap()].encode_utf16().count();
    let finding = d["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "percent-change").unwrap();
    assert_eq!(finding["range"]["start"], json!({"line": 0, "character": utf16_col}));

    // Hover: on the figure, and past the end of the document (nothing, and no error).
    let at = |line: u32, character: usize| json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
    let hover = h.request("textDocument/hover", at(0, utf16_col + 1));
    assert!(hover["contents"]["value"].as_str().unwrap().contains("`percent-change` **inconsistent**"), "{hover}");
    assert_eq!(h.request("textDocument/hover", at(99, 99)), Value::Null);
    assert_eq!(h.request("textDocument/hover", at(0, 1)), Value::Null);
    // An unknown document, and parameters that are not a position: answered, not fatal.
    let unknown = json!({"textDocument": {"uri": "file:///not/open.txt"}, "position": {"line": 0, "character": 0}});
    assert_eq!(h.request("textDocument/hover", unknown), Value::Null);
    assert_eq!(h.request("textDocument/hover", json!({"nonsense": true}))["error"], -32602);
    assert_eq!(h.request("textDocument/definition", at(0, 0))["error"], -32601);

    // Code actions: only the quick fixes asked for.
    let range = |a: usize, b: usize| json!({"start": {"line": 0, "character": a}, "end": {"line": 0, "character": b}});
    let ask = |only: Value| json!({"textDocument": {"uri": uri}, "range": range(utf16_col, utf16_col), "context": {"diagnostics": [], "only": only}});
    let actions = h.request("textDocument/codeAction", ask(json!(["quickfix"])));
    assert_eq!(actions.as_array().unwrap().len(), 1, "{actions}");
    assert_eq!(actions[0]["edit"]["changes"][uri][0]["newText"], "57.1%");
    assert_eq!(h.request("textDocument/codeAction", ask(json!(["refactor"]))), json!([]));

    // A change fixing the figure, as a ranged edit: the finding goes.
    let change = json!({"range": range(utf16_col, utf16_col + 3), "text": "57.1%"});
    h.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [change]}));
    let d = h.diagnostics();
    assert_eq!(d["version"], 2);
    assert!(d["diagnostics"].as_array().unwrap().iter().all(|d| d["code"] != "percent-change"), "{d}");
    // Closed: diagnostics cleared.
    h.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}}));
    assert_eq!(h.diagnostics()["diagnostics"], json!([]));
    // Requests after `shutdown` are refused; `exit` after it is clean, without it not.
    assert_eq!(h.request("shutdown", Value::Null), Value::Null);
    assert_eq!(h.request("textDocument/hover", at(0, 0))["error"], -32600);
    assert!(h.finish(false));
    let (h, _) = Harness::start(json!({}));
    assert!(!h.finish(false));
}

#[test]
fn safe_fixes_are_preferred_and_markdown_is_read_as_markdown() {
    let (mut h, _) = Harness::start(json!({}));
    // Half-width commas among full-width ones; and a figure in a code span, which in Markdown is
    // an example, not the paper's.
    let text = format!(
        "{}\n5. 交易由 168,000 宗上升至 264,000 宗，`升幅 60%`。\n",
        include_str!("../fixtures/punctuation-width/bad.zh.txt")
    );
    let codes = |d: &Value| -> Vec<String> {
        d["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect()
    };
    h.open("file:///nowhere/paper.txt", "plaintext", &text);
    assert!(codes(&h.diagnostics()).contains(&"percent-change".to_owned()));
    let uri = "file:///nowhere/paper.md";
    h.open(uri, "markdown", &text);
    let d = h.diagnostics();
    assert!(!codes(&d).contains(&"percent-change".to_owned()), "{d}");
    let comma = d["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "punctuation-width").unwrap();
    let params = json!({"textDocument": {"uri": uri}, "range": comma["range"], "context": {"diagnostics": [comma]}});
    let actions = h.request("textDocument/codeAction", params);
    assert_eq!(actions.as_array().unwrap().len(), 1, "{actions}");
    assert_eq!(actions[0]["isPreferred"], true, "{actions}");
    assert_eq!(actions[0]["title"], "punctuation-width: write `，`");
    assert_eq!(actions[0]["edit"]["changes"][uri][0]["newText"], "，");
    assert_eq!(actions[0]["edit"]["changes"][uri][0]["range"], comma["range"]);
    assert!(h.finish(true));
}
