//! The command line of a generated crate (feature `cli`): the generator writes the command
//! tree (one command per operation, in the Graph CLI's words) and a dispatch that builds
//! each operation from its flags; this module does the rest for every API: the global
//! options (`--base-url`, `--cloud`, `--token`, `--output`, `--dry-run`, `--debug`), the
//! token from the environment (or, for Microsoft Graph, a client secret signed in once
//! per token's lifetime: [`cli_sign_in`](super::cli_sign_in)), bodies from text, files or
//! stdin, OData query options (`--count` alone is `--count true`), `--all` pages, printing
//! (lossless JSON or a table), `--dry-run`'s exact request with secrets redacted, errors
//! on stderr with their causes, and shell completions (bash, zsh, fish, PowerShell).
//!
//! stderr also gets the client's `tracing` warnings (retries, throttling, an expired
//! token); `--debug` adds the debug lines of the client and its HTTP stack (connections,
//! pools), which never hold the token or a credential.
//!
//! An error is printed with the chain of its causes (`std::error::Error::source`), as
//! `error: <what failed>` then `Caused by:` and each cause (a refused connection, a DNS
//! or TLS failure), a cause that repeats the line above left out.
//!
//! Exit codes: 0 done (and when stdout is closed early, as `head` does), 1 the service or
//! the connection failed, 2 the command line or its input is wrong (nothing was sent).

// The shapes the generated tree writes, and what a command can fail with, at `cli::`.
use super::cli_json::{parse_flag, read_body, redact, table, unknown_members};
pub use super::cli_json::{Failure, Inner, Secret, Shape};
use super::cli_sign_in::ClientSecret;
use super::client::Client;
use super::error::Error;
use super::operation::{HttpRequest, Operation, Pageable};
use ::clap::{Arg, ArgAction, ArgMatches, Command};
use ::serde_json::Value;
use ::std::future::Future;
use ::std::io::Write;
use ::std::pin::Pin;

/// What the generated tree says about its API.
#[derive(Debug)]
pub struct Api {
    /// One line about it.
    pub about: &'static str,
    /// The variable the token is read from (`GRAPH_TOKEN` for Microsoft Graph).
    pub token_env: &'static str,
    /// Whether it is Microsoft Graph (national clouds, Azure identity's scope).
    pub graph: bool,
    /// Objects that carry credentials: an object whose members are all among `members`
    /// has its `secret` members shown as `<redacted>` by `--dry-run`.
    pub secrets: &'static [Secret],
    /// Every model's shape, by index, for `--strict`.
    pub shapes: &'static [Shape],
}

/// What the dispatch returns.
pub type Done<'a> = Pin<Box<dyn Future<Output = Result<(), Failure>> + 'a>>;

/// The options every command has (`global`: anywhere on the line).
fn global_args(command: Command, api: &Api) -> Command {
    let mut command =
        command
            .arg(
                Arg::new("base-url")
                    .long("base-url")
                    .global(true)
                    .value_name("URL")
                    .help("Send to this base URL (the API's version path included) instead of the service's"),
            )
            .arg(
                Arg::new("token")
                    .long("token")
                    .global(true)
                    .value_name("TOKEN")
                    .help(format!("The bearer token (default: ${})", api.token_env)),
            )
            .arg(
                Arg::new("output")
                    .long("output")
                    .short('o')
                    .global(true)
                    .value_parser(["json", "table"])
                    .default_value("json")
                    .help("json: the answer as the service sent it, through the typed model; table: rows and columns"),
            )
            .arg(
                Arg::new("dry-run")
                    .long("dry-run")
                    .global(true)
                    .action(ArgAction::SetTrue)
                    .help("Print the HTTP request and send nothing"),
            )
            .arg(
                Arg::new("strict").long("strict").global(true).action(ArgAction::SetTrue).help(
                    "Refuse a body with members the description does not name (they are sent as given otherwise)",
                ),
            )
            .arg(
                Arg::new("show-secrets")
                    .long("show-secrets")
                    .global(true)
                    .action(ArgAction::SetTrue)
                    .help("With --dry-run: show the token and credentials instead of <redacted>"),
            )
            .arg(Arg::new("debug").long("debug").global(true).action(ArgAction::SetTrue).help(
                "Log at DEBUG level on stderr: the client's and its HTTP stack's lines (connections, retries); \
                 without it, only warnings (retries, throttling). Never the token or credentials",
            ));
    if api.graph {
        command = command.arg(
            Arg::new("cloud")
                .long("cloud")
                .global(true)
                .value_parser(super::cloud::Cloud::ALL.map(super::cloud::Cloud::id))
                .default_value(super::cloud::Cloud::Global.id())
                .help(cloud_help()),
        );
    }
    command
}

