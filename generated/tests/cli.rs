//! The command line (`graph-sync`, `graph-sync-beta`; feature `cli`), run as a user runs it:
//! the built binaries against the fake service on 127.0.0.1. The seed pages' two commands
//! word for word, `--all` pages, `--dry-run` sends nothing, a wrong body and a 404 give
//! their errors and exit codes, secrets stay redacted, a closed pipe ends quietly; a client
//! secret signs in once for every page, a refused connection shows its causes, `--count`
//! alone, `--debug` without the token or the secret, completions for four shells.

use graph_sync::fake::FakeGraph;
use serde_json::Value;
use std::process::{Command, Output, Stdio};

const V1: &str = env!("CARGO_BIN_EXE_graph-sync");
const BETA: &str = env!("CARGO_BIN_EXE_graph-sync-beta");

/// Runs a binary with the words of a command line (the fake's base URL and token set
/// through the environment and a global option, as a user would).
async fn run(binary: &str, fake: &FakeGraph, version: &str, words: &[&str]) -> Output {
    let mut command = Command::new(binary);
    command
        .args(words)
        .arg("--base-url")
        .arg(format!("{}/{version}", fake.origin()))
        .env("GRAPH_TOKEN", fake.token())
        .env_remove("AZURE_CLIENT_SECRET");
    tokio::task::spawn_blocking(move || command.output()).await.expect("joined").expect("the binary runs")
}

/// Runs a binary signed in with a client secret: Azure identity's variables, the fake as
/// the authority, no `GRAPH_TOKEN`.
async fn signed_in(binary: &str, fake: &FakeGraph, secret: &str, words: &[&str]) -> Output {
    let mut command = Command::new(binary);
    command
        .args(words)
        .arg("--base-url")
        .arg(format!("{}/v1.0", fake.origin()))
        .env_remove("GRAPH_TOKEN")
        .env("AZURE_TENANT_ID", "contoso.onmicrosoft.com")
        .env("AZURE_CLIENT_ID", "11111111-2222-3333-4444-555555555555")
        .env("AZURE_CLIENT_SECRET", secret)
        .env("AZURE_AUTHORITY_HOST", fake.origin());
    tokio::task::spawn_blocking(move || command.output()).await.expect("joined").expect("the binary runs")
}

/// The words that read job `job` of service principal `sp`.
fn get_job(job: &str) -> [&str; 8] {
    [
        "service-principals",
        "synchronization",
        "jobs",
        "get",
        "--service-principal-id",
        "sp",
        "--synchronization-job-id",
        job,
    ]
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The words of a command line as a shell splits it (single quotes, no escapes).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any || !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
                any = false;
            }
            c => current.push(c),
        }
    }
    if any || !current.is_empty() {
        words.push(current);
    }
    words
}

#[tokio::test]
async fn the_create_job_page_command_runs_word_for_word() {
    let fake = FakeGraph::start().await.expect("fake");
    // The v1.0 page's command, `mgc` replaced by the binary's name.
    let line = r#"mgc service-principals synchronization jobs create --service-principal-id {servicePrincipal-id} --body '{"templateId": "BoxOutDelta"}'"#;
    let words = shell_words(line);
    assert_eq!(words.len(), 9);
    let args: Vec<&str> = words.iter().skip(1).map(String::as_str).collect();
    let out = run(V1, &fake, "v1.0", &args).await;
    assert!(out.status.success(), "{}", text(&out.stderr));

    let sent = fake.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "POST");
    assert_eq!(sent[0].target, "/v1.0/servicePrincipals/%7BservicePrincipal-id%7D/synchronization/jobs");
    assert_eq!(
        serde_json::from_str::<Value>(&sent[0].body).expect("json"),
        serde_json::json!({"templateId": "BoxOutDelta"})
    );
    assert!(sent[0].headers.contains(&("authorization".into(), "Bearer <redacted>".into())));
    assert_eq!(sent[0].status, 201);

    // The job as the service sent it: the maximal interval and the year-1 timestamps too.
    let printed: Value = serde_json::from_slice(&out.stdout).expect("the job as JSON");
    let id = printed["id"].as_str().expect("an id").to_owned();
    assert_eq!(Some(printed.clone()), fake.job("{servicePrincipal-id}", &id));
    assert_eq!(printed["schedule"]["interval"], "P10675199DT2H48M5.4775807S");
    assert_eq!(printed["status"]["steadyStateFirstAchievedTime"], "0001-01-01T00:00:00Z");
    assert_eq!(printed["status"]["code"], "NotConfigured");
}

