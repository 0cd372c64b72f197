//! Descriptions split over several files, bundled into one document.
//!
//! Real APIs keep their descriptions in many files (`$ref: 'resources/droplets/list.yml'`,
//! `$ref: 'models.yaml#/Pet'`). Every reference to another local file, wherever OpenAPI
//! 3.0 allows one, is resolved relative to the file that holds it; what it points at is
//! copied into the root document's `components` (in the section its place calls for: a
//! schema, a parameter, a response, …) under a name of its own, and the reference is
//! rewritten to point there. A path item is copied in place (3.0 has no component for
//! path items). References inside copied content are followed in turn, relative to their
//! own file, so cycles across files end where they began, and a file reached by two
//! paths is read once. A remote (`http:`/`https:`) reference is refused: generation
//! never reaches the network. Data (examples, defaults, enums, extensions) is copied as
//! it is and never followed ([`crate::walk`]).
//!
//! Every problem names the file and the JSON pointer in it; [`Origins`] maps places in
//! the bundled document back to the file and place they came from, so later stages'
//! diagnostics do too.

pub use super::origins::Origins;
use crate::diag::{Diagnostic, Diagnostics, Pointer};
use crate::walk::{self, Node};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// How many path-item references may follow one another before they count as a loop.
const MAX_PATH_ITEM_CHAIN: usize = 16;

/// A bundled document and what it was made of.
#[derive(Debug, Clone, Default)]
pub struct Bundled {
    /// One self-contained document: every reference local.
    pub doc: Value,
    /// Every file read, the root first (for build scripts' `rerun-if-changed`).
    pub files: Vec<PathBuf>,
    /// Where the copied parts came from.
    pub origins: Origins,
    /// What was read liberally while bundling (a `$ref` where only a value is allowed).
    pub warnings: Vec<Diagnostic>,
}

/// Where a reference sits, which says what it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    /// The value of a member of a structured object (`schema`, `items`, `requestBody`, …);
    /// `container` is the key under which that object sits (a callback's entries are path
    /// items).
    Member { key: String, container: Option<String> },
    /// An entry of a map of names (`properties`, `responses`, `paths`, …).
    Entry { map: String },
    /// An element of a list (`allOf`, `parameters`, …).
    Item { list: String },
    /// A whole map of names (`properties: {$ref: …}`).
    Names { key: String },
}

/// What a referenced part becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// A component of this section.
    Component(&'static str),
    /// A path item, copied in place.
    PathItem,
    /// A value where OpenAPI allows no reference (`info.description`, a whole `properties`
    /// map): copied in place, as Redocly and swagger-cli bundle a JSON Reference, with a
    /// warning ([`crate::diag::Diagnostics::liberal`]).
    Value,
}

impl Slot {
    fn target(&self) -> Target {
        self.borrowed().target()
    }

    fn borrowed(&self) -> SlotRef<'_> {
        match self {
            Slot::Member { key, container } => SlotRef::Member { key, container: container.as_deref() },
            Slot::Entry { map } => SlotRef::Entry { map },
            Slot::Item { list } => SlotRef::Item { list },
            Slot::Names { key } => SlotRef::Names { key },
        }
    }
}

/// One reference found in the bundled document.
struct Site {
    /// Where the reference object is, in the bundled document.
    at: Vec<String>,
    target: String,
    slot: Slot,
    kind: Node,
}

/// A part of the bundled document whose references are still to follow, and the file they
/// are relative to (`None`: the root, when it was given as text).
struct Job {
    at: Vec<String>,
    kind: Node,
    holder: Option<String>,
    base: Option<PathBuf>,
    /// How many path-item references led here.
    chain: usize,
}

struct Bundler {
    /// Where each section's components live: `components/<section>`, or Swagger 2.0's
    /// root `definitions`, `parameters` and `responses`.
    swagger2: bool,
    root: Option<PathBuf>,
    root_dir: PathBuf,
    doc: Value,
    files: Vec<PathBuf>,
    loaded: BTreeMap<PathBuf, Value>,
    /// (file, fragment) → the local reference it became.
    placed: BTreeMap<(PathBuf, String), String>,
    taken: BTreeMap<&'static str, BTreeSet<String>>,
    origins: Origins,
    diags: Diagnostics,
}

