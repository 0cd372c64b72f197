//! The models' macro and the lossless helpers, through models written as generated code writes them.

#[derive(Clone, Default)]
struct Job {
    id: Option<String>,
    kind: String,
    count: Option<i64>,
    additional_properties: super::Extra,
    nulls: super::Nulls,
}
crate::json::lossless_struct! {
    Job, additional_properties, nulls; optional id = "id" as ID, required kind = "@odata.type", optional count = "count" as COUNT
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Cat;
impl super::Constant for Cat {
    const JSON: &'static str = "\"cat\"";
}
impl ::serde::Serialize for Cat {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::serialize_constant::<Self, S>(serializer)
    }
}
impl<'de> ::serde::Deserialize<'de> for Cat {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::deserialize_constant::<Self, D>(deserializer)
    }
}

#[test]
fn a_constant_writes_its_value_and_refuses_any_other() {
    assert_eq!(::serde_json::to_string(&Cat).unwrap(), "\"cat\"");
    assert_eq!(::serde_json::from_str::<Cat>("\"cat\"").unwrap(), Cat);
    let error = ::serde_json::from_str::<Cat>("\"dog\"").unwrap_err().to_string();
    assert!(error.contains("expected the constant \"cat\", found \"dog\""), "{error}");
    assert!(::serde_json::from_str::<Cat>("1").is_err());
}

#[test]
fn nulls_and_unknown_members_round_trip_in_place() {
    let text = r##"{"id":"j","@odata.type":"#job","count":null,"future":{"a":[1,2]}}"##;
    let job: Job = ::serde_json::from_str(text).unwrap();
    assert_eq!(job.id.as_deref(), Some("j"));
    assert_eq!(job.kind, "#job");
    assert_eq!(job.count, None);
    assert_eq!(::serde_json::to_string(&job).unwrap(), text);
    let mut job = job;
    job.count = Some(3);
    assert_eq!(
        ::serde_json::to_string(&job).unwrap(),
        r##"{"id":"j","@odata.type":"#job","count":3,"future":{"a":[1,2]}}"##
    );
}

/// The form most of Graph's models take: no required member, read into `Default`.
#[derive(Clone, Default)]
struct Schedule {
    interval: Option<String>,
    state: Option<String>,
    additional_properties: super::Extra,
    nulls: super::Nulls,
}
crate::json::lossless_struct! {
    in_place Schedule, additional_properties, nulls; optional interval = "interval" as INTERVAL, optional state = "state" as STATE
}