/// `--cloud`'s help: each cloud's short name and name, from [`Cloud`](super::cloud::Cloud).
fn cloud_help() -> String {
    let clouds: Vec<String> =
        super::cloud::Cloud::ALL.iter().map(|cloud| format!("{} ({})", cloud.id(), cloud.name())).collect();
    format!("The national cloud: {}", clouds.join(", "))
}

/// The arguments of an operation's command: its OData query options (`options` names
/// them by their markers, `Top`, `Select`, …; flag and help from the runtime's one table,
/// [`OPTIONS`](super::query::OPTIONS)) and `--all` for a pageable one.
pub fn query_args(command: Command, options: &[&str], pageable: bool) -> Command {
    let mut command = command;
    for option in super::query::OPTIONS.iter().filter(|o| options.contains(&o.marker)) {
        let help = match option.kind {
            super::query::Kind::List => format!("{}, comma-separated ({})", option.help, option.wire),
            super::query::Kind::Boolean => {
                format!("{} ({}): true or false; --{} alone is true", option.help, option.wire, option.name)
            }
            _ => format!("{} ({})", option.help, option.wire),
        };
        let arg = Arg::new(option.name).long(option.name).value_name("VALUE").help(help);
        // `--count --consistency-level eventual`, as the Graph CLI writes it.
        let arg = if option.kind == super::query::Kind::Boolean {
            arg.num_args(0..=1).default_missing_value("true")
        } else {
            arg
        };
        command = command.arg(arg);
    }
    if pageable {
        command = command.arg(
            Arg::new("all").long("all").action(ArgAction::SetTrue).help("Follow @odata.nextLink to the last page"),
        );
    }
    command
}

/// The `--stream` flag of an operation that answers JSON or a stream.
pub fn stream_arg() -> Arg {
    Arg::new("stream")
        .long("stream")
        .action(ArgAction::SetTrue)
        .help("Ask for the answer as a stream: each item printed as it arrives")
}

/// The `--body` argument.
pub fn body_arg(required: bool) -> Arg {
    Arg::new("body")
        .long("body")
        .value_name("JSON")
        .required(required)
        .help("The request body: JSON text, @file to read a file, - to read stdin")
}

/// Runs the command line: parses it, dispatches the command, prints, exits.
pub fn run<F>(name: &'static str, api: &'static Api, tree: Command, dispatch: F) -> ::std::process::ExitCode
where
    F: for<'a> Fn(&'a Cli, &'a [String], &'a ArgMatches) -> Done<'a>,
{
    let tree = global_args(tree, api).subcommand(
        Command::new("completions")
            .about("Print a shell completion script: bash, zsh, fish or powershell")
            .arg(Arg::new("shell").value_parser(SHELLS.map(|(name, _)| name)).default_value("bash")),
    );
    let matches = match tree.clone().try_get_matches() {
        Ok(m) => m,
        Err(e) => {
            let code = e.exit_code();
            let _ = e.print();
            return ::std::process::ExitCode::from(u8::try_from(code).unwrap_or(2));
        }
    };
    let mut path = Vec::new();
    let mut leaf = &matches;
    while let Some((name, sub)) = leaf.subcommand() {
        path.push(name.to_owned());
        leaf = sub;
    }
    if path.first().map(String::as_str) == Some("completions") {
        let shell = leaf.try_get_one::<String>("shell").ok().flatten().map_or("bash", String::as_str);
        return finish(completions(tree, name, shell));
    }
    log_to_stderr(leaf.try_get_one::<bool>("debug").ok().flatten().copied().unwrap_or(false));
    let cli = Cli::new(api, leaf);
    let runtime = match ::tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => return finish(Err(Failure::Output(format!("cannot start the async runtime: {e}")))),
    };
    finish(runtime.block_on(dispatch(&cli, &path, leaf)))
}

