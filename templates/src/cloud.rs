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

/// What is known of one cloud, in one row of [`CLOUDS`].
struct Facts {
    cloud: Cloud,
    /// Its short name: the command line's `--cloud` value.
    id: &'static str,
    /// Its name as Microsoft's reference pages write it.
    name: &'static str,
    /// The scheme and host of its Graph endpoint.
    origin: &'static str,
    /// The scheme and host of its Microsoft Entra authority.
    authority: &'static str,
}

/// Every national cloud, once, in the order the command line lists them. Every fact of a
/// cloud (what `--cloud` calls it, its hosts, its scope) is read from here.
const CLOUDS: [Facts; 4] = [
    Facts {
        cloud: Cloud::Global,
        id: "global",
        name: "Global service",
        origin: "https://graph.microsoft.com",
        authority: "https://login.microsoftonline.com",
    },
    Facts {
        cloud: Cloud::UsGovL4,
        id: "us-gov-l4",
        name: "US Government L4",
        origin: "https://graph.microsoft.us",
        authority: "https://login.microsoftonline.us",
    },
    Facts {
        cloud: Cloud::UsGovL5Dod,
        id: "us-gov-l5-dod",
        name: "US Government L5 (DOD)",
        origin: "https://dod-graph.microsoft.us",
        authority: "https://login.microsoftonline.us",
    },
    Facts {
        cloud: Cloud::China,
        id: "china",
        name: "China operated by 21Vianet",
        origin: "https://microsoftgraph.chinacloudapi.cn",
        authority: "https://login.chinacloudapi.cn",
    },
];

impl Cloud {
    /// Every cloud, in the order the command line lists them.
    pub const ALL: [Cloud; 4] = [CLOUDS[0].cloud, CLOUDS[1].cloud, CLOUDS[2].cloud, CLOUDS[3].cloud];

    fn facts(self) -> &'static Facts {
        // Every variant has its row (the table's test holds it).
        CLOUDS.iter().find(|facts| facts.cloud == self).unwrap_or(&CLOUDS[0])
    }

    /// The scheme and host of the cloud's Graph endpoint.
    pub fn origin(self) -> &'static str {
        self.facts().origin
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
        self.facts().authority
    }

    /// The cloud's name as Microsoft's reference pages write it.
    pub fn name(self) -> &'static str {
        self.facts().name
    }

    /// The cloud's short name, as the command line's `--cloud` takes it (`us-gov-l4`).
    pub fn id(self) -> &'static str {
        self.facts().id
    }

    /// The cloud a short name ([`Cloud::id`]) names.
    pub fn from_id(id: &str) -> Option<Cloud> {
        CLOUDS.iter().find(|facts| facts.id == id).map(|facts| facts.cloud)
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

    #[test]
    fn every_cloud_has_one_row_and_its_id_names_it() {
        for (i, facts) in CLOUDS.iter().enumerate() {
            assert_eq!(Cloud::ALL[i], facts.cloud);
            assert_eq!(facts.cloud.facts().id, facts.id, "{:?} has one row", facts.cloud);
            assert_eq!(Cloud::from_id(facts.cloud.id()), Some(facts.cloud));
        }
        // A variant without a row would read the global service's facts.
        for cloud in [Cloud::Global, Cloud::UsGovL4, Cloud::UsGovL5Dod, Cloud::China] {
            assert!(Cloud::ALL.contains(&cloud), "{cloud:?}");
        }
        assert_eq!(Cloud::from_id("mars"), None);
    }
}
