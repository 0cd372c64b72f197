//! syn trees built directly, for code that is printed: parsing tokens back into a tree
//! is most of what formatting costs (syn reads every identifier against the keyword list,
//! every literal character by character), so the shapes rendered most often are built as
//! trees. What they print as is held to the tokens they replace by the whole-Graph output
//! and the snapshots, which stay byte for byte the same.

use super::ident;
use proc_macro2::{Span, TokenStream};
use syn::punctuated::Punctuated;

/// `fn name() { stmt }`
pub(super) fn function(name: &str, stmt: syn::Stmt) -> syn::Item {
    syn::Item::Fn(syn::ItemFn {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        sig: signature(name, Punctuated::new(), syn::ReturnType::Default),
        block: Box::new(syn::Block { brace_token: Default::default(), stmts: vec![stmt] }),
    })
}

/// `fn name(inputs) output`
pub(super) fn signature(
    name: &str,
    inputs: Punctuated<syn::FnArg, syn::Token![,]>,
    output: syn::ReturnType,
) -> syn::Signature {
    syn::Signature {
        constness: None,
        asyncness: None,
        unsafety: None,
        abi: None,
        fn_token: Default::default(),
        ident: ident(name),
        generics: syn::Generics::default(),
        paren_token: Default::default(),
        inputs,
        variadic: None,
        output,
    }
}

/// `impl Name { items }`, or `impl Trait for Name { items }`.
pub(super) fn impl_block(trait_path: Option<syn::Path>, name: &str, items: Vec<syn::ImplItem>) -> syn::Item {
    syn::Item::Impl(syn::ItemImpl {
        attrs: Vec::new(),
        defaultness: None,
        unsafety: None,
        impl_token: Default::default(),
        generics: syn::Generics::default(),
        trait_: trait_path.map(|path| (None, path, Default::default())),
        self_ty: Box::new(syn::Type::Path(syn::TypePath { qself: None, path: syn::Path::from(ident(name)) })),
        brace_token: Default::default(),
        items,
    })
}

/// `let name = init;`
pub(super) fn binding(name: &str, init: syn::Expr) -> syn::Stmt {
    syn::Stmt::Local(syn::Local {
        attrs: Vec::new(),
        let_token: Default::default(),
        pat: syn::Pat::Ident(syn::PatIdent {
            attrs: Vec::new(),
            by_ref: None,
            mutability: None,
            ident: ident(name),
            subpat: None,
        }),
        init: Some(syn::LocalInit { eq_token: Default::default(), expr: Box::new(init), diverge: None }),
        semi_token: Default::default(),
    })
}

/// A path of identifiers, from the root when `global` (`::a::b`).
pub(super) fn path_of(global: bool, segments: &[&str]) -> syn::Path {
    syn::Path {
        leading_colon: global.then(Default::default),
        segments: segments.iter().map(|s| syn::PathSegment::from(ident(s))).collect(),
    }
}

pub(super) fn path(global: bool, segments: &[&str]) -> syn::Expr {
    syn::Expr::Path(syn::ExprPath { attrs: Vec::new(), qself: None, path: path_of(global, segments) })
}

/// `func(args…)`
pub(super) fn call(func: syn::Expr, args: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(func),
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `receiver.name(args…)`
pub(super) fn method(receiver: syn::Expr, name: &str, args: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::MethodCall(syn::ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method: ident(name),
        turbofish: None,
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

pub(super) fn literal(lit: syn::Lit) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit { attrs: Vec::new(), lit })
}

pub(super) fn string(text: &str) -> syn::Expr {
    literal(syn::Lit::Str(syn::LitStr::new(text, Span::call_site())))
}

/// `receiver.field`
pub(super) fn field(receiver: syn::Expr, name: &str) -> syn::Expr {
    syn::Expr::Field(syn::ExprField {
        attrs: Vec::new(),
        base: Box::new(receiver),
        dot_token: Default::default(),
        member: syn::Member::Named(ident(name)),
    })
}

/// `expr?`
pub(super) fn try_(expr: syn::Expr) -> syn::Expr {
    syn::Expr::Try(syn::ExprTry { attrs: Vec::new(), expr: Box::new(expr), question_token: Default::default() })
}

/// `&expr`, or `&mut expr`.
pub(super) fn reference(expr: syn::Expr, mutable: bool) -> syn::Expr {
    syn::Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: mutable.then(Default::default),
        expr: Box::new(expr),
    })
}