/// The exit code for an outcome, with the error on stderr.
fn finish(outcome: Result<(), Failure>) -> ::std::process::ExitCode {
    match outcome {
        Ok(()) | Err(Failure::Closed) => ::std::process::ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ::std::process::ExitCode::from(2)
        }
        Err(Failure::Output(message)) => {
            eprintln!("error: {message}");
            ::std::process::ExitCode::from(1)
        }
        Err(Failure::Service(error)) => {
            match &error {
                Error::Status(answer) => {
                    eprintln!(
                        "error: {} {}: {}",
                        answer.status.as_u16(),
                        answer.code().unwrap_or("(no OData code)"),
                        answer.message().unwrap_or(answer.body.as_str())
                    );
                    eprintln!(
                        "request-id: {}, client-request-id: {}",
                        answer.request_id().unwrap_or("-"),
                        answer.client_request_id().unwrap_or("-")
                    );
                }
                other => eprintln!("{}", report(other)),
            }
            ::std::process::ExitCode::from(1)
        }
    }
}

/// An error and its causes, as cxx's `report()` writes them: `error: <top>`, then each
/// `source()` under `Caused by:`, one whose text the line above already holds left out
/// (a transport error's message repeats reqwest's).
fn report(error: &(dyn ::std::error::Error + 'static)) -> String {
    let mut out = format!("error: {error}");
    let mut above = error.to_string();
    let mut cause = error.source();
    // A chain is short; a cyclic one must still end.
    for _ in 0..64 {
        let Some(current) = cause else { break };
        let text = current.to_string();
        if !above.contains(&text) {
            out.push_str(&format!("\n\nCaused by:\n    {}", text.replace('\n', "\n    ")));
        }
        above = text;
        cause = current.source();
    }
    out
}

/// The shells `completions` writes for.
const SHELLS: [(&str, ::clap_complete::Shell); 4] = [
    ("bash", ::clap_complete::Shell::Bash),
    ("zsh", ::clap_complete::Shell::Zsh),
    ("fish", ::clap_complete::Shell::Fish),
    ("powershell", ::clap_complete::Shell::PowerShell),
];

/// Prints the completion script of `shell` for the tree (subcommands, flags, and the
/// values of `--cloud`, `--output`, …).
fn completions(mut tree: Command, name: &str, shell: &str) -> Result<(), Failure> {
    let Some((_, shell)) = SHELLS.iter().find(|(known, _)| *known == shell) else {
        return Err(Failure::Usage(format!("no completions for the shell {shell:?}")));
    };
    let mut script = Vec::new();
    if *shell != ::clap_complete::Shell::Bash || !name.contains('-') {
        ::clap_complete::generate(*shell, &mut tree, name, &mut script);
        return write_out(&script);
    }
    // clap_complete's bash script completes nothing past the first word of a binary whose
    // name has a hyphen (clap-rs/clap#6421: its states and their arms are spelt apart), so
    // it is written for the name with underscores, and bound to the binary's own name.
    let underscored = name.replace('-', "_");
    ::clap_complete::generate(*shell, &mut tree, underscored.as_str(), &mut script);
    let mut out = String::new();
    for line in String::from_utf8_lossy(&script).lines() {
        match line.strip_suffix(underscored.as_str()) {
            Some(head) if line.trim_start().starts_with("complete -F ") => out.push_str(&format!("{head}{name}\n")),
            _ => out.push_str(&format!("{line}\n")),
        }
    }
    write_out(out.as_bytes())
}

/// The client's `tracing` lines on stderr: warnings (retries, throttling, an expired
/// token), and with `--debug` everything at DEBUG, the HTTP stack's `log` lines included.
fn log_to_stderr(debug: bool) {
    let builder = ::tracing_subscriber::fmt().with_writer(::std::io::stderr);
    // A second subscriber (none here) would be refused; the command runs all the same.
    let _ = if debug {
        builder.with_max_level(::tracing::Level::DEBUG).try_init()
    } else {
        builder.with_max_level(::tracing::Level::WARN).without_time().try_init()
    };
}

/// Writes to stdout; a closed stdout ends the command quietly.
fn write_out(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = ::std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ::std::io::ErrorKind::BrokenPipe => Err(Failure::Closed),
        Err(e) => Err(Failure::Output(format!("writing the answer: {e}"))),
    }
}

