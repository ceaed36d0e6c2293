//! The role list: its sort, its filter, what is visible and selected.

use crate::model::Model;
use crate::model::filter::{RoleFilter, SortKey, sorted_roles};
use crate::ui::risk::{RiskIndex, RiskTerm};

/// The role list: its order, the filter, and what is visible.
#[derive(Debug, Clone, Default)]
pub struct RoleList {
    pub sort: SortKey,
    pub reverse: bool,
    order: Vec<usize>,
    /// Role indexes that pass the filter, in display order.
    pub visible: Vec<usize>,
    pub selected: usize,
    /// The first visible row shown (kept by `App::relayout`).
    pub offset: usize,
    pub filter: String,
    pub editing: bool,
    /// How many of `visible` (at its front) every filter term matches
    /// exactly; the rest match some term only fuzzily.
    pub exact: usize,
    /// The filter's text terms, for highlighting what they matched.
    pub text_filter: RoleFilter,
}

impl RoleList {
    pub fn selected_role(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Sorts every role again (by Risk, most severe findings first).
    pub fn resort(
        &mut self,
        model: &Model,
        risk: &RiskIndex,
        escalation: Option<&crate::ui::escalation::EscalationView>,
    ) {
        let mut order = sorted_roles(model, self.sort, false);
        if let (SortKey::Escalation, Some(view)) = (self.sort, escalation) {
            order.sort_by_key(|r| std::cmp::Reverse(view.gainer_count(*r)));
        }
        if self.sort == SortKey::Risk {
            // Stable: equal risk keeps name order. Administrators first.
            order.sort_by_key(|r| {
                std::cmp::Reverse((risk.is_admin(*r), risk.max(*r), risk.findings(*r).len()))
            });
        }
        if self.reverse {
            order.reverse();
        }
        self.order = order;
    }

    /// Applies the filter to the order, keeping the selected role selected
    /// when it is still visible; returns the role selected before.
    pub fn refilter(&mut self, model: &Model, risk: &RiskIndex) -> Option<usize> {
        let keep = self.selected_role();
        (self.visible, self.exact) = self.filtered(model, risk);
        self.selected = keep
            .and_then(|r| self.visible.iter().position(|v| *v == r))
            .unwrap_or(0);
        keep
    }

    /// The roles of the order that pass the filter: its `sev:`/`id:` terms
    /// against the findings, the other words against the role's text; and
    /// how many of them match exactly.
    fn filtered(&mut self, model: &Model, risk: &RiskIndex) -> (Vec<usize>, usize) {
        let (risk_terms, words): (Vec<Option<RiskTerm>>, Vec<&str>) = self
            .filter
            .split_whitespace()
            .map(|t| (RiskTerm::parse(t), t))
            .unzip();
        let text: Vec<&str> = words
            .iter()
            .zip(&risk_terms)
            .filter(|(_, r)| r.is_none())
            .map(|(w, _)| *w)
            .collect();
        let risk_terms: Vec<RiskTerm> = risk_terms.into_iter().flatten().collect();
        let mut visible = Vec::new();
        self.text_filter = RoleFilter::new(&text.join(" "));
        let mut exact = self.text_filter.apply(model, &self.order, &mut visible);
        if !risk_terms.is_empty() {
            let passes = |r: &usize| risk_terms.iter().all(|t| t.matches(risk, *r));
            exact = visible[..exact].iter().filter(|r| passes(r)).count();
            visible.retain(passes);
        }
        (visible, exact)
    }
}
