//! provisionOnDemand's answer read for real: the service answers `200` with a
//! `stringKeyStringValuePair` whose `key` and `value` are JSON text (the page's examples:
//! the overall result in `key`, the object's provisioning step by step in `value`). Both
//! are decoded here; the text is kept as it came, and text that does not parse stays
//! readable (with why it did not parse) instead of failing the call.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// provisionOnDemand's answer: the pair as it came, and what it says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OnDemand {
    /// The pair's `key`, as it came (JSON text: the result).
    pub key: Option<String>,
    /// The pair's `value`, as it came (JSON text: the steps).
    pub value: Option<String>,
    /// `key`, read.
    pub result: Option<OnDemandResult>,
    /// `value`, read.
    pub outcome: Option<ProvisioningOutcome>,
    /// Why `key` or `value` could not be read, when one could not.
    pub unreadable: Vec<String>,
}

/// The overall result (`key`): `Success`, `Skipped`, `Failure`, … and its details.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OnDemandResult {
    /// `Success`, `Skipped`, `Failure`, …
    #[serde(default)]
    pub result: Option<String>,
    /// What the service adds (`errorCode`, `errorMessage`, …).
    #[serde(default)]
    pub details: Map<String, Value>,
    /// Members this type does not name, kept.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// How one object was provisioned (`value`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProvisioningOutcome {
    /// `Create`, `Update`, `Delete`, `Other`, …
    #[serde(default)]
    pub action: Option<String>,
    /// The change's id.
    #[serde(default)]
    pub change_id: Option<String>,
    /// When the provisioning began (as written).
    #[serde(default)]
    pub start_time: Option<String>,
    /// When it ended (as written).
    #[serde(default)]
    pub end_time: Option<String>,
    /// The object, as a person reads it (a user principal name, …).
    #[serde(default)]
    pub reportable_identifier: Option<String>,
    /// The attributes that changed.
    #[serde(default)]
    pub modified_properties: Vec<ModifiedProperty>,
    /// The steps: import, scoping, matching, export.
    #[serde(default)]
    pub provisioning_steps: Vec<ProvisioningStep>,
    /// The outcome, with the error when there was one.
    #[serde(default)]
    pub status_info: Option<StatusInfo>,
    /// The object in the source system.
    #[serde(default)]
    pub source_identity: Option<Identity>,
    /// The object in the target system.
    #[serde(default)]
    pub target_identity: Option<Identity>,
    /// The source system.
    #[serde(default)]
    pub source_system: Option<Value>,
    /// The target system.
    #[serde(default)]
    pub target_system: Option<Value>,
    /// Members this type does not name, kept.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// One step of a provisioning.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ProvisioningStep {
    /// `EntryImport`, `EntrySynchronizationScoping`, `EntryExportAdd`, …
    #[serde(default)]
    pub name: Option<String>,
    /// `Import`, `Scoping`, `Matching`, `Processing`, `ReferenceResolution`, `Export`, …
    #[serde(default, rename = "type")]
    pub step_type: Option<String>,
    /// `Success`, `Skipped`, `Failure`, `Warning`, …
    #[serde(default)]
    pub status: Option<String>,
    /// What happened, in the service's words.
    #[serde(default)]
    pub description: Option<String>,
    /// When (as written).
    #[serde(default)]
    pub timestamp: Option<String>,
    /// The step's details (attribute names to values, as text).
    #[serde(default)]
    pub details: Map<String, Value>,
    /// Members this type does not name, kept.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// An attribute a provisioning changed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModifiedProperty {
    /// The attribute.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Its value before.
    #[serde(default)]
    pub old_value: Option<String>,
    /// Its value after.
    #[serde(default)]
    pub new_value: Option<String>,
    /// Members this type does not name, kept.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// The outcome of a provisioning.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusInfo {
    /// `Success`, `Skipped`, `Failure`, …
    #[serde(default)]
    pub status: Option<String>,
    /// The error's code.
    #[serde(default)]
    pub error_code: Option<String>,
    /// Why.
    #[serde(default)]
    pub reason: Option<String>,
    /// More.
    #[serde(default)]
    pub additional_details: Option<String>,
    /// The kind of error.
    #[serde(default)]
    pub error_category: Option<String>,
    /// What to do about it.
    #[serde(default)]
    pub recommended_action: Option<String>,
    /// Members this type does not name, kept.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// An object in a system.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    /// Its id there.
    #[serde(default)]
    pub id: Option<String>,
    /// Its type there.
    #[serde(default, rename = "type")]
    pub identity_type: Option<String>,
    /// Its name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// More.
    #[serde(default)]
    pub details: Option<Value>,
    /// Members this type does not name, kept.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl OnDemand {
    /// Reads the pair's `key` and `value`; never fails (see [`OnDemand::unreadable`]).
    pub fn read(key: Option<&str>, value: Option<&str>) -> OnDemand {
        let mut unreadable = Vec::new();
        let result = parse("key", key, &mut unreadable);
        let outcome = parse("value", value, &mut unreadable);
        OnDemand { key: key.map(str::to_owned), value: value.map(str::to_owned), result, outcome, unreadable }
    }

    /// The steps, in order (none when the value could not be read).
    pub fn steps(&self) -> &[ProvisioningStep] {
        self.outcome.as_ref().map_or(&[], |o| o.provisioning_steps.as_slice())
    }

    /// Whether the overall result says `Success`.
    pub fn succeeded(&self) -> bool {
        self.result.as_ref().and_then(|r| r.result.as_deref()) == Some("Success")
    }
}