/// A command being run: its flags and the global options.
#[derive(Debug)]
pub struct Cli {
    api: &'static Api,
    base_url: Option<String>,
    token: Option<String>,
    table: bool,
    dry_run: bool,
    show_secrets: bool,
    strict: bool,
    cloud: super::cloud::Cloud,
}

impl Cli {
    fn new(api: &'static Api, m: &ArgMatches) -> Cli {
        let text = |name: &str| m.try_get_one::<String>(name).ok().flatten().cloned();
        let cloud = text("cloud").and_then(|id| super::cloud::Cloud::from_id(&id)).unwrap_or_default();
        let flag = |name: &str| m.try_get_one::<bool>(name).ok().flatten().copied().unwrap_or(false);
        Cli {
            api,
            base_url: text("base-url"),
            token: text("token").or_else(|| ::std::env::var(api.token_env).ok()).filter(|t| !t.is_empty()),
            table: text("output").as_deref() == Some("table"),
            dry_run: flag("dry-run"),
            show_secrets: flag("show-secrets"),
            strict: flag("strict"),
            cloud,
        }
    }

    /// Whether a flag was given.
    pub fn has(&self, m: &ArgMatches, name: &str) -> bool {
        m.try_get_one::<String>(name).ok().flatten().is_some()
    }

    /// A flag's text, which the command requires.
    pub fn text(&self, m: &ArgMatches, name: &str) -> Result<String, Failure> {
        m.try_get_one::<String>(name)
            .ok()
            .flatten()
            .cloned()
            .ok_or_else(|| Failure::Usage(format!("--{name} is required")))
    }

    /// A flag's value as `T`: JSON text of a `T`, else the text as a string, else the text
    /// split at commas (a list).
    pub fn value<T: ::serde::de::DeserializeOwned>(&self, m: &ArgMatches, name: &str) -> Result<Option<T>, Failure> {
        let Some(text) = m.try_get_one::<String>(name).ok().flatten() else { return Ok(None) };
        parse_flag(text).map(Some).map_err(|e| Failure::Usage(format!("--{name} {text:?}: {e}")))
    }

    /// A flag's value as `T`, which the command requires.
    pub fn required<T: ::serde::de::DeserializeOwned>(&self, m: &ArgMatches, name: &str) -> Result<T, Failure> {
        self.value(m, name)?.ok_or_else(|| Failure::Usage(format!("--{name} is required")))
    }

    /// `--body` as `T`: JSON text, `@file` or `-` (stdin); a body that does not fit names
    /// where and why; with `--strict`, members `shape` does not name are refused.
    pub fn body<T: ::serde::de::DeserializeOwned>(&self, m: &ArgMatches, shape: Inner) -> Result<T, Failure> {
        let given = self.text(m, "body")?;
        let text = if given == "-" {
            ::std::io::read_to_string(::std::io::stdin())
                .map_err(|e| Failure::Usage(format!("--body -: reading stdin: {e}")))?
        } else if let Some(file) = given.strip_prefix('@') {
            ::std::fs::read_to_string(file).map_err(|e| Failure::Usage(format!("--body @{file}: {e}")))?
        } else {
            given
        };
        let body = read_body(&text)?;
        if self.strict {
            let value: Value = ::serde_json::from_str(&text).unwrap_or(Value::Null);
            let unknown = unknown_members(&value, shape, self.api.shapes);
            if !unknown.is_empty() {
                return Err(Failure::Usage(format!(
                    "--body has members the description does not name (--strict): {}",
                    unknown.join(", ")
                )));
            }
        }
        Ok(body)
    }

