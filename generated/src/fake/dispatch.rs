//! What the fake answers on a documented route: the route decides the status (the
//! documented one), the state decides the body.

use super::routes::{query_pairs, Route};
use super::seed;
use super::state::{date_time, job_id, Job, Principal, State};
use serde_json::{json, Map, Value};
use std::time::Instant;

/// A request that reached a documented route.
#[derive(Debug)]
pub(crate) struct Call<'a> {
    /// `v1.0` or `beta`.
    pub(crate) version: &'a str,
    pub(crate) route: Route,
    /// The path parameters' values, in order.
    pub(crate) params: Vec<String>,
    /// The path as sent, with its version prefix, without the query.
    pub(crate) path: &'a str,
    /// The query as sent (without `?`).
    pub(crate) query: &'a str,
    pub(crate) body: &'a [u8],
}

/// An answer's body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Body {
    Empty,
    Json(Value),
    Text(String),
    Bytes(Vec<u8>),
}

/// An answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Body,
}

impl Reply {
    fn new(status: u16, body: Body) -> Reply {
        Reply { status, headers: Vec::new(), body }
    }

    /// Graph's error body.
    pub(crate) fn error(status: u16, code: &str, message: &str) -> Reply {
        Reply::new(status, Body::Json(json!({"error": {"code": code, "message": message}})))
    }

    fn not_found(what: &str, id: &str) -> Reply {
        Reply::error(404, "ResourceNotFound", &format!("The {what} '{id}' does not exist (fake)."))
    }
}

