//! The fake's Microsoft Entra token endpoint, `POST /{tenant}/oauth2/v2.0/token`: the
//! client-credentials grant as Entra answers it (a token for any tenant and client id that
//! sends [`FakeGraph::client_secret`](super::FakeGraph::client_secret) for a `/.default`
//! scope; Entra's error bodies otherwise), every request counted.

use super::dispatch::{Body, Reply};
use super::routes::query_pairs;
use super::Shared;
use serde_json::json;
use std::sync::atomic::Ordering;

/// Whether a request is for the token endpoint.
pub(crate) fn is_token_request(method: &str, target: &str) -> bool {
    let path = target.split_once('?').map_or(target, |(path, _)| path);
    let segments: Vec<&str> = path.split('/').collect();
    method.eq_ignore_ascii_case("POST")
        && matches!(segments.as_slice(), ["", tenant, "oauth2", "v2.0", "token"] if !tenant.is_empty())
}

/// The answer to a token request with this form body.
pub(crate) fn answer(shared: &Shared, body: &[u8]) -> Reply {
    shared.token_requests.fetch_add(1, Ordering::SeqCst);
    let text = String::from_utf8_lossy(body);
    let form = query_pairs(&text);
    let field = |name: &str| form.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    if field("grant_type") != Some("client_credentials") {
        return refuse(
            400,
            "unsupported_grant_type",
            "AADSTS70003: The app requested an unsupported grant type (fake: only client_credentials).",
        );
    }
    let Some(client_id) = field("client_id").filter(|c| !c.is_empty()) else {
        return refuse(
            400,
            "invalid_request",
            "AADSTS900144: The request body must contain the parameter 'client_id'.",
        );
    };
    if field("client_secret") != Some(shared.client_secret.as_str()) {
        return refuse(
            401,
            "invalid_client",
            &format!(
                "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the \
                 client secret value, not the client secret ID, for a secret added to app '{client_id}'."
            ),
        );
    }
    match field("scope") {
        Some(scope) if scope.ends_with("/.default") => Reply {
            status: 200,
            headers: Vec::new(),
            body: Body::Json(json!({
                "token_type": "Bearer",
                "expires_in": 3599,
                "ext_expires_in": 3599,
                "access_token": shared.token,
            })),
        },
        _ => refuse(
            400,
            "invalid_scope",
            "AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope \
             value with /.default suffixed to the resource identifier (application ID URI).",
        ),
    }
}

/// Entra's error body.
fn refuse(status: u16, error: &str, description: &str) -> Reply {
    Reply { status, headers: Vec::new(), body: Body::Json(json!({"error": error, "error_description": description})) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_token_path_is_the_token_endpoint() {
        assert!(is_token_request("POST", "/tenant/oauth2/v2.0/token"));
        assert!(!is_token_request("GET", "/tenant/oauth2/v2.0/token"));
        assert!(!is_token_request("POST", "//oauth2/v2.0/token"));
        assert!(!is_token_request("POST", "/v1.0/servicePrincipals"));
    }
}
