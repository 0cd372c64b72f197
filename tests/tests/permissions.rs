//! The permissions Microsoft publishes for the start and create job operations (the seed
//! pages' tables), as the generated crate exposes them in code.

use generated::operations::{
    ServicePrincipalSynchronizationCreateJob, ServicePrincipalSynchronizationGetJob,
    ServicePrincipalSynchronizationJobGetCount, ServicePrincipalSynchronizationJobStart,
};
use generated::runtime::{Permissions, Privileges};
use generated::Operation;

fn documented() -> Permissions {
    Permissions {
        delegated_work: Privileges { least: &["Synchronization.ReadWrite.All"], higher: &[] },
        delegated_personal: Privileges::NOT_SUPPORTED,
        application: Privileges {
            least: &["Application.ReadWrite.OwnedBy"],
            higher: &["Synchronization.ReadWrite.All"],
        },
    }
}

#[test]
fn start_job_permissions_are_the_published_ones() {
    assert_eq!(ServicePrincipalSynchronizationJobStart::PERMISSIONS, documented());
    assert!(!ServicePrincipalSynchronizationJobStart::PERMISSIONS.delegated_personal.is_supported());
}

#[test]
fn create_job_permissions_are_the_published_ones() {
    assert_eq!(ServicePrincipalSynchronizationCreateJob::PERMISSIONS, documented());
}

#[test]
fn reads_need_less_than_writes_and_undocumented_operations_say_so() {
    let get = ServicePrincipalSynchronizationGetJob::PERMISSIONS;
    assert_eq!(get.delegated_work.least, ["Synchronization.Read.All"]);
    assert_eq!(get.application.higher, ["Synchronization.Read.All", "Synchronization.ReadWrite.All"]);
    // `$count` has no reference page of its own.
    assert_eq!(ServicePrincipalSynchronizationJobGetCount::PERMISSIONS, Permissions::UNDOCUMENTED);
}

#[test]
fn the_permission_file_entries_name_real_operations_and_say_where_they_come_from() {
    let text = tests::read(&tests::root().join("specs/permissions.v1.0.yaml"));
    let map = generator::permissions::parse(&text).expect("the permissions file parses");
    let spec = generator::generate(&tests::read(&tests::root().join("specs/synchronization.v1.0.yaml"))).expect("spec");
    for (key, entry) in &map {
        let (method, path) = key.split_once(' ').expect("METHOD /path");
        let op =
            spec.api.operations.iter().find(|o| o.path == path && format!("{:?}", o.method).to_uppercase() == method);
        assert!(op.is_some(), "{key} is not an operation of the spec");
        let source = entry.source.as_deref().unwrap_or("");
        assert!(source == "none" || source.starts_with("https://learn.microsoft.com/"), "{key}: {source}");
    }
}
