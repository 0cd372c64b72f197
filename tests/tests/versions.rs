//! Documents of every version but 3.0, as the generator reads them: OpenAPI 3.1
//! (`tests/specs/openapi-3.1.yaml`): every JSON Schema 2020-12 construct it brings is
//! typed, or warned at its place in the document as written. The crates are snapshotted
//! here; `tests/versions` includes them and runs what they do.

use tests::{read, root};

fn generated_from(file: &str) -> wiretype::Generated {
    let path = root().join("tests/specs").join(file);
    wiretype::generate_file(&path, &wiretype::config::Config::default()).unwrap_or_else(|e| panic!("{e:#?}"))
}

fn generated() -> wiretype::Generated {
    generated_from("openapi-3.1.yaml")
}

#[test]
fn the_crates_match_their_snapshots() {
    for (file, prefix, name) in [
        ("openapi-3.1.yaml", "v31", "pet-shelter"),
        ("openapi-3.2.yaml", "v32", "telemetry"),
        ("swagger-2.0.yaml", "v20", "vault"),
        ("values.yaml", "values", "readings"),
        ("liberal/openapi.yaml", "liberal", "droplets"),
        ("streams.yaml", "streams", "chat"),
    ] {
        let generated = generated_from(file);
        let files = wiretype::emit::package::standalone(&generated.rendered, name).expect("packaging");
        tests::assert_crate_snapshots(prefix, &files, true);
    }
}

#[test]
fn swagger_2_0_is_read_with_its_warnings_where_the_document_says_them() {
    let generated = generated_from("swagger-2.0.yaml");
    let warnings: Vec<String> = generated.warnings.iter().map(|w| format!("{}: {}", w.pointer, w.message)).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(warnings[0].starts_with("#/paths/~1secrets/get/parameters/5/collectionFormat: "), "{warnings:#?}");
    let api = &generated.api;
    let names: Vec<&str> = api.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        ["SecretsList", "SecretsSet", "SecretsRotate", "SecretsAttach", "SecretsGetValue", "SecretsPurge"]
    );
    assert_eq!(api.base_url.as_deref(), Some("https://vault.example.test/api"));
    // An error inside a definition points at `definitions`, where the user wrote it.
    let text = read(&root().join("tests/specs/swagger-2.0.yaml"))
        .replace("items: {$ref: \"#/definitions/Secret\"}", "items: {$ref: \"#/definitions/Nowhere\"}");
    let errors = wiretype::generate(&text).err().expect("refused");
    let places: Vec<&str> = errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(places, ["#/definitions/SecretList/properties/value/items/$ref"], "{errors:#?}");
}

#[test]
fn the_oai_examples_of_every_version_generate() {
    let Some(dir) = tests::shared("openapi-versions") else { return };
    let mut files = Vec::new();
    for version in ["v2.0", "v3.1", "v3.2"] {
        files.extend(tests::files_in(&dir.join(version), &["yaml"]));
    }
    files.push(dir.join("v2.0/petstore-separate/spec/swagger.yaml"));
    for file in &files {
        let generated = wiretype::generate_file(file, &wiretype::config::Config::default())
            .unwrap_or_else(|e| panic!("{}: {e:#?}", file.display()));
        assert!(!generated.api.models.is_empty() || !generated.api.operations.is_empty(), "{}", file.display());
    }
    assert_eq!(files.len(), 12);
}

#[test]
fn what_3_2_adds_is_read() {
    let generated = generated_from("openapi-3.2.yaml");
    assert!(generated.warnings.is_empty(), "{:#?}", generated.warnings);
    let api = &generated.api;
    let method = |name: &str| api.operations.iter().find(|o| o.name == name).map(|o| o.method);
    assert_eq!(method("SearchReadings"), Some(wiretype::ir::Method::Query));
    assert_eq!(method("CopyReadings"), Some(wiretype::ir::Method::Copy));
    let framing = |name: &str| match api.operations.iter().find(|o| o.name == name).map(|o| &o.output) {
        Some(wiretype::ir::Output::Sequence { framing, .. }) => Some(*framing),
        _ => None,
    };
    use wiretype::ir::Framing;
    assert_eq!(framing("ListReadings"), Some(Framing::JsonLines));
    assert_eq!(framing("ReadingsNdjson"), Some(Framing::JsonLines));
    assert_eq!(framing("ReadingsSeq"), Some(Framing::JsonSeq));
    assert_eq!(framing("LiveReadings"), Some(Framing::EventStream));
    let list = api.operations.iter().find(|o| o.name == "ListReadings").expect("listReadings");
    assert_eq!(list.params.first().map(|p| &p.format), Some(&wiretype::ir::ParamFormat::Form));
}

