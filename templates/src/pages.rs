//! Paging (feature `client`): a pageable operation's first answer, then each
//! `@odata.nextLink` (or the description's own next link), only to the origin of the
//! client's base URL.

use super::client::Client;
use super::error::Error;
use super::operation::Pageable;
use super::transport::{origin, Sent};

impl Client {
    /// The pages of a pageable operation: the first answer, then each `@odata.nextLink`
    /// until there is none. A next link to another scheme, host or port is refused (the
    /// token is never sent there) and ends the pages with an error.
    pub fn pages<'a, O: Pageable>(&'a self, operation: &'a O) -> Pages<'a, O> {
        Pages {
            client: self,
            operation: ::std::borrow::Cow::Borrowed(operation),
            next: Some(PageRequest::First),
            origin: None,
            page: 0,
        }
    }

    /// Like [`Client::pages`], keeping the operation (what a request builder's `.pages()` uses).
    pub fn pages_of<O: Pageable>(&self, operation: O) -> Pages<'_, O> {
        Pages {
            client: self,
            operation: ::std::borrow::Cow::Owned(operation),
            next: Some(PageRequest::First),
            origin: None,
            page: 0,
        }
    }
}

enum PageRequest {
    First,
    Link(String),
}

/// The pages of a pageable operation; see [`Client::pages`].
pub struct Pages<'a, O: Pageable> {
    client: &'a Client,
    /// Borrowed ([`Client::pages`]) or owned ([`Client::pages_of`]).
    operation: ::std::borrow::Cow<'a, O>,
    next: Option<PageRequest>,
    origin: Option<::url::Origin>,
    /// The pages requested so far.
    page: usize,
}

impl<O: Pageable> ::std::fmt::Debug for Pages<'_, O> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Pages").field("done", &self.next.is_none()).finish_non_exhaustive()
    }
}

impl<'a, O: Pageable> Pages<'a, O> {
    /// The next page, or `None` after the last one (or after an error).
    pub async fn next(&mut self) -> Option<Result<O::Output, Error>> {
        let request = self.next.take()?;
        let result = self.fetch(request).await;
        if let Ok(page) = &result {
            self.next = O::next_link(page).map(|link| PageRequest::Link(link.to_owned()));
        }
        Some(result)
    }

    async fn fetch(&mut self, request: PageRequest) -> Result<O::Output, Error> {
        if matches!(request, PageRequest::First) {
            self.client.check_cloud::<O>()?;
        }
        let base = self.client.base_url_for::<O>()?;
        let origin_of_base = match &self.origin {
            Some(o) => o.clone(),
            None => {
                let o = origin(&base)
                    .ok_or_else(|| Error::InvalidRequest { message: format!("base URL `{base}` has no origin") })?;
                self.origin = Some(o.clone());
                o
            }
        };
        let request = match request {
            PageRequest::First => self.operation.to_http(&base)?,
            PageRequest::Link(link) => {
                if origin(&link).as_ref() != Some(&origin_of_base) {
                    return Err(Error::InvalidRequest {
                        message: format!(
                            "refusing to follow @odata.nextLink `{link}`: it leaves {}",
                            origin_of_base.ascii_serialization()
                        ),
                    });
                }
                ::http::Request::get(link.as_str())
                    .header(::http::header::ACCEPT, "application/json")
                    .body(Vec::new())
                    .map_err(|e| Error::InvalidRequest { message: format!("bad @odata.nextLink `{link}`: {e}") })?
            }
        };
        self.page += 1;
        let sent = Sent::Operation { operation: &*self.operation, page: self.page };
        O::from_http(self.client.complete(request, sent).await?)
    }

    /// The pages as a [`futures_core::Stream`].
    pub fn into_stream(self) -> impl ::futures_core::Stream<Item = Result<O::Output, Error>> + 'a
    where
        O: 'a,
    {
        ::futures_util::stream::unfold(self, |mut pages| async move { pages.next().await.map(|page| (page, pages)) })
    }
}
