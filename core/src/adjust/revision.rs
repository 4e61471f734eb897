//! Revisions: accepted proposals or a manual edit make a new version of
//! the plan, recorded as a JSON Patch against its parent.
//!
//! A plan document says which revision it is (`revision`, absent in a
//! first draft, which is revision 1). [`Plan::apply`] and [`Plan::edit`]
//! return the new plan — numbered one up, its parent the old number, with
//! the author, time and reason the caller gives — and the [`Revision`]
//! record with the patch. The new plan is validated first; if it has
//! errors the change is refused with every diagnostic
//! ([`Error::Rejected`]) and nothing changes. Patches never touch
//! `/revision`: that member describes the document, it is not part of the
//! plan's content.
//!
//! A [`History`] keeps a base plan and the log of revisions after it: any
//! revision can be rebuilt, two revisions diffed, and the latest undone by
//! a new revision carrying the inverse patch.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::actions;
use super::engine::{Accepted, Proposal};
use super::patch::{self, PatchOp};
use crate::error::{Error, Result};
use crate::evaluate::Evaluation;
use crate::plan::{Plan, RevisionInfo};
use crate::validate::Severity;

/// Who makes a change, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// Who.
    pub author: String,
    /// When, RFC 3339 (`2026-07-03T09:00:00+08:00`); the library never
    /// reads the clock.
    pub at: String,
    /// Why.
    pub reason: String,
}

/// One revision of the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// Its number.
    pub number: u32,
    /// The revision it was made from.
    pub parent: u32,
    /// Who made it.
    pub author: String,
    /// When.
    pub at: String,
    /// Why.
    pub reason: String,
    /// The proposals accepted into it.
    #[serde(default)]
    pub accepted: Vec<Accepted>,
    /// The change against the parent.
    pub patch: Vec<PatchOp>,
}

/// A new version of a plan and the record of how it was made.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Revised {
    /// The new plan.
    pub plan: Plan,
    /// The record.
    pub revision: Revision,
}

impl Plan {
    /// The revision number of this document (1 without a `revision`).
    pub fn revision_number(&self) -> u32 {
        self.revision.as_ref().map_or(1, |r| r.number)
    }

    /// The document without its `revision` member: the plan's content.
    fn content(&self) -> Value {
        let mut doc = self.to_value();
        if let Value::Object(map) = &mut doc {
            map.remove("revision");
        }
        doc
    }

    /// Accepts proposals into a new revision: their actions in order, then
    /// validation. `evaluation` is the one the proposals came from (needed
    /// by `rephase`). Proposals that only recommend (or none at all) still
    /// make a revision, with an empty patch, recording who accepted what.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a change without an author, a reason
    /// or an RFC 3339 time, or an action that cannot be carried out (a
    /// budget line that does not exist, more budget than the line holds);
    /// [`Error::Rejected`] when the result has errors. Nothing changes
    /// either way.
    pub fn apply(
        &self,
        proposals: &[Proposal],
        change: &Change,
        evaluation: Option<&Evaluation>,
    ) -> Result<Revised> {
        check(change)?;
        let mut current = self.clone();
        let mut doc = self.content();
        for proposal in proposals {
            for action in &proposal.actions {
                let ops = actions::ops(&current, action, proposal.as_of, evaluation)?;
                doc = patch::apply(&doc, &ops)?;
                current = Plan::from_value(doc.clone())?;
            }
        }
        let accepted = proposals
            .iter()
            .map(|p| Accepted {
                rule: p.rule.clone(),
                as_of: p.as_of,
            })
            .collect();
        let ids = proposals.iter().map(|p| p.id.clone()).collect();
        self.commit(doc, change, accepted, ids)
    }

