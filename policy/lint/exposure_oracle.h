// File: policy/lint/exposure_oracle.h (internal to policy/lint)
//
// The evaluator questions of the exposure rules (public-access,
// cross-account-access, confused-deputy, lambda-function-url-public): what a
// representative outside principal — a "stranger" — may do under one
// resource or role trust policy. Nothing here reads conditions itself: each
// question is decided by the evaluator (policy/evaluate) on the policy's
// compiled unit, with the same residual machinery who-can uses for keys a
// stranger controls.
//
// A stranger's request fixes the keys that say who and where it is — the
// principal, organization, network and source-service keys of
// policy/evaluate/caller_keys.h (aws:PrincipalArn, aws:PrincipalOrgID,
// aws:SourceIp, aws:SourceVpce, aws:SourceAccount, kms:CallerAccount,
// s3:DataAccessPointArn, ...): given in its context, or absent. Every other
// key (aws:SecureTransport, sts:ExternalId, tags, ...) is the stranger's to
// choose, so the question is "is there a request of this stranger that is
// allowed?" (residual.h). A stranger of another account holds an identity
// policy that allows everything (representatives.h), compiled into an
// overlay of the target's store, so that only the linted policy decides.
//
// Probes: the (action, resource) pairs a statement is asked about — each
// action its Action names (wildcards expanded to a few catalog actions of
// the services in question; NotAction to a few actions it leaves out), on
// each resource it names with wildcards and variables replaced by a
// representative name, or on the target's resource (its ARN, a role of the
// resource account for trust policies, else an ARN of the action's resource
// type in the resource account).
//
// Cost: bounded — a few probes per statement, and at most kMaxQuestions
// questions per policy (further questions answer "denied").
//
// Thread-safety: one oracle per policy and thread.
#ifndef IAMSIM_POLICY_LINT_EXPOSURE_ORACLE_H_
#define IAMSIM_POLICY_LINT_EXPOSURE_ORACLE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "policy/evaluate/request.h"
#include "policy/lint/checks.h"
#include "policy/lint/representatives.h"

namespace iamsim {

// A representative outside principal.
struct Stranger {
  std::string principal;   // "anonymous", an IAM ARN, or a service principal.
  RequestContext context;  // The keys its requests carry.
  // Keys (lower case) that are pinned for strangers in general but that this
  // one may choose (an account the policy names may be in any organization).
  std::vector<std::string> free_keys;
  bool outside_iam = false;  // An IAM principal of another account: its identity policy allows *.
  std::string description;   // "anonymous callers", for messages.
};

struct Probe {
  std::string action;
  std::string resource;
};

class ExposureOracle {
 public:
  static constexpr size_t kMaxQuestions = 300;

  explicit ExposureOracle(const LintTarget& target);

  // The probes of one statement (bounded).
  std::vector<Probe> ProbesOf(const Statement& statement) const;
  // The statements of the target policy that allow `stranger` to do `probe`
  // (for one request the stranger may send); empty when every such request
  // is denied, or the question budget is spent.
  std::vector<const Statement*> Allowing(const Stranger& stranger, const Probe& probe);

  // The account that owns the resource for the questions: the target's, or
  // a stand-in when it is not known.
  const std::string& owner() const { return owner_; }
  // An account that appears nowhere in the policy: the unknown stranger's.
  const std::string& outsider() const { return outsider_; }
  // A concrete resource named after a Resource value ("arn:aws:s3:::b/*" ->
  // "arn:aws:s3:::b/iamsim"); "" when it names no single ARN shape.
  std::string Instantiate(absl::string_view value) const;

 private:
  std::vector<std::string> ServicesOf(const Statement& statement) const;
  std::vector<std::string> ActionsOf(const Statement& statement) const;
  std::string DefaultResource(absl::string_view action) const;

  const LintTarget& target_;
  std::string owner_;
  std::string outsider_;
  RequestContext resource_context_;
  OutsiderStore outsider_store_;  // Built at the first outside IAM stranger's question.
  size_t asked_ = 0;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_LINT_EXPOSURE_ORACLE_H_
