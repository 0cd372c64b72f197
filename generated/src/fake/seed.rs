//! What a service principal holds before the test touches it: the templates its
//! application offers, each with a default schema shaped as the reference pages show
//! (rules, object mappings, attribute mappings, directories), and the schema's operators
//! and functions. The values are the fake's own, not copied from any page.

use serde_json::{json, Value};

/// The templates every service principal of the fake offers (`BoxOutDelta` is the one the
/// create-job page uses).
pub(crate) const TEMPLATES: &[(&str, &str)] =
    &[("BoxOutDelta", "box"), ("slackOutDelta", "slack"), ("scim", "scim"), ("AD2AADProvisioning", "AD2AAD")];

/// A template as `GET …/templates/{id}` answers it (its schema is a navigation property).
pub(crate) fn template(id: &str, factory_tag: &str, application_id: &str) -> Value {
    json!({
        "id": id,
        "applicationId": application_id,
        "default": true,
        "description": format!("Provisioning from Microsoft Entra ID to {factory_tag} (fake)"),
        "discoverable": true,
        "factoryTag": factory_tag,
        "metadata": [{"key": "GalleryApplicationIdentifier", "value": factory_tag}],
    })
}

/// One attribute mapping from a source attribute to a target attribute.
fn mapping(source: &str, target: &str, matching_priority: i32) -> Value {
    json!({
        "defaultValue": null,
        "exportMissingReferences": false,
        "flowBehavior": "FlowWhenChanged",
        "flowType": "Always",
        "matchingPriority": matching_priority,
        "source": {"expression": format!("[{source}]"), "name": source, "parameters": [], "type": "Attribute"},
        "targetAttributeName": target,
    })
}

/// The schema a job (or template) starts with.
pub(crate) fn schema(id: &str, target: &str) -> Value {
    json!({
        "id": id,
        "version": "Date:2026-01-01T00:00:00Z~Fake",
        "synchronizationRules": [{
            "id": format!("{id}.rule"),
            "name": format!("USER_OUTBOUND_{}", target.to_ascii_uppercase()),
            "editable": true,
            "priority": 1,
            "sourceDirectoryName": "Azure Active Directory",
            "targetDirectoryName": target,
            "metadata": [{"key": "defaultSourceObjectMappings", "value": "user"}],
            "containerFilter": {"includedContainers": []},
            "groupFilter": {"includedGroups": []},
            "objectMappings": object_mappings(target),
        }],
        "directories": [directory("Azure Active Directory", false), directory(target, true)],
    })
}

/// The rule's object mappings: users (with an expression mapping) and groups.
fn object_mappings(target: &str) -> Value {
    let active = json!({
        "defaultValue": null,
        "exportMissingReferences": false,
        "flowBehavior": "FlowWhenChanged",
        "flowType": "Always",
        "matchingPriority": 0,
        "source": {
            "expression": "Not([IsSoftDeleted])",
            "name": "Not",
            "type": "Function",
            "parameters": [{"key": "source", "value": {"expression": "[IsSoftDeleted]", "name": "IsSoftDeleted", "parameters": [], "type": "Attribute"}}],
        },
        "targetAttributeName": "active",
    });
    let users = json!({
        "enabled": true,
        "flowTypes": "Add,Update,Delete",
        "metadata": [],
        "name": format!("Provision Microsoft Entra ID Users to {target}"),
        "scope": null,
        "sourceObjectName": "User",
        "targetObjectName": "User",
        "attributeMappings": [
            mapping("userPrincipalName", "userName", 1),
            mapping("displayName", "displayName", 0),
            mapping("mail", "emails[type eq \"work\"].value", 0),
            active,
        ],
    });
    let groups = json!({
        "enabled": true,
        "flowTypes": "Add,Update,Delete",
        "metadata": [],
        "name": format!("Provision Microsoft Entra ID Groups to {target}"),
        "scope": null,
        "sourceObjectName": "Group",
        "targetObjectName": "Group",
        "attributeMappings": [mapping("displayName", "displayName", 1)],
    });
    json!([users, groups])
}

/// A directory definition of a schema.
pub(crate) fn directory(name: &str, discoverable: bool) -> Value {
    let attribute = |n: &str, anchor: bool| {
        json!({"anchor": anchor, "caseExact": false, "defaultValue": null, "flowNullValues": false, "metadata": [],
               "multivalued": false, "mutability": "ReadWrite", "name": n, "referencedObjects": [], "required": anchor,
               "type": "String", "apiExpressions": []})
    };
    json!({
        "id": name.replace(' ', "").to_ascii_lowercase(),
        "name": name,
        "discoverabilities": if discoverable { "AttributeNames" } else { "None" },
        "discoveryDateTime": null,
        "readOnly": !discoverable,
        "version": null,
        "objects": [
            {"name": "User", "attributes": [attribute("userPrincipalName", true), attribute("displayName", false)], "metadata": [], "supportedApis": []},
            {"name": "Group", "attributes": [attribute("displayName", true)], "metadata": [], "supportedApis": []},
        ],
    })
}

/// The filter operators of a schema.
pub(crate) fn filter_operators() -> Vec<Value> {
    ["EQUALS", "NOT EQUALS", "IS TRUE", "IS FALSE", "IS NULL", "IS NOT NULL", "REGEX MATCH"]
        .iter()
        .map(|name| {
            let unary = name.starts_with("IS ");
            json!({
                "id": name,
                "arity": if unary { "Unary" } else { "Binary" },
                "multivaluedComparisonType": "All",
                "supportedAttributeTypes": if unary { json!(["Boolean", "String"]) } else { json!(["String", "Integer"]) },
            })
        })
        .collect()
}

/// The attribute mapping functions of a schema.
pub(crate) fn functions() -> Vec<Value> {
    let parameter =
        |name: &str| json!({"name": name, "allowMultipleOccurrences": false, "required": true, "type": "String"});
    vec![
        json!({"id": "Append", "parameters": [parameter("source"), parameter("suffix")]}),
        json!({"id": "Not", "parameters": [parameter("source")]}),
        json!({"id": "ToLower", "parameters": [parameter("source")]}),
        json!({"id": "Coalesce", "parameters": [parameter("source"), parameter("defaultValue")]}),
    ]
}