/// `[a, b, …]`
pub(super) fn array(elems: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::Array(syn::ExprArray {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

/// `expr;`
pub(super) fn statement(expr: syn::Expr) -> syn::Stmt {
    syn::Stmt::Expr(expr, Some(Default::default()))
}

/// `let mut name = init;`
pub(super) fn binding_mut(name: &str, init: syn::Expr) -> syn::Stmt {
    let mut stmt = binding(name, init);
    if let syn::Stmt::Local(syn::Local { pat: syn::Pat::Ident(pat), .. }) = &mut stmt {
        pat.mutability = Some(Default::default());
    }
    stmt
}

/// A path below `base` (`crate::runtime` + `operation::header`).
pub(super) fn path_under(base: &syn::Path, segments: &[&str]) -> syn::Expr {
    let mut path = base.clone();
    path.segments.extend(segments.iter().map(|s| syn::PathSegment::from(ident(s))));
    syn::Expr::Path(syn::ExprPath { attrs: Vec::new(), qself: None, path })
}

/// A syn tree read from tokens (for the rarer shapes).
pub(super) fn read<T: syn::parse::Parse>(tokens: TokenStream, what: &str) -> Result<T, String> {
    syn::parse2(tokens).map_err(|e| format!("internal error: emitted {what} does not parse: {e}"))
}

/// `match expr { arms }`
pub(super) fn match_(expr: syn::Expr, arms: Vec<syn::Arm>) -> syn::Expr {
    syn::Expr::Match(syn::ExprMatch {
        attrs: Vec::new(),
        match_token: Default::default(),
        expr: Box::new(expr),
        brace_token: Default::default(),
        arms,
    })
}

/// `pat => body,`
pub(super) fn arm(pat: syn::Pat, body: syn::Expr) -> syn::Arm {
    syn::Arm {
        attrs: Vec::new(),
        pat,
        guard: None,
        fat_arrow_token: Default::default(),
        body: Box::new(body),
        comma: Some(Default::default()),
    }
}

/// `::std::option::Option::Some(binding)`
pub(super) fn some_pattern(binding: &str) -> syn::Pat {
    syn::Pat::TupleStruct(syn::PatTupleStruct {
        attrs: Vec::new(),
        qself: None,
        path: path_of(true, &["std", "option", "Option", "Some"]),
        paren_token: Default::default(),
        elems: std::iter::once(syn::Pat::Ident(syn::PatIdent {
            attrs: Vec::new(),
            by_ref: None,
            mutability: None,
            ident: ident(binding),
            subpat: None,
        }))
        .collect(),
    })
}

/// `::std::option::Option::None`
pub(super) fn none_pattern() -> syn::Pat {
    syn::Pat::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: path_of(true, &["std", "option", "Option", "None"]),
    })
}

/// A binding pattern, `name`.
pub(super) fn pattern(name: &str) -> syn::Pat {
    syn::Pat::Ident(syn::PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: None,
        ident: ident(name),
        subpat: None,
    })
}

/// The receiver `self`, by value.
pub(super) fn receiver() -> syn::FnArg {
    syn::FnArg::Receiver(syn::Receiver {
        attrs: Vec::new(),
        reference: None,
        mutability: None,
        self_token: Default::default(),
        colon_token: None,
        ty: Box::new(type_path(&["Self"])),
    })
}

/// A type named by a path of identifiers, `a::b::C`.
pub(super) fn type_path(segments: &[&str]) -> syn::Type {
    syn::Type::Path(syn::TypePath { qself: None, path: path_of(false, segments) })
}

/// `prefix::Name<argument>`
pub(super) fn generic_type(prefix: &[&str], name: &str, argument: syn::Type) -> syn::Type {
    let mut path = path_of(false, prefix);
    path.segments.push(syn::PathSegment {
        ident: ident(name),
        arguments: syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: std::iter::once(syn::GenericArgument::Type(argument)).collect(),
            gt_token: Default::default(),
        }),
    });
    syn::Type::Path(syn::TypePath { qself: None, path })
}

/// `Name { field: value, … }`
pub(super) fn struct_literal(name: &str, fields: Vec<(String, syn::Expr)>) -> syn::Expr {
    syn::Expr::Struct(syn::ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path: syn::Path::from(ident(name)),
        brace_token: Default::default(),
        fields: fields
            .into_iter()
            .map(|(field, expr)| {
                // A value of the field's own name is written `field` (clippy's
                // `redundant_field_names` in users' crates otherwise).
                let shorthand = matches!(&expr, syn::Expr::Path(p) if p.qself.is_none() && p.path.is_ident(&field));
                syn::FieldValue {
                    attrs: Vec::new(),
                    member: syn::Member::Named(ident(&field)),
                    colon_token: (!shorthand).then(Default::default),
                    expr,
                }
            })
            .collect(),
        dot2_token: None,
        rest: None,
    })
}