#[test]
fn what_cannot_be_typed_is_warned_where_the_document_says_it() {
    let warnings: Vec<String> = generated().warnings.iter().map(|w| format!("{}: {}", w.pointer, w.message)).collect();
    let expected = [
        "#/components/schemas/Owner/dependentRequired",
        "#/components/schemas/Owner/if",
        "#/components/schemas/Pet/properties/labels/patternProperties",
        "#/components/schemas/Pet/properties/history/prefixItems",
    ];
    for place in expected {
        assert!(warnings.iter().any(|w| w.starts_with(&format!("{place}: "))), "no warning at {place}: {warnings:#?}");
    }
    assert_eq!(warnings.len(), expected.len(), "{warnings:#?}");
}

#[test]
fn an_error_points_into_the_document_as_written() {
    // A broken schema inside a definition that moved to the components, and a dangling
    // reference inside a webhook's path item (moved to the model's extension, then copied
    // in place of its reference): each is reported where the user wrote it.
    let text = read(&root().join("tests/specs/openapi-3.1.yaml"));
    let broken = text.replace("minLength: 1", "minLength: [1]");
    let errors = wiretype::generate(&broken).err().expect("refused");
    let places: Vec<&str> = errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(places, ["#/components/schemas/Pet/$defs/Tag"], "{errors:#?}");
    let dangling = text.replace(
        "schema: {$ref: \"#/components/schemas/Adoption\"}",
        "schema: {$ref: \"#/components/schemas/Nowhere\"}",
    );
    let errors = wiretype::generate(&dangling).err().expect("refused");
    let places: Vec<&str> = errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(
        places,
        ["#/components/pathItems/PetAdopted/post/requestBody/content/application~1json/schema/$ref"],
        "{errors:#?}"
    );
}

#[test]
fn bounds_beyond_64_bits_are_read() {
    // `minimum: -9223372036854776000` (how JavaScript writes i64::MIN) is valid YAML and JSON.
    let api = generated().api;
    let pet = api.models.iter().find(|m| m.name == "Pet").expect("Pet");
    let wiretype::ir::ModelKind::Struct(pet) = &pet.kind else { panic!("a struct") };
    let id = pet.fields.iter().find(|f| f.api_name == "id").expect("id");
    assert_eq!(id.ty, wiretype::ir::Type::I64);
    let as_json = serde_json::to_string(
        &wiretype::load::tree(&read(&root().join("tests/specs/openapi-3.1.yaml"))).expect("reads"),
    )
    .expect("json");
    let from_json = wiretype::generate(&as_json).expect("the JSON form generates too");
    assert_eq!(from_json.api.models.len(), api.models.len());
}

