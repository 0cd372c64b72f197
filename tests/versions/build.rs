//! Generates each hand-written description of another version than 3.0 into `OUT_DIR`, as
//! one file with its runtime, for the test that includes it; beside each, the examples
//! its document gives for its models (`<file>_examples.rs`), for the round-trip tests. The
//! OpenAPI Initiative's 3.1 example with examples (`../shared/openapi-versions`) is
//! generated too when it is beside the checkout (cfg `shared_examples`; a test fails
//! without it).

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The documents beside the checkout (`../shared`) each test of `tests/shared_*.rs`
/// includes, with the file each is generated into.
const SHARED: &[(&str, &str)] = &[
    ("openapi-versions/v2.0/api-with-examples.yaml", "shared_api_with_examples.rs"),
    ("openapi-versions/v2.0/petstore-expanded.yaml", "shared_petstore_expanded.rs"),
    ("openapi-versions/v2.0/petstore-minimal.yaml", "shared_petstore_minimal.rs"),
    ("openapi-versions/v2.0/petstore-simple.yaml", "shared_petstore_simple.rs"),
    ("openapi-versions/v2.0/petstore-with-external-docs.yaml", "shared_petstore_with_external_docs.rs"),
    ("openapi-versions/v2.0/petstore.yaml", "shared_petstore.rs"),
    ("openapi-versions/v2.0/uber.yaml", "shared_uber.rs"),
    ("openapi-versions/v2.0/petstore-separate/spec/swagger.yaml", "shared_petstore_separate.rs"),
    ("openapi-versions/v3.1/non-oauth-scopes.yaml", "shared_non_oauth_scopes.rs"),
    ("openapi-versions/v3.1/webhook-example.yaml", "shared_webhook_example.rs"),
    ("openapi-versions/v3.2/3.2-tags-example.yaml", "shared_tags_example.rs"),
    ("graph-openapi/applications.v1.0.yaml", "shared_applications.rs"),
];

fn main() -> std::process::ExitCode {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let specs = manifest.join("../specs");
    let shared = manifest.join("../../../shared/openapi-versions/v3.1/tictactoe.yaml");
    println!("cargo::rustc-check-cfg=cfg(shared_examples)");
    println!("cargo:rerun-if-changed={}", shared.display());
    let mut all = vec![
        (specs.join("openapi-3.1.yaml"), "openapi_3_1.rs"),
        (specs.join("openapi-3.2.yaml"), "openapi_3_2.rs"),
        (specs.join("swagger-2.0.yaml"), "swagger_2_0.rs"),
        (specs.join("values.yaml"), "values.rs"),
        (specs.join("liberal/openapi.yaml"), "liberal.rs"),
        (specs.join("streams.yaml"), "streams.rs"),
        (specs.join("fake.yaml"), "fake_api.rs"),
    ];
    if shared.is_file() {
        println!("cargo:rustc-cfg=shared_examples");
        all.push((shared, "tictactoe.rs"));
        // Every other example of the OpenAPI Initiative, and Graph's Applications module:
        // each round-trips its operations through its fake (a test file each).
        let beside = manifest.join("../../../shared");
        for (path, file) in SHARED {
            println!("cargo:rerun-if-changed={}", beside.join(path).display());
            all.push((beside.join(path), file));
        }
    }
    for (spec, file) in all {
        // As a user's build script does it (and without the config or facts of another
        // description: none lies beside these).
        if let Err(message) = wiretype::build::Build::new(&spec).file(file).generate() {
            eprintln!("{message}");
            return std::process::ExitCode::FAILURE;
        }
        let table = match examples_table(&spec) {
            Ok(table) => table,
            Err(message) => {
                eprintln!("{}: {message}", spec.display());
                return std::process::ExitCode::FAILURE;
            }
        };
        let name = file.trim_end_matches(".rs");
        if let Err(message) = wiretype::build::write_if_changed(&out.join(format!("{name}_examples.rs")), &table) {
            eprintln!("{message}");
            return std::process::ExitCode::FAILURE;
        }
        let round_trip = match round_trip_test(&spec) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("{}: {message}", spec.display());
                return std::process::ExitCode::FAILURE;
            }
        };
        if let Err(message) = wiretype::build::write_if_changed(&out.join(format!("{name}_round_trip.rs")), &round_trip)
        {
            eprintln!("{message}");
            return std::process::ExitCode::FAILURE;
        }
    }
    std::process::ExitCode::SUCCESS
}