#[tokio::test]
async fn the_start_job_page_command_runs_word_for_word_on_beta() {
    let fake = FakeGraph::start().await.expect("fake");
    assert!(fake.add_job("{servicePrincipal-id}", "{synchronizationJob-id}", "BoxOutDelta"));
    let line = "mgc-beta service-principals synchronization jobs start post --service-principal-id {servicePrincipal-id} --synchronization-job-id {synchronizationJob-id}";
    let words = shell_words(line);
    let args: Vec<&str> = words.iter().skip(1).map(String::as_str).collect();
    let out = run(BETA, &fake, "beta", &args).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "204: nothing to print");
    let sent = fake.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "POST");
    assert_eq!(
        sent[0].target,
        "/beta/servicePrincipals/%7BservicePrincipal-id%7D/synchronization/jobs/%7BsynchronizationJob-id%7D/start"
    );
    assert_eq!(sent[0].body, "");
    assert_eq!(sent[0].status, 204);
    assert_eq!(
        fake.job("{servicePrincipal-id}", "{synchronizationJob-id}").map(|j| j["status"]["code"].clone()),
        Some("Active".into())
    );
}

#[tokio::test]
async fn list_all_follows_every_page_and_table_prints_rows() {
    let fake = FakeGraph::start().await.expect("fake");
    fake.page_size(2);
    for n in 0..5 {
        assert!(fake.add_job("sp", &format!("job-{n}"), "BoxOutDelta"));
    }
    let out = run(
        V1,
        &fake,
        "v1.0",
        &["service-principals", "synchronization", "jobs", "list", "--service-principal-id", "sp", "--all"],
    )
    .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let items: Vec<Value> = serde_json::from_slice(&out.stdout).expect("a list");
    let ids: Vec<&str> = items.iter().filter_map(|j| j["id"].as_str()).collect();
    assert_eq!(ids, ["job-0", "job-1", "job-2", "job-3", "job-4"]);
    assert_eq!(fake.requests().len(), 3);

    // One page without --all, and --top and --select reach the query.
    let out = run(
        V1,
        &fake,
        "v1.0",
        &[
            "service-principals",
            "synchronization",
            "jobs",
            "list",
            "--service-principal-id",
            "sp",
            "--top",
            "1",
            "--select",
            "id,status",
            "-o",
            "table",
        ],
    )
    .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.starts_with("id"), "{table}");
    assert_eq!(table.lines().count(), 2, "{table}");
    let last = fake.requests().pop().expect("sent");
    assert!(
        last.target.ends_with("?%24top=1&%24select=id%2Cstatus") || last.target.contains("top=1"),
        "{}",
        last.target
    );
    let count = run(
        V1,
        &fake,
        "v1.0",
        &["service-principals", "synchronization", "jobs", "count", "get", "--service-principal-id", "sp"],
    )
    .await;
    assert_eq!(text(&count.stdout).trim(), "5");
}

#[tokio::test]
async fn dry_run_prints_the_exact_request_with_secrets_redacted_and_sends_nothing() {
    let fake = FakeGraph::start().await.expect("fake");
    let body = r#"{"value": [{"key": "SecretToken", "value": "s3cr3t-value"}, {"key": "BaseAddress", "value": "https://example.com/scim"}]}"#;
    let out = run(
        V1,
        &fake,
        "v1.0",
        &[
            "service-principals",
            "synchronization",
            "secrets",
            "put",
            "--service-principal-id",
            "sp",
            "--body",
            body,
            "--dry-run",
        ],
    )
    .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert!(
        printed.starts_with(&format!("PUT {}/v1.0/servicePrincipals/sp/synchronization/secrets\n", fake.origin())),
        "{printed}"
    );
    assert!(printed.contains("authorization: Bearer <redacted>"), "{printed}");
    assert!(printed.contains("content-type: application/json"), "{printed}");
    assert!(!printed.contains("s3cr3t-value") && !printed.contains(fake.token()), "{printed}");
    assert!(printed.contains("<redacted>") && printed.contains("SecretToken"), "{printed}");
    assert!(fake.requests().is_empty(), "nothing was sent");

    // Asked for, they are shown.
    let shown = run(
        V1,
        &fake,
        "v1.0",
        &[
            "service-principals",
            "synchronization",
            "secrets",
            "put",
            "--service-principal-id",
            "sp",
            "--body",
            body,
            "--dry-run",
            "--show-secrets",
        ],
    )
    .await;
    assert!(text(&shown.stdout).contains("s3cr3t-value"));
}

