//! The `cli` module of a crate generated with `--cli` (feature `cli`): the command tree of
//! [`crate::ir::CliCommand`]s as clap commands, and a dispatch that builds each command's
//! operation from its flags and hands it to the runtime (`runtime::cli`), which sends and
//! prints it. Every decision (words, verbs, flags, variants) is the IR's; this renders.

use super::{ident, Ctx};
use crate::ir::{Additional, Api, BodyMedia, CliCommand, ModelKind, Operation, Output, Type};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// The most words a command may have (a description controls the depth of its paths).
const MAX_WORDS: usize = 64;

/// The module's items, formatted.
pub fn render(api: &Api, token_env: &str) -> Result<String, String> {
    let ctx = Ctx::new(api, quote!(crate::runtime), quote!(super::models::));
    let rt = &ctx.rt;
    let graph = api.base_url.as_deref().is_some_and(crate::runtime::is_microsoft_graph);
    let about = format!(
        "{} ({}), from the command line",
        super::docs::one_line(&api.title),
        super::docs::one_line(&api.version)
    );
    let secrets = secrets(api, rt);
    let shapes = shapes(api, rt);
    let tree = tree(api)?;
    let root = node_tokens(&tree, "", api, rt, 0)?;
    let arms = api.cli.iter().map(|c| arm(&ctx, c)).collect::<Result<Vec<_>, String>>()?;
    let items = quote! {
        /// What the runtime needs to know of this API.
        static API: #rt::cli::Api = #rt::cli::Api {
            about: #about,
            token_env: #token_env,
            graph: #graph,
            secrets: &[#(#secrets),*],
            shapes: &[#(#shapes),*],
        };

        /// Runs the command line as the binary named after the crate.
        pub fn main() -> ::std::process::ExitCode {
            run_as(::core::env!("CARGO_PKG_NAME"))
        }

        /// Runs the command line as the binary `name`.
        pub fn run_as(name: &'static str) -> ::std::process::ExitCode {
            #rt::cli::run(name, &API, command(name), |cli, path, m| ::std::boxed::Box::pin(dispatch(cli, path, m)))
        }

        /// The command tree.
        pub fn command(name: &'static str) -> ::clap::Command {
            #root
        }

        async fn dispatch(
            cli: &#rt::cli::Cli,
            path: &[::std::string::String],
            m: &::clap::ArgMatches,
        ) -> ::std::result::Result<(), #rt::cli::Failure> {
            let words: ::std::vec::Vec<&str> = path.iter().map(::std::string::String::as_str).collect();
            match words.as_slice() {
                #(#arms)*
                _ => ::std::result::Result::Err(#rt::cli::Failure::Usage(::std::format!(
                    "`{}` runs no operation; see --help",
                    words.join(" ")
                ))),
            }
        }
    };
    super::format::format_items(items, "cli")
}