    /// A manual edit as a new revision.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a patch that touches `/revision` or
    /// cannot be applied, [`Error::Document`] when the result is not a plan
    /// document, [`Error::Rejected`] when it has errors.
    pub fn edit(&self, patch: &[PatchOp], change: &Change) -> Result<Revised> {
        check(change)?;
        for (i, op) in patch.iter().enumerate() {
            let touches = |p: &str| p == "/revision" || p.starts_with("/revision/") || p.is_empty();
            let paths = match op {
                PatchOp::Move { from, path } | PatchOp::Copy { from, path } => vec![from, path],
                PatchOp::Add { path, .. }
                | PatchOp::Remove { path }
                | PatchOp::Replace { path, .. }
                | PatchOp::Test { path, .. } => vec![path],
            };
            if paths.iter().any(|p| touches(p)) {
                return Err(Error::InvalidArgument {
                    name: format!("patch/{i}"),
                    message:
                        "a patch changes the plan's content, not the whole document or its revision"
                            .into(),
                });
            }
        }
        let doc = patch::apply(&self.content(), patch)?;
        self.commit(doc, change, Vec::new(), Vec::new())
    }

    /// A patch turning plan `a`'s content into plan `b`'s (their
    /// `revision` members aside).
    pub fn diff(a: &Plan, b: &Plan) -> Vec<PatchOp> {
        patch::diff(&a.content(), &b.content())
    }

    fn commit(
        &self,
        doc: Value,
        change: &Change,
        accepted: Vec<Accepted>,
        proposals: Vec<String>,
    ) -> Result<Revised> {
        let mut plan = Plan::from_value(doc)?;
        let mut diagnostics = plan.validate();
        if diagnostics.iter().any(|d| d.severity == Severity::Error) {
            diagnostics.sort_by_key(|d| d.severity != Severity::Error);
            return Err(Error::Rejected { diagnostics });
        }
        let parent = self.revision_number();
        let number = parent + 1;
        plan.revision = Some(RevisionInfo {
            number,
            parent: Some(parent),
            author: change.author.clone(),
            at: change.at.clone(),
            reason: change.reason.clone(),
            proposals,
        });
        let revision = Revision {
            number,
            parent,
            author: change.author.clone(),
            at: change.at.clone(),
            reason: change.reason.clone(),
            accepted,
            patch: Plan::diff(self, &plan),
        };
        Ok(Revised { plan, revision })
    }
}

fn check(change: &Change) -> Result<()> {
    let invalid = |name: &str, message: &str| Error::InvalidArgument {
        name: name.into(),
        message: message.into(),
    };
    if change.author.trim().is_empty() {
        return Err(invalid("author", "a revision needs an author"));
    }
    if change.reason.trim().is_empty() {
        return Err(invalid("reason", "a revision needs a reason"));
    }
    if chrono::DateTime::parse_from_rfc3339(&change.at).is_err() {
        return Err(invalid(
            "at",
            "not an RFC 3339 time (2026-07-03T09:00:00+08:00)",
        ));
    }
    Ok(())
}

/// A base plan and the revisions after it, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct History {
    /// The first plan of the log.
    pub base: Plan,
    /// Every revision after it; each one's parent is the one before.
    #[serde(default)]
    pub revisions: Vec<Revision>,
}

impl History {
    /// A log starting at `base`.
    pub fn new(base: Plan) -> History {
        History {
            base,
            revisions: Vec::new(),
        }
    }

    /// Reads a log as it is saved: `{"base": plan, "revisions": [...]}`.
    ///
    /// # Errors
    /// [`Error::Syntax`] for malformed JSON; [`Error::Document`] with the
    /// JSON pointer into the log (`/base/goals/0/target`,
    /// `/revisions/0/number`) for a duplicate key, an unknown or missing
    /// member or a value that does not fit; the base's
    /// [`Error::UnsupportedSchema`] as a plan's.
    pub fn from_json(text: &str) -> Result<History> {
        History::from_value(crate::plan::parse::parse_text(text)?)
    }

