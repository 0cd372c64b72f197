//! Request builders walk the URL, as every Graph SDK does:
//! `Graph::new().service_principals().by_service_principal_id(sp)…start().post()`. Each step
//! is a small value holding the path's ids so far and a [`Context`] that says what the last
//! step returns: the operation itself ([`Unbound`], sans-IO), or the operation bound to a
//! client (`Bound`, started from `client.service_principals()`), which sends it.

#[cfg(feature = "client")]
use super::client::Client;
#[cfg(feature = "client")]
use super::error::Error;
#[cfg(feature = "client")]
use super::operation::{Operation, Pageable};
#[cfg(feature = "client")]
use super::pages::Pages;
#[cfg(feature = "client")]
use super::query::HasQueryOptions;

/// What a request builder's last step (`get()`, `post(body)`, …) returns the operation as.
pub trait Context: Sized {
    /// The operation `O` in this context.
    type Bound<O>;

    /// The operation in this context.
    fn bind<O>(self, operation: O) -> Self::Bound<O>;
}

/// Request builders without a client: the last step returns the operation itself, to turn
/// into an `http::Request` with `to_http` or to add to a `Batch`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unbound;

impl Context for Unbound {
    type Bound<O> = O;

    fn bind<O>(self, operation: O) -> O {
        operation
    }
}

#[cfg(feature = "client")]
impl<'c> Context for &'c Client {
    type Bound<O> = Bound<'c, O>;

    fn bind<O>(self, operation: O) -> Bound<'c, O> {
        Bound { client: self, operation }
    }
}

/// An operation from a request builder started at a client: `.send()` sends it,
/// `.pages()` pages it; its optional parameters have the operation's own setters.
#[cfg(feature = "client")]
#[derive(Debug, Clone)]
pub struct Bound<'c, O> {
    client: &'c Client,
    operation: O,
}

#[cfg(feature = "client")]
impl<'c, O> Bound<'c, O> {
    /// The operation.
    pub fn operation(&self) -> &O {
        &self.operation
    }

    /// The operation, unbound.
    pub fn into_operation(self) -> O {
        self.operation
    }

    /// Changes the operation: `.map(|operation| operation.top(10))`.
    pub fn map(self, change: impl FnOnce(O) -> O) -> Self {
        Bound { client: self.client, operation: change(self.operation) }
    }

    /// The client and the operation (what the generated setters on `Bound` take apart).
    pub fn into_parts(self) -> (&'c Client, O) {
        (self.client, self.operation)
    }

    /// An operation bound to a client.
    pub fn from_parts(client: &'c Client, operation: O) -> Self {
        Bound { client, operation }
    }
}

#[cfg(feature = "client")]
impl<'c, O: Operation> Bound<'c, O> {
    /// Sends the operation with the client it was built from ([`Client::send`]).
    pub async fn send(self) -> Result<O::Output, Error> {
        self.client.send(&self.operation).await
    }
}

#[cfg(feature = "client")]
impl<'c, O: Pageable> Bound<'c, O> {
    /// Every page of the operation's answer ([`Client::pages`]).
    pub fn pages(self) -> Pages<'c, O> {
        self.client.pages_of(self.operation)
    }
}

// The OData query options on an operation bound to a client, for each option the operation
// takes: the same setters as the operation's own, from the one table of options.
#[cfg(feature = "client")]
impl<O: HasQueryOptions> HasQueryOptions for Bound<'_, O> {
    fn query_options(&self) -> &super::query::QueryOptions {
        self.operation.query_options()
    }
    fn query_options_mut(&mut self) -> &mut super::query::QueryOptions {
        self.operation.query_options_mut()
    }
}

#[cfg(feature = "client")]
super::query::with_odata_options! { $ super::query::odata_bound_setters! }
