//! An operation type's method names: the ones every operation has, which no field's setter
//! may take, and each field's getter, named among them all.

use crate::ir::{Body, Param, QueryOptions};
use crate::names::{Case, Scope};

/// Methods every operation type has, which no parameter's setter may be named.
pub const RESERVED_METHODS: &[&str] = &["new", "to_http", "from_http"];

/// Names each field's getter among the operation's methods (`new`, the trait's, the
/// setters of the optional fields and of the query options): a required field's getter
/// takes the field's name (it has no setter), an optional one's `get_name` (its setter has
/// the name, as AWS's builders do); a name taken is numbered, never dropped.
pub fn name_getters(params: &mut [Param], body: Option<&mut Body>, options: Option<&QueryOptions>) {
    let mut methods = Scope::new();
    for reserved in RESERVED_METHODS {
        methods.reserve(reserved);
    }
    for option in options.iter().flat_map(|q| &q.options) {
        methods.reserve(option.setter());
    }
    let optional = params.iter().filter(|p| !p.required).map(|p| p.name.as_str());
    for setter in optional.chain(body.iter().filter(|b| !b.required).map(|b| b.name.as_str())) {
        methods.reserve(setter);
    }
    let mut claim = |name: &str, required: bool| {
        let get = format!("get_{}", name.trim_end_matches('_'));
        let candidates = if required { vec![name.to_owned(), get] } else { vec![get] };
        methods.claim(&candidates, Case::Snake)
    };
    for param in params.iter_mut() {
        param.getter = claim(&param.name, param.required);
    }
    if let Some(body) = body {
        body.getter = claim(&body.name, body.required);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Conversion, Docs, ParamFormat, ParamLocation, QueryOption, Type};

    fn param(name: &str, required: bool) -> Param {
        Param {
            name: name.to_owned(),
            getter: String::new(),
            api_name: name.to_owned(),
            location: ParamLocation::Query,
            ty: Type::String,
            required,
            format: ParamFormat::Str,
            conversion: Conversion::Into,
            docs: Docs::default(),
        }
    }

    #[test]
    fn getters_take_the_field_or_get_name_and_never_a_setter_s() {
        // `filter` is required here and the query options' `filter` setter has the name;
        // `type_` is optional (its setter is `type_`); `get_type` is a required field.
        let mut params =
            vec![param("filter", true), param("type_", false), param("get_type", true), param("new", true)];
        let options = QueryOptions {
            field: "query_options".into(),
            options: vec![QueryOption::by_wire("$filter").expect("an option")],
        };
        name_getters(&mut params, None, Some(&options));
        let getters: Vec<&str> = params.iter().map(|p| p.getter.as_str()).collect();
        assert_eq!(getters, ["get_filter", "get_type", "get_get_type", "get_new"]);
    }
}