/// The answer to a call on a documented route.
pub(crate) fn answer(state: &mut State, call: &Call<'_>) -> Reply {
    state.settle(Instant::now());
    let mut segments = call.route.path.trim_matches('/').split('/');
    let owner = match (segments.next(), call.params.first()) {
        (Some(first), Some(id)) if first.contains("(appId=") => match state.app_ids.get(id) {
            Some(sp) => format!("sp:{sp}"),
            None => return Reply::not_found("service principal with appId", id),
        },
        (Some(first), Some(id)) if first.eq_ignore_ascii_case("applications") => format!("app:{id}"),
        (Some(_), Some(id)) => format!("sp:{id}"),
        _ => return generic(state, call),
    };
    // The route after `…/synchronization`, literal segments lower-cased, parameters `{}`.
    let shape: Vec<String> = segments
        .skip_while(|s| !s.eq_ignore_ascii_case("synchronization"))
        .skip(1)
        .map(|s| if s.starts_with('{') { "{}".to_owned() } else { s.to_ascii_lowercase() })
        .collect();
    let shape: Vec<&str> = shape.iter().map(String::as_str).collect();
    let ids = call.params.get(1..).unwrap_or_default();
    let id = ids.first().map_or("", String::as_str);
    let status = call.route.status;
    let method = call.route.method.to_ascii_uppercase();
    let now = Instant::now();
    match (method.as_str(), shape.as_slice()) {
        ("GET", []) => Reply::new(status, Body::Json(json!({"secrets": state.principal(&owner).secrets}))),
        ("PUT", []) => match object(call) {
            Ok(body) => {
                let principal = state.principal(&owner);
                if let Some(Value::Array(secrets)) = body.get("secrets") {
                    principal.secrets.clone_from(secrets);
                }
                Reply::new(204, Body::Empty)
            }
            Err(reply) => reply,
        },
        ("DELETE", []) => {
            let principal = state.principal(&owner);
            principal.jobs.clear();
            principal.secrets.clear();
            Reply::new(204, Body::Empty)
        }
        ("GET", ["jobs"]) => {
            let principal = state.principal(&owner).clone();
            let jobs = principal.jobs.iter().map(|j| state.render(j)).collect();
            list(state, call, jobs)
        }
        ("GET", ["jobs", "$count"]) => count(state.principal(&owner).jobs.len()),
        ("POST", ["jobs"]) => create_job(state, &owner, call),
        ("POST", ["jobs", "validatecredentials"]) => match object(call) {
            Ok(_) => Reply::new(status, Body::Empty),
            Err(reply) => reply,
        },
        (_, ["jobs", "{}", rest @ ..]) => {
            let cycle_time = state.cycle_time;
            let origin = state.origin.clone();
            let principal = state.principal(&owner);
            let Some(index) = principal.jobs.iter().position(|j| job_id(j) == id) else {
                return Reply::not_found("synchronization job", id);
            };
            match (method.as_str(), rest) {
                ("GET", []) => {
                    let job = principal.jobs.get(index).cloned();
                    job.map_or_else(
                        || Reply::not_found("synchronization job", id),
                        |j| json_reply(status, state.render(&j)),
                    )
                }
                (_, _) => {
                    let Some(job) = principal.jobs.get_mut(index) else {
                        return Reply::not_found("synchronization job", id);
                    };
                    let done =
                        job_action(job, call, &method, rest, JobContext { now, cycle_time, origin: &origin, status });
                    if done.status == 204 && method == "DELETE" && rest.is_empty() {
                        principal.jobs.remove(index);
                    }
                    done
                }
            }
        }
        ("PUT", ["secrets"]) => match object(call) {
            Ok(body) => {
                let principal = state.principal(&owner);
                for secret in body.get("value").and_then(Value::as_array).into_iter().flatten() {
                    let key = secret.get("key").cloned();
                    match principal.secrets.iter_mut().find(|s| s.get("key") == key.as_ref()) {
                        Some(held) => *held = secret.clone(),
                        None => principal.secrets.push(secret.clone()),
                    }
                }
                Reply::new(status, Body::Empty)
            }
            Err(reply) => reply,
        },
        ("GET", ["secrets", "$count"]) => count(state.principal(&owner).secrets.len()),
        ("GET", ["templates"]) => {
            let templates = state.principal(&owner).templates.iter().map(|(t, _)| Value::Object(t.clone())).collect();
            list(state, call, templates)
        }
        ("GET", ["templates", "$count"]) => count(state.principal(&owner).templates.len()),
        ("POST", ["templates"]) => match object(call) {
            Ok(mut body) => {
                let template_id = body
                    .get("id")
                    .and_then(Value::as_str)
                    .map_or_else(|| uuid::Uuid::new_v4().simple().to_string(), str::to_owned);
                body.insert("id".into(), json!(template_id));
                let schema = body.remove("schema").unwrap_or_else(|| seed::schema(&template_id, "custom"));
                state.principal(&owner).templates.push((body.clone(), schema));
                Reply::new(201, Body::Json(Value::Object(body)))
            }
            Err(reply) => reply,
        },
        (_, ["templates", "{}", rest @ ..]) => {
            let principal = state.principal(&owner);
            let Some(index) =
                principal.templates.iter().position(|(t, _)| t.get("id").and_then(Value::as_str) == Some(id))
            else {
                return Reply::not_found("synchronization template", id);
            };
            template_action(principal, index, call, &method, rest, status)
        }
        _ => generic(state, call),
    }
}

/// What a job's sub-routes need besides the job.
struct JobContext<'a> {
    now: Instant,
    cycle_time: std::time::Duration,
    origin: &'a str,
    status: u16,
}