#[tokio::test]
async fn a_wrong_body_a_missing_flag_and_a_404_are_clear_errors() {
    let fake = FakeGraph::start().await.expect("fake");
    let wrong = run(
        V1,
        &fake,
        "v1.0",
        &[
            "service-principals",
            "synchronization",
            "jobs",
            "create",
            "--service-principal-id",
            "sp",
            "--body",
            r#"{"templateId": 42}"#,
        ],
    )
    .await;
    assert_eq!(wrong.status.code(), Some(2));
    let message = text(&wrong.stderr);
    assert!(message.contains("--body at $.templateId") && message.contains("expected a string"), "{message}");
    // An unknown member is sent as given, unless --strict refuses it.
    let typo = r#"{"templateId": "BoxOutDelta", "schedule": {"intervall": "PT40M"}}"#;
    let strict = run(
        V1,
        &fake,
        "v1.0",
        &[
            "service-principals",
            "synchronization",
            "jobs",
            "create",
            "--service-principal-id",
            "sp",
            "--body",
            typo,
            "--strict",
        ],
    )
    .await;
    assert_eq!(strict.status.code(), Some(2));
    assert!(text(&strict.stderr).contains("(--strict): $.schedule.intervall"), "{}", text(&strict.stderr));
    let missing =
        run(V1, &fake, "v1.0", &["service-principals", "synchronization", "jobs", "create", "--body", "{}"]).await;
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("--service-principal-id"), "{}", text(&missing.stderr));
    let unknown = run(
        V1,
        &fake,
        "v1.0",
        &["service-principals", "synchronization", "jobs", "list", "--service-principal-id", "sp", "--nope"],
    )
    .await;
    assert_eq!(unknown.status.code(), Some(2));
    assert!(fake.requests().is_empty(), "nothing was sent");

    let gone = run(V1, &fake, "v1.0", &get_job("nope")).await;
    assert_eq!(gone.status.code(), Some(1));
    let message = text(&gone.stderr);
    assert!(message.contains("404 ResourceNotFound"), "{message}");
    assert!(message.contains("request-id: ") && !message.contains("request-id: -,"), "{message}");

    // No token: nothing is sent.
    let mut command = Command::new(V1);
    command
        .args(["service-principals", "synchronization", "jobs", "list", "--service-principal-id", "sp", "--base-url"])
        .arg(format!("{}/v1.0", fake.origin()))
        .env_remove("GRAPH_TOKEN")
        .env_remove("AZURE_CLIENT_SECRET");
    let out = command.output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no token"), "{}", text(&out.stderr));
}

