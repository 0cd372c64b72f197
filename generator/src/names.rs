//! The one sanitizer: every spec name becomes a Rust identifier here, and nowhere else.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// The case an identifier is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `UpperCamelCase`: types, enum variants.
    Camel,
    /// `snake_case`: fields, parameters, methods.
    Snake,
}

/// Keywords of every edition up to 2024 (`gen` included), strict and reserved.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Turns any spec name into a valid Rust identifier in `case`.
///
/// Non-alphanumeric characters (`@odata.nextLink`, `$count`, `servicePrincipal-id`,
/// dots, spaces) separate words; accented Latin letters lose their accents (`größe` →
/// `grosse`), other letters and digits beyond ASCII become words of their own
/// (`名前` → `u540d_u524d`), so different names stay different and identifiers stay ASCII
/// (rustc warns about confusable non-ASCII ones); a name that starts with a digit gets a
/// prefix; a keyword gets a trailing `_`; a name with no letters or digits at all becomes
/// `value`/`Value`. Collisions between the results are the caller's, through [`Scope`].
pub fn sanitize(name: &str, case: Case) -> String {
    // Lowering asks for the same few names again and again (every operation's `$top`,
    // `ConsistencyLevel`, `servicePrincipal-id`, …: 97,000 calls for the whole of Graph,
    // where heck's conversion costs about 5,000 instructions each), so each thread keeps
    // the answers it gave. A pure function's cache: the output cannot depend on it.
    thread_local! {
        static SANITIZED: std::cell::RefCell<[std::collections::HashMap<String, String>; 2]> =
            std::cell::RefCell::new(Default::default());
    }
    /// Past this many names a thread's cache starts over (memory stays bounded).
    const CACHED: usize = 1 << 16;
    let slot = usize::from(case == Case::Snake);
    let cached = SANITIZED.with(|seen| seen.borrow().get(slot).and_then(|m| m.get(name).cloned()));
    if let Some(out) = cached {
        return out;
    }
    let out = convert(name, case);
    SANITIZED.with(|seen| {
        if let Some(map) = seen.borrow_mut().get_mut(slot) {
            if map.len() >= CACHED {
                map.clear();
            }
            map.insert(name.to_owned(), out.clone());
        }
    });
    out
}

/// A type name composed of a type name already made by [`sanitize`] and more words (an
/// inline type named after its operation and parameter, an array's `Item`, a union's
/// `Variant1`): the words are sanitized on their own, as [`sanitize`] would, a keyword's
/// escape is dropped from each part, and the whole name is escaped once if it is itself a
/// keyword. `Self_` and `type` make `SelfType`, never `Self_Type`, which is no camel case.
pub fn extend(name: &str, more: &str) -> String {
    let unescaped = |part: &str| -> String {
        match part.strip_suffix('_') {
            Some(word) if KEYWORDS.contains(&word) => word.to_owned(),
            _ => part.to_owned(),
        }
    };
    let mut out = unescaped(name);
    out.push_str(&unescaped(&sanitize(more, Case::Camel)));
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// A package name from the spec title: `Microsoft Graph v1` → `microsoft-graph-v1`.
pub fn crate_name_from_title(title: &str) -> String {
    let snake = sanitize(title, Case::Snake);
    let mut name = snake.trim_matches('_').replace('_', "-");
    if name.is_empty()
        || name.starts_with(|c: char| c.is_ascii_digit())
        || matches!(name.as_str(), "test" | "std" | "core" | "alloc" | "proc-macro")
    {
        name.insert_str(0, "api-");
    }
    name
}

/// [`sanitize`], without its cache.
fn convert(name: &str, case: Case) -> String {
    let mut words = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            words.push(c);
        } else if let Some(folded) = fold_latin(c) {
            words.push_str(folded);
        } else if c.is_alphanumeric() {
            words.push_str(&format!(" u{:04x} ", u32::from(c)));
        } else {
            words.push(' ');
        }
    }
    let mut out = match case {
        Case::Camel => words.to_upper_camel_case(),
        Case::Snake => words.to_snake_case(),
    };
    if out.is_empty() {
        out = match case {
            Case::Camel => "Value".to_owned(),
            Case::Snake => "value".to_owned(),
        };
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, if case == Case::Camel { "V" } else { "_" });
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// The ASCII spelling of a common accented Latin letter, if `c` is one.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'æ' => "ae",
        'Æ' => "Ae",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'ď' | 'đ' => "d",
        'Ď' | 'Đ' => "D",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "E",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => "I",
        'ł' => "l",
        'Ł' => "L",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'œ' => "oe",
        'Œ' => "Oe",
        'ř' => "r",
        'Ř' => "R",
        'ś' | 'š' | 'ş' => "s",
        'Ś' | 'Š' | 'Ş' => "S",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'Ť' | 'Ţ' => "T",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        _ => return None,
    })
}

