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

/// Every OData system query option, once, in the order a URL writes them: its field of
/// [`QueryOptions`], its setter and its command-line flag (`orderby`); its marker trait
/// (`OrderBy`); its name on the wire (`$orderby`); the [`Kind`] of its value; and what it
/// does (the setter's doc, the flag's help). Everything else is written from this table:
/// [`QueryOptions`] and its `write`, the marker traits, [`OPTIONS`] (which the command line
/// and the generator read), the operations' setters (`query_options!`) and `Bound`'s.
///
/// It hands the table to the macro it is given, with the dollar sign it is given first
/// (`with_odata_options! { $ odata_types! }`), so that a macro written from the table can
/// take arguments of its own.
#[allow(unused_macros)]
macro_rules! with_odata_options {
    ($d:tt $($then:ident)::+ !) => {
        $($then)::+! { $d
            top Top "$top" Integer "Show only the first N items";
            skip Skip "$skip" Integer "Skip the first N items";
            search Search "$search" Text "Search items by search phrases";
            filter Filter "$filter" Text "Filter items by property values";
            count Count "$count" Boolean "Include the count of items";
            orderby OrderBy "$orderby" List "Order items by these properties";
            select Select "$select" List "Only these properties";
            expand Expand "$expand" List "Include these related entities";
        }
    };
}
#[allow(unused_imports)]
pub(crate) use with_odata_options;

/// The kind of an option's value: how its setter takes it, how a URL writes it, how the
/// command line reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An integer (`$top=10`).
    Integer,
    /// Text (`$filter=…`).
    Text,
    /// `true` or `false` (`$count=true`).
    Boolean,
    /// Text items, comma-separated (`$select=id,status`).
    List,
}

/// One row of the table of options; see [`OPTIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ODataOption {
    /// Its field of [`QueryOptions`], its setter and its command-line flag (`orderby`).
    pub name: &'static str,
    /// Its marker trait (`OrderBy`), which also names it to `query_options!`.
    pub marker: &'static str,
    /// Its name in a URL and in a description (`$orderby`).
    pub wire: &'static str,
    /// The kind of its value.
    pub kind: Kind,
    /// What it does, as a setter's doc and a flag's help say it.
    pub help: &'static str,
}

/// What each [`Kind`] is in Rust: the field's type, how it is written into a URL, read
/// from a flag's text, and the setter that takes it (`$options` the trait the setter
/// reaches the options through, as the invoking module names it).
#[allow(unused_macros)]
macro_rules! odata_kind {
    (@type Integer) => { i64 };
    (@type Text) => { ::std::string::String };
    (@type Boolean) => { bool };
    (@type List) => { ::std::vec::Vec<::std::string::String> };
    (@write Integer $url:ident $wire:literal $value:ident) => { $url.query($wire, &$value.to_string()) };
    (@write Text $url:ident $wire:literal $value:ident) => { $url.query($wire, $value) };
    (@write Boolean $url:ident $wire:literal $value:ident) => { $url.query($wire, if *$value { "true" } else { "false" }) };
    (@write List $url:ident $wire:literal $value:ident) => { $url.query_list($wire, $value, false) };
    (@read Integer $text:ident) => { $text.trim().parse::<i64>().map_err(|e| e.to_string()) };
    (@read Text $text:ident) => { ::std::result::Result::<_, ::std::string::String>::Ok($text.to_owned()) };
    (@read Boolean $text:ident) => { $text.trim().parse::<bool>().map_err(|e| e.to_string()) };
    (@read List $text:ident) => {
        ::std::result::Result::<_, ::std::string::String>::Ok(
            $text.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
        )
    };
    (@setter [$($vis:tt)*] Integer $name:ident $doc:expr, $options:path) => {
        #[doc = $doc]
        $($vis)* fn $name(mut self, value: i64) -> Self {
            <Self as $options>::query_options_mut(&mut self).$name = ::std::option::Option::Some(value);
            self
        }
    };
    (@setter [$($vis:tt)*] Text $name:ident $doc:expr, $options:path) => {
        #[doc = $doc]
        $($vis)* fn $name(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
            <Self as $options>::query_options_mut(&mut self).$name = ::std::option::Option::Some(value.into());
            self
        }
    };
    (@setter [$($vis:tt)*] Boolean $name:ident $doc:expr, $options:path) => {
        #[doc = $doc]
        $($vis)* fn $name(mut self, value: bool) -> Self {
            <Self as $options>::query_options_mut(&mut self).$name = ::std::option::Option::Some(value);
            self
        }
    };
    (@setter [$($vis:tt)*] List $name:ident $doc:expr, $options:path) => {
        #[doc = $doc]
        $($vis)* fn $name(
            mut self,
            value: impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<::std::string::String>>,
        ) -> Self {
            <Self as $options>::query_options_mut(&mut self).$name =
                ::std::option::Option::Some(value.into_iter().map(::std::convert::Into::into).collect());
            self
        }
    };
}
#[allow(unused_imports)]
pub(crate) use odata_kind;