#[test]
fn a_3_1_description_split_over_files_is_bundled_then_read() {
    let dir = std::env::temp_dir().join(format!("generator-3-1-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("openapi.yaml"),
        "openapi: 3.1.0\ninfo: {title: Split, version: '1'}\npaths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'schemas.yaml#/Pet'}\n",
    )
    .expect("root");
    std::fs::write(
        dir.join("schemas.yaml"),
        "Pet:\n  type: object\n  $defs:\n    Name: {type: [string, 'null']}\n  properties:\n    name: {$ref: '#/Pet/$defs/Name'}\n    kind: {const: pet}\n",
    )
    .expect("schemas");
    let generated = wiretype::generate_file(&dir.join("openapi.yaml"), &wiretype::config::Config::default())
        .unwrap_or_else(|e| panic!("{e:#?}"));
    let names: Vec<&str> = generated.api.models.iter().map(|m| m.name.as_str()).collect();
    assert!(names.contains(&"Pet") && names.contains(&"PetKind"), "{names:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn modules_of_different_versions_merge_into_one_crate() {
    let files =
        ["openapi-3.1.yaml", "swagger-2.0.yaml", "openapi-3.2.yaml"].map(|f| root().join("tests/specs").join(f));
    let generated =
        wiretype::generate_files(&files, &wiretype::config::Config::default()).unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(generated.api.features, ["openapi_3_1", "swagger_2_0", "openapi_3_2"]);
    assert_eq!(generated.api.operations.len(), 3 + 6 + 6);
    assert_eq!(generated.api.webhooks.len(), 2);
    // A warning of a module names its file and its place there.
    let warning = generated.warnings.iter().find(|w| w.message.contains("tab-separated")).expect("the tsv warning");
    assert!(warning.file.as_deref().is_some_and(|f| f.ends_with("swagger-2.0.yaml")), "{warning:?}");
    assert_eq!(warning.pointer, "#/paths/~1secrets/get/parameters/5/collectionFormat");
}

/// A Swagger 2.0 path parameter's list format becomes the closest style a 3.0 path
/// parameter has (`simple`), with a warning; `--strict` refuses it.
#[test]
fn a_swagger_2_path_list_of_any_format_is_read_comma_separated() {
    let text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /tags/{names}:\n    get:\n      operationId: getTags\n      parameters:\n        - {name: names, in: path, required: true, type: array, items: {type: string}, collectionFormat: ssv}\n      responses: {'204': {description: ok}}\n";
    let generated = wiretype::generate(text).expect("read liberally");
    let warning = generated.warnings.iter().find(|w| w.liberal).expect("a warning");
    assert_eq!(warning.pointer, "#/paths/~1tags~1{names}/get/parameters/0/collectionFormat");
    let op = generated.api.operations.iter().find(|o| o.name == "GetTags").expect("getTags");
    assert!(
        matches!(op.params[0].format, wiretype::ir::ParamFormat::List { explode: false, .. }),
        "{:?}",
        op.params[0].format
    );
    let strict = wiretype::config::Config { strict: true, ..Default::default() };
    let errors = wiretype::generate_with(text, &strict).err().expect("refused with --strict");
    assert!(errors.iter().any(|e| e.message.contains("no `ssv` style")), "{errors:#?}");
}

/// Each liberal reading of `tests/specs/liberal/` is warned at its place, in the file that
/// holds it, and `--strict` refuses each.
#[test]
fn a_liberal_reading_is_warned_where_the_document_says_it() {
    let generated = generated_from("liberal/openapi.yaml");
    let warnings: Vec<String> =
        generated.warnings.iter().filter(|w| w.liberal).map(|w| w.report("openapi.yaml")).collect();
    let expected = [
        "openapi.yaml: warning: #/info/description/$ref: `$ref: texts.yaml#/introduction` where OpenAPI allows only a value",
        "models.yaml: warning: #/LoadBalancer/properties/$ref: `$ref: attributes.yaml#/load_balancer` where OpenAPI allows only a value",
        "openapi.yaml: warning: #/paths/~1droplets~1{droplet_id}~1actions~1{action_id}/get/parameters/1: path parameter `region` does not appear in the path; dropped",
        "openapi.yaml: warning: #/paths/~1droplets~1{droplet_id}~1actions~1{action_id}/get: path template parameter `{action_id}` has no definition",
        "openapi.yaml: warning: #/paths/~1droplets~1{droplet_id}/delete: the operation has no `responses`",
        "openapi.yaml: warning: #/paths/~1load_balancers/post: the operation has no `responses`",
    ];
    assert_eq!(warnings.len(), expected.len(), "{warnings:#?}");
    for (warning, start) in warnings.iter().zip(expected) {
        assert!(warning.starts_with(start), "{warning}\n  expected to start with\n{start}");
    }
    // The description given by reference is the text it refers to.
    let description = generated.api.description.as_deref().unwrap_or_default();
    assert!(description.starts_with("Droplets are virtual machines."), "{description}");
    let strict = wiretype::config::Config { strict: true, ..Default::default() };
    let errors =
        wiretype::generate_file(&root().join("tests/specs/liberal/openapi.yaml"), &strict).err().expect("refused");
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
}

/// The Rust type each construct of `tests/specs/values.yaml` is given.
#[test]
fn every_value_gets_the_type_that_holds_it() {
    use wiretype::ir::Type;
    let api = generated_from("values.yaml").api;
    let reading = api.models.iter().find(|m| m.name == "Reading").expect("Reading");
    let wiretype::ir::ModelKind::Struct(reading) = &reading.kind else { panic!("a struct") };
    let ty = |name: &str| reading.fields.iter().find(|f| f.api_name == name).map(|f| f.ty.clone()).expect(name);
    let optional = |t: Type| Type::Option(Box::new(t));
    assert_eq!(ty("value"), Type::Number);
    assert_eq!(ty("ratio"), Type::Number32);
    assert_eq!(ty("counter"), Type::U64);
    assert_eq!(ty("wide"), Type::I128);
    assert_eq!(ty("big"), Type::U128);
    assert_eq!(ty("huge"), Type::BigInt);
    assert_eq!(ty("point"), Type::Tuple(vec![Type::Number, Type::Number, optional(Type::String)]));
    assert_eq!(ty("samples"), Type::Vec(Box::new(optional(Type::I64))));
    assert_eq!(ty("optional_samples"), Type::Vec(Box::new(optional(Type::I64))));
    assert_eq!(ty("labels"), Type::Map(Box::new(optional(Type::String))));
    // A number of a parameter is set in code only: as Rust writes it.
    let get = api.operations.iter().find(|o| o.name == "GetReading").expect("getReading");
    assert_eq!(get.params.iter().find(|p| p.api_name == "above").map(|p| &p.ty), Some(&Type::F64));
}

/// Streams as 3.0 and 3.1 documents declare them (a `schema` on `text/event-stream`): a
/// sequence of items, beside a JSON answer when there is one; a media type left out says so.
#[test]
fn an_older_stream_declaration_is_read_as_a_stream_beside_the_json_answer() {
    let text = r#"
openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /chat:
    post:
      operationId: chat
      requestBody: {content: {application/json: {schema: {type: object, properties: {stream: {type: boolean}}}}}}
      responses:
        '200':
          description: ok
          content:
            application/json: {schema: {$ref: '#/components/schemas/Answer'}}
            text/event-stream: {schema: {$ref: '#/components/schemas/Event'}}
            application/xml: {schema: {type: string}}
  /events:
    get:
      operationId: events
      responses:
        '200': {description: ok, content: {text/event-stream: {schema: {$ref: '#/components/schemas/Event'}}}}
components:
  schemas:
    Answer: {type: object, properties: {text: {type: string}}}
    Event: {type: object, properties: {delta: {type: string}}}
"#;
    let generated = wiretype::generate(text).unwrap_or_else(|e| panic!("{e:#?}"));
    let op = |name: &str| generated.api.operations.iter().find(|o| o.name == name).expect(name);
    let event = generated.api.models.iter().position(|m| m.name == "Event").expect("Event");
    let chat = op("Chat");
    assert!(matches!(chat.output, wiretype::ir::Output::Json(_)), "{:?}", chat.output);
    assert_eq!(
        chat.stream,
        Some(wiretype::ir::Stream {
            item: wiretype::ir::Type::Model(event),
            framing: wiretype::ir::Framing::EventData,
            media: "text/event-stream".to_owned(),
            member: Some("stream".to_owned()),
        })
    );
    assert_eq!(
        op("Events").output,
        wiretype::ir::Output::Sequence {
            item: wiretype::ir::Type::Model(event),
            framing: wiretype::ir::Framing::EventData
        }
    );
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(warnings[0].contains("the `application/xml` answer is left out"), "{warnings:#?}");
}

/// The generator knows the runtime's own sentinels (the config's are added to them).
#[test]
fn the_generator_and_the_runtime_end_streams_on_the_same_sentinels() {
    assert_eq!(wiretype::ir::DEFAULT_SENTINELS, graph_sync::runtime::sequence::SENTINELS);
}