/// Bundles a document read from `path`: every file it refers to, relative to the file
/// that refers, is read and copied in.
pub fn bundle_file(path: &Path) -> Result<Bundled, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        let mut diags = Diagnostics::for_file(name.clone());
        diags.error(&Pointer::root(), format!("cannot read the file: {e}"));
        diags.into_items()
    })?;
    let doc = crate::load::tree(&text)?;
    let root = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let root_dir = root.parent().map(Path::to_path_buf).unwrap_or_default();
    run(Bundler::new(Some(root), root_dir, doc))
}

/// Bundles a document given as text: references to other files cannot be followed (there
/// is no file to be relative to) and are refused; local path-item references are copied
/// in place.
pub fn bundle_text(doc: Value) -> Result<Bundled, Vec<Diagnostic>> {
    run(Bundler::new(None, PathBuf::new(), doc))
}

fn run(mut bundler: Bundler) -> Result<Bundled, Vec<Diagnostic>> {
    bundler.bundle();
    let Bundler { doc, files, origins, diags, .. } = bundler;
    let mut items = diags.into_items();
    for d in &mut items {
        origins.relocate(d);
    }
    if items.iter().any(|d| d.severity == crate::diag::Severity::Error) {
        return Err(items);
    }
    Ok(Bundled { doc, files, origins, warnings: items })
}

impl Bundler {
    fn new(root: Option<PathBuf>, root_dir: PathBuf, doc: Value) -> Self {
        let swagger2 = doc.get("swagger").is_some() && doc.get("openapi").is_none();
        let mut taken: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
        for section in SECTIONS {
            let names = home(section, swagger2)
                .iter()
                .try_fold(&doc, |node, key| node.get(key))
                .and_then(Value::as_object)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            taken.insert(section, names);
        }
        let files = root.iter().cloned().collect();
        Bundler {
            swagger2,
            root,
            root_dir,
            doc,
            files,
            loaded: BTreeMap::new(),
            placed: BTreeMap::new(),
            taken,
            origins: Origins::default(),
            diags: Diagnostics::new(),
        }
    }

    fn bundle(&mut self) {
        let mut jobs =
            vec![Job { at: Vec::new(), kind: Node::Structured, holder: None, base: self.root.clone(), chain: 0 }];
        while let Some(job) = jobs.pop() {
            // The root's own local references stay as they are; a copy's are relative to
            // the file it came from.
            let follow_local = job.base != self.root;
            let sites = match pointer_mut(&mut self.doc, &job.at) {
                Some(node) => sites(node, &job, follow_local),
                None => continue,
            };
            for site in sites {
                self.follow(site, &job, &mut jobs);
            }
        }
    }

