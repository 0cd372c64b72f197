//! Answers as the service writes them. Every operation of both versions that returns a JSON
//! body decodes a payload shaped like its reference page's example (written here, not
//! copied), quirks included, and encodes it back to the same JSON:
//! - date-times with Graph's seven fractional digits (`…12.4707552Z`), year 1, and `""`
//!   where the documentation shows an empty string (a job's quarantine times);
//! - flags written with blanks (`"Add, Update, Delete"`);
//! - `null`s, `@odata.*` annotations and members no description names;
//! - numbers as the service may write them (`1.50`, `1E+3`, an integer past 64 bits), each
//!   written back with its text: the texts are compared number by number.

use graph_sync::models::{DirectoryDefinition, SynchronizationJob, SynchronizationSchema};
use graph_sync::runtime::Timestamp;
use graph_sync::Operation;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use tests::cases;

fn quarantined_job() -> Value {
    json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals('sp-1')/synchronization/jobs/$entity",
        "id": "scim.5f6e7d8c9b0a41b2a3c4d5e6f7a8b9c0.91e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9",
        "templateId": "scim",
        "schedule": {"expiration": null, "interval": "PT40M", "state": "Active"},
        "status": {
            "code": "Quarantine",
            "countSuccessiveCompleteFailures": 3,
            "escrowsPruned": false,
            "lastExecution": {
                "activityIdentifier": "0d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                "countEntitled": 12,
                "countEntitledForProvisioning": 0,
                "countEscrowed": 2,
                "countEscrowedRaw": 2,
                "countExported": 10,
                "countExports": 10,
                "countImported": 12,
                "countImportedDeltas": 0,
                "countImportedReferenceDeltas": 0,
                "error": {"code": "SchemaInvalid", "message": "The target rejected the request.", "tenantActionable": true},
                "state": "Failed",
                "timeBegan": "2024-05-01T08:30:12.4707552Z",
                "timeEnded": "2024-05-01T08:31:02.1254879Z"
            },
            "lastSuccessfulExecution": null,
            "lastSuccessfulExecutionWithExports": null,
            "progress": [],
            "quarantine": {
                "currentBegan": "2024-05-01T08:31:02.1254879Z",
                "nextAttempt": "",
                "reason": "EncounteredQuarantineException",
                "seriesBegan": "",
                "seriesCount": 2,
                "error": {"code": "SchemaInvalid", "message": "The target rejected the request.", "tenantActionable": true}
            },
            "steadyStateFirstAchievedTime": "0001-01-01T00:00:00Z",
            "steadyStateLastAchievedTime": "0001-01-01T00:00:00Z",
            "synchronizedEntryCountByType": [{"key": "user to User", "value": 12}],
            "troubleshootingUrl": ""
        },
        "synchronizationJobSettings": [{"name": "QuarantineTooManyDeletesThreshold", "value": "500"}],
        "aFutureMember": {"notInAnyDescription": [1, 2]}
    })
}

fn directory() -> Value {
    json!({
        "id": "66e4a8cc-1b7b-435e-95f8-f06cea133828",
        "discoverabilities": "AttributeNames, AttributeDataTypes",
        "discoveryDateTime": "2024-05-01T08:30:12.4707552Z",
        "name": "Azure Active Directory",
        "readOnly": true,
        "version": "2024-05-01 08:30:12Z",
        "objects": [{
            "name": "User",
            "supportedApis": ["users"],
            "metadata": [{"key": "PropertyNameAccountEnabled", "value": "accountEnabled"}],
            "attributes": [{
                "anchor": false,
                "apiExpressions": [],
                "caseExact": false,
                "defaultValue": null,
                "flowNullValues": false,
                "metadata": [],
                "multivalued": false,
                "mutability": "ReadWrite",
                "name": "displayName",
                "referencedObjects": [],
                "required": false,
                "type": "String"
            }]
        }]
    })
}