#[test]
fn an_in_place_model_reads_and_writes_like_the_others() {
    let text = r#"{"state":null,"x":[1,{"y":null}],"interval":"PT40M","state2":"a"}"#;
    let schedule: Schedule = ::serde_json::from_str(text).unwrap();
    assert_eq!(schedule.interval.as_deref(), Some("PT40M"));
    assert!(schedule.is_null(Schedule::STATE) && !schedule.is_null(Schedule::INTERVAL));
    assert_eq!(schedule.additional_properties.len(), 2);
    // Known members first, in the schema's order; the others after, as they came.
    assert_eq!(
        ::serde_json::to_string(&schedule).unwrap(),
        r#"{"interval":"PT40M","state":null,"x":[1,{"y":null}],"state2":"a"}"#
    );
    let mut schedule = schedule;
    schedule.set_null(Schedule::INTERVAL);
    schedule.state = Some("Active".into());
    assert_eq!(
        ::serde_json::to_string(&schedule).unwrap(),
        r#"{"interval":null,"state":"Active","x":[1,{"y":null}],"state2":"a"}"#
    );
    // A member put in the map by hand under a field's name is written only while the field is not.
    schedule.additional_properties.insert("state".into(), ::serde_json::json!("Paused"));
    assert!(::serde_json::to_string(&schedule).unwrap().matches("state\"").count() == 1);
    schedule.state = None;
    schedule.nulls.remove("state");
    assert!(::serde_json::to_string(&schedule).unwrap().ends_with(r#""state":"Paused"}"#));
    // Duplicate keys: the last wins, as serde's derive does.
    let twice: Schedule = ::serde_json::from_str(r#"{"interval":"a","interval":"b"}"#).unwrap();
    assert_eq!(twice.interval.as_deref(), Some("b"));
    let cleared: Schedule = ::serde_json::from_str(r#"{"interval":"a","interval":null}"#).unwrap();
    assert!(cleared.interval.is_none() && cleared.is_null(Schedule::INTERVAL));
    assert_eq!(::serde_json::to_string(&cleared).unwrap(), r#"{"interval":null}"#);
    // `set_null` of a member no field holds marks it and adds nothing to the map.
    let mut other = Schedule::default();
    other.set_null(super::Member::new("other"));
    assert!(other.is_null(super::Member::new("other")) && other.additional_properties.is_empty());
    assert_eq!(::serde_json::to_string(&other).unwrap(), "{}");
    let error = ::serde_json::from_str::<Schedule>("[]").unwrap_err().to_string();
    assert!(error.contains("a Schedule object"), "{error}");
    let error = ::serde_json::from_str::<Schedule>(r#"{"interval":3}"#).unwrap_err().to_string();
    assert!(error.contains("invalid type: integer `3`"), "{error}");
}

/// An open model that declares no members (Graph has several): everything is unknown,
/// and the macro must expand warning-free with nothing to record.
mod dictionary {
    #![allow(dead_code, reason = "without members there is no member to set to null")]
    #[derive(Clone, Default)]
    pub(super) struct Dictionary {
        pub(super) additional_properties: crate::json::Extra,
        nulls: crate::json::Nulls,
    }
    crate::json::lossless_struct! {
        in_place Dictionary, additional_properties, nulls;
    }
    /// The same without `Default`: the form with a visitor of its own.
    #[derive(Clone)]
    pub(super) struct Bare {
        pub(super) additional_properties: crate::json::Extra,
        nulls: crate::json::Nulls,
    }
    crate::json::lossless_struct! {
        Bare, additional_properties, nulls;
    }
}
use dictionary::Dictionary;

#[test]
fn an_open_model_without_members_keeps_every_member() {
    let text = r#"{"a":null,"b":[1,{"c":"d"}]}"#;
    let dictionary: Dictionary = ::serde_json::from_str(text).unwrap();
    assert_eq!(dictionary.additional_properties.len(), 2);
    assert_eq!(::serde_json::to_string(&dictionary).unwrap(), text);
    let bare: dictionary::Bare = ::serde_json::from_str(text).unwrap();
    assert_eq!(bare.additional_properties, dictionary.additional_properties);
    assert_eq!(::serde_json::to_string(&bare).unwrap(), text);
}

#[derive(Debug, Clone, PartialEq)]
struct Point {
    x: i64,
    label: Option<String>,
}
crate::json::lossless_struct! { closed Point; required x = "x", optional label = "label" }

#[derive(Debug, Clone, PartialEq)]
struct Labels {
    kind: Option<String>,
    additional_properties: ::std::collections::BTreeMap<String, i64>,
}
crate::json::lossless_struct! { map Labels, additional_properties; optional kind = "kind" }

/// Named like the helpers the macros declare: they must not shadow the model.
#[derive(Debug, Clone, PartialEq)]
struct Visitor {
    a: Option<i64>,
}
crate::json::lossless_struct! { closed Visitor; optional a = "A" }
#[derive(Clone)]
struct A {
    visitor: Option<Visitor>,
    additional_properties: super::Extra,
    nulls: super::Nulls,
}
crate::json::lossless_struct! { A, additional_properties, nulls; optional visitor = "Visitor" as VISITOR }

#[test]
fn closed_and_map_models_read_and_write_their_members() {
    let point: Point = ::serde_json::from_str(r#"{"x":1,"label":null,"z":[1]}"#).unwrap();
    assert_eq!(point, Point { x: 1, label: None });
    assert_eq!(::serde_json::to_string(&point).unwrap(), r#"{"x":1}"#);
    assert!(::serde_json::from_str::<Point>("{}").unwrap_err().to_string().contains("missing field `x`"));
    let labels: Labels = ::serde_json::from_str(r#"{"kind":"k","b":2,"a":1}"#).unwrap();
    assert_eq!(labels.additional_properties.len(), 2);
    assert_eq!(::serde_json::to_string(&labels).unwrap(), r#"{"kind":"k","a":1,"b":2}"#);
    assert!(::serde_json::from_str::<Labels>(r#"{"a":"text"}"#).is_err());
}

#[derive(Debug, Clone, PartialEq)]
struct Nothing {}
crate::json::lossless_struct! { closed Nothing; }

#[test]
fn a_closed_model_without_members_reads_any_object_and_writes_an_empty_one() {
    let nothing: Nothing = ::serde_json::from_str(r#"{"a":1,"b":{"c":[]}}"#).unwrap();
    assert_eq!(::serde_json::to_string(&nothing).unwrap(), "{}");
}

/// The same members as `Job`, with `Debug` derived: what the macro's `Debug` must match.
#[derive(Debug)]
#[allow(dead_code, reason = "only its Debug is read")]
struct Derived {
    id: Option<String>,
    kind: String,
    count: Option<i64>,
    additional_properties: super::Extra,
    nulls: super::Nulls,
}

#[derive(Clone)]
struct Login {
    r#type: Option<String>,
    password: Option<String>,
    key: String,
    additional_properties: super::Extra,
    nulls: super::Nulls,
}
crate::json::lossless_struct! {
    Login, additional_properties, nulls; optional r#type = "type" as TYPE,
    optional_secret password = "password" as PASSWORD, required_secret key = "key"
}

#[test]
fn debug_shows_what_derive_would_and_hides_credentials() {
    let job: Job = ::serde_json::from_str(r##"{"id":null,"@odata.type":"#j","count":2,"x":[1]}"##).unwrap();
    let derived = Derived {
        id: None,
        kind: "#j".into(),
        count: Some(2),
        additional_properties: job.additional_properties.clone(),
        nulls: job.nulls.clone(),
    };
    assert_eq!(format!("{job:?}"), format!("{derived:?}").replace("Derived", "Job"));
    assert_eq!(format!("{job:#?}"), format!("{derived:#?}").replace("Derived", "Job"));
    let login: Login = ::serde_json::from_str(r#"{"type":"basic","password":"hunter2","key":"k3y"}"#).unwrap();
    let shown = format!("{login:?}");
    assert_eq!(
        shown,
        r#"Login { type: Some("basic"), password: Some(<redacted>), key: <redacted>, additional_properties: {}, nulls: {} }"#
    );
    // Credentials are written as any other member.
    assert_eq!(::serde_json::to_string(&login).unwrap(), r#"{"type":"basic","password":"hunter2","key":"k3y"}"#);
    let absent: Login = ::serde_json::from_str(r#"{"key":"k3y"}"#).unwrap();
    assert!(format!("{absent:?}").contains("password: None, key: <redacted>"));
    let mut cleared = login.clone();
    cleared.set_null(Login::PASSWORD);
    assert!(cleared.is_null(Login::PASSWORD) && !cleared.is_null(Login::TYPE));
    assert_eq!(::serde_json::to_string(&cleared).unwrap(), r#"{"type":"basic","password":null,"key":"k3y"}"#);
}

#[test]
fn equality_compares_every_field_the_map_and_the_nulls() {
    let a: Job = ::serde_json::from_str(r##"{"id":"j","@odata.type":"#j","count":1,"x":2}"##).unwrap();
    assert_eq!(a, a.clone());
    let changed: [&dyn Fn(&mut Job); 5] = [
        &|j| j.id = None,
        &|j| j.kind = "#k".into(),
        &|j| j.count = Some(2),
        &|j| drop(j.additional_properties.insert("x".into(), ::serde_json::json!(3))),
        &|j| j.nulls.insert("id"),
    ];
    for change in changed {
        let mut b = a.clone();
        change(&mut b);
        assert_ne!(a, b, "{b:?}");
    }
    let schedule: Schedule = ::serde_json::from_str(r#"{"interval":"PT1M","state":null}"#).unwrap();
    let mut other = schedule.clone();
    assert_eq!(schedule, other);
    other.interval = Some("PT2M".into());
    assert_ne!(schedule, other);
}

#[test]
fn models_named_like_the_helpers_work() {
    let a: A = ::serde_json::from_str(r#"{"Visitor":{"A":3},"x":null}"#).unwrap();
    assert_eq!(a.visitor, Some(Visitor { a: Some(3) }));
    assert_eq!(::serde_json::to_string(&a).unwrap(), r#"{"Visitor":{"A":3},"x":null}"#);
    let mut a = a;
    a.set_null(A::VISITOR);
    assert!(a.is_null(A::VISITOR));
    assert_eq!(::serde_json::to_string(&a).unwrap(), r#"{"Visitor":null,"x":null}"#);
}

#[test]
fn explicit_nulls_are_sent_for_exactly_the_members_named() {
    let mut job = Job { kind: "#job".into(), count: Some(3), ..Default::default() };
    job.set_null(Job::COUNT);
    job.id = Some("j".into());
    assert!(job.is_null(Job::COUNT) && !job.is_null(Job::ID));
    assert_eq!(::serde_json::to_string(&job).unwrap(), r##"{"id":"j","@odata.type":"#job","count":null}"##);
    // A value set later wins.
    job.count = Some(4);
    assert!(!job.is_null(Job::COUNT));
    assert_eq!(::serde_json::to_string(&job).unwrap(), r##"{"id":"j","@odata.type":"#job","count":4}"##);
    // A null that arrived reads as one.
    let read: Job = ::serde_json::from_str(r##"{"@odata.type":"#job","id":null}"##).unwrap();
    assert!(read.is_null(Job::ID));
}

#[test]
fn nulls_are_recorded_without_the_map_and_compare_as_sets() {
    let a: Job = ::serde_json::from_str(r##"{"@odata.type":"#j","id":null,"count":null}"##).unwrap();
    let b: Job = ::serde_json::from_str(r##"{"count":null,"@odata.type":"#j","id":null}"##).unwrap();
    assert!(a.additional_properties.is_empty());
    assert_eq!(a.nulls.iter().collect::<Vec<_>>(), ["id", "count"]);
    assert_eq!(a, b);
    assert_eq!(format!("{:?}", a.nulls), r#"{"id", "count"}"#);
    // A null put in the map by hand is still written once, and read as a null.
    let mut c = Job { kind: "#j".into(), ..Default::default() };
    c.additional_properties.insert("id".into(), ::serde_json::Value::Null);
    c.nulls.insert("id");
    assert!(c.is_null(Job::ID));
    assert_eq!(::serde_json::to_string(&c).unwrap(), r##"{"id":null,"@odata.type":"#j"}"##);
    c.nulls.remove("id");
    assert!(c.is_null(Job::ID) && !c.nulls.contains("id"));
}

#[test]
fn a_missing_required_member_is_named() {
    let err = ::serde_json::from_str::<Job>(r#"{"id":"j"}"#).unwrap_err();
    assert!(err.to_string().contains("missing field `@odata.type`"), "{err}");
    let err = ::serde_json::from_str::<Job>(r#"[1]"#).unwrap_err();
    assert!(err.to_string().contains("a Job object"), "{err}");
}