/// One of the pair's texts read as `T`; why not, when it cannot be.
fn parse<T: serde::de::DeserializeOwned>(name: &str, text: Option<&str>, unreadable: &mut Vec<String>) -> Option<T> {
    let text = text.filter(|t| !t.trim().is_empty())?;
    serde_json::from_str(text).map_err(|e| unreadable.push(format!("the pair's {name} cannot be read: {e}"))).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_pages_shape_reads_into_steps_and_keeps_its_text() {
        let key = json!({"result": "Skipped", "details": {"errorCode": "RedundantExport"}}).to_string();
        let value = json!({
            "action": "Other",
            "provisioningSteps": [
                {"name": "EntryImport", "type": "Import", "status": "Success", "description": "read", "timestamp": "2026-01-01T00:00:00.0000000Z", "details": {"objectId": "u"}},
                {"name": "EntrySynchronizationSkip", "type": "Export", "status": "Skipped", "details": {"SkipReason": "RedundantExport"}, "newMember": 1}
            ],
            "statusInfo": {"status": "Skipped", "errorCode": null},
            "sourceIdentity": {"id": "u", "type": "User", "displayName": null, "details": null},
            "somethingNew": [1, 2]
        })
        .to_string();
        let read = OnDemand::read(Some(&key), Some(&value));
        assert!(read.unreadable.is_empty(), "{:?}", read.unreadable);
        assert!(!read.succeeded());
        let steps = read.steps();
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[1].step_type.as_deref(), Some("Export"));
        assert_eq!(steps[1].other.get("newMember"), Some(&json!(1)));
        let outcome = read.outcome.as_ref().expect("outcome");
        assert_eq!(outcome.other.get("somethingNew"), Some(&json!([1, 2])));
        assert_eq!(outcome.source_identity.as_ref().and_then(|i| i.identity_type.as_deref()), Some("User"));
        assert_eq!(read.value.as_deref(), Some(value.as_str()));
    }

    #[test]
    fn text_that_is_no_json_stays_readable() {
        let read = OnDemand::read(Some("Success"), Some("not json {"));
        assert_eq!(read.key.as_deref(), Some("Success"));
        assert_eq!(read.value.as_deref(), Some("not json {"));
        assert!(read.result.is_none() && read.outcome.is_none());
        assert_eq!(read.unreadable.len(), 2, "{:?}", read.unreadable);
    }
}