    /// Resolves one reference and rewrites it (or copies a path item in its place).
    fn follow(&mut self, site: Site, job: &Job, jobs: &mut Vec<Job>) {
        let at = pointer_of(&site.at).join("$ref");
        let Some((file, fragment)) = self.locate(&site.target, job.base.as_deref(), &at) else { return };
        let is_root = Some(&file) == self.root.as_ref() || (self.root.is_none() && file.as_os_str().is_empty());
        let target = site.slot.target();
        if target == Target::Value {
            if job.chain >= MAX_PATH_ITEM_CHAIN {
                self.diags.error(
                    &at,
                    format!("references in place of values refer to one another in a loop (through `{}`)", site.target),
                );
                return;
            }
            // Located now, at the reference (the content about to replace it is another file's).
            let root_name = self.root.clone().map(|root| self.display(&root));
            let warning = self.diags.liberal(
                &at,
                format!(
                    "`$ref: {}` where OpenAPI allows only a value: read as a JSON Reference, its content in place",
                    site.target
                ),
            );
            self.origins.relocate(warning);
            if warning.file.is_none() {
                warning.file = root_name;
            }
            let Some(content) = self.content(&file, &fragment, &site.target, &at) else { return };
            if let Some(slot) = pointer_mut(&mut self.doc, &site.at) {
                *slot = content;
            }
            let (place, shown) = (pointer_of(&site.at).to_string(), self.display(&file));
            self.origins.push(place, shown, format!("#{fragment}"));
            let holder = match &site.slot {
                Slot::Names { key } => Some(key.clone()),
                _ => site.at.last().cloned(),
            };
            jobs.push(Job { at: site.at, kind: site.kind, holder, base: Some(file), chain: job.chain + 1 });
            return;
        }
        if is_root && target != Target::PathItem {
            // A reference into the root document (from another file): make it local.
            set_ref(&mut self.doc, &site.at, format!("#{fragment}"));
            return;
        }
        if target == Target::PathItem {
            if job.chain >= MAX_PATH_ITEM_CHAIN {
                self.diags.error(&at, format!("path items refer to one another in a loop (through `{}`)", site.target));
                return;
            }
            let Some(content) = self.content(&file, &fragment, &site.target, &at) else { return };
            if let Some(slot) = pointer_mut(&mut self.doc, &site.at) {
                *slot = content;
            }
            if !is_root {
                let (at, file) = (pointer_of(&site.at).to_string(), self.display(&file));
                self.origins.push(at, file, format!("#{fragment}"));
            }
            jobs.push(Job {
                at: site.at,
                kind: Node::Structured,
                holder: Some("paths".to_owned()),
                base: Some(file).filter(|f| !f.as_os_str().is_empty()),
                chain: job.chain + 1,
            });
            return;
        }
        let Target::Component(section) = target else { return };
        if let Some(local) = self.placed.get(&(file.clone(), fragment.clone())) {
            let local = local.clone();
            set_ref(&mut self.doc, &site.at, local);
            return;
        }
        let Some(content) = self.content(&file, &fragment, &site.target, &at) else { return };
        // A root component that is only a reference to another file takes the content
        // itself, keeping its name; anything else gets a new component.
        let home = home(section, self.swagger2);
        let in_place = site.at.len() == home.len() + 1 && site.at.starts_with(&home);
        let place: Vec<String> = if in_place {
            if let Some(slot) = pointer_mut(&mut self.doc, &site.at) {
                *slot = content;
            }
            site.at.clone()
        } else {
            let name = self.unique_name(section, &file, &fragment);
            let mut place = home.clone();
            place.push(name.clone());
            insert_component(&mut self.doc, &home, name, content);
            set_ref(&mut self.doc, &site.at, pointer_of(&place).to_string());
            place
        };
        let local = pointer_of(&place).to_string();
        self.placed.insert((file.clone(), fragment.clone()), local.clone());
        let shown = self.display(&file);
        self.origins.push(local, shown, format!("#{fragment}"));
        let holder = Some(section.to_owned());
        jobs.push(Job { at: place, kind: site.kind, holder, base: Some(file), chain: 0 });
    }

    /// The file (canonical) and fragment a reference names, relative to `base`; `None`
    /// (with a located error) for a remote or unreadable one.
    fn locate(&mut self, target: &str, base: Option<&Path>, at: &Pointer) -> Option<(PathBuf, String)> {
        let (file_part, fragment) = match target.split_once('#') {
            Some((file, fragment)) => (file, fragment.to_owned()),
            None => (target, String::new()),
        };
        if file_part.is_empty() {
            // Local to the file that holds it.
            return Some((base.map(Path::to_path_buf).unwrap_or_default(), fragment));
        }
        if file_part.contains("://") || file_part.starts_with("//") {
            self.diags
                .error(at, format!("remote reference `{target}` refused: generation never reaches the network"))
                .hint("download the document and refer to the local copy by its path");
            return None;
        }
        let Some(base) = base else {
            self.diags
                .error(at, format!("`{target}` refers to another file, but the document was given as text"))
                .hint("generate from the file, so that its path says where relative references point");
            return None;
        };
        let dir = base.parent().unwrap_or(&self.root_dir);
        let path = normalize(&dir.join(percent_decode(file_part)));
        match std::fs::canonicalize(&path) {
            Ok(file) => Some((file, fragment)),
            Err(e) => {
                self.diags
                    .error(at, format!("cannot read `{file_part}` (that is {}): {e}", self.display(&path)))
                    .hint("a relative reference is relative to the file that holds it");
                None
            }
        }
    }