fn schema() -> Value {
    json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals('sp-1')/synchronization/jobs('j')/schema/$entity",
        "id": "scim",
        "version": "Date:2024-05-01 08:30:12Z;Version:11",
        "directories": [directory()],
        "synchronizationRules": [{
            "editable": true,
            "id": "03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8",
            "metadata": [{"key": "defaultSourceObjectMappings", "value": "{\"Users\":\"user\"}"}],
            "name": "USER_OUTBOUND_USER",
            "priority": 1,
            "sourceDirectoryName": "Azure Active Directory",
            "targetDirectoryName": "customappsso",
            "objectMappings": [{
                "enabled": true,
                "flowTypes": "Add, Update, Delete",
                "metadata": [],
                "name": "Provision Azure Active Directory Users",
                "scope": null,
                "sourceObjectName": "User",
                "targetObjectName": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                "attributeMappings": [{
                    "defaultValue": "",
                    "exportMissingReferences": false,
                    "flowBehavior": "FlowWhenChanged",
                    "flowType": "Always",
                    "matchingPriority": 1,
                    "source": {"expression": "[userPrincipalName]", "name": "userPrincipalName", "parameters": [], "type": "Attribute"},
                    "targetAttributeName": "userName"
                }]
            }]
        }]
    })
}

fn template() -> Value {
    json!({
        "id": "scim",
        "applicationId": "8adf8e6e-67b2-4cf2-a259-e3dc5476c621",
        "default": true,
        "description": null,
        "discoverable": true,
        "factoryTag": "CustomSCIM",
        "metadata": [{"key": "supportsProvisioning", "value": "true"}]
    })
}

