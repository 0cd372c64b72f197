//! OData's system query options (`$top`, `$skip`, `$search`, `$filter`, `$count`,
//! `$orderby`, `$select`, `$expand`), which most of Graph's operations take.
//!
//! Each operation that takes them holds one [`QueryOptions`] and has a setter for each
//! option its description lists (`.top(10)`, `.select(["id"])`), as it has for its other
//! parameters; the setters come from the `query_options!` macro and are the same for every
//! operation, so a crate does not repeat them thousands of times (the whole of Graph has
//! 25,000). The marker traits ([`Top`], [`Select`], …) say which options an operation
//! takes, so an operation bound to a client has the same setters (`Bound::top`, …) and
//! an option the description does not list does not compile.

use super::operation::UrlBuilder;

/// The OData system query options given to one operation; written into its URL in this
/// order, each only when set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryOptions {
    /// `$top`: at most this many items.
    pub top: Option<i64>,
    /// `$skip`: skip this many items.
    pub skip: Option<i64>,
    /// `$search`: items matching these search phrases.
    pub search: Option<String>,
    /// `$filter`: items whose properties match this expression.
    pub filter: Option<String>,
    /// `$count`: include the count of items.
    pub count: Option<bool>,
    /// `$orderby`: order items by these properties.
    pub orderby: Option<Vec<String>>,
    /// `$select`: only these properties.
    pub select: Option<Vec<String>>,
    /// `$expand`: include these related entities.
    pub expand: Option<Vec<String>>,
}

impl QueryOptions {
    /// Appends the options that are set to `url`'s query, lists comma-separated as Graph
    /// reads them (`$select=id,displayName`).
    pub fn write(&self, url: &mut UrlBuilder) {
        if let Some(value) = self.top {
            url.query("$top", &value.to_string());
        }
        if let Some(value) = self.skip {
            url.query("$skip", &value.to_string());
        }
        if let Some(value) = &self.search {
            url.query("$search", value);
        }
        if let Some(value) = &self.filter {
            url.query("$filter", value);
        }
        if let Some(value) = self.count {
            url.query("$count", if value { "true" } else { "false" });
        }
        for (name, value) in [("$orderby", &self.orderby), ("$select", &self.select), ("$expand", &self.expand)] {
            if let Some(values) = value {
                url.query_list(name, values, false);
            }
        }
    }
}

/// An operation that takes OData query options, held in one [`QueryOptions`].
pub trait HasQueryOptions {
    /// The options given so far.
    fn query_options(&self) -> &QueryOptions;
    /// The options, to change.
    fn query_options_mut(&mut self) -> &mut QueryOptions;
}

/// Takes `$top`.
pub trait Top: HasQueryOptions {}
/// Takes `$skip`.
pub trait Skip: HasQueryOptions {}
/// Takes `$search`.
pub trait Search: HasQueryOptions {}
/// Takes `$filter`.
pub trait Filter: HasQueryOptions {}
/// Takes `$count`.
pub trait Count: HasQueryOptions {}
/// Takes `$orderby`.
pub trait OrderBy: HasQueryOptions {}
/// Takes `$select`.
pub trait Select: HasQueryOptions {}
/// Takes `$expand`.
pub trait Expand: HasQueryOptions {}