    /// A copy of what `fragment` of `file` holds (the root document when `file` is the root).
    fn content(&mut self, file: &Path, fragment: &str, target: &str, at: &Pointer) -> Option<Value> {
        let is_root = Some(file) == self.root.as_deref() || file.as_os_str().is_empty();
        let found = if is_root {
            crate::resolve::lookup(&self.doc, &format!("#{fragment}")).cloned()
        } else {
            let doc = self.load(file)?;
            crate::resolve::lookup(doc, &format!("#{fragment}")).cloned()
        };
        if found.is_none() {
            self.diags
                .error(at, format!("`{target}` points at nothing"))
                .hint("check the file name and the JSON pointer after `#`");
        }
        found
    }

    /// Reads and parses a file once.
    fn load(&mut self, file: &Path) -> Option<&Value> {
        if !self.loaded.contains_key(file) {
            let name = self.display(file);
            let mut diags = Diagnostics::for_file(name);
            let value = match std::fs::read_to_string(file) {
                Ok(text) => match crate::load::parse_text(&text) {
                    Ok(value) => {
                        crate::load::check_depth(&value, &mut diags);
                        value
                    }
                    Err(message) => {
                        diags.error(&Pointer::root(), message);
                        Value::Null
                    }
                },
                Err(e) => {
                    diags.error(&Pointer::root(), format!("cannot read the file: {e}"));
                    Value::Null
                }
            };
            let failed = diags.has_errors();
            self.diags.extend(diags.into_items());
            self.files.push(file.to_path_buf());
            self.loaded.insert(file.to_path_buf(), if failed { Value::Null } else { value });
        }
        self.loaded.get(file).filter(|v| !v.is_null())
    }

    /// A component name for a part of another file: the last segment of its fragment, or
    /// the file's name, numbered when the section has it already.
    fn unique_name(&mut self, section: &'static str, file: &Path, fragment: &str) -> String {
        let last = fragment.rsplit('/').next().unwrap_or_default().replace("~1", "/").replace("~0", "~");
        let base = if last.is_empty() || last.chars().all(|c| c.is_ascii_digit()) {
            file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "part".to_owned())
        } else {
            last
        };
        let taken = self.taken.entry(section).or_default();
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        taken.insert(name.clone());
        name
    }

    /// A file as messages name it: relative to the root's folder when it is below it.
    fn display(&self, file: &Path) -> String {
        file.strip_prefix(&self.root_dir).unwrap_or(file).display().to_string()
    }
}

const SECTIONS: [&str; 9] = [
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
];

/// A node still to visit: the value, its place (an index into the walk's places), its
/// kind, the key it sits under, its slot.
type Visit<'v> = (&'v Value, usize, Node, Option<&'v str>, SlotRef<'v>);

