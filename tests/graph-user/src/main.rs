//! The whole of Microsoft Graph as a user's program sees it: one dependency on the
//! generated `graph` crate with the `applications` and `users` features, the README's calls
//! sent through the client to a server on 127.0.0.1, and the answers decoded into the
//! models every module shares. It exits non-zero if a request or an answer is not what
//! Graph's reference pages describe.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use graph::models::{ApplicationCollectionResponse, DirectoryObjectCollectionResponse, User};
use graph::prelude::*;

/// The README's calls: five applications, then one user.
async fn readme_calls(client: &graph::Client, user_id: &str) -> Result<(ApplicationCollectionResponse, User), Error> {
    let apps = client.applications().get().top(5).send().await?;
    let me = client.users().by_user_id(user_id).get().send().await?;
    Ok((apps, me))
}

/// One model for every module: an application's owners (Applications) and a user's
/// groups (Users) are the same Rust type. (A module's setters on an operation bound to the
/// client, `consistency_level` here, come with the prelude.)
async fn directory_objects(client: &graph::Client) -> Result<[DirectoryObjectCollectionResponse; 2], Error> {
    let owners =
        client.applications().by_application_id("app-1").owners().get().consistency_level("eventual").send().await?;
    let groups = client.users().by_user_id("user-1").member_of().get().send().await?;
    Ok([owners, groups])
}

/// What the server answers, by request target; anything else is Graph's 404.
const ANSWERS: &[(&str, &str)] = &[
    (
        "/v1.0/applications?$top=5",
        r##"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#applications","value":[{"id":"app-1","appId":"00000000-0000-0000-0000-000000000001","displayName":"Provisioning tool","signInAudience":"AzureADMyOrg","tags":[],"notesOnTheApp":"a member Graph may add later"}]}"##,
    ),
    (
        "/v1.0/users/user-1",
        r##"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users/$entity","id":"user-1","displayName":"Adele Vance","mail":null,"userPrincipalName":"adele@contoso.example"}"##,
    ),
    (
        "/v1.0/applications/app-1/owners",
        r##"{"value":[{"@odata.type":"#microsoft.graph.user","id":"user-1","displayName":"Adele Vance"}]}"##,
    ),
    (
        "/v1.0/users/user-1/memberOf",
        r##"{"value":[{"@odata.type":"#microsoft.graph.group","id":"group-1","displayName":"Provisioning admins"}]}"##,
    ),
];

const NOT_FOUND: &str = r#"{"error":{"code":"Request_ResourceNotFound","message":"No HTTP resource was found that matches the request URI."}}"#;

/// Answers one HTTP/1.1 request per connection and records its request line, its
/// `Authorization` header and its `ConsistencyLevel` header if it has one.
fn serve(listener: TcpListener, seen: Arc<Mutex<Vec<String>>>) {
    for stream in listener.incoming().flatten() {
        if let Some(line) = answer(stream) {
            seen.lock().unwrap_or_else(|e| e.into_inner()).push(line);
        }
    }
}

fn answer(mut stream: TcpStream) -> Option<String> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut authorization = String::new();
    let mut consistency = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 || header == "\r\n" {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("authorization") {
                authorization = value.trim().to_owned();
            }
            if name.eq_ignore_ascii_case("consistencylevel") {
                consistency = format!(" ConsistencyLevel: {}", value.trim());
            }
        }
    }
    let request_line = request_line.trim_end().to_owned();
    let target = request_line.split(' ').nth(1).unwrap_or_default();
    let (status, body) = match ANSWERS.iter().find(|(path, _)| *path == target) {
        Some((_, body)) => ("200 OK", *body),
        None => ("404 Not Found", NOT_FOUND),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).ok()?;
    Some(format!("{request_line} [{authorization}]{consistency}"))
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("the answers above are JSON")
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let base_url = format!("http://{}/v1.0", listener.local_addr()?);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let server_seen = Arc::clone(&seen);
    std::thread::spawn(move || serve(listener, server_seen));

    let client = graph::Client::builder().bearer_token("token-1").base_url(base_url.as_str()).build()?;
    let (apps, me) = readme_calls(&client, "user-1").await?;
    let [owners, groups] = directory_objects(&client).await?;

    // The requests, as Graph's reference pages write them, each with the token (and the
    // header the bound operation's setter asked for).
    let seen = seen.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert_eq!(
        seen,
        [
            "GET /v1.0/applications?$top=5 HTTP/1.1 [Bearer token-1]",
            "GET /v1.0/users/user-1 HTTP/1.1 [Bearer token-1]",
            "GET /v1.0/applications/app-1/owners HTTP/1.1 [Bearer token-1] ConsistencyLevel: eventual",
            "GET /v1.0/users/user-1/memberOf HTTP/1.1 [Bearer token-1]",
        ]
    );

    // The same calls without a client are the operations themselves (sans-IO).
    let list = Graph::new().applications().get().top(5);
    assert_eq!(list, graph::operations::ApplicationListApplication::new().top(5));
    assert_eq!(list.to_http(&base_url)?.uri().to_string(), format!("{base_url}/applications?$top=5"));

    // Typed where the description names a member, and nothing lost where it does not:
    // each answer written back is the JSON that came.
    let app = apps.value.as_deref().unwrap_or_default().first().ok_or("no application")?;
    assert_eq!(app.display_name.as_deref(), Some("Provisioning tool"));
    assert_eq!(me.display_name.as_deref(), Some("Adele Vance"));
    assert!(me.mail.is_none() && me.is_null(User::MAIL), "the user's mail arrived as null");
    for ((_, sent), decoded) in ANSWERS.iter().zip([
        serde_json::to_value(&apps)?,
        serde_json::to_value(&me)?,
        serde_json::to_value(&owners)?,
        serde_json::to_value(&groups)?,
    ]) {
        assert_eq!(decoded, json(sent));
    }

    // An id Graph does not know: its 404 as an error, with Graph's code.
    let missing = client.users().by_user_id("nobody").get().send().await;
    match missing.as_ref().err().and_then(Error::response) {
        Some(response) => {
            assert_eq!(response.status, 404);
            assert_eq!(response.code(), Some("Request_ResourceNotFound"));
        }
        None => return Err(format!("expected Graph's 404, got {missing:?}").into()),
    }

    println!(
        "graph-user: {} requests through the `applications` and `users` features answered and decoded losslessly",
        ANSWERS.len() + 1
    );
    Ok(())
}
