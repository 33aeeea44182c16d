// File: policy/lint/representatives.h (internal to policy/lint)
//
// The representative outsiders and concrete names that the evaluator-backed
// rules (check_exposure.cc with exposure_oracle.cc, custom_checks.cc) ask
// about. A lint rule cannot ask the evaluator about every principal, network
// or resource: it asks about one of each kind instead, chosen so that the
// policy under test treats it like every other of its kind:
//
//   accounts     an owner stand-in (when the resource account is unknown)
//                and an outsider account, each an id the policies never
//                mention (a mentioned account may be granted by name);
//   networks     an internet address outside every range the policies pin,
//                and a VPC endpoint, VPC and private address of the
//                outsider's own;
//   organization an organization id and path no policy names;
//   identity     an IAM principal of another account holds an identity
//                policy that allows everything (Allow * on *), so that only
//                the policy under test decides;
//   names        wildcards, policy variables and catalog ARN placeholders
//                filled with kRepresentativeName ("arn:aws:s3:::b/*" ->
//                "arn:aws:s3:::b/iamsim").
//
// Ownership: functions return values; WithOutsiderIdentity's store refers
// to (does not own) its base. Thread-safety: the functions are reentrant;
// the constants are immutable.
#ifndef IAMSIM_POLICY_LINT_REPRESENTATIVES_H_
#define IAMSIM_POLICY_LINT_REPRESENTATIVES_H_

#include <initializer_list>
#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "policy/compile/policy_store.h"
#include "policy/parse/policy_document.h"

namespace iamsim {

// What wildcards, variables and ARN placeholders become.
inline constexpr absl::string_view kRepresentativeName = "iamsim";
inline constexpr absl::string_view kRepresentativeRegion = "us-east-1";

// The outsider's organization (aws:PrincipalOrgID, aws:PrincipalOrgPaths,
// aws:SourceOrgID).
inline constexpr absl::string_view kOutsiderOrgId = "o-iamsimother";
inline constexpr absl::string_view kOutsiderOrgPath = "o-iamsimother/r-iams/ou-iams-iamsim/";
// The outsider's own VPC endpoint (aws:SourceVpce, aws:SourceVpc,
// aws:VpcSourceIp): a request through it carries no aws:SourceIp.
inline constexpr absl::string_view kOutsiderVpce = "vpce-0iamsimoutsider0";
inline constexpr absl::string_view kOutsiderVpc = "vpc-0iamsimoutsider0";
inline constexpr absl::string_view kOutsiderVpcSourceIp = "10.255.0.7";

// `pattern` with each `*` and ${...} variable replaced by
// kRepresentativeName and each `?` by 'x'.
std::string ConcretePattern(absl::string_view pattern);

// A catalog ARN format ("arn:${Partition}:sqs:${Region}:${Account}:${QueueName}")
// filled in: partition "aws", kRepresentativeRegion, `account`, and
// kRepresentativeName for the other placeholders.
std::string FillArnFormat(absl::string_view format, absl::string_view account);

// A concrete ARN that the Resource pattern `pattern` matches (wildcard or
// variable accounts become `account`; a region that is a variable, or a
// wildcard that kRepresentativeRegion fits, becomes it); "" when the pattern
// is "*", a template, or no ARN of a named service with a resource part.
std::string ConcreteArn(absl::string_view pattern, absl::string_view account);

// Whether any string of the document mentions `text` (principals,
// resources, condition values).
bool DocumentMentions(const PolicyDocument& document, absl::string_view text);

// The first of `candidates` that no document mentions and that is not
// `taken`; when every one is, the first that is not `taken`.
std::string UnusedAccount(absl::Span<const PolicyDocument* const> documents,
                          std::initializer_list<absl::string_view> candidates,
                          absl::string_view taken = "");
// The resource account's stand-in when it is not known (000000000000, ...).
std::string StandInOwnerAccount(absl::Span<const PolicyDocument* const> documents);
// An account of no one the documents name, other than `owner` (999999999999, ...).
std::string OutsiderAccount(absl::Span<const PolicyDocument* const> documents,
                            absl::string_view owner);

// An internet address outside every IP range the policies' conditions pin
// (ranges of fewer than 8 prefix bits pin nothing).
std::string OutsideIp(absl::Span<const CompiledPolicy* const> policies);

// Adds the outsider's identity policy (Allow * on *) to `builder`.
PolicyId AddOutsiderIdentity(PolicyStoreBuilder* builder);

// `base` with the outsider's identity policy added, in one store: an overlay
// whose other units are base's under their ids, so that an Assembly may name
// the identity next to base's units (no id collides, one action dictionary).
// `base` must outlive `store`.
struct OutsiderStore {
  std::shared_ptr<const PolicyStore> store;
  const CompiledPolicy* identity = nullptr;  // Owned by `store`.
};
OutsiderStore WithOutsiderIdentity(const PolicyStore& base);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_LINT_REPRESENTATIVES_H_