/// A namespace in which names must be unique: the models of a crate, the fields of a
/// struct, the variants of an enum.
///
/// Names are claimed in a fixed order (spec order), each with a list of candidates
/// from the most to the least preferred; the first free candidate wins, and if all
/// are taken the last one is numbered (`Name2`, `name_2`, …). The same input always
/// gives the same names.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// An empty scope.
    pub fn new() -> Self {
        Scope::default()
    }

    /// Marks names as used without claiming them for anything (e.g. `new`).
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    /// Whether `name` is already used.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Claims the first free candidate, numbering the last one if none is free
    /// (`Self_` numbers as `Self2`: camel case has no underscore before a digit).
    pub fn claim(&mut self, candidates: &[String], case: Case) -> String {
        for candidate in candidates {
            if !self.taken.contains(candidate) {
                self.taken.insert(candidate.clone());
                return candidate.clone();
            }
        }
        let base = candidates.last().cloned().unwrap_or_else(|| sanitize("", case));
        // `Self_` numbers as `Self2` (an underscore before a digit is not camel case).
        let base = match case {
            Case::Camel => base.trim_end_matches('_').to_owned(),
            Case::Snake => base,
        };
        let separator = if case == Case::Snake && !base.ends_with('_') { "_" } else { "" };
        let mut n = 2u64;
        loop {
            let candidate = format!("{base}{separator}{n}");
            if !self.taken.contains(&candidate) {
                self.taken.insert(candidate.clone());
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_names() {
        assert_eq!(sanitize("@odata.nextLink", Case::Snake), "odata_next_link");
        assert_eq!(sanitize("$count", Case::Snake), "count");
        assert_eq!(sanitize("servicePrincipal-id", Case::Snake), "service_principal_id");
        assert_eq!(sanitize("synchronizationJob", Case::Camel), "SynchronizationJob");
        assert_eq!(sanitize("ODataErrors.ODataError", Case::Camel), "ODataErrorsODataError");
        assert_eq!(
            sanitize("servicePrincipal.synchronization.job_start", Case::Camel),
            "ServicePrincipalSynchronizationJobStart"
        );
        assert_eq!(sanitize("unknownFutureValue", Case::Camel), "UnknownFutureValue");
    }

    #[test]
    fn keywords_digits_and_symbols() {
        assert_eq!(sanitize("type", Case::Snake), "type_");
        assert_eq!(sanitize("gen", Case::Snake), "gen_");
        assert_eq!(sanitize("self", Case::Camel), "Self_");
        assert_eq!(sanitize("2fa", Case::Snake), "_2fa");
        assert_eq!(sanitize("1", Case::Camel), "V1");
        assert_eq!(sanitize("+", Case::Camel), "Value");
        assert_eq!(sanitize("", Case::Snake), "value");
        assert_eq!(sanitize("ünïcode", Case::Snake), "unicode");
        assert_eq!(sanitize("Größe", Case::Camel), "Grosse");
        assert_eq!(sanitize("名前", Case::Snake), "u540d_u524d");
        assert_eq!(sanitize("获取", Case::Camel), "U83b7U53d6");
        assert_eq!(sanitize("😀", Case::Snake), "value");
    }

    #[test]
    fn composed_names_escape_a_keyword_once_for_the_whole() {
        assert_eq!(extend(&sanitize("Self", Case::Camel), "type"), "SelfType");
        assert_eq!(extend(&sanitize("self", Case::Camel), "Item"), "SelfItem");
        assert_eq!(extend("Job", "type"), "JobType");
        assert_eq!(extend("", "self"), "Self_");
        assert_eq!(extend("Get", "2fa"), "GetV2fa");
        assert_eq!(extend("Get", "+"), "GetValue");
        assert_eq!(
            extend("SynchronizationJob", "schedule"),
            format!("SynchronizationJob{}", sanitize("schedule", Case::Camel))
        );
    }

    #[test]
    fn collisions_after_case_conversion_are_numbered_in_order() {
        let mut scope = Scope::new();
        let a = scope.claim(&[sanitize("fooBar", Case::Snake)], Case::Snake);
        let b = scope.claim(&[sanitize("foo_bar", Case::Snake)], Case::Snake);
        let c = scope.claim(&[sanitize("FooBar", Case::Snake)], Case::Snake);
        assert_eq!((a.as_str(), b.as_str(), c.as_str()), ("foo_bar", "foo_bar_2", "foo_bar_3"));
        let mut types = Scope::new();
        types.claim(&["Job".into()], Case::Camel);
        assert_eq!(types.claim(&["Job".into(), "GraphJob".into()], Case::Camel), "GraphJob");
        assert_eq!(types.claim(&["Job".into(), "GraphJob".into()], Case::Camel), "GraphJob2");
    }
}