/// The shapes of the models that carry credentials, for `--dry-run`'s redaction.
fn secrets(api: &Api, rt: &TokenStream) -> Vec<TokenStream> {
    api.models
        .iter()
        .filter_map(|m| match &m.kind {
            ModelKind::Struct(s) if s.fields.iter().any(|f| f.secret) => {
                let members = s.fields.iter().map(|f| f.api_name.as_str());
                let secret = s.fields.iter().filter(|f| f.secret).map(|f| f.api_name.as_str());
                Some(quote!(#rt::cli::Secret { members: &[#(#members),*], secret: &[#(#secret),*] }))
            }
            _ => None,
        })
        .collect()
}

/// Every model, as `--strict` checks a body against it: the members a struct names (and
/// the shape each leads to), or nothing to check for the other kinds.
fn shapes(api: &Api, rt: &TokenStream) -> Vec<TokenStream> {
    api.models
        .iter()
        .map(|m| match &m.kind {
            ModelKind::Struct(s) => {
                let members = s.fields.iter().map(|f| {
                    let wire = &f.api_name;
                    let inner = inner_shape(api, &f.ty, rt);
                    quote!((#wire, #inner))
                });
                // Members a schema does not name are expected only where it types them
                // (`additionalProperties: {schema}`).
                let open = matches!(s.additional, Additional::Map { .. });
                quote!(#rt::cli::Shape::Struct { open: #open, members: &[#(#members),*] })
            }
            ModelKind::Alias(ty) => {
                let inner = inner_shape(api, ty, rt);
                quote!(#rt::cli::Shape::Alias(#inner))
            }
            _ => quote!(#rt::cli::Shape::Any),
        })
        .collect()
}

/// What a member of type `ty` holds, for `--strict`: a model (by index), a list or a map
/// of one, or anything.
fn inner_shape(api: &Api, ty: &Type, rt: &TokenStream) -> TokenStream {
    let mut ty = ty;
    let mut wrappers = Vec::new();
    for _ in 0..MAX_WORDS {
        match ty {
            Type::Boxed(inner) | Type::Option(inner) => ty = inner,
            Type::Vec(inner) => {
                wrappers.push(quote!(List));
                ty = inner;
            }
            Type::Map(inner) => {
                wrappers.push(quote!(Map));
                ty = inner;
            }
            _ => break,
        }
    }
    let leaf = match ty {
        Type::Model(id) if *id < api.models.len() => {
            let id = proc_macro2::Literal::usize_unsuffixed(*id);
            quote!(#rt::cli::Inner::Model(#id))
        }
        _ => quote!(#rt::cli::Inner::Any),
    };
    // Only one level of list or map is followed (`Vec<Model>`, `Map<Model>`).
    match wrappers.first() {
        Some(w) if wrappers.len() == 1 => quote!(#rt::cli::Inner::#w(&#leaf)),
        Some(_) => quote!(#rt::cli::Inner::Any),
        None => leaf,
    }
}

/// A node of the command tree: its children by word, and the command it runs, if any.
#[derive(Default)]
struct Node<'a> {
    children: BTreeMap<&'a str, Node<'a>>,
    command: Option<&'a CliCommand>,
    order: usize,
}

fn tree(api: &Api) -> Result<Node<'_>, String> {
    let mut root = Node::default();
    for (order, command) in api.cli.iter().enumerate() {
        if command.words.len() > MAX_WORDS {
            return Err(format!("the command `{}` has more than {MAX_WORDS} words", command.words.join(" ")));
        }
        let mut node = &mut root;
        for word in &command.words {
            node = node.children.entry(word.as_str()).or_insert_with(|| Node { order, ..Node::default() });
        }
        node.command = Some(command);
    }
    Ok(root)
}

/// A node as a clap command, its children in the order their first command came.
fn node_tokens(node: &Node<'_>, word: &str, api: &Api, rt: &TokenStream, depth: usize) -> Result<TokenStream, String> {
    if depth > MAX_WORDS {
        return Err("the command tree is too deep".to_owned());
    }
    let mut children: Vec<(&&str, &Node<'_>)> = node.children.iter().collect();
    children.sort_by_key(|(_, n)| n.order);
    let subcommands = children
        .into_iter()
        .map(|(w, child)| node_tokens(child, w, api, rt, depth + 1))
        .collect::<Result<Vec<_>, _>>()?;
    let mut command = if depth == 0 {
        quote!(::clap::Command::new(name).about(API.about).subcommand_required(true).arg_required_else_help(true))
    } else {
        quote!(::clap::Command::new(#word))
    };
    // A group with one command (`start` → `post`) is about what that command does.
    if let (None, [(_, only)]) = (node.command, node.children.iter().collect::<Vec<_>>().as_slice()) {
        if let Some(summary) = only
            .command
            .and_then(|c| c.variants.first())
            .and_then(|v| api.operations.get(v.operation))
            .and_then(|o| o.docs.summary.as_deref())
        {
            let about = super::docs::one_line(summary);
            command = quote!(#command.about(#about));
        }
    }
    if let Some(cli) = node.command {
        command = leaf(command, cli, api, rt);
    } else if depth > 0 {
        command = quote!(#command.subcommand_required(true).arg_required_else_help(true));
    }
    Ok(quote!(#command #(.subcommand(#subcommands))*))
}

/// A command that runs operations: its help and its flags.
fn leaf(command: TokenStream, cli: &CliCommand, api: &Api, rt: &TokenStream) -> TokenStream {
    let ops: Vec<&Operation> = cli.variants.iter().filter_map(|v| api.operations.get(v.operation)).collect();
    let about = ops
        .iter()
        .find_map(|o| o.docs.summary.as_deref())
        .map(super::docs::one_line)
        .unwrap_or_else(|| ops.first().map(|o| format!("{} {}", o.method.as_str(), o.path)).unwrap_or_default());
    // The example line names the binary as it runs (`name`); braces of paths are kept.
    let long = long_help(cli, &ops, &about).replace('{', "{{").replace('}', "}}").replace("<binary>", "{name}");
    let flags = cli.flags.iter().map(|f| {
        let (name, help, required) = (&f.name, &f.help, f.required);
        let value = f.name.to_ascii_uppercase();
        quote!(.arg(::clap::Arg::new(#name).long(#name).value_name(#value).required(#required).help(#help)))
    });
    let body = ops.iter().filter_map(|o| o.body.as_ref()).map(|b| b.required).reduce(|a, b| a && b);
    let all_have_body = ops.iter().all(|o| o.body.is_some());
    let body = body.map(|required| {
        let required = required && all_have_body;
        quote!(.arg(#rt::cli::body_arg(#required)))
    });
    let mut options: Vec<&str> = Vec::new();
    for op in &ops {
        for option in op.query_options.iter().flat_map(|q| &q.options) {
            if !options.contains(&option.marker()) {
                options.push(option.marker());
            }
        }
    }
    let pageable = ops.iter().any(|o| o.next_link.is_some());
    let stream = ops.iter().any(|o| o.stream.is_some()).then(|| quote!(.arg(#rt::cli::stream_arg())));
    let command = quote!(#command.about(#about).long_about(::std::format!(#long)) #(#flags)* #body #stream);
    if options.is_empty() && !pageable {
        command
    } else {
        quote!(#rt::cli::query_args(#command, &[#(#options),*], #pageable))
    }
}

/// `--help`: the summary, each operation's method and path, documented permissions and
/// national clouds, the reference page, and an example line.
fn long_help(cli: &CliCommand, ops: &[&Operation], about: &str) -> String {
    let mut out = vec![about.to_owned()];
    for (variant, op) in cli.variants.iter().zip(ops) {
        out.push(String::new());
        let ids = if cli.variants.len() > 1 && !variant.ids.is_empty() {
            format!(" (with {})", variant.ids.iter().map(|i| format!("--{i}")).collect::<Vec<_>>().join(", "))
        } else {
            String::new()
        };
        out.push(format!("HTTP: {} {}{ids}", op.method.as_str(), op.path));
        if let Some(p) = &op.permissions {
            let row = |kind: &str, p: &crate::ir::Privileges| {
                if p.least.is_empty() && p.higher.is_empty() {
                    format!("  {kind}: not supported")
                } else {
                    let higher = if p.higher.is_empty() { "none".to_owned() } else { p.higher.join(", ") };
                    format!("  {kind}: {} (higher: {higher})", p.least.join(", "))
                }
            };
            out.push("Permissions (least privileged):".to_owned());
            out.push(row("delegated, work or school account", &p.delegated_work));
            out.push(row("delegated, personal Microsoft account", &p.delegated_personal));
            out.push(row("application", &p.application));
        }
        if let Some(c) = &op.clouds {
            let named = [
                (c.global, "Global service"),
                (c.us_gov_l4, "US Government L4"),
                (c.us_gov_l5_dod, "US Government L5 (DOD)"),
                (c.china, "China operated by 21Vianet"),
            ];
            let available: Vec<&str> = named.iter().filter(|(on, _)| *on).map(|(_, n)| *n).collect();
            out.push(format!(
                "National clouds: {}",
                if available.is_empty() { "none".to_owned() } else { available.join(", ") }
            ));
        }
        if let Some(url) = &op.docs.external_url {
            out.push(format!("Reference: {url}"));
        }
    }
    let mut example = cli.words.join(" ");
    for flag in cli.flags.iter().filter(|f| f.required || cli.variants.first().is_some_and(|v| v.ids.contains(&f.name)))
    {
        example.push_str(&format!(" --{} <{}>", flag.name, flag.name));
    }
    if ops.iter().any(|o| o.body.is_some()) {
        example.push_str(" --body @body.json");
    }
    out.push(String::new());
    out.push(format!("Example:\n  <binary> {example}"));
    out.join("\n")
}

/// The dispatch arm of a command: the variant whose ids are all given runs.
fn arm(ctx: &Ctx<'_>, cli: &CliCommand) -> Result<TokenStream, String> {
    let words = cli.words.iter().map(String::as_str);
    let mut variants = Vec::new();
    for variant in &cli.variants {
        let op = ctx
            .api
            .operations
            .get(variant.operation)
            .ok_or_else(|| format!("internal error: command `{}` names no operation", cli.words.join(" ")))?;
        variants.push((variant.ids.clone(), run(ctx, op, &variant.params)));
    }
    let mut body = quote!();
    for (i, (ids, run)) in variants.iter().enumerate().rev() {
        body = if i + 1 == variants.len() || ids.is_empty() {
            run.clone()
        } else {
            quote!(if #(cli.has(m, #ids))&&* { #run } else { #body })
        };
    }
    Ok(quote!([#(#words),*] => { #body }))
}

/// Builds one operation from the flags and sends it.
fn run(ctx: &Ctx<'_>, op: &Operation, flags: &[String]) -> TokenStream {
    let rt = &ctx.rt;
    let name = ident(&op.name);
    let mut args = Vec::new();
    let mut setters = Vec::new();
    for (param, flag) in op.params.iter().zip(flags) {
        let ty = ctx.ty(&param.ty);
        if param.required {
            args.push(quote!(cli.required::<#ty>(m, #flag)?));
        } else {
            let setter = ident(&param.name);
            setters.push(quote! {
                let operation = match cli.value::<#ty>(m, #flag)? {
                    ::std::option::Option::Some(value) => operation.#setter(value),
                    ::std::option::Option::None => operation,
                };
            });
        }
    }
    if let Some(body) = &op.body {
        let read = match &body.media {
            BodyMedia::Json { ty: body_ty, .. } | BodyMedia::Form { ty: body_ty, .. } => {
                let ty = ctx.ty(body_ty);
                let shape = inner_shape(ctx.api, body_ty, rt);
                quote!(cli.body::<#ty>(m, #shape)?)
            }
            BodyMedia::Bytes { .. } => quote!(cli.body_bytes(m)?),
        };
        if body.required {
            args.push(read);
        } else {
            let setter = ident(&body.name);
            setters.push(quote! {
                let operation = if cli.has(m, "body") { operation.#setter(#read) } else { operation };
            });
        }
    }
    let query = op.query_options.as_ref().map(|_| quote!(let operation = cli.query(operation, m)?;));
    let send = if op.next_link.is_some() {
        quote!(cli.send_pages(&operation, m).await)
    } else {
        let print = |print: TokenStream| quote!(cli.send(&operation, #print).await);
        match &op.output {
            Output::Empty => print(quote!(#rt::cli::print_empty)),
            Output::Accepted => print(quote!(#rt::cli::print_accepted)),
            Output::Json(t) => {
                let t = ctx.ty(t);
                print(quote!(#rt::cli::print_json::<#t>))
            }
            Output::JsonOrEmpty(t) => {
                let t = ctx.ty(t);
                print(quote!(#rt::cli::print_json_or_empty::<#t>))
            }
            Output::Count => print(quote!(#rt::cli::print_count)),
            Output::Bytes => print(quote!(#rt::cli::print_bytes)),
            Output::Text => print(quote!(#rt::cli::print_text)),
            // Each item printed as it arrives.
            Output::Sequence { .. } => quote!(cli.send_stream(&operation).await),
        }
    };
    // An operation that answers JSON or a stream: `--stream` asks for the stream.
    let send = if op.stream.is_some() {
        quote! {
            if m.try_get_one::<bool>("stream").ok().flatten().copied().unwrap_or(false) {
                cli.send_stream(&#rt::sequence::Streams::streamed(operation)).await
            } else {
                #send
            }
        }
    } else {
        send
    };
    quote! {
        let operation = super::operations::#name::new(#(#args),*);
        #(#setters)*
        #query
        #send
    }
}
