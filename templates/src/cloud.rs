//! Microsoft Graph's national clouds, and which of them an operation is available in.

/// A Microsoft Graph national cloud: which host requests go to.
///
/// Hosts are those Microsoft publishes for its national cloud deployments. The API
/// version path (`/v1.0`, `/beta`) comes from each operation's spec, so one client sends
/// both. For a spec whose server is not Microsoft Graph, the cloud is ignored and the
/// spec's server is used, unless the client is given a base URL of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Cloud {
    /// The global service, `https://graph.microsoft.com`.
    #[default]
    Global,
    /// US Government L4, `https://graph.microsoft.us`.
    UsGovL4,
    /// US Government L5 (DOD), `https://dod-graph.microsoft.us`.
    UsGovL5Dod,
    /// Microsoft Graph China operated by 21Vianet, `https://microsoftgraph.chinacloudapi.cn`.
    China,
}

impl Cloud {
    /// The scheme and host of the cloud's Graph endpoint.
    pub fn origin(self) -> &'static str {
        match self {
            Cloud::Global => "https://graph.microsoft.com",
            Cloud::UsGovL4 => "https://graph.microsoft.us",
            Cloud::UsGovL5Dod => "https://dod-graph.microsoft.us",
            Cloud::China => "https://microsoftgraph.chinacloudapi.cn",
        }
    }

    /// The OAuth scope of the cloud's Graph endpoint (`https://graph.microsoft.com/.default`):
    /// what a token for this cloud must be issued for.
    pub fn scope(self) -> String {
        format!("{}/.default", self.origin())
    }

    /// The cloud's Microsoft Entra authority, where its tokens are issued (scheme and host:
    /// `https://login.microsoftonline.com`; both US Government clouds sign in at
    /// `https://login.microsoftonline.us`, China at `https://login.chinacloudapi.cn`).
    pub fn authority(self) -> &'static str {
        match self {
            Cloud::Global => "https://login.microsoftonline.com",
            Cloud::UsGovL4 | Cloud::UsGovL5Dod => "https://login.microsoftonline.us",
            Cloud::China => "https://login.chinacloudapi.cn",
        }
    }

    /// The cloud's name as Microsoft's reference pages write it.
    pub fn name(self) -> &'static str {
        match self {
            Cloud::Global => "Global service",
            Cloud::UsGovL4 => "US Government L4",
            Cloud::UsGovL5Dod => "US Government L5 (DOD)",
            Cloud::China => "China operated by 21Vianet",
        }
    }
}

impl ::std::fmt::Display for Cloud {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The national clouds an operation is available in, as its reference page documents it
/// (`Operation::CLOUDS`; `None` there when no page documents the operation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CloudAvailability {
    /// The global service.
    pub global: bool,
    /// US Government L4.
    pub us_gov_l4: bool,
    /// US Government L5 (DOD).
    pub us_gov_l5_dod: bool,
    /// China operated by 21Vianet.
    pub china: bool,
}

impl CloudAvailability {
    /// Whether the operation is available in `cloud`.
    pub fn includes(&self, cloud: Cloud) -> bool {
        match cloud {
            Cloud::Global => self.global,
            Cloud::UsGovL4 => self.us_gov_l4,
            Cloud::UsGovL5Dod => self.us_gov_l5_dod,
            Cloud::China => self.china,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn availability_names_each_cloud() {
        let global_us = CloudAvailability { global: true, us_gov_l4: true, us_gov_l5_dod: true, china: false };
        assert!(global_us.includes(Cloud::UsGovL5Dod));
        assert!(!global_us.includes(Cloud::China));
        assert_eq!(Cloud::China.to_string(), "China operated by 21Vianet");
        assert_eq!(Cloud::UsGovL5Dod.origin(), "https://dod-graph.microsoft.us");
        assert_eq!(Cloud::China.scope(), "https://microsoftgraph.chinacloudapi.cn/.default");
        assert_eq!(Cloud::UsGovL5Dod.authority(), "https://login.microsoftonline.us");
    }
}