/// A payload per output model, as the pages' examples are shaped.
fn payloads() -> BTreeMap<&'static str, Value> {
    let collection = |item: Value| json!({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#x", "value": [item], "@odata.nextLink": "https://graph.microsoft.com/v1.0/next?$skiptoken=a"});
    BTreeMap::from([
        ("SynchronizationJob", quarantined_job()),
        ("SynchronizationJobCollectionResponse", collection(quarantined_job())),
        (
            "Synchronization",
            json!({"id": "sync-1", "secrets": [{"key": "BaseAddress", "value": "https://scim.example.com/v2"}]}),
        ),
        ("BulkUpload", json!({"@odata.type": "#microsoft.graph.bulkUpload", "id": "bulk-1"})),
        ("SynchronizationSchema", schema()),
        ("DirectoryDefinition", directory()),
        ("DirectoryDefinitionCollectionResponse", collection(directory())),
        ("SynchronizationTemplate", template()),
        ("SynchronizationTemplateCollectionResponse", collection(template())),
        (
            "StringKeyStringValuePair",
            json!({"@odata.type": "#microsoft.graph.synchronizationSecretKeyStringValuePair", "key": "{\"provisioningSteps\":[]}", "value": "{\"provisioningSteps\":[{\"name\":\"EntryImport\",\"status\":\"Success\",\"timestamp\":\"2024-05-01T08:30:12.4707552Z\"}]}"}),
        ),
        (
            "ParseExpressionResponse",
            json!({
                "error": null,
                "evaluationResult": null,
                "evaluationSucceeded": false,
                "parsedExpression": {
                    "expression": "Join(\", \", [givenName], [surname])",
                    "name": "Join",
                    "type": "Function",
                    "parameters": [{"key": "separator", "value": {"expression": "\", \"", "name": ", ", "parameters": [], "type": "Constant"}}]
                },
                "parsingSucceeded": true
            }),
        ),
        (
            "FilterOperators",
            json!({"value": [{"name": "EQUALS", "multivaluedComparisonType": "All", "supportedAttributeTypes": ["String", "Integer", "Reference", "Binary", "Boolean", "DateTime"]}]}),
        ),
        (
            "Functions",
            json!({"value": [{"name": "Append", "parameters": [{"allowMultipleOccurrences": false, "name": "source", "required": true, "type": "String"}]}]}),
        ),
        ("Ping", json!({"@odata.context": "https://graph.microsoft.com/beta/$metadata#Edm.String", "value": "OK"})),
    ])
}

/// Inline answer models are named after their operation; they share one payload each.
fn payload_for(output: &str, all: &BTreeMap<&'static str, Value>) -> Option<Value> {
    let key = if output.ends_with("FilterOperatorResponse") {
        "FilterOperators"
    } else if output.ends_with("FunctionResponse") {
        "Functions"
    } else if output.ends_with("PingResponse") {
        "Ping"
    } else {
        output
    };
    all.get(key).cloned()
}

/// The payload's text, with members a future version might add in numbers a
/// `serde_json::Value` would write otherwise (an object's answer; in each item of a list's).
fn with_numbers_as_written(payload: &Value) -> String {
    const MEMBERS: &str =
        r#""aDecimal":1.50,"aWideCount":123456789012345678901234567890,"anExponent":1E+3,"aNegativeZero":-0"#;
    let add = |object: &Value| {
        let text = object.to_string();
        match text.strip_suffix('}') {
            Some(open) if open.len() > 1 => format!("{open},{MEMBERS}}}"),
            _ => format!("{{{MEMBERS}}}"),
        }
    };
    match payload {
        Value::Object(members) => match members.get("value") {
            Some(Value::Array(items)) if items.iter().all(Value::is_object) => {
                let mut outer = members.clone();
                outer.remove("value");
                let items: Vec<String> = items.iter().map(add).collect();
                let outer = add(&Value::Object(outer));
                let open = outer.strip_suffix('}').unwrap_or(&outer);
                format!("{open},\"value\":[{}]}}", items.join(","))
            }
            _ => add(payload),
        },
        other => other.to_string(),
    }
}

#[test]
fn every_answer_with_a_body_decodes_and_encodes_back_unchanged() {
    let all = payloads();
    let mut checked = 0;
    let mut problems = Vec::new();
    for (version, list) in [("v1.0", cases::v1_0()), ("beta", cases::beta())] {
        for case in list {
            let Some(output) = case.output else { continue };
            let Some(payload) = payload_for(output, &all) else {
                problems.push(format!("{version} {}: no payload for {output}", case.name));
                continue;
            };
            let text = with_numbers_as_written(&payload);
            let response = http::Response::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(text.clone().into_bytes())
                .expect("response");
            match (case.reencode)(response).map(|again| (versions::json_text::same(&text, &again), again)) {
                Ok((Ok(()), _)) => checked += 1,
                Ok((Err(why), again)) => {
                    problems.push(format!("{version} {}: changed on the way back ({why}):\n{again}", case.name));
                }
                Err(e) => problems.push(format!("{version} {}: {e}", case.name)),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked >= 50, "{checked} answers checked");
}

#[test]
fn loosely_written_values_are_kept_and_reachable() {
    let job: SynchronizationJob = serde_json::from_value(quarantined_job()).expect("the whole job decodes");
    let status = job.status.as_ref().expect("status");
    let quarantine = status.quarantine.as_ref().expect("quarantine");
    let next = quarantine.next_attempt.as_ref().expect("present, though empty");
    assert_eq!((next.as_str(), next.is_valid(), next.value()), ("", false, None));
    let began = quarantine.current_began.as_ref().and_then(Timestamp::value).expect("a real date-time");
    assert_eq!(began.timestamp_subsec_nanos(), 125_487_900);
    let time_began = status.last_execution.as_ref().and_then(|e| e.time_began.as_ref()).expect("timeBegan");
    assert_eq!(time_began.as_str(), "2024-05-01T08:30:12.4707552Z");
    // Unknown members stay reachable too.
    assert_eq!(job.additional_properties["aFutureMember"], json!({"notInAnyDescription": [1, 2]}));
}

#[test]
fn flags_keep_their_text_until_changed() {
    let schema: SynchronizationSchema = serde_json::from_value(schema()).expect("schema");
    let mapping =
        &schema.synchronization_rules.as_ref().expect("rules")[0].object_mappings.as_ref().expect("mappings")[0];
    let flows = mapping.flow_types.clone().expect("flowTypes");
    assert_eq!(flows.len(), 3);
    assert_eq!(serde_json::to_value(&flows).expect("json"), json!("Add, Update, Delete"));
    let directory: DirectoryDefinition = serde_json::from_value(directory()).expect("directory");
    let mut found = directory.discoverabilities.expect("discoverabilities");
    assert_eq!(found.to_string(), "AttributeNames, AttributeDataTypes");
    let first = found.iter().next().cloned().expect("a member");
    found.remove(&first);
    assert_eq!(found.to_string(), "AttributeDataTypes", "a changed set is written anew");
}

#[test]
fn a_job_read_from_the_service_is_sent_back_as_it_came() {
    // Read-modify-write: what a PATCH sends after a GET keeps every quirk.
    let job: SynchronizationJob = serde_json::from_value(quarantined_job()).expect("job");
    let patch = graph_sync::operations::ServicePrincipalSynchronizationUpdateJob::new("sp-1", "job-1", job);
    let request = patch.to_http(graph_sync::DEFAULT_BASE_URL).expect("request");
    let sent: Value = serde_json::from_slice(request.body()).expect("json");
    assert_eq!(sent, quarantined_job());
}