fn job_action(job: &mut Job, call: &Call<'_>, method: &str, rest: &[&str], at: JobContext<'_>) -> Reply {
    let status = at.status;
    match (method, rest) {
        ("DELETE", []) => Reply::new(status, Body::Empty),
        ("PATCH", []) => match object(call) {
            Ok(body) => {
                for (key, value) in body {
                    if key != "id" && key != "status" {
                        job.value.insert(key, value);
                    }
                }
                Reply::new(204, Body::Empty)
            }
            Err(reply) => reply,
        },
        ("POST", ["start"]) => {
            job.start(at.now, at.cycle_time);
            Reply::new(status, Body::Empty)
        }
        ("POST", ["pause"]) => {
            job.pause(at.now);
            Reply::new(status, Body::Empty)
        }
        ("POST", ["restart"]) => {
            let body = if call.body.is_empty() { Ok(Map::new()) } else { object(call) };
            match body {
                Ok(body) => {
                    let scope = body.get("criteria").and_then(|c| c.get("resetScope")).map(|s| match s {
                        Value::String(text) => text.clone(),
                        other => other.to_string(),
                    });
                    job.restart(at.now, at.cycle_time, scope);
                    Reply::new(status, Body::Empty)
                }
                Err(reply) => reply,
            }
        }
        ("POST", ["validatecredentials"]) => match object(call) {
            Ok(_) => Reply::new(status, Body::Empty),
            Err(reply) => reply,
        },
        ("POST", ["provisionondemand"]) => provision_on_demand(call, at.origin),
        ("POST", ["bulkupload"]) => {
            job.bulk_upload = call.body.to_vec();
            let operations = serde_json::from_slice::<Value>(call.body)
                .ok()
                .and_then(|b| b.get("Operations").and_then(Value::as_array).cloned())
                .unwrap_or_default();
            job.uploads.push((at.now, operations));
            let location =
                format!("{}/{}/auditLogs/provisioning?$filter=jobId%20eq%20'{}'", at.origin, call.version, job_id(job));
            Reply { status, headers: vec![("location".into(), location)], body: Body::Empty }
        }
        ("GET", ["bulkupload"]) => json_reply(status, json!({})),
        ("PATCH" | "DELETE", ["bulkupload"]) => Reply::new(204, Body::Empty),
        ("GET", ["bulkupload", "$value"]) => Reply::new(200, Body::Bytes(job.bulk_upload.clone())),
        ("PUT", ["bulkupload", "$value"]) => {
            job.bulk_upload = call.body.to_vec();
            Reply::new(204, Body::Empty)
        }
        ("DELETE", ["bulkupload", "$value"]) => {
            job.bulk_upload.clear();
            Reply::new(204, Body::Empty)
        }
        (_, ["schema", rest @ ..]) => {
            let default = job.default_schema.clone();
            schema_action(&mut job.schema, &default, call, method, rest, status)
        }
        _ => Reply::new(status, documented_body(&call.route)),
    }
}

fn template_action(
    principal: &mut Principal,
    index: usize,
    call: &Call<'_>,
    method: &str,
    rest: &[&str],
    status: u16,
) -> Reply {
    let Some((template, schema)) = principal.templates.get_mut(index) else {
        return Reply::error(404, "ResourceNotFound", "no such template (fake)");
    };
    match (method, rest) {
        ("GET", []) => json_reply(status, Value::Object(template.clone())),
        ("PATCH", []) => match object(call) {
            Ok(body) => {
                for (key, value) in body {
                    if key != "id" {
                        template.insert(key, value);
                    }
                }
                Reply::new(204, Body::Empty)
            }
            Err(reply) => reply,
        },
        ("DELETE", []) => {
            principal.templates.remove(index);
            Reply::new(204, Body::Empty)
        }
        (_, ["schema", rest @ ..]) => {
            let id = template.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
            let default = seed::schema(&id, template.get("factoryTag").and_then(Value::as_str).unwrap_or("custom"));
            schema_action(schema, &default, call, method, rest, status)
        }
        _ => Reply::new(status, documented_body(&call.route)),
    }
}

