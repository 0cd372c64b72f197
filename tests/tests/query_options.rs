//! OData's system query options (`$top`, `$select`, …): which parameters lowering takes as
//! one, and what the operations of `generated` send with them, directly and bound to a
//! client.

use graph_sync::operations::{ServicePrincipalGetSynchronization, ServicePrincipalSynchronizationListJob};
use graph_sync::Operation;
use wiretype::ir::{QueryOption, QueryOptions};

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

fn query(request: &http::Request<Vec<u8>>) -> String {
    request.uri().query().unwrap_or_default().to_owned()
}

#[test]
fn a_parameter_is_an_option_only_with_the_options_name_type_and_style() {
    let params = [
        "{name: $top, in: query, schema: {type: integer, format: int32}}",
        "{name: $filter, in: query, schema: {type: string}}",
        "{name: $select, in: query, style: form, explode: false, schema: {type: array, items: {type: string}}}",
        // Not as OData defines them: ordinary parameters, with their own setters (a list of
        // an enum keeps its typed items).
        "{name: $orderby, in: query, style: form, explode: false, schema: {type: array, items: {type: string, enum: [id, name]}}}",
        "{name: $expand, in: query, style: form, explode: true, schema: {type: array, items: {type: string}}}",
        "{name: $count, in: query, schema: {type: string}}",
        "{name: $skip, in: query, required: true, schema: {type: integer}}",
        "{name: $search, in: header, schema: {type: string}}",
        // A parameter named like an option's setter gets a name of its own.
        "{name: top, in: query, schema: {type: string}}",
    ];
    let text = format!(
        "{HEAD}paths:\n  /items:\n    get:\n      operationId: items_List\n      parameters: [{}]\n      responses: {{'204': {{description: done}}}}\n",
        params.join(", ")
    );
    let api = wiretype::generate(&text).expect("generates").api;
    let op = &api.operations[0];
    assert_eq!(
        op.query_options,
        Some(QueryOptions {
            field: "query_options".to_owned(),
            options: ["$top", "$filter", "$select"].into_iter().filter_map(QueryOption::by_wire).collect()
        })
    );
    let params: Vec<(&str, &str)> = op.params.iter().map(|p| (p.api_name.as_str(), p.name.as_str())).collect();
    assert_eq!(
        params,
        [
            ("$orderby", "orderby_query"),
            ("$expand", "expand_query"),
            ("$count", "count_query"),
            ("$skip", "skip_query"),
            ("$search", "search_header"),
            ("top", "top_query")
        ]
    );
}

#[test]
fn options_are_sent_in_one_order_each_once_and_only_when_set() {
    let list = ServicePrincipalSynchronizationListJob::new("sp")
        .select(["id", "status"])
        .filter("templateId eq 'AppOnly'")
        .top(5)
        .top(10);
    let request = list.to_http(graph_sync::DEFAULT_BASE_URL).expect("request");
    assert_eq!(query(&request), "$top=10&$filter=templateId%20eq%20%27AppOnly%27&$select=id,status");
    let bare =
        ServicePrincipalSynchronizationListJob::new("sp").to_http(graph_sync::DEFAULT_BASE_URL).expect("request");
    assert_eq!(bare.uri().query(), None);
    let get = ServicePrincipalGetSynchronization::new("sp").expand(["jobs"]);
    assert_eq!(query(&get.to_http(graph_sync::DEFAULT_BASE_URL).expect("request")), "$expand=jobs");
}

#[test]
fn an_operation_bound_to_a_client_has_the_same_options() {
    let client = graph_sync::Client::builder().bearer_token("t").build().expect("client");
    let bound = client
        .service_principals()
        .by_service_principal_id("sp")
        .synchronization()
        .jobs()
        .get()
        .top(3)
        .orderby(["id"])
        .count(true);
    let direct = ServicePrincipalSynchronizationListJob::new("sp").top(3).orderby(["id"]).count(true);
    assert_eq!(bound.operation(), &direct);
    assert_eq!(
        query(&bound.into_operation().to_http(graph_sync::DEFAULT_BASE_URL).expect("request")),
        "$top=3&$count=true&$orderby=id"
    );
}