/// The runtime's part of the table: [`QueryOptions`], the marker traits and [`OPTIONS`].
macro_rules! odata_types {
    ($d:tt $($name:ident $marker:ident $wire:literal $kind:ident $help:literal;)*) => {
        /// The OData system query options given to one operation; written into its URL in
        /// the table's order, each only when set.
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct QueryOptions {
            $(
                #[doc = concat!("`", $wire, "`: ", $help, ".")]
                pub $name: Option<odata_kind!(@type $kind)>,
            )*
        }

        impl QueryOptions {
            /// Appends the options that are set to `url`'s query, lists comma-separated as
            /// Graph reads them (`$select=id,displayName`).
            pub fn write(&self, url: &mut UrlBuilder) {
                $(
                    if let Some(value) = &self.$name {
                        odata_kind!(@write $kind url $wire value);
                    }
                )*
            }

            /// Sets the option named `name` ([`ODataOption::name`]) from text as the command
            /// line gives it (`10`, `true`, `id,status`); an error says why the text is not
            /// the option's kind, or that no option has that name.
            pub fn set_text(&mut self, name: &str, text: &str) -> Result<(), String> {
                match name {
                    $( stringify!($name) => self.$name = Some(odata_kind!(@read $kind text)?), )*
                    _ => return Err(format!("no OData query option is named `{name}`")),
                }
                Ok(())
            }
        }

        $(
            #[doc = concat!("Takes `", $wire, "`; its setter, for an operation whose type has no method of that name")]
            #[doc = "(with a crate per module, the operations' setters are these, written once: the prelude brings them)."]
            pub trait $marker: HasQueryOptions + Sized {
                odata_kind!(@setter [] $kind $name concat!($help, " (`", $wire, "`)."), HasQueryOptions);
            }
        )*

        /// Every option, in the order a URL writes them (the table of `with_odata_options!`).
        pub const OPTIONS: &[ODataOption] = &[
            $( ODataOption { name: stringify!($name), marker: stringify!($marker), wire: $wire, kind: Kind::$kind, help: $help }, )*
        ];
    };
}
with_odata_options! { $ odata_types! }

/// Writes `query_options!`, the macro generated code calls for each operation that takes
/// options, from the table.
macro_rules! odata_setters {
    ($d:tt $($name:ident $marker:ident $wire:literal $kind:ident $help:literal;)*) => {
        /// Generated as `query_options! { ApplicationListApplication, query_options; Top, Select }`:
        /// the operation, the field holding its [`QueryOptions`], then the options it takes.
        /// Gives the operation [`HasQueryOptions`], the marker trait and an inherent setter for
        /// each option; `query_options! { traits … }` the traits alone, whose provided methods
        /// are then the setters (a crate per module: no method per operation to compile).
        #[allow(unused_macros)]
        macro_rules! query_options {
            ($d name:ident, $d field:ident; $d($d option:ident),* $d(,)?) => {
                crate::runtime::query::query_options!(traits $d name, $d field; $d($d option),*);
                impl $d name {
                    $d( crate::runtime::query::query_options!(@setter $d option); )*
                }
            };
            // The options' traits alone: the setters are the traits' (a crate per module).
            (traits $d name:ident, $d field:ident; $d($d option:ident),* $d(,)?) => {
                impl crate::runtime::query::HasQueryOptions for $d name {
                    fn query_options(&self) -> &crate::runtime::query::QueryOptions {
                        &self.$d field
                    }
                    fn query_options_mut(&mut self) -> &mut crate::runtime::query::QueryOptions {
                        &mut self.$d field
                    }
                }
                $d( impl crate::runtime::query::$d option for $d name {} )*
            };
            $(
                (@setter $marker) => {
                    crate::runtime::query::odata_kind!(
                        @setter [pub] $kind $name concat!($help, " (`", $wire, "`)."), crate::runtime::query::HasQueryOptions
                    );
                };
            )*
        }
        // A crate whose operations take no OData option never calls it.
        #[allow(unused_imports)]
        pub(crate) use query_options;
    };
}
with_odata_options! { $ odata_setters! }

/// Writes `Bound`'s setters (in `paths`, where `Bound` is), one for each option the bound
/// operation takes, from the table (with the `client` feature).
#[allow(unused_macros)]
macro_rules! odata_bound_setters {
    ($d:tt $($name:ident $marker:ident $wire:literal $kind:ident $help:literal;)*) => {
        $(
            impl<O: super::query::$marker> Bound<'_, O> {
                super::query::odata_kind!(@setter [pub] $kind $name concat!($help, " (`", $wire, "`)."), super::query::HasQueryOptions);
            }
        )*
    };
}
#[allow(unused_imports)]
pub(crate) use odata_bound_setters;

/// An operation that takes OData query options, held in one [`QueryOptions`].
pub trait HasQueryOptions {
    /// The options given so far.
    fn query_options(&self) -> &QueryOptions;
    /// The options, to change.
    fn query_options_mut(&mut self) -> &mut QueryOptions;
}

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