/// The schema's routes (of a job or a template).
fn schema_action(
    schema: &mut Value,
    default: &Value,
    call: &Call<'_>,
    method: &str,
    rest: &[&str],
    status: u16,
) -> Reply {
    let ids = call.params.get(2..).unwrap_or_default();
    let directory_id = ids.first().map_or("", String::as_str);
    match (method, rest) {
        ("GET", []) => json_reply(status, schema.clone()),
        ("PUT", []) => match object(call) {
            Ok(body) => {
                let id = schema.get("id").cloned();
                *schema = Value::Object(body);
                if let (Some(id), Some(object)) = (id, schema.as_object_mut()) {
                    object.entry("id").or_insert(id);
                }
                Reply::new(status, Body::Empty)
            }
            Err(reply) => reply,
        },
        ("PATCH", []) => match object(call) {
            Ok(body) => {
                if let Some(object) = schema.as_object_mut() {
                    object.extend(body);
                }
                Reply::new(204, Body::Empty)
            }
            Err(reply) => reply,
        },
        ("DELETE", []) => {
            *schema = default.clone();
            Reply::new(status, Body::Empty)
        }
        ("GET", ["filteroperators"]) => collection(status, seed::filter_operators()),
        ("GET", ["functions"]) => collection(status, seed::functions()),
        ("POST", ["parseexpression"]) => match object(call) {
            Ok(body) => parse_expression(status, body.get("expression").and_then(Value::as_str).unwrap_or_default()),
            Err(reply) => reply,
        },
        (_, ["directories", rest @ ..]) => {
            let directories = match schema.get_mut("directories") {
                Some(Value::Array(directories)) => directories,
                _ => return Reply::not_found("directory", directory_id),
            };
            let position = directories.iter().position(|d| d.get("id").and_then(Value::as_str) == Some(directory_id));
            match (method, rest, position) {
                ("GET", [], _) => collection(200, directories.clone()),
                ("GET", ["$count"], _) => count(directories.len()),
                ("POST", [], _) => match object(call) {
                    Ok(mut body) => {
                        body.entry("id").or_insert_with(|| json!(uuid::Uuid::new_v4().simple().to_string()));
                        let created = Value::Object(body);
                        directories.push(created.clone());
                        json_reply(201, created)
                    }
                    Err(reply) => reply,
                },
                (_, ["{}", ..], None) => Reply::not_found("directory", directory_id),
                ("GET", ["{}"], Some(at)) => json_reply(200, directories.get(at).cloned().unwrap_or_default()),
                ("PATCH", ["{}"], Some(at)) => match object(call) {
                    Ok(body) => {
                        if let Some(Value::Object(directory)) = directories.get_mut(at) {
                            directory.extend(body);
                        }
                        Reply::new(204, Body::Empty)
                    }
                    Err(reply) => reply,
                },
                ("DELETE", ["{}"], Some(at)) => {
                    directories.remove(at);
                    Reply::new(204, Body::Empty)
                }
                ("POST", ["{}", "discover"], Some(at)) => {
                    let when = date_time(std::time::SystemTime::now());
                    match directories.get_mut(at) {
                        Some(Value::Object(directory)) => {
                            directory.insert("discoveryDateTime".into(), json!(when));
                            json_reply(status, Value::Object(directory.clone()))
                        }
                        _ => Reply::not_found("directory", directory_id),
                    }
                }
                _ => Reply::new(status, documented_body(&call.route)),
            }
        }
        _ => Reply::new(status, documented_body(&call.route)),
    }
}

