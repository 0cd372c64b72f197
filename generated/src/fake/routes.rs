//! The documented routes of both versions (written by `build.rs` from the facts) and how a
//! request finds its own.

/// One documented method + path.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Route {
    /// `v1.0` or `beta`.
    pub(crate) version: &'static str,
    /// The documented method.
    pub(crate) method: &'static str,
    /// The documented path (`{id}` for a parameter).
    pub(crate) path: &'static str,
    /// The operation of our spec it is (`POST /servicePrincipals/{servicePrincipal-id}/…`),
    /// empty for a documented route that is none of ours.
    pub(crate) key: &'static str,
    /// The documented success status.
    pub(crate) status: u16,
    /// The documented body: `none`, a type, `collection(type)`, `text`, `bytes`.
    pub(crate) body: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/fake_routes.rs"));

/// The route a request takes, with the values of its path's parameters in order: Graph
/// matches literal segments without regard to case, a parameter is any one segment, a
/// function's `()` and the `microsoft.graph.` namespace may be written or not.
pub(crate) fn find(version: &str, method: &str, path: &str) -> Option<(Route, Vec<String>)> {
    let segments: Vec<String> = path
        .trim_matches('/')
        .split('/')
        .map(|s| {
            let s = percent_decode(s);
            let s = s.strip_prefix("microsoft.graph.").map(str::to_owned).unwrap_or(s);
            s.strip_suffix("()").map(str::to_owned).unwrap_or(s)
        })
        .collect();
    ROUTES.iter().filter(|r| r.version == version && r.method.eq_ignore_ascii_case(method)).find_map(|route| {
        let wanted: Vec<&str> = route.path.trim_matches('/').split('/').collect();
        if wanted.len() != segments.len() {
            return None;
        }
        let mut values = Vec::new();
        for (want, got) in wanted.iter().zip(&segments) {
            match want.split_once('{').and_then(|(before, rest)| Some((before, rest.split_once('}')?.1))) {
                // A parameter, alone or inside a key segment (`servicePrincipals(appId='{appId}')`).
                Some((before, after)) => {
                    let value = strip_prefix_ignore_case(got, before)
                        .and_then(|rest| rest.strip_suffix(after))
                        .filter(|value| !value.is_empty())?;
                    values.push(value.to_owned());
                }
                None if want.eq_ignore_ascii_case(got) => {}
                None => return None,
            }
        }
        Some((*route, values))
    })
}

/// `text` without `prefix`, compared without regard to ASCII case.
fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// A query's (or a form body's) names and values, decoded as `application/x-www-form-urlencoded`
/// (`+` is a space): the runtime server's one reader of queries.
pub(crate) use crate::runtime::server::query_pairs;

/// `%XX` escapes decoded (a path segment as the client encoded it; `+` stays a `+`).
pub(crate) fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}