/// `EXAMPLES`: every example the document gives for a model (a component schema's own, and
/// those of a request or response whose schema is one), as (where, JSON text, a function
/// that reads the text into the model and writes it again).
fn examples_table(spec: &Path) -> Result<String, String> {
    let generated =
        wiretype::generate_file(spec, &wiretype::config::Config::default()).map_err(|e| format!("{e:?}"))?;
    let text = std::fs::read_to_string(spec).map_err(|e| e.to_string())?;
    let doc = wiretype::load::tree(&text).map_err(|e| format!("{e:?}"))?;
    let model = |name: &str| generated.api.models.iter().find(|m| m.api_name == name).map(|m| m.name.clone());
    let mut found: Vec<(String, String, String)> = Vec::new();
    let mut add = |at: String, schema: &str, example: &Value| {
        if let Some(model) = model(schema) {
            found.push((at, model, example.to_string()));
        }
    };
    let schemas = doc.pointer("/components/schemas").and_then(Value::as_object).into_iter().flatten();
    for (name, schema) in schemas {
        let at = format!("#/components/schemas/{name}");
        for (i, example) in examples(schema).into_iter().enumerate() {
            add(format!("{at}/examples/{i}"), name, example);
        }
    }
    let paths = doc.get("paths").and_then(Value::as_object).into_iter().flatten();
    for (path, item) in paths {
        for (method, op) in item.as_object().into_iter().flatten() {
            let request = op.pointer("/requestBody/content");
            let responses = op.get("responses").and_then(Value::as_object).into_iter().flatten();
            let contents = request.into_iter().chain(responses.filter_map(|(_, r)| r.get("content")));
            for (media, m) in contents.filter_map(Value::as_object).flatten() {
                let Some(schema) = m.pointer("/schema/$ref").and_then(Value::as_str) else { continue };
                let Some(schema) = schema.strip_prefix("#/components/schemas/") else { continue };
                for (i, example) in examples(m).into_iter().enumerate() {
                    add(format!("#/paths/{path}/{method}/{media}/examples/{i}"), schema, example);
                }
            }
        }
    }
    let rows: String = found
        .iter()
        .map(|(at, model, json)| {
            format!("    ({at:?}, {json:?}, |text| ::versions::round_trip::<models::{model}>(text)),\n")
        })
        .collect();
    Ok(format!(
        "// @generated by build.rs: the examples of {}.\n\
         /// (where, the example as JSON, read into its model and written again)\n\
         pub const EXAMPLES: &[::versions::Example] = &[\n{rows}];\n",
        spec.file_name().and_then(|n| n.to_str()).unwrap_or_default()
    ))
}

/// A test that sends one call of every operation (built from sample arguments) through
/// the client into the crate's fake and back: the fake reads each as the operation sent,
/// and the client reads each answer. Each operation's path is seeded with its sample first,
/// so that an item it reads, merges or removes is there.
fn round_trip_test(spec: &Path) -> Result<String, String> {
    use quote::quote;
    let generated =
        wiretype::generate_file(spec, &wiretype::config::Config::default()).map_err(|e| format!("{e:?}"))?;
    let api = &generated.api;
    let ctx = wiretype::emit::Ctx::new(api, quote!(crate::runtime), quote!(crate::models::));
    let calls = api.operations.iter().map(|op| {
        let build = wiretype::emit::examples::constructor(&ctx, op, &quote!(crate::operations::));
        let name = &op.name;
        let id = &op.name;
        // Each call a future of its own on the heap: one future of hundreds of calls
        // would overflow a test thread's stack.
        quote! {
            failures.extend(::std::boxed::Box::pin(async {
                let operation = #build;
                seed_path(&fake, &operation, &base, #id);
                let answer = client.send(&operation).await;
                let read = fake.requests_of(&operation).last() == ::std::option::Option::Some(&operation);
                match answer {
                    ::std::result::Result::Err(error) => ::std::option::Option::Some(::std::format!("{}: {}", #name, error)),
                    ::std::result::Result::Ok(_) if !read => ::std::option::Option::Some(
                        ::std::format!("{}: the fake read another operation than {:?}", #name, operation),
                    ),
                    ::std::result::Result::Ok(_) => ::std::option::Option::None,
                }
            }).await);
            calls += 1;
        }
    });
    let count = api.operations.len();
    let mutable = (count > 0).then(|| quote!(mut));
    let code = quote! {
        /// Puts the route's sample at the operation's path, so that an item is there.
        fn seed_path<O: crate::runtime::Operation>(fake: &crate::runtime::fake::Fake, operation: &O, base: &str, id: &str) {
            let request = crate::runtime::Operation::to_http(operation, base).expect("a request");
            let url = request.uri().to_string();
            let path = url.strip_prefix(base).unwrap_or(&url).split('?').next().unwrap_or_default().to_owned();
            let sample = crate::server::ROUTES.iter().find(|r| r.name == id).map_or("", |r| r.sample);
            let value: ::serde_json::Value = ::serde_json::from_str(sample).unwrap_or_else(|_| ::serde_json::json!({}));
            fake.seed(&path, &value).expect("seeded");
        }

        #[tokio::test]
        async fn every_operation_round_trips_through_the_fake() {
            let fake = crate::server::fake();
            let running = fake.start().await.expect("the fake starts");
            let base = running.url();
            let client = crate::Client::builder().base_url(base.as_str()).bearer_token("t").build().expect("client");
            let #mutable failures: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
            let #mutable calls = 0usize;
            let _ = (&client, &base);
            #(#calls)*
            assert!(failures.is_empty(), "{} of {} calls failed:\n{}", failures.len(), calls, failures.join("\n"));
            assert_eq!((calls, fake.requests().len()), (#count, #count));
        }
    };
    wiretype::emit::format::format_items(code, "round trip").map_err(|e| e.to_string())
}

/// A schema's or a media type's examples: `example`, `examples` as a list (a 3.1 schema's)
/// or as named Example objects (their `value`).
fn examples(object: &Value) -> Vec<&Value> {
    let mut out: Vec<&Value> = object.get("example").into_iter().collect();
    match object.get("examples") {
        Some(Value::Array(list)) => out.extend(list),
        Some(Value::Object(named)) => out.extend(named.values().filter_map(|e| e.get("value"))),
        _ => {}
    }
    out
}