/// `POST …/jobs`: a job from one of the principal's templates, as the create-job page shows.
fn create_job(state: &mut State, owner: &str, call: &Call<'_>) -> Reply {
    let body = match object(call) {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    let Some(template_id) = body.get("templateId").and_then(Value::as_str).map(str::to_owned) else {
        return Reply::error(
            400,
            "BadRequest",
            "templateId is required: the id of one of the templates of this application.",
        );
    };
    let principal = state.principal(owner);
    let Some((_, schema)) =
        principal.templates.iter().find(|(t, _)| t.get("id").and_then(Value::as_str) == Some(&template_id))
    else {
        return Reply::error(
            400,
            "BadRequest",
            &format!("The template '{template_id}' is not one of this application's templates."),
        );
    };
    let job = Job::new(&template_id, schema.clone(), body);
    principal.jobs.push(job.clone());
    json_reply(call.route.status, state.render(&job))
}

/// `POST …/provisionOnDemand`: the steps of provisioning the first subject, as JSON text in
/// a key/value pair (the page's example shape: the result in `key`, the steps in `value`).
fn provision_on_demand(call: &Call<'_>, origin: &str) -> Reply {
    let body = match object(call) {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    let subject = body
        .get("parameters")
        .and_then(Value::as_array)
        .and_then(|p| p.first())
        .and_then(|p| p.get("subjects"))
        .and_then(Value::as_array)
        .and_then(|s| s.first())
        .cloned();
    let Some(subject) = subject else {
        return Reply::error(400, "BadRequest", "parameters[0].subjects[0] is required: the object to provision.");
    };
    let object_id = subject.get("objectId").and_then(Value::as_str).unwrap_or_default();
    let object_type = subject.get("objectTypeName").and_then(Value::as_str).unwrap_or("user");
    let now = date_time(std::time::SystemTime::now());
    let step = |name: &str, kind: &str, description: String| {
        json!({"name": name, "type": kind, "status": "Success", "description": description, "timestamp": now,
               "details": {"objectId": object_id}})
    };
    let value = json!({
        "action": "Create",
        "changeId": uuid::Uuid::new_v4().to_string(),
        "startTime": now,
        "endTime": now,
        "modifiedProperties": [{"displayName": "objectId", "oldValue": null, "newValue": object_id}],
        "provisioningSteps": [
            step("EntryImport", "Import", format!("Read {object_type} '{object_id}' from the source (fake)")),
            step("EntrySynchronizationScoping", "Scoping", format!("{object_type} '{object_id}' is in scope (fake)")),
            step("EntryImport", "Matching", format!("No match for '{object_id}' in the target (fake)")),
            step("EntryExportAdd", "Export", format!("Created '{object_id}' in the target (fake)")),
        ],
        "reportableIdentifier": object_id,
        "statusInfo": {"status": "Success", "errorCode": null, "reason": null, "additionalDetails": null, "errorCategory": null, "recommendedAction": null},
        "sourceIdentity": {"id": object_id, "type": object_type, "displayName": null, "details": null},
        "sourceSystem": {"id": null, "name": "Microsoft Entra ID", "details": null},
        "targetIdentity": {"id": uuid::Uuid::new_v4().to_string(), "type": object_type, "displayName": null, "details": null},
        "targetSystem": {"id": null, "name": "fake target", "details": null},
    });
    json_reply(
        call.route.status,
        json!({
            "@odata.context": format!("{origin}/{}/$metadata#microsoft.graph.stringKeyStringValuePair", call.version),
            "key": json!({"result": "Success", "details": {}}).to_string(),
            "value": value.to_string(),
        }),
    )
}

/// `POST …/parseExpression`: an expression with balanced brackets and parentheses parses.
fn parse_expression(status: u16, expression: &str) -> Reply {
    let balanced = expression.chars().try_fold(Vec::new(), |mut open, c| {
        match c {
            '[' | '(' => open.push(c),
            ']' if open.pop() != Some('[') => return None,
            ')' if open.pop() != Some('(') => return None,
            _ => {}
        }
        Some(open)
    });
    let parsed = !expression.trim().is_empty() && balanced.is_some_and(|open| open.is_empty());
    let kind = if expression.starts_with('[') {
        "Attribute"
    } else if expression.starts_with('"') {
        "Constant"
    } else {
        "Function"
    };
    let name = expression.trim_matches(|c| c == '[' || c == ']' || c == '"').split('(').next().unwrap_or_default();
    json_reply(
        status,
        json!({
            "error": if parsed { Value::Null } else { json!({"code": "InvalidExpression", "message": format!("'{expression}' does not parse (fake).")}) },
            "evaluationResult": [],
            "evaluationSucceeded": false,
            "parsedExpression": if parsed { json!({"expression": expression, "name": name, "parameters": [], "type": kind}) } else { Value::Null },
            "parsingSucceeded": parsed,
        }),
    )
}

/// `GET /{version}/auditLogs/provisioning` (the provisioning logs a bulk upload's
/// `Location` points at), with `$filter=jobId eq '…'`: the logs of the uploads processed.
pub(crate) fn provisioning_logs(state: &State, query: &str) -> Reply {
    let filter =
        query_pairs(query).into_iter().find(|(k, _)| k.eq_ignore_ascii_case("$filter")).map(|(_, value)| value);
    let job = match &filter {
        None => None,
        Some(filter) => {
            let wanted = filter
                .split_once(" eq ")
                .filter(|(field, _)| field.trim().eq_ignore_ascii_case("jobId"))
                .map(|(_, value)| value.trim().trim_matches('\'').to_owned());
            match wanted {
                Some(job) => Some(job),
                None => {
                    return Reply::error(
                        400,
                        "BadRequest",
                        &format!("The fake filters provisioning logs by `jobId eq '…'` only, not `{filter}`."),
                    )
                }
            }
        }
    };
    let logs = state.provisioning_logs(job.as_deref(), Instant::now());
    json_reply(200, json!({ "value": logs }))
}

/// A documented route the fake keeps no state for: the documented status and kind of body.
fn generic(state: &State, call: &Call<'_>) -> Reply {
    match documented_body(&call.route) {
        Body::Json(Value::Array(items)) => list(state, call, items),
        body => Reply::new(call.route.status, body),
    }
}

/// The documented kind of body, empty of content.
fn documented_body(route: &Route) -> Body {
    match route.body {
        "none" => Body::Empty,
        "text" => Body::Text("0".into()),
        "bytes" => Body::Bytes(Vec::new()),
        collection if collection.starts_with("collection(") => Body::Json(Value::Array(Vec::new())),
        _ => Body::Json(json!({})),
    }
}

fn json_reply(status: u16, value: Value) -> Reply {
    Reply::new(status, Body::Json(value))
}

fn count(n: usize) -> Reply {
    Reply::new(200, Body::Text(n.to_string()))
}

fn collection(status: u16, items: Vec<Value>) -> Reply {
    json_reply(status, json!({ "value": items }))
}

/// A list as Graph pages it: at most `$top` (or the fake's page size) items, the rest
/// behind `@odata.nextLink` (`$skiptoken`), `@odata.count` when `$count=true`.
fn list(state: &State, call: &Call<'_>, items: Vec<Value>) -> Reply {
    let pairs = query_pairs(call.query);
    let value_of = |name: &str| pairs.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone());
    let skip = value_of("$skiptoken").and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
    let size =
        value_of("$top").and_then(|v| v.parse::<usize>().ok()).unwrap_or(state.page_size).clamp(1, state.page_size);
    let total = items.len();
    let page: Vec<Value> = items.into_iter().skip(skip).take(size).collect();
    let mut body = Map::new();
    body.insert(
        "@odata.context".into(),
        json!(format!("{}/{}/$metadata#Collection({})", state.origin, call.version, collection_type(&call.route))),
    );
    if value_of("$count").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        body.insert("@odata.count".into(), json!(total));
    }
    body.insert("value".into(), Value::Array(page));
    if skip + size < total {
        // The query as the client wrote it, but the skip token.
        let kept: Vec<&str> = call
            .query
            .split('&')
            .filter(|raw| !raw.is_empty() && query_pairs(raw).first().is_none_or(|(key, _)| key != "$skiptoken"))
            .collect();
        let mut query = kept.join("&");
        if !query.is_empty() {
            query.push('&');
        }
        body.insert(
            "@odata.nextLink".into(),
            json!(format!("{}{}?{query}$skiptoken={}", state.origin, call.path, skip + size)),
        );
    }
    json_reply(200, Value::Object(body))
}

/// `microsoft.graph.synchronizationJob` for a route documented as `collection(synchronizationJob)`.
fn collection_type(route: &Route) -> String {
    let inner = route.body.strip_prefix("collection(").and_then(|b| b.strip_suffix(')')).unwrap_or(route.body);
    format!("microsoft.graph.{inner}")
}

/// The body as a JSON object, or the 400 the service answers.
fn object(call: &Call<'_>) -> Result<Map<String, Value>, Reply> {
    match serde_json::from_slice::<Value>(call.body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(Reply::error(
            400,
            "BadRequest",
            &format!("The request body must be a JSON object, not {}.", kind_of(&other)),
        )),
        Err(e) => Err(Reply::error(400, "BadRequest", &format!("The request body is no JSON: {e}."))),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