#[tokio::test]
async fn throttling_is_retried_help_and_completions_and_a_closed_pipe() {
    let fake = FakeGraph::start().await.expect("fake");
    fake.throttle_next(1, 0);
    assert!(fake.add_job("sp", "job", "BoxOutDelta"));
    let out = run(V1, &fake, "v1.0", &get_job("job")).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let statuses: Vec<u16> = fake.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [429, 200]);

    let help =
        run(V1, &fake, "v1.0", &["service-principals", "synchronization", "jobs", "start", "post", "--help"]).await;
    let help = text(&help.stdout);
    for wanted in [
        "POST /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/start",
        "application: Application.ReadWrite.OwnedBy",
        "National clouds: Global service",
        "graph-sync service-principals synchronization jobs start post --service-principal-id",
    ] {
        assert!(help.contains(wanted), "{wanted} not in\n{help}");
    }

    // stdout closed before the answer is written: exit 0, nothing on stderr.
    let mut child = Command::new(V1)
        .args(["service-principals", "synchronization", "jobs", "list", "--service-principal-id", "sp", "--base-url"])
        .arg(format!("{}/v1.0", fake.origin()))
        .env("GRAPH_TOKEN", fake.token())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawned");
    drop(child.stdout.take());
    let out = tokio::task::spawn_blocking(move || child.wait_with_output()).await.expect("joined").expect("waited");
    assert!(out.status.success(), "{:?} {}", out.status, text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[tokio::test]
async fn a_client_secret_signs_in_once_for_every_page() {
    let fake = FakeGraph::start().await.expect("fake");
    fake.page_size(1);
    for n in 0..30 {
        assert!(fake.add_job("sp", &format!("job-{n:02}"), "BoxOutDelta"));
    }
    let list = ["service-principals", "synchronization", "jobs", "list", "--service-principal-id", "sp", "--all"];
    let out = signed_in(V1, &fake, fake.client_secret(), &list).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let items: Vec<Value> = serde_json::from_slice(&out.stdout).expect("a list");
    assert_eq!(items.len(), 30);
    assert_eq!(fake.requests().len(), 30, "30 pages");
    assert_eq!(fake.token_requests(), 1, "one token for 30 pages (it lives 3599 s)");

    // A wrong secret: Entra's reason, exit 1, nothing sent to Graph, the secret never shown.
    let wrong = signed_in(V1, &fake, "wrong-secret-value", &list).await;
    assert_eq!(wrong.status.code(), Some(1), "{}", text(&wrong.stderr));
    let message = text(&wrong.stderr);
    assert!(message.contains("sign-in failed") && message.contains("401"), "{message}");
    assert!(message.contains("AADSTS7000215: Invalid client secret provided"), "{message}");
    assert!(!message.contains("wrong-secret-value") && !text(&wrong.stdout).contains("wrong-secret-value"));
    assert_eq!((fake.requests().len(), fake.token_requests()), (30, 2));
}

#[tokio::test]
async fn a_given_token_leaves_the_environments_credential_unread() {
    let fake = FakeGraph::start().await.expect("fake");
    assert!(fake.add_job("sp", "job", "BoxOutDelta"));
    // The credential would be refused at once (its authority is no URL) if it were read.
    let command = |token: Option<&str>| {
        let mut command = Command::new(V1);
        command
            .args(["service-principals", "synchronization", "jobs", "list", "--service-principal-id", "sp"])
            .arg("--base-url")
            .arg(format!("{}/v1.0", fake.origin()))
            .args(token.map(|t| ["--token", t]).into_iter().flatten())
            .env_remove("GRAPH_TOKEN")
            .env("AZURE_TENANT_ID", "contoso.onmicrosoft.com")
            .env("AZURE_CLIENT_ID", "client")
            .env("AZURE_CLIENT_SECRET", fake.client_secret())
            .env("AZURE_AUTHORITY_HOST", "not a url");
        tokio::task::spawn_blocking(move || command.output())
    };
    let out = command(Some(fake.token())).await.expect("joined").expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!((fake.requests().len(), fake.token_requests()), (1, 0));

    // Without the token it is read, and refused as a command-line error.
    let refused = command(None).await.expect("joined").expect("runs");
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    assert!(
        text(&refused.stderr).contains("AZURE_AUTHORITY_HOST \"not a url\" is not a URL"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!((fake.requests().len(), fake.token_requests()), (1, 0));
}

#[test]
fn a_refused_connection_prints_its_causes() {
    let mut command = Command::new(V1);
    command.args(["service-principals", "synchronization", "jobs", "list", "--service-principal-id", "sp"]).args([
        "--base-url",
        "http://127.0.0.1:1/v1.0",
        "--token",
        "t",
    ]);
    let out = command.output().expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let message = text(&out.stderr);
    assert!(message.starts_with("error: transport failure: error sending request for url"), "{message}");
    assert!(message.contains("\nCaused by:\n    "), "{message}");
    assert!(message.to_ascii_lowercase().contains("connection refused"), "{message}");
    // reqwest's own line is said once, not again as a cause.
    assert_eq!(message.matches("error sending request for url").count(), 1, "{message}");
}

#[tokio::test]
async fn count_alone_is_count_true() {
    let fake = FakeGraph::start().await.expect("fake");
    let list = ["service-principals", "synchronization", "jobs", "list", "--service-principal-id", "sp"];
    let alone = run(V1, &fake, "v1.0", &[&list[..], &["--count", "--top", "2", "--dry-run"]].concat()).await;
    assert!(alone.status.success(), "{}", text(&alone.stderr));
    let printed = text(&alone.stdout);
    let line = printed.lines().next().unwrap_or_default();
    assert!(line.contains("$count=true") && line.contains("$top=2"), "{printed}");
    let valued = run(V1, &fake, "v1.0", &[&list[..], &["--count", "false", "--dry-run"]].concat()).await;
    assert!(text(&valued.stdout).lines().next().unwrap_or_default().contains("$count=false"));
    assert!(fake.requests().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn debug_logs_on_stderr_without_the_token_or_the_secret() {
    let fake = FakeGraph::start().await.expect("fake");
    assert!(fake.add_job("sp", "job", "BoxOutDelta"));
    let get = get_job("job");
    fake.throttle_next(1, 0);
    let out = signed_in(V1, &fake, fake.client_secret(), &[&get[..], &["--debug"]].concat()).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(stderr.contains("DEBUG") && stderr.contains("retrying a throttled"), "{stderr}");
    for secret in [fake.token(), fake.client_secret()] {
        assert!(!stdout.contains(secret) && !stderr.contains(secret), "{stderr}");
    }
    // Without --debug: the retry's warning, no debug lines.
    fake.throttle_next(1, 0);
    let quiet = run(V1, &fake, "v1.0", &get).await;
    let stderr = text(&quiet.stderr);
    assert!(quiet.status.success() && stderr.contains("WARN") && !stderr.contains("DEBUG"), "{stderr}");
}

#[tokio::test]
async fn completions_for_bash_zsh_fish_and_powershell() {
    let fake = FakeGraph::start().await.expect("fake");
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = run(V1, &fake, "v1.0", &["completions", shell]).await;
        assert!(out.status.success(), "{shell}: {}", text(&out.stderr));
        let script = text(&out.stdout);
        // clap_complete's PowerShell script completes flags, not their values.
        let values: &[&str] = if shell == "powershell" { &["--cloud", "--output"] } else { &["us-gov-l4", "table"] };
        for wanted in ["graph-sync", "service-principals", "synchronization", "jobs"].iter().chain(values) {
            assert!(script.contains(wanted), "{shell}: {wanted} not in\n{script}");
        }
    }
    let default = run(V1, &fake, "v1.0", &["completions"]).await;
    assert!(text(&default.stdout).contains("complete -F _graph_sync -o nosort"), "bash by default");
    let unknown = run(V1, &fake, "v1.0", &["completions", "tcsh"]).await;
    assert_eq!(unknown.status.code(), Some(2));
}

/// What bash completes for the words of a line (the last one being completed), with the
/// script `completions bash` printed.
fn bash_completes(script: &str, words: &[&str]) -> String {
    let dir = std::env::temp_dir().join(format!("graph-sync-completions-{}-{}", std::process::id(), words.len()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let file = dir.join("graph-sync.bash");
    std::fs::write(&file, script).expect("written");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let line = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; complete -p graph-sync >/dev/null && \
         _graph_sync graph-sync '{}' '{}'; echo \"${{COMPREPLY[*]}}\"",
        file.display(),
        quoted.join(" "),
        words.len() - 1,
        words.last().copied().unwrap_or_default(),
        words.get(words.len().saturating_sub(2)).copied().unwrap_or_default(),
    );
    let out = Command::new("bash").arg("--norc").arg("-c").arg(line).output().expect("bash runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout).trim().to_owned()
}

#[test]
fn bash_completes_words_flags_and_values_past_the_first_word() {
    let out = Command::new(V1).args(["completions", "bash"]).output().expect("runs");
    let script = text(&out.stdout);
    assert_eq!(bash_completes(&script, &["graph-sync", "service-principals", "synchronization", "j"]), "jobs");
    let list = ["graph-sync", "service-principals", "synchronization", "jobs", "list"];
    assert_eq!(
        bash_completes(&script, &[&list[..], &["--cloud", ""]].concat()),
        "global us-gov-l4 us-gov-l5-dod china"
    );
    assert_eq!(bash_completes(&script, &[&list[..], &["-o", "t"]].concat()), "table");
    let flags = bash_completes(&script, &[&list[..], &["--a"]].concat());
    assert_eq!(flags, "--all");
}

/// The command line's `--cloud` values and help, and its query options' flags and help,
/// come from the runtime's one table of each: a cloud or an option added there shows up
/// here, and a list kept beside them would fall behind.
#[test]
fn clouds_and_query_options_are_those_of_the_runtimes_tables() {
    use graph_sync::runtime::cloud::Cloud;
    use graph_sync::runtime::query::OPTIONS;
    let output = |words: &[&str]| {
        let out = Command::new(V1).args(words).env_remove("GRAPH_TOKEN").output().expect("the binary runs");
        (text(&out.stdout), text(&out.stderr))
    };
    let (help, _) = output(&["--help"]);
    for cloud in Cloud::ALL {
        let listed = format!("{} ({})", cloud.id(), cloud.name());
        assert!(help.contains(&listed), "{listed} not in\n{help}");
    }
    // A value the table does not have is refused, naming every one it has.
    let list = ["service-principals", "synchronization", "jobs", "list", "--service-principal-id", "sp"];
    let (_, refused) = output(&[&["--cloud", "mars"][..], &list].concat());
    for cloud in Cloud::ALL {
        assert!(refused.contains(cloud.id()), "{} not in\n{refused}", cloud.id());
    }
    let (help, _) = output(&[&list[..], &["--help"]].concat());
    // The jobs' list takes every option.
    for option in OPTIONS {
        for wanted in [format!("--{} ", option.name), option.help.to_owned(), format!("({})", option.wire)] {
            assert!(help.contains(&wanted), "{wanted} not in\n{help}");
        }
    }
    // The flag sets the option through the table's reader: `--top` is an integer.
    let (_, refused) = output(&[&list[..], &["--top", "ten", "--dry-run"]].concat());
    assert!(refused.contains("--top \"ten\": invalid digit"), "{refused}");
}
