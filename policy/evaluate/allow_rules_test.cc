// The allow rules, one row per documented case (IAM "Policy evaluation logic":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html;
// cross-account: .../reference_policies_evaluation-logic-cross-account.html; which
// resource-policy principals bypass which implicit denies: the table on
// .../reference_policies_evaluation-logic_policy-eval-basics.html; trust and key
// policies: .../id_roles_compare-resource-policies.html and the KMS key policy page;
// root users: .../id_root-user.html; AssumeRole by root: the STS AssumeRole reference).
#include "policy/evaluate/allow_rules.h"

#include "gtest/gtest.h"
#include "policy/evaluate/deny_reason.h"

namespace iamsim {
namespace {

struct Row {
  std::string name;
  AllowFacts facts;
  DenyReason first;  // kNone: allowed.
  uint8_t unmet;
};
void PrintTo(const Row& r, std::ostream* os) { *os << r.name; }

AllowFacts Facts(CallerType caller, bool cross, bool identity, bool resource, uint8_t grants,
                 bool boundary = true, bool session = true, bool required = false) {
  AllowFacts f;
  f.caller_type = caller;
  f.cross_account = cross;
  f.identity_allows = identity;
  f.resource_allows = resource;
  f.resource_grants = grants;
  f.boundary_allows = boundary;
  f.session_allows = session;
  f.resource_policy_required = required;
  return f;
}

class AllowRulesTest : public ::testing::TestWithParam<Row> {};

TEST_P(AllowRulesTest, UnmetRequirements) {
  const Row& r = GetParam();
  const AllowResult result = ApplyAllowRules(r.facts);
  EXPECT_EQ(static_cast<int>(result.first), static_cast<int>(r.first));
  EXPECT_EQ(result.unmet, r.unmet);
}

constexpr auto kRole = CallerType::kRole;
constexpr auto kUser = CallerType::kUser;

INSTANTIATE_TEST_SUITE_P(
    Rows, AllowRulesTest,
    ::testing::Values(
        // Services and anonymous callers: only the resource policy can allow.
        Row{"ServiceAdmitted", Facts(CallerType::kService, false, false, true, kGrantDirect),
            DenyReason::kNone, 0},
        Row{"ServiceNotAdmitted", Facts(CallerType::kService, false, false, false, 0),
            DenyReason::kResource, kNeedResource},
        Row{"AnonymousNotAdmitted", Facts(CallerType::kAnonymous, false, false, false, 0),
            DenyReason::kResource, kNeedResource},
        // Cross-account: both sides.
        Row{"CrossBothAllow", Facts(kRole, true, true, true, kGrantEntity), DenyReason::kNone, 0},
        Row{"CrossNoIdentity", Facts(kRole, true, false, true, kGrantEntity), DenyReason::kIdentity,
            kNeedIdentity},
        Row{"CrossNoResource", Facts(kRole, true, true, false, 0), DenyReason::kResource,
            kNeedResource},
        Row{"CrossNeither", Facts(kRole, true, false, false, 0), DenyReason::kIdentity,
            kNeedIdentity | kNeedResource},
        Row{"CrossBoundaryFails", Facts(kRole, true, true, true, kGrantEntity, false),
            DenyReason::kBoundary, kNeedBoundary},
        Row{"CrossSessionGrantStillNeedsIdentity", Facts(kRole, true, false, true, kGrantDirect),
            DenyReason::kIdentity, kNeedIdentity},
        // Same account: identity alone, or a resource grant by principal form.
        Row{"SameIdentityOnly", Facts(kUser, false, true, false, 0), DenyReason::kNone, 0},
        Row{"SameNothing", Facts(kUser, false, false, false, 0), DenyReason::kIdentity,
            kNeedIdentity},
        Row{"SameUserArnGrantBypassesAll", Facts(kUser, false, false, true, kGrantDirect, false),
            DenyReason::kNone, 0},
        Row{"SameRoleArnGrantNoIdentity", Facts(kRole, false, false, true, kGrantEntity),
            DenyReason::kNone, 0},
        Row{"SameRoleArnGrantLimitedByBoundary",
            Facts(kRole, false, false, true, kGrantEntity, false), DenyReason::kBoundary,
            kNeedBoundary},
        Row{"SameRoleArnGrantLimitedBySession",
            Facts(kRole, false, false, true, kGrantEntity, true, false), DenyReason::kSession,
            kNeedSession},
        Row{"SameAccountGrantDelegates", Facts(kRole, false, false, true, kGrantAccount),
            DenyReason::kIdentity, kNeedIdentity},
        Row{"SameIdentityBoundaryFails", Facts(kRole, false, true, false, 0, false),
            DenyReason::kBoundary, kNeedBoundary},
        Row{"FederatedWithoutSessionPolicy",
            Facts(CallerType::kFederatedUser, false, true, false, 0, true, false),
            DenyReason::kSession, kNeedSession},
        Row{"RootUserIdentitySide", Facts(CallerType::kRoot, false, true, false, 0),
            DenyReason::kNone, 0},
        // Trust and key policies must allow even within the account.
        Row{"TrustNamesSession", Facts(kRole, false, false, true, kGrantDirect, false, false, true),
            DenyReason::kNone, 0},
        Row{"TrustNamesRole", Facts(kRole, false, false, true, kGrantEntity, true, true, true),
            DenyReason::kNone, 0},
        Row{"TrustNamesRoleSessionPolicyFails",
            Facts(kRole, false, false, true, kGrantEntity, true, false, true), DenyReason::kSession,
            kNeedSession},
        Row{"KeyNamesRoleBoundaryFails",
            Facts(kRole, false, false, true, kGrantEntity, false, true, true),
            DenyReason::kBoundary, kNeedBoundary},
        Row{"KeyDelegatesToAccountIdentityAllows",
            Facts(kRole, false, true, true, kGrantAccount, true, true, true), DenyReason::kNone, 0},
        Row{"KeyDelegatesToAccountNoIdentity",
            Facts(kRole, false, false, true, kGrantAccount, true, true, true),
            DenyReason::kIdentity, kNeedIdentity},
        Row{"KeyDoesNotNameTheCaller", Facts(kRole, false, true, false, 0, true, true, true),
            DenyReason::kResource, kNeedResource}),
    [](const auto& info) { return info.param.name; });

// The AccessDenied message names one type: explicit denies by this rank
// (SCP, RCP, identity, resource, boundary, session), implicit denies by
// the order of the gates.
TEST(DenyReasonTest, ExplicitDenyRank) {
  EXPECT_LT(ExplicitDenyRank(PolicyType::kServiceControl),
            ExplicitDenyRank(PolicyType::kResourceControl));
  EXPECT_LT(ExplicitDenyRank(PolicyType::kResourceControl),
            ExplicitDenyRank(PolicyType::kIdentity));
  EXPECT_LT(ExplicitDenyRank(PolicyType::kIdentity), ExplicitDenyRank(PolicyType::kResource));
  EXPECT_EQ(ExplicitDenyRank(PolicyType::kResource), ExplicitDenyRank(PolicyType::kRoleTrust));
  EXPECT_LT(ExplicitDenyRank(PolicyType::kResource),
            ExplicitDenyRank(PolicyType::kPermissionsBoundary));
  EXPECT_LT(ExplicitDenyRank(PolicyType::kPermissionsBoundary),
            ExplicitDenyRank(PolicyType::kSession));
}

TEST(DenyReasonTest, ImplicitDenyOrder) {
  const GateResult pass, fail{false, false, 0};
  AllowResult allow;
  allow.first = DenyReason::kIdentity;
  EXPECT_EQ(ImplicitDenyReason(true, fail, fail, allow), DenyReason::kRootAssumeRole);
  EXPECT_EQ(ImplicitDenyReason(false, fail, fail, allow), DenyReason::kServiceControl);
  EXPECT_EQ(ImplicitDenyReason(false, pass, fail, allow), DenyReason::kResourceControl);
  EXPECT_EQ(ImplicitDenyReason(false, pass, pass, allow), DenyReason::kIdentity);
  EXPECT_EQ(ImplicitDenyReason(false, pass, pass, AllowResult{}), DenyReason::kNone);
}

}  // namespace
}  // namespace iamsim