/// Generated as `query_options! { ApplicationListApplication, query_options; Top, Select }`:
/// the operation, the field holding its [`QueryOptions`], then the options it takes. Gives
/// the operation [`HasQueryOptions`], the marker trait and a setter for each option.
#[allow(unused_macros)]
macro_rules! query_options {
    ($name:ident, $field:ident; $($option:ident),* $(,)?) => {
        impl crate::runtime::query::HasQueryOptions for $name {
            fn query_options(&self) -> &crate::runtime::query::QueryOptions {
                &self.$field
            }
            fn query_options_mut(&mut self) -> &mut crate::runtime::query::QueryOptions {
                &mut self.$field
            }
        }
        $( impl crate::runtime::query::$option for $name {} )*
        impl $name {
            $( crate::runtime::query::query_options!(@setter $option $field); )*
        }
    };
    (@setter Top $field:ident) => {
        /// Show only the first `value` items (`$top`).
        pub fn top(mut self, value: i64) -> Self {
            self.$field.top = ::std::option::Option::Some(value);
            self
        }
    };
    (@setter Skip $field:ident) => {
        /// Skip the first `value` items (`$skip`).
        pub fn skip(mut self, value: i64) -> Self {
            self.$field.skip = ::std::option::Option::Some(value);
            self
        }
    };
    (@setter Search $field:ident) => {
        /// Search items by search phrases (`$search`).
        pub fn search(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
            self.$field.search = ::std::option::Option::Some(value.into());
            self
        }
    };
    (@setter Filter $field:ident) => {
        /// Filter items by property values (`$filter`).
        pub fn filter(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
            self.$field.filter = ::std::option::Option::Some(value.into());
            self
        }
    };
    (@setter Count $field:ident) => {
        /// Include the count of items (`$count`).
        pub fn count(mut self, value: bool) -> Self {
            self.$field.count = ::std::option::Option::Some(value);
            self
        }
    };
    (@setter OrderBy $field:ident) => {
        /// Order items by property values (`$orderby`).
        pub fn orderby(
            mut self,
            value: impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<::std::string::String>>,
        ) -> Self {
            self.$field.orderby = ::std::option::Option::Some(value.into_iter().map(::std::convert::Into::into).collect());
            self
        }
    };
    (@setter Select $field:ident) => {
        /// Select properties to be returned (`$select`).
        pub fn select(
            mut self,
            value: impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<::std::string::String>>,
        ) -> Self {
            self.$field.select = ::std::option::Option::Some(value.into_iter().map(::std::convert::Into::into).collect());
            self
        }
    };
    (@setter Expand $field:ident) => {
        /// Expand related entities (`$expand`).
        pub fn expand(
            mut self,
            value: impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<::std::string::String>>,
        ) -> Self {
            self.$field.expand = ::std::option::Option::Some(value.into_iter().map(::std::convert::Into::into).collect());
            self
        }
    };
}
// A crate whose operations take no OData option never calls it.
#[allow(unused_imports)]
pub(crate) use query_options;

#[cfg(test)]
mod tests {
    use super::{HasQueryOptions as _, QueryOptions};
    use crate::operation::UrlBuilder;

    #[derive(Debug, Clone, Default, PartialEq)]
    struct ListJobs {
        query_options: QueryOptions,
    }
    crate::runtime::query::query_options! { ListJobs, query_options; Top, Skip, Search, Filter, Count, OrderBy, Select, Expand }

    fn url(options: &QueryOptions) -> String {
        let mut url = UrlBuilder::new("https://graph.microsoft.com/v1.0").expect("base");
        url.literal("/jobs");
        options.write(&mut url);
        let request = url.into_request(::http::Method::GET).body(()).expect("a request");
        request.uri().to_string()
    }

    #[test]
    fn options_are_written_in_one_order_each_only_when_set() {
        assert_eq!(url(&QueryOptions::default()), "https://graph.microsoft.com/v1.0/jobs");
        let list = ListJobs::default()
            .expand(["schedule"])
            .select(["id", "status"])
            .orderby(["id desc"])
            .count(true)
            .filter("templateId eq 'Box, Inc'")
            .search("\"a b\"")
            .skip(5)
            .top(10);
        assert_eq!(
            url(list.query_options()),
            "https://graph.microsoft.com/v1.0/jobs?$top=10&$skip=5&$search=%22a%20b%22\
             &$filter=templateId%20eq%20%27Box%2C%20Inc%27&$count=true&$orderby=id%20desc&$select=id,status&$expand=schedule"
        );
    }
}