/// A [`Slot`] borrowing its names from the document: the walk visits every node of every
/// file (36 MB for the whole of Graph) and only a reference's slot is kept.
#[derive(Clone, Copy)]
enum SlotRef<'v> {
    Member { key: &'v str, container: Option<&'v str> },
    Entry { map: &'v str },
    Item { list: &'v str },
    Names { key: &'v str },
}

/// Members whose value OpenAPI never lets a reference stand for (it does for schemas,
/// responses, parameters, examples, request bodies, headers, security schemes, links,
/// callbacks and path items).
const VALUES: [&str; 12] = [
    "description",
    "summary",
    "title",
    "info",
    "contact",
    "license",
    "externalDocs",
    "servers",
    "tags",
    "security",
    "xml",
    "discriminator",
];

impl SlotRef<'_> {
    fn target(self) -> Target {
        use Target::{Component, PathItem};
        match self {
            SlotRef::Names { .. } => Target::Value,
            SlotRef::Member { key, .. } if VALUES.contains(&key) => Target::Value,
            SlotRef::Member { container: Some("callbacks"), .. } => PathItem,
            SlotRef::Member { key: "requestBody", .. } => Component("requestBodies"),
            SlotRef::Member { .. } => Component("schemas"),
            SlotRef::Entry { map } => match map {
                "paths" => PathItem,
                "responses" => Component("responses"),
                "parameters" => Component("parameters"),
                "requestBodies" => Component("requestBodies"),
                "headers" => Component("headers"),
                "examples" => Component("examples"),
                "links" => Component("links"),
                "callbacks" => Component("callbacks"),
                "securitySchemes" => Component("securitySchemes"),
                _ => Component("schemas"),
            },
            SlotRef::Item { list: "parameters" } => Component("parameters"),
            SlotRef::Item { .. } => Component("schemas"),
        }
    }

    fn owned(self) -> Slot {
        match self {
            SlotRef::Member { key, container } => {
                Slot::Member { key: key.to_owned(), container: container.map(str::to_owned) }
            }
            SlotRef::Entry { map } => Slot::Entry { map: map.to_owned() },
            SlotRef::Item { list } => Slot::Item { list: list.to_owned() },
            SlotRef::Names { key } => Slot::Names { key: key.to_owned() },
        }
    }
}

/// One step of a place: a member's key or an item's index.
#[derive(Clone, Copy)]
enum Step<'v> {
    Key(&'v str),
    Index(usize),
}

/// The places of the nodes a walk visited, each as its parent's place and one step (a
/// path is written out only for the references found).
struct Places<'v> {
    steps: Vec<(usize, Step<'v>)>,
}

impl<'v> Places<'v> {
    /// The place of the walk's start.
    const START: usize = usize::MAX;

    fn add(&mut self, parent: usize, step: Step<'v>) -> usize {
        self.steps.push((parent, step));
        self.steps.len() - 1
    }

    /// The path of `place`, below `start` (the walk's own place in the document).
    fn path(&self, start: &[String], mut place: usize) -> Vec<String> {
        let mut reversed = Vec::new();
        while let Some(&(parent, step)) = self.steps.get(place) {
            reversed.push(step);
            place = parent;
        }
        let mut path = start.to_vec();
        path.extend(reversed.into_iter().rev().map(|step| match step {
            Step::Key(key) => key.to_owned(),
            Step::Index(i) => i.to_string(),
        }));
        path
    }
}

/// The references under a node, with their slots (an explicit stack; data is skipped).
/// Local references (`#/…`) are taken only when `follow_local`, and path items always.
fn sites(node: &Value, job: &Job, follow_local: bool) -> Vec<Site> {
    let mut out = Vec::new();
    let mut places = Places { steps: Vec::new() };
    let start_slot = SlotRef::Entry { map: job.holder.as_deref().unwrap_or_default() };
    let mut stack: Vec<Visit<'_>> = vec![(node, Places::START, job.kind, job.holder.as_deref(), start_slot)];
    while let Some((value, place, kind, holder, slot)) = stack.pop() {
        match value {
            Value::Object(map) => {
                // A whole map of names given by reference (only one from another file).
                if kind == Node::Names && map.len() == 1 {
                    if let Some(target) =
                        map.get("$ref").and_then(Value::as_str).filter(|t| !t.starts_with('#') || follow_local)
                    {
                        let at = places.path(&job.at, place);
                        let key = holder.unwrap_or_default();
                        out.push(Site {
                            at,
                            target: target.to_owned(),
                            slot: Slot::Names { key: key.to_owned() },
                            kind,
                        });
                        continue;
                    }
                }
                if let Some(target) = walk::reference(map, kind) {
                    let path_item = slot.target() == Target::PathItem;
                    if !target.starts_with('#') || follow_local || path_item {
                        let at = places.path(&job.at, place);
                        out.push(Site { at, target: target.to_owned(), slot: slot.owned(), kind });
                    }
                }
                // A callback's entries are path items: its members say so to their slots.
                let container = match slot {
                    SlotRef::Entry { map } => Some(map),
                    _ => None,
                };
                for (key, child_value) in map.iter().rev() {
                    if key == "$ref" && kind != Node::Names && kind != Node::ExampleNames {
                        continue;
                    }
                    let Some(child_kind) = walk::child(kind, key, holder) else { continue };
                    let child_slot = match kind {
                        Node::Names | Node::ExampleNames => SlotRef::Entry { map: holder.unwrap_or_default() },
                        _ => SlotRef::Member { key, container },
                    };
                    let child_place = places.add(place, Step::Key(key));
                    stack.push((child_value, child_place, child_kind, Some(key), child_slot));
                }
                // Discriminator mappings name schemas by reference, as plain strings.
                if kind == Node::Structured {
                    if let Some(Value::Object(mapping)) = map.get("discriminator").and_then(|d| d.get("mapping")) {
                        for (tag, target) in mapping {
                            let Some(target) = target.as_str() else { continue };
                            if !target.starts_with('#') || follow_local {
                                let mut tag_at = places.path(&job.at, place);
                                tag_at.extend(["discriminator".to_owned(), "mapping".to_owned(), tag.clone()]);
                                out.push(Site {
                                    at: tag_at,
                                    target: target.to_owned(),
                                    slot: Slot::Member { key: "mapping".to_owned(), container: None },
                                    kind: Node::Structured,
                                });
                            }
                        }
                    }
                }
            }
            // A list of examples (a 3.1 schema's `examples`) is data.
            Value::Array(_) if kind == Node::ExampleNames => {}
            Value::Array(items) => {
                let list = holder.unwrap_or_default();
                for (i, item) in items.iter().enumerate().rev() {
                    let item_place = places.add(place, Step::Index(i));
                    stack.push((item, item_place, kind, holder, SlotRef::Item { list }));
                }
            }
            _ => {}
        }
    }
    out
}

fn pointer_of(path: &[String]) -> Pointer {
    path.iter().fold(Pointer::root(), |p, segment| p.join(segment))
}

fn pointer_mut<'v>(doc: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    path.iter().try_fold(doc, |node, segment| match node {
        Value::Object(map) => map.get_mut(segment),
        Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        _ => None,
    })
}