    /// `--body` as bytes, as given (text, `@file` or `-`).
    pub fn body_bytes(&self, m: &ArgMatches) -> Result<Vec<u8>, Failure> {
        let given = self.text(m, "body")?;
        if given == "-" {
            let mut bytes = Vec::new();
            ::std::io::Read::read_to_end(&mut ::std::io::stdin(), &mut bytes)
                .map_err(|e| Failure::Usage(format!("--body -: reading stdin: {e}")))?;
            Ok(bytes)
        } else if let Some(file) = given.strip_prefix('@') {
            ::std::fs::read(file).map_err(|e| Failure::Usage(format!("--body @{file}: {e}")))
        } else {
            Ok(given.into_bytes())
        }
    }

    /// The OData query options the command's flags set (each option of the runtime's
    /// table the command has a flag for).
    pub fn query<O: super::query::HasQueryOptions>(&self, mut operation: O, m: &ArgMatches) -> Result<O, Failure> {
        let options = operation.query_options_mut();
        for option in super::query::OPTIONS {
            if let Some(text) = m.try_get_one::<String>(option.name).ok().flatten() {
                options
                    .set_text(option.name, text)
                    .map_err(|e| Failure::Usage(format!("--{} {text:?}: {e}", option.name)))?;
            }
        }
        Ok(operation)
    }

    /// The client the global options describe.
    pub fn client(&self) -> Result<Client, Failure> {
        let mut builder = Client::builder().cloud(self.cloud);
        if let Some(base) = &self.base_url {
            builder = builder.base_url(base.clone());
        }
        // The environment's credential is read only when no token is given and something
        // is sent (it builds an HTTP client of its own).
        let credential = if self.token.is_none() && !self.dry_run && self.api.graph {
            ClientSecret::from_env(self.cloud).map_err(Failure::Usage)?
        } else {
            None
        };
        builder = match (&self.token, credential) {
            (Some(token), _) => builder.bearer_token(token.clone()),
            (None, Some(credential)) => builder.token_provider(credential),
            _ if self.dry_run => builder,
            _ => {
                let identity =
                    if self.api.graph { ", or AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET" } else { "" };
                return Err(Failure::Usage(format!("no token: give --token or set {}{identity}", self.api.token_env)));
            }
        };
        builder.build().map_err(Failure::from)
    }

    /// Sends an operation (or, with `--dry-run`, prints its request) and prints the answer.
    pub async fn send<O: Operation>(
        &self,
        operation: &O,
        print: fn(&Cli, O::Output) -> Result<(), Failure>,
    ) -> Result<(), Failure> {
        let client = self.client()?;
        if self.dry_run {
            let request = operation.to_http(&client.base_url_for::<O>()?)?;
            return write_out(self.show_request(&request).as_bytes());
        }
        let output = client.send(operation).await?;
        print(self, output)
    }

    /// Like [`Cli::send`] for a sequential operation: each item printed as one line of
    /// JSON as soon as it arrives (a stream of events for as long as it lasts); an item
    /// that does not decode ends the command with its error, the items before it printed.
    pub async fn send_stream<O: super::sequence::Sequential>(&self, operation: &O) -> Result<(), Failure>
    where
        O::Item: ::serde::Serialize,
    {
        let client = self.client()?;
        if self.dry_run {
            let request = operation.to_http(&client.base_url_for::<O>()?)?;
            return write_out(self.show_request(&request).as_bytes());
        }
        let mut items = ::std::pin::pin!(client.stream(operation));
        while let Some(item) = ::futures_util::StreamExt::next(&mut items).await {
            let mut line = ::serde_json::to_string(&item?).map_err(|e| Failure::Output(e.to_string()))?;
            line.push('\n');
            write_out(line.as_bytes())?;
        }
        Ok(())
    }

