//! What the reference pages say of an operation: permissions and national clouds.

/// The permission table of a page.
#[derive(Debug, Clone, Default, serde::Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Permissions {
    /// Delegated access, work or school account.
    #[serde(default)]
    pub delegated_work: Privileges,
    /// Delegated access, personal Microsoft account.
    #[serde(default)]
    pub delegated_personal: Privileges,
    /// Application access.
    #[serde(default)]
    pub application: Privileges,
}

/// Least and higher privileged permissions for one kind of access.
#[derive(Debug, Clone, Default, serde::Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Privileges {
    /// The least privileged permissions (empty: not supported).
    #[serde(default)]
    pub least: Vec<String>,
    /// Higher privileged permissions.
    #[serde(default)]
    pub higher: Vec<String>,
}

/// The national clouds an operation is available in.
#[derive(Debug, Clone, Copy, Default, serde::Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Clouds {
    /// The global service.
    pub global: bool,
    /// US Government L4.
    pub us_gov_l4: bool,
    /// US Government L5 (DOD).
    pub us_gov_l5_dod: bool,
    /// China, operated by 21Vianet.
    pub china: bool,
}

impl Permissions {
    /// Whether any kind of access is documented.
    pub fn is_documented(&self) -> bool {
        !(self.delegated_work.least.is_empty()
            && self.delegated_personal.least.is_empty()
            && self.application.least.is_empty())
    }

    /// A markdown table for rustdoc.
    pub fn table(&self) -> String {
        let cell = |names: &[String], empty: &str| {
            if names.is_empty() {
                empty.to_owned()
            } else {
                names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
            }
        };
        let mut out = String::from("Permissions (choose the least privileged that works):\n\n| Access | Least privileged | Higher privileged |\n|---|---|---|");
        for (label, p) in [
            ("Delegated (work or school account)", &self.delegated_work),
            ("Delegated (personal Microsoft account)", &self.delegated_personal),
            ("Application", &self.application),
        ] {
            let (least, higher) = if p.least.is_empty() {
                ("Not supported.".to_owned(), "Not supported.".to_owned())
            } else {
                (cell(&p.least, ""), cell(&p.higher, "Not available."))
            };
            out.push_str(&format!("\n| {label} | {least} | {higher} |"));
        }
        out
    }
}

impl Clouds {
    /// A markdown table for rustdoc, as the reference pages show it.
    pub fn table(&self) -> String {
        let mark = |yes: bool| if yes { "✅" } else { "❌" };
        format!(
            "National clouds:\n\n| Global service | US Government L4 | US Government L5 (DOD) | China operated by 21Vianet |\n|---|---|---|---|\n| {} | {} | {} | {} |",
            mark(self.global),
            mark(self.us_gov_l4),
            mark(self.us_gov_l5_dod),
            mark(self.china)
        )
    }
}