    /// Reads a log from a JSON value; see [`History::from_json`].
    ///
    /// # Errors
    /// As [`History::from_json`], without syntax errors.
    pub fn from_value(value: Value) -> Result<History> {
        let document = |kind, path: &str, message: String| Error::Document {
            kind,
            path: path.to_owned(),
            message,
        };
        let Value::Object(mut map) = value else {
            let message = "a history must be a JSON object {\"base\", \"revisions\"}".to_owned();
            return Err(document(crate::DocumentErrorKind::InvalidType, "", message));
        };
        if let Some(key) = map.keys().find(|k| *k != "base" && *k != "revisions") {
            let message = format!("unknown field `{key}`, expected `base` or `revisions`");
            let path = format!("/{}", key.replace('~', "~0").replace('/', "~1"));
            return Err(document(
                crate::DocumentErrorKind::UnknownField,
                &path,
                message,
            ));
        }
        let Some(base) = map.remove("base") else {
            let message = "missing field `base`".to_owned();
            return Err(document(
                crate::DocumentErrorKind::MissingField,
                "/base",
                message,
            ));
        };
        let base = Plan::from_value(base).map_err(|e| e.under("/base"))?;
        let revisions = match map.remove("revisions") {
            None => Vec::new(),
            Some(value) => {
                crate::plan::parse::deserialize(&value).map_err(|e| e.under("/revisions"))?
            }
        };
        Ok(History { base, revisions })
    }

    /// The latest revision's number.
    pub fn latest_number(&self) -> u32 {
        self.revisions
            .last()
            .map_or(self.base.revision_number(), |r| r.number)
    }

    /// Rebuilds revision `number`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a number not in the log.
    pub fn plan(&self, number: u32) -> Result<Plan> {
        let first = self.base.revision_number();
        if number == first {
            return Ok(self.base.clone());
        }
        let Some(upto) = self.revisions.iter().position(|r| r.number == number) else {
            return Err(Error::InvalidArgument {
                name: "revision".into(),
                message: format!(
                    "the log has no revision {number} ({first} to {})",
                    self.latest_number()
                ),
            });
        };
        let mut doc = self.base.content();
        for r in &self.revisions[..=upto] {
            doc = patch::apply(&doc, &r.patch)?;
        }
        let mut plan = Plan::from_value(doc)?;
        let r = &self.revisions[upto];
        plan.revision = Some(RevisionInfo {
            number: r.number,
            parent: Some(r.parent),
            author: r.author.clone(),
            at: r.at.clone(),
            reason: r.reason.clone(),
            proposals: r
                .accepted
                .iter()
                .map(|a| format!("{}@{}", a.rule, a.as_of))
                .collect(),
        });
        Ok(plan)
    }

    /// The latest plan.
    ///
    /// # Errors
    /// As [`History::plan`], for a log whose patches no longer apply.
    pub fn latest(&self) -> Result<Plan> {
        self.plan(self.latest_number())
    }

    /// Adds a revision made from the latest plan.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when its parent is not the latest revision.
    pub fn commit(&mut self, revised: &Revised) -> Result<u32> {
        let latest = self.latest_number();
        if revised.revision.parent != latest {
            return Err(Error::InvalidArgument {
                name: "revision".into(),
                message: format!(
                    "revision {} was made from {}, not from the latest revision {latest}",
                    revised.revision.number, revised.revision.parent
                ),
            });
        }
        self.revisions.push(revised.revision.clone());
        Ok(revised.revision.number)
    }

    /// Undoes the latest revision with a new one carrying its inverse patch.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when there is nothing to undo;
    /// [`Error::Rejected`] cannot happen, since the result is a plan the
    /// log already held.
    pub fn undo(&mut self, change: &Change) -> Result<Revised> {
        let Some(last) = self.revisions.last() else {
            return Err(Error::InvalidArgument {
                name: "revision".into(),
                message: "nothing to undo: the log has only its base".into(),
            });
        };
        let latest = self.plan(last.number)?;
        let parent = self.plan(last.parent)?;
        let revised = latest.edit(&Plan::diff(&latest, &parent), change)?;
        self.commit(&revised)?;
        Ok(revised)
    }

    /// A patch from revision `a` to revision `b`.
    ///
    /// # Errors
    /// As [`History::plan`].
    pub fn diff(&self, a: u32, b: u32) -> Result<Vec<PatchOp>> {
        Ok(Plan::diff(&self.plan(a)?, &self.plan(b)?))
    }

    /// Every proposal accepted in the log, for cooldowns.
    pub fn accepted(&self) -> Vec<Accepted> {
        self.revisions
            .iter()
            .flat_map(|r| r.accepted.iter().cloned())
            .collect()
    }
}

#[cfg(test)]
mod tests;