    /// Like [`Cli::send`] for a pageable operation: with `--all`, every page, their items
    /// printed as one list.
    pub async fn send_pages<O: Pageable>(&self, operation: &O, m: &ArgMatches) -> Result<(), Failure>
    where
        O::Output: ::serde::Serialize,
    {
        let all = m.try_get_one::<bool>("all").ok().flatten().copied().unwrap_or(false);
        if !all || self.dry_run {
            return self.send(operation, print_json::<O::Output>).await;
        }
        let client = self.client()?;
        let mut pages = client.pages(operation);
        let mut items = Vec::new();
        while let Some(page) = pages.next().await {
            let page = ::serde_json::to_value(page?).map_err(|e| Failure::Output(e.to_string()))?;
            match page {
                Value::Object(mut object) => match object.remove("value") {
                    Some(Value::Array(values)) => items.extend(values),
                    Some(other) => items.push(other),
                    None => items.push(Value::Object(object)),
                },
                other => items.push(other),
            }
        }
        self.print_value(&Value::Array(items))
    }

    /// An HTTP request as text: the request line, the headers, the body; the token and
    /// credentials `<redacted>` unless `--show-secrets`.
    fn show_request(&self, request: &HttpRequest) -> String {
        let mut out = format!("{} {}\n", request.method(), request.uri());
        let token = if self.show_secrets { self.token.clone().unwrap_or_default() } else { "<redacted>".to_owned() };
        out.push_str(&format!("authorization: Bearer {token}\n"));
        for (name, value) in request.headers() {
            out.push_str(&format!("{name}: {}\n", value.to_str().unwrap_or("<not text>")));
        }
        if !request.body().is_empty() {
            out.push('\n');
            match ::serde_json::from_slice::<Value>(request.body()) {
                Ok(mut body) => {
                    if !self.show_secrets {
                        redact(&mut body, self.api.secrets, 0);
                    }
                    out.push_str(&::serde_json::to_string_pretty(&body).unwrap_or_default());
                }
                Err(_) => out.push_str(&String::from_utf8_lossy(request.body())),
            }
            out.push('\n');
        }
        out
    }

    fn print_value(&self, value: &Value) -> Result<(), Failure> {
        let text = if self.table { table(value) } else { ::serde_json::to_string_pretty(value).unwrap_or_default() };
        write_out(format!("{text}\n").as_bytes())
    }
}

/// Prints a JSON answer: what the service sent, through the typed model (nothing lost).
pub fn print_json<T: ::serde::Serialize>(cli: &Cli, output: T) -> Result<(), Failure> {
    let value = ::serde_json::to_value(output).map_err(|e| Failure::Output(e.to_string()))?;
    cli.print_value(&value)
}

/// Prints a JSON answer that may be empty (nothing for none).
pub fn print_json_or_empty<T: ::serde::Serialize>(cli: &Cli, output: Option<T>) -> Result<(), Failure> {
    output.map_or(Ok(()), |o| print_json(cli, o))
}

/// Prints nothing (204 No Content and friends).
pub fn print_empty(_: &Cli, (): ()) -> Result<(), Failure> {
    Ok(())
}

/// Prints an accepted answer: where the work goes on.
pub fn print_accepted(cli: &Cli, accepted: super::answer::Accepted) -> Result<(), Failure> {
    let mut object = ::serde_json::Map::new();
    object.insert("status".into(), Value::from(202));
    object.insert("location".into(), accepted.location.map_or(Value::Null, Value::String));
    if let Some(wait) = accepted.retry_after {
        object.insert("retryAfter".into(), Value::from(wait.as_secs()));
    }
    if let Ok(body) = ::serde_json::from_slice::<Value>(&accepted.body) {
        object.insert("body".into(), body);
    }
    cli.print_value(&Value::Object(object))
}

/// Prints a count.
pub fn print_count(_: &Cli, count: i64) -> Result<(), Failure> {
    write_out(format!("{count}\n").as_bytes())
}

/// Prints text as it came.
pub fn print_text(_: &Cli, text: String) -> Result<(), Failure> {
    write_out(text.as_bytes())
}

/// Writes bytes as they came.
pub fn print_bytes(_: &Cli, bytes: Vec<u8>) -> Result<(), Failure> {
    write_out(&bytes)
}