/// Points the reference at `path` (a `{$ref}` object or a discriminator mapping's value)
/// at `target`.
fn set_ref(doc: &mut Value, path: &[String], target: String) {
    match pointer_mut(doc, path) {
        Some(Value::Object(map)) => {
            map.insert("$ref".to_owned(), Value::String(target));
        }
        Some(value @ Value::String(_)) => *value = Value::String(target),
        _ => {}
    }
}

/// Where a section's components live in a document: `components/<section>`, or in a
/// Swagger 2.0 one, the root's `definitions`, `parameters` and `responses`.
fn home(section: &str, swagger2: bool) -> Vec<String> {
    let root = match (swagger2, section) {
        (true, "schemas") => "definitions",
        (true, "parameters") => "parameters",
        (true, "responses") => "responses",
        (true, "securitySchemes") => "securityDefinitions",
        _ => return vec!["components".to_owned(), section.to_owned()],
    };
    vec![root.to_owned()]
}

fn insert_component(doc: &mut Value, home: &[String], name: String, value: Value) {
    let mut node = doc;
    for key in home {
        let Value::Object(map) = node else { return };
        node = map.entry(key.clone()).or_insert_with(|| Value::Object(Map::new()));
    }
    if let Value::Object(entries) = node {
        entries.insert(name, value);
    }
}

/// A path without `.` and `..` segments (lexically: the file may not exist).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Decodes `%XX` escapes in a file reference (`my%20models.yaml`).
fn percent_decode(text: &str) -> String {
    crate::resolve::percent_decode(text)
}
