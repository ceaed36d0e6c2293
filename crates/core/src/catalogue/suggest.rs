//! "Did you mean": the known actions closest to a misspelt one.

use super::Catalogue;

/// Levenshtein distance over lower-case characters, with a cut-off: more
/// than `limit` is reported as `limit + 1`.
fn distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        if cur.iter().min().is_some_and(|m| *m > limit) {
            return limit + 1;
        }
        prev = cur;
    }
    prev[b.len()]
}

impl Catalogue {
    /// Up to `n` known actions closest to `name` (`service:Action`), best
    /// first. A known service narrows the search to its actions; an unknown
    /// one is matched against the service prefixes first.
    pub fn suggest(&self, name: &str, n: usize) -> Vec<String> {
        let (service, action) = name.split_once(':').unwrap_or((name, ""));
        let services: Vec<u16> = match self.service_by_prefix(service) {
            Some(s) => vec![s],
            None => {
                let mut by: Vec<(usize, u16)> = (0..self.services.len() as u16)
                    .map(|s| {
                        (
                            distance(service, &self.services[usize::from(s)].prefix, 3),
                            s,
                        )
                    })
                    .filter(|(d, _)| *d <= 3)
                    .collect();
                by.sort();
                by.into_iter().take(3).map(|(_, s)| s).collect()
            }
        };
        let limit = (action.chars().count() / 2).clamp(2, 6);
        let mut scored: Vec<(usize, String)> = services
            .iter()
            .flat_map(|s| self.service_actions(*s))
            .filter_map(|id| {
                let a = self.action(id)?;
                let d = distance(action, &a.name, limit);
                // A prefix of the name ("GetObj") is as good as a typo.
                let d = if !action.is_empty()
                    && a.name
                        .to_ascii_lowercase()
                        .starts_with(&action.to_ascii_lowercase())
                {
                    d.min(1)
                } else {
                    d
                };
                (d <= limit).then(|| (d, self.full_name(id)))
            })
            .collect();
        scored.sort();
        scored.into_iter().take(n).map(|(_, s)| s).collect()
    }
}
