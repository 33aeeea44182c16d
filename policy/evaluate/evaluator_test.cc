// One row per rule of AWS's evaluation logic. Each row is a small simulation;
// the test checks the decision, the deciding statements (by Sid), the reason
// AWS's message would give, and the indexed/unindexed agreement.
// Pages: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// (EVAL), ..._policy-eval-denyallow.html (DENYALLOW), ...-cross-account.html (XACCT),
// access_policies_boundaries.html (PB), reference_policies_elements_notprincipal.html,
// https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html (L-RBP).
#include "policy/evaluate/evaluator.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "policy/explain/access_denied.h"
#include "policy/explain/report.h"
#include "policy/simulation/simulation.h"

namespace iamsim {
namespace {

constexpr char kFn[] = "arn:aws:lambda:us-east-1:444455556666:function:QiitaSample";
constexpr char kSameFn[] = "arn:aws:lambda:us-east-1:111122223333:function:QiitaSample";
constexpr char kRole[] = "arn:aws:iam::111122223333:role/app";
constexpr char kSession[] = "arn:aws:sts::111122223333:assumed-role/app/s1";
constexpr char kUser[] = "arn:aws:iam::111122223333:user/alice";

std::string Stmt(absl::string_view sid, absl::string_view effect, absl::string_view rest) {
  return absl::StrCat(R"({"Sid":")", sid, R"(","Effect":")", effect, R"(",)", rest, "}");
}
std::string Doc(std::vector<std::string> statements) {
  return absl::StrCat(R"({"Version":"2012-10-17","Statement":[)", absl::StrJoin(statements, ","),
                      "]}");
}
std::string AllowAll(absl::string_view sid) {
  return Stmt(sid, "Allow", R"("Action":"*","Resource":"*")");
}
std::string Identity(std::vector<std::string> statements) {
  return absl::StrCat(R"("identityPolicies":[{"name":"id","document":)", Doc(statements), "}]");
}
std::string Rbp(std::vector<std::string> statements) {
  return absl::StrCat(R"("resourcePolicy":)", Doc(statements));
}
std::string Grant(absl::string_view sid, absl::string_view principal_json,
                  absl::string_view extra = "") {
  return Stmt(sid, "Allow",
              absl::StrCat(R"("Principal":)", principal_json,
                           R"(,"Action":"lambda:InvokeFunction","Resource":"*")", extra));
}
std::string Request(absl::string_view principal, absl::string_view resource,
                    absl::string_view context = "{}",
                    absl::string_view action = "lambda:InvokeFunction") {
  return absl::StrCat(R"("request":{"principal":")", principal, R"(","action":")", action,
                      R"(","resource":")", resource, R"(","context":)", context, "}");
}
std::string Sim(std::vector<std::string> parts) {
  return absl::StrCat("{", absl::StrJoin(parts, ","), "}");
}

struct Case {
  std::string name;
  std::string simulation;
  DecisionKind expected;
  std::vector<std::string> deciding_sids;  // Sids of the deciding statements, in order.
  DenyReason reason = DenyReason::kNone;
};
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class EvaluatorRuleTest : public ::testing::TestWithParam<Case> {};

TEST_P(EvaluatorRuleTest, DecidesAsAwsDocuments) {
  const Case& c = GetParam();
  SimulationLoadResult loaded = LoadSimulation(c.simulation, c.name);
  ASSERT_TRUE(loaded.simulation) << FormatDiagnostics(loaded.diagnostics) << c.simulation;
  const Simulation& sim = *loaded.simulation;
  PreparedRequest request;
  ASSERT_TRUE(PreparedRequest::Prepare(sim.request(), &request).ok());
  Explanation explanation;
  const Assembly assembly = sim.assembly();
  const Decision d = Evaluate(assembly, request, {}, &explanation);
  Expectation expected;
  expected.decision = c.expected;
  ReportInput report{sim.source, sim.name, &assembly, &request, &d, &explanation, &expected};
  EXPECT_EQ(DecisionKindName(d.kind), DecisionKindName(c.expected)) << RenderText(report);
  std::vector<std::string> sids;
  for (StatementRef ref : d.deciding) sids.push_back(DescribeStatement(assembly, ref).sid);
  EXPECT_EQ(sids, c.deciding_sids) << RenderText(report);
  EXPECT_EQ(static_cast<int>(d.reason), static_cast<int>(c.reason)) << RenderText(report);
  const Decision unindexed = Evaluate(assembly, request, EvaluateOptions{false});
  EXPECT_EQ(unindexed.kind, d.kind);
  EXPECT_TRUE(unindexed.deciding == d.deciding);
}

const std::string kOrgFull =
    R"("serviceControlPolicies":[[{"name":"FullAWSAccess","document":{"Version":"2012-10-17","Statement":[{"Sid":"Full","Effect":"Allow","Action":"*","Resource":"*"}]}}]])";

INSTANTIATE_TEST_SUITE_P(
    CrossAccount, EvaluatorRuleTest,
    ::testing::Values(
        // XACCT: both the trusted and the trusting account must allow.
        Case{"BothSidesAllow",
             Sim({Request(kSession, kFn), Identity({AllowAll("Id")}),
                  Rbp({Grant("Fn", R"({"AWS":"arn:aws:iam::111122223333:role/app"})")})}),
             DecisionKind::kAllow,
             {"Id", "Fn"}},
        Case{"OnlyIdentityAllows",
             Sim({Request(kSession, kFn), Identity({AllowAll("Id")})}),
             DecisionKind::kImplicitDeny,
             {},
             DenyReason::kResource},
        Case{"OnlyFunctionPolicyAllows",
             Sim({Request(kSession, kFn), Rbp({Grant("Fn", R"({"AWS":"111122223333"})")})}),
             DecisionKind::kImplicitDeny,
             {},
             DenyReason::kIdentity},
        // A session ARN in the function policy does not bypass the caller's own account.
        Case{"SessionArnStillNeedsIdentity",
             Sim({Request(kSession, kFn),
                  Rbp({Grant("Fn", absl::StrCat(R"({"AWS":")", kSession, R"("})"))})}),
             DecisionKind::kImplicitDeny,
             {},
             DenyReason::kIdentity},
        Case{"OtherRoleNamed",
             Sim({Request(kSession, kFn), Identity({AllowAll("Id")}),
                  Rbp({Grant("Fn", R"({"AWS":"arn:aws:iam::111122223333:role/other"})")})}),
             DecisionKind::kImplicitDeny,
             {},
             DenyReason::kResource},
        // The account root user passes its own side by full access (XACCT).
        Case{"RootCallerWithAccountGrant",
             Sim({Request("arn:aws:iam::111122223333:root", kFn),
                  Rbp({Grant("Fn", R"({"AWS":"111122223333"})")})}),
             DecisionKind::kAllow,
             {"Fn"}},
        // L-RES: a grant on the unqualified ARN does not cover a version.
        Case{
            "UnqualifiedGrantDoesNotCoverVersion",
            Sim({Request(kSession, absl::StrCat(kFn, ":1")), Identity({AllowAll("Id")}),
                 Rbp({Stmt(
                     "Fn", "Allow",
                     absl::StrCat(
                         R"("Principal":{"AWS":"111122223333"},"Action":"lambda:InvokeFunction","Resource":")",
                         kFn, R"(")"))})}),
            DecisionKind::kImplicitDeny,
            {},
            DenyReason::kResource},
        Case{
            "TrailingStarCoversQualifiers",
            Sim({Request(kSession, absl::StrCat(kFn, ":prod")), Identity({AllowAll("Id")}),
                 Rbp({Stmt(
                     "Fn",
                     "Allow",
                     absl::StrCat(
                         R"("Principal":{"AWS":"111122223333"},"Action":"lambda:InvokeFunction","Resource":")",
                         kFn, R"(:*")"))})}),
            DecisionKind::kAllow,
            {"Id", "Fn"}},
        Case{
            "ColonStarDoesNotCoverUnqualified",
            Sim({Request(kSession, kFn), Identity({AllowAll("Id")}),
                 Rbp({Stmt(
                     "Fn",
                     "Allow",
                     absl::StrCat(
                         R"("Principal":{"AWS":"111122223333"},"Action":"lambda:InvokeFunction","Resource":")",
                         kFn, R"(:*")"))})}),
            DecisionKind::kImplicitDeny,
            {},
            DenyReason::kResource}));

INSTANTIATE_TEST_SUITE_P(
    SameAccount, EvaluatorRuleTest,
    ::testing::Values(
        Case{"IdentityAloneIsEnough",
             Sim({Request(kSession, kSameFn), Identity({AllowAll("Id")})}),
             DecisionKind::kAllow,
             {"Id"}},
        Case{"NothingAllows",
             Sim({Request(kSession, kSameFn)}),
             DecisionKind::kImplicitDeny,
             {},
             DenyReason::kIdentity},
        // DENYALLOW: a resource policy naming the user is enough, boundary or not.
        Case{"UserNamedDirectly",
             Sim({Request(kUser, kSameFn),
                  Rbp({Grant("Fn", absl::StrCat(R"({"AWS":")", kUser, R"("})"))}),
                  R"("permissionsBoundary":)" +
                      Doc({Stmt("Pb", "Allow", R"("Action":"s3:*","Resource":"*")")})}),
             DecisionKind::kAllow,
             {"Fn"}},
        // PB page: a grant to the role ARN is limited by the boundary...
        Case{"RoleArnLimitedByBoundary",
             Sim({Request(kSession, kSameFn),
                  Rbp({Grant("Fn", absl::StrCat(R"({"AWS":")", kRole, R"("})"))}),
                  R"("permissionsBoundary":)" +
                      Doc({Stmt("Pb", "Allow", R"("Action":"s3:*","Resource":"*")")})}),
             DecisionKind::kImplicitDeny,
             {},
             DenyReason::kBoundary},
        Case{"RoleArnWithoutBoundaryOrIdentity",
             Sim({Request(kSession, kSameFn),
                  Rbp({Grant("Fn", absl::StrCat(R"({"AWS":")", kRole, R"("})"))})}),
             DecisionKind::kAllow,
             {"Fn"}},
        // ...but a grant to the session ARN is not.
        Case{"SessionArnNotLimitedByBoundary",
             Sim({Request(kSession, kSameFn),
                  Rbp({Grant("Fn", absl::StrCat(R"({"AWS":")", kSession, R"("})"))}),
                  R"("permissionsBoundary":)" +
                      Doc({Stmt("Pb", "Allow", R"("Action":"s3:*","Resource":"*")")})}),
             DecisionKind::kAllow,
             {"Fn"}},
        Case{"RoleArnLimitedBySessionPolicy",
             Sim({Request(kSession, kSameFn),
                  Rbp({Grant("Fn", absl::StrCat(R"({"AWS":")", kRole, R"("})"))}),
                  R"("sessionPolicy":)" +
                      Doc({Stmt("Sp", "Allow", R"("Action":"s3:*","Resource":"*")")})}),
             DecisionKind::kImplicitDeny,
             {},
             DenyReason::kSession},
        Case{"AccountPrincipalDelegatesToIdentity",
             Sim({Request(kSession, kSameFn), Rbp({Grant("Fn", R"({"AWS":"111122223333"})")})}),
             DecisionKind::kImplicitDeny,
             {},
             DenyReason::kIdentity},
        Case{"BoundaryLimitsIdentity",
             Sim({Request(kSession, kSameFn), Identity({AllowAll("Id")}),
                  R"("permissionsBoundary":)" +
                      Doc({Stmt("Pb", "Allow", R"("Action":"s3:*","Resource":"*")")})}),
             DecisionKind::kImplicitDeny,
             {},
             DenyReason::kBoundary},
        Case{"RootOfTheAccountNeedsNoPolicy",
             Sim({Request("arn:aws:iam::111122223333:root", kSameFn)}),
             DecisionKind::kAllow,
             {}},
        // DENYALLOW: a federated-user session without a session policy has no permissions.
        Case{"FederatedUserWithoutSessionPolicy",
             Sim({Request("arn:aws:sts::111122223333:federated-user/bob", kSameFn),
                  Identity({AllowAll("Id")})}),
             DecisionKind::kImplicitDeny,
             {},
             DenyReason::kSession},
        Case{"FederatedUserWithSessionPolicy",
             Sim({Request("arn:aws:sts::111122223333:federated-user/bob", kSameFn),
                  Identity({AllowAll("Id")}), R"("sessionPolicy":)" + Doc({AllowAll("Sp")})}),
             DecisionKind::kAllow,
             {"Id", "Sp"}},
        // GetFederationToken page: only a resource policy naming the session
        // itself reaches past a missing session policy; "*" does not...
        Case{"FederatedUserStarGrantNeedsSessionPolicy",
             Sim({Request("arn:aws:sts::111122223333:federated-user/bob", kSameFn),
                  Rbp({Grant("Star", R"("*")")})}),
             DecisionKind::kImplicitDeny,
             {},
             DenyReason::kSession},
        // ...the session ARN does.
        Case{
            "FederatedUserNamedDirectly",
            Sim({Request("arn:aws:sts::111122223333:federated-user/bob", kSameFn),
                 Rbp({Grant("Bob", R"({"AWS":"arn:aws:sts::111122223333:federated-user/bob"})")})}),
            DecisionKind::kAllow,
            {"Bob"}},
        // AssumeRole API reference: root user credentials cannot assume a role,
        // even when the trust policy trusts the account.
        Case{"RootCannotAssumeRole",
             Sim({Request("arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/deploy",
                          "{}", "sts:AssumeRole"),
                  Rbp({Stmt("Trust", "Allow",
                            R"("Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole")")})}),
             DecisionKind::kImplicitDeny,
             {},
             DenyReason::kRootAssumeRole}));

INSTANTIATE_TEST_SUITE_P(
    DenyAndOrganizations, EvaluatorRuleTest,
    ::testing::Values(
        Case{"DenyInFunctionPolicyWins",
             Sim({Request(kSession, kSameFn), Identity({AllowAll("Id")}),
                  Rbp({Stmt("No", "Deny",
                            R"("Principal":"*","Action":"lambda:*","Resource":"*")")})}),
             DecisionKind::kExplicitDeny,
             {"No"}},
        Case{"DenyInBoundary",
             Sim({Request(kSession, kSameFn), Identity({AllowAll("Id")}),
                  R"("permissionsBoundary":)" +
                      Doc({AllowAll("PbAll"),
                           Stmt("PbNo", "Deny", R"("Action":"lambda:Invoke*","Resource":"*")")})}),
             DecisionKind::kExplicitDeny,
             {"PbNo"}},
        Case{"ScpLevelWithoutTheAction",
             Sim({Request(kSession, kSameFn), Identity({AllowAll("Id")}),
                  R"("serviceControlPolicies":[[{"name":"Full","document":)" +
                      Doc({AllowAll("Root")}) + R"(}],[{"name":"S3Only","document":)" +
                      Doc({Stmt("S3", "Allow", R"("Action":"s3:*","Resource":"*")")}) + "}]]"}),
             DecisionKind::kImplicitDeny,
             {},
             DenyReason::kServiceControl},
        Case{"ScpsSkipTheManagementAccount",
             Sim({Request(kSession, kSameFn), Identity({AllowAll("Id")}),
                  R"("serviceControlPolicies":[[{"name":"Nothing","document":)" +
                      Doc({Stmt("S3", "Allow", R"("Action":"s3:*","Resource":"*")")}) + "}]]",
                  R"("organization":{"managementAccount":"111122223333"})"}),
             DecisionKind::kAllow,
             {"Id"}},
        Case{"ScpsSkipServiceLinkedRoles",
             Sim({Request(
                      "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForLambdaReplicator/x",
                      kSameFn),
                  Identity({AllowAll("Id")}),
                  R"("serviceControlPolicies":[[{"name":"Deny","document":)" +
                      Doc({AllowAll("A"), Stmt("D", "Deny", R"("Action":"*","Resource":"*")")}) +
                      "}]]"}),
             DecisionKind::kAllow,
             {"Id"}},
        Case{"ScpDenyAppliesToRootOfMemberAccount",
             Sim({Request("arn:aws:iam::111122223333:root", kSameFn),
                  R"("serviceControlPolicies":[[{"name":"Deny","document":)" +
                      Doc({AllowAll("A"),
                           Stmt("D", "Deny", R"("Action":"lambda:*","Resource":"*")")}) +
                      "}]]"}),
             DecisionKind::kExplicitDeny,
             {"D"}},
        // RCPs do not apply to Lambda (not in rcpSupportedServices.json)...
        Case{"RcpIgnoredForLambda",
             Sim({Request(kSession, kSameFn), Identity({AllowAll("Id")}),
                  R"("resourceControlPolicies":[[{"name":"R","document":)" +
                      Doc({Stmt("D", "Deny", R"("Principal":"*","Action":"*","Resource":"*")")}) +
                      "}]]"}),
             DecisionKind::kAllow,
             {"Id"}},
        // ...but do to S3, whoever the caller is.
        Case{
            "RcpDenyOnS3",
            Sim({Request(kSession, "arn:aws:s3:::bucket/key", "{}", "s3:GetObject"),
                 Identity({AllowAll("Id")}),
                 R"("resourceControlPolicies":[[{"name":"R","document":)" +
                     Doc({Stmt("Full", "Allow", R"("Principal":"*","Action":"*","Resource":"*")"),
                          Stmt("D", "Deny", R"("Principal":"*","Action":"s3:*","Resource":"*")")}) +
                     "}]]"}),
            DecisionKind::kExplicitDeny,
            {"D"}},
        // The action's service decides whether RCPs apply: sts:AssumeRole on an
        // IAM role is an STS request, and STS supports RCPs.
        Case{
            "RcpDenyOnAssumeRoleOfIamRole",
            Sim({Request(kSession, "arn:aws:iam::111122223333:role/deploy", "{}", "sts:AssumeRole"),
                 Identity({AllowAll("Id")}),
                 Rbp({Stmt("Trust", "Allow",
                           R"("Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole")")}),
                 R"("resourceControlPolicies":[[{"name":"R","document":)" +
                     Doc({Stmt("Full", "Allow", R"("Principal":"*","Action":"*","Resource":"*")"),
                          Stmt("D", "Deny",
                               R"("Principal":"*","Action":"sts:*","Resource":"*")")}) +
                     "}]]"}),
            DecisionKind::kExplicitDeny,
            {"D"}},
        // Service principals are subject to RCPs too (the data-perimeter
        // examples exempt them with aws:PrincipalIsAWSService). The bucket ARN
        // names no account and no management account is known: still applies.
        Case{
            "RcpDenyAppliesToServiceCaller",
            Sim({Request("cloudtrail.amazonaws.com", "arn:aws:s3:::bucket/key", "{}",
                         "s3:PutObject"),
                 Rbp({Stmt(
                     "Trail", "Allow",
                     R"("Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"*")")}),
                 R"("resourceControlPolicies":[[{"name":"R","document":)" +
                     Doc({Stmt("Full", "Allow", R"("Principal":"*","Action":"*","Resource":"*")"),
                          Stmt("D", "Deny", R"("Principal":"*","Action":"s3:*","Resource":"*")")}) +
                     "}]]"}),
            DecisionKind::kExplicitDeny,
            {"D"}},
        // Organizations RCP page: RCPs do not affect service-linked roles.
        Case{
            "RcpsSkipServiceLinkedRoles",
            Sim({Request("arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForAPIGateway/x",
                         "arn:aws:s3:::bucket/key", "{}", "s3:GetObject"),
                 Identity({AllowAll("Id")}),
                 R"("resourceControlPolicies":[[{"name":"R","document":)" +
                     Doc({Stmt("Full", "Allow", R"("Principal":"*","Action":"*","Resource":"*")"),
                          Stmt("D", "Deny", R"("Principal":"*","Action":"s3:*","Resource":"*")")}) +
                     "}]]"}),
            DecisionKind::kAllow,
            {"Id"}},
        // Organizations RCP page: kms:RetireGrant is never restricted by RCPs.
        Case{"RcpsSkipKmsRetireGrant",
             Sim({Request(kSession, "arn:aws:kms:us-east-1:111122223333:key/k1", "{}",
                          "kms:RetireGrant"),
                  Identity({AllowAll("Id")}),
                  Rbp({Stmt(
                      "Key", "Allow",
                      R"("Principal":{"AWS":"111122223333"},"Action":"kms:*","Resource":"*")")}),
                  R"("resourceControlPolicies":[[{"name":"R","document":)" +
                      Doc({Stmt("Full", "Allow", R"("Principal":"*","Action":"*","Resource":"*")"),
                           Stmt("D", "Deny",
                                R"("Principal":"*","Action":"kms:*","Resource":"*")")}) +
                      "}]]"}),
             DecisionKind::kAllow,
             {"Id", "Key"}},
        // ...nor AWS services assuming one.
        Case{
            "RcpsSkipAssumingServiceLinkedRole",
            Sim({Request("lambda.amazonaws.com",
                         "arn:aws:iam::111122223333:role/aws-service-role/"
                         "replicator.lambda.amazonaws.com/AWSServiceRoleForLambdaReplicator",
                         "{}", "sts:AssumeRole"),
                 Rbp({Stmt(
                     "Trust", "Allow",
                     R"("Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole")")}),
                 R"("resourceControlPolicies":[[{"name":"R","document":)" +
                     Doc({Stmt("Full", "Allow", R"("Principal":"*","Action":"*","Resource":"*")"),
                          Stmt("D", "Deny",
                               R"("Principal":"*","Action":"sts:*","Resource":"*")")}) +
                     "}]]"}),
            DecisionKind::kAllow,
            {"Trust"}}));

INSTANTIATE_TEST_SUITE_P(
    ServicesAnonymousAndPrincipals, EvaluatorRuleTest,
    ::testing::Values(
        // L-RBP: a service caller is admitted by the function policy alone.
        Case{
            "ApiGatewayPinnedBySourceArn",
            Sim({Request(
                     "apigateway.amazonaws.com", kFn,
                     R"({"aws:SourceArn":"arn:aws:execute-api:us-east-1:444455556666:abc123/prod/GET/items"})"),
                 Rbp({Grant(
                     "Api", R"({"Service":"apigateway.amazonaws.com"})",
                     R"(,"Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:execute-api:us-east-1:444455556666:abc123/*/GET/items"}})")})}),
            DecisionKind::kAllow,
            {"Api"}},
        Case{
            "ApiGatewayOtherApi",
            Sim({Request(
                     "apigateway.amazonaws.com", kFn,
                     R"({"aws:SourceArn":"arn:aws:execute-api:us-east-1:444455556666:zzz999/prod/GET/items"})"),
                 Rbp({Grant(
                     "Api", R"({"Service":"apigateway.amazonaws.com"})",
                     R"(,"Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:execute-api:us-east-1:444455556666:abc123/*"}})")})}),
            DecisionKind::kImplicitDeny,
            {},
            DenyReason::kResource},
        Case{"OtherServiceNotNamed",
             Sim({Request("sns.amazonaws.com", kFn),
                  Rbp({Grant("Api", R"({"Service":"apigateway.amazonaws.com"})")})}),
             DecisionKind::kImplicitDeny,
             {},
             DenyReason::kResource},
        Case{"AnonymousWithStar",
             Sim({Request("anonymous", kFn), Rbp({Grant("Public", R"("*")")})}),
             DecisionKind::kAllow,
             {"Public"}},
        Case{"AnonymousNotAdmittedByAccountGrant",
             Sim({Request("anonymous", kFn), Rbp({Grant("Acct", R"({"AWS":"444455556666"})")})}),
             DecisionKind::kImplicitDeny,
             {},
             DenyReason::kResource},
        // NOTPRIN: listing the user and its account exempts that user only.
        Case{"NotPrincipalExemptsListedUser",
             Sim({Request(kUser, kSameFn), Identity({AllowAll("Id")}),
                  Rbp({Stmt("NotAlice", "Deny",
                            absl::StrCat(R"("NotPrincipal":{"AWS":[")", kUser,
                                         R"(","111122223333"]},"Action":"*","Resource":"*")"))})}),
             DecisionKind::kAllow,
             {"Id"}},
        Case{
            "NotPrincipalDeniesOtherUsersOfTheAccount",
            Sim({Request("arn:aws:iam::111122223333:user/bob", kSameFn), Identity({AllowAll("Id")}),
                 Rbp({Stmt("NotAlice", "Deny",
                           absl::StrCat(R"("NotPrincipal":{"AWS":[")", kUser,
                                        R"(","111122223333"]},"Action":"*","Resource":"*")"))})}),
            DecisionKind::kExplicitDeny,
            {"NotAlice"}},
        // PB page: Deny + NotPrincipal always denies a principal with a boundary.
        Case{"NotPrincipalDeniesPrincipalsWithBoundary",
             Sim({Request(kUser, kSameFn), Identity({AllowAll("Id")}),
                  R"("permissionsBoundary":)" + Doc({AllowAll("Pb")}),
                  Rbp({Stmt("NotAlice", "Deny",
                            absl::StrCat(R"("NotPrincipal":{"AWS":[")", kUser,
                                         R"(","111122223333"]},"Action":"*","Resource":"*")"))})}),
             DecisionKind::kExplicitDeny,
             {"NotAlice"}},
        // Trust policies must allow the caller even in the same account (ROLES).
        Case{
            "AssumeRoleNeedsTrust",
            Sim({Request(kUser, "arn:aws:iam::111122223333:role/target", "{}", "sts:AssumeRole"),
                 Identity({AllowAll("Id")}),
                 R"("resourcePolicy":{"Version":"2012-10-17","Statement":[{"Sid":"T","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})"}),
            DecisionKind::kImplicitDeny,
            {},
            DenyReason::kResource},
        Case{
            "AssumeRoleTrustNamesUser",
            Sim({Request(kUser, "arn:aws:iam::111122223333:role/target", "{}", "sts:AssumeRole"),
                 absl::StrCat(
                     R"("resourcePolicy":{"Version":"2012-10-17","Statement":[{"Sid":"T","Effect":"Allow","Principal":{"AWS":")",
                     kUser, R"("},"Action":"sts:AssumeRole"}]})")}),
            DecisionKind::kAllow,
            {"T"}},
        Case{
            "AssumeRoleTrustDelegatesToAccount",
            Sim({Request(kUser, "arn:aws:iam::111122223333:role/target", "{}", "sts:AssumeRole"),
                 Identity({AllowAll("Id")}),
                 R"("resourcePolicy":{"Version":"2012-10-17","Statement":[{"Sid":"T","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]})"}),
            DecisionKind::kAllow,
            {"Id", "T"}},
        Case{"KmsKeyPolicyRequired",
             Sim({Request(kUser, "arn:aws:kms:us-east-1:111122223333:key/1234abcd", "{}",
                          "kms:Decrypt"),
                  Identity({AllowAll("Id")})}),
             DecisionKind::kImplicitDeny,
             {},
             DenyReason::kResource},
        Case{"ActionNamesAreCaseInsensitive",
             Sim({Request(kSession, kSameFn, "{}", "LAMBDA:invokefunction"),
                  Identity({Stmt("Id", "Allow",
                                 R"("Action":"Lambda:InvokeFunction","Resource":"*")")})}),
             DecisionKind::kAllow,
             {"Id"}},
        Case{"NotActionAllowGrantsOtherServices",
             Sim({Request(kSession, kSameFn),
                  Identity({Stmt("Id", "Allow", R"("NotAction":"iam:*","Resource":"*")")})}),
             DecisionKind::kAllow,
             {"Id"}},
        Case{
            "VariableInResource",
            Sim({Request(kUser, "arn:aws:s3:::home/alice/notes.txt", "{}", "s3:GetObject"),
                 Identity({Stmt(
                     "Home", "Allow",
                     R"("Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*")")})}),
            DecisionKind::kAllow,
            {"Home"}},
        // Condition-keys page: anonymous requests carry aws:PrincipalAccount
        // "anonymous" but no aws:PrincipalIsAWSService.
        Case{
            "AnonymousPrincipalAccountIsAnonymous",
            Sim({Request("anonymous", "arn:aws:s3:::bucket/key", "{}", "s3:GetObject"),
                 Rbp({Stmt("Public", "Allow",
                           R"("Principal":"*","Action":"s3:GetObject","Resource":"*")"),
                      Stmt(
                          "NoAnon", "Deny",
                          R"("Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"anonymous"}})")})}),
            DecisionKind::kExplicitDeny,
            {"NoAnon"}},
        Case{
            "AnonymousHasNoPrincipalIsAwsService",
            Sim({Request("anonymous", "arn:aws:s3:::bucket/key", "{}", "s3:GetObject"),
                 Rbp({Stmt(
                     "Public", "Allow",
                     R"("Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"Null":{"aws:PrincipalIsAWSService":"true"}})")})}),
            DecisionKind::kAllow,
            {"Public"}},
        // VER: under 2008-10-17 ${...} is literal text.
        Case{
            "VariableIsLiteralUnder2008",
            Sim({Request(kUser, "arn:aws:s3:::home/alice/notes.txt", "{}", "s3:GetObject"),
                 R"("identityPolicies":[{"name":"old","document":{"Version":"2008-10-17","Statement":[{"Sid":"Home","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}}])"}),
            DecisionKind::kImplicitDeny,
            {},
            DenyReason::kIdentity}));

TEST(EvaluatorTest, ReportsMissingContextKeysOfOtherwiseMatchingStatements) {
  SimulationLoadResult loaded = LoadSimulation(
      Sim({Request("apigateway.amazonaws.com", kFn),
           Rbp({Grant(
                    "Api", R"({"Service":"apigateway.amazonaws.com"})",
                    R"(,"Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:execute-api:*"},"StringEquals":{"aws:SourceAccount":"444455556666"}})"),
                Grant("Other", R"({"Service":"sns.amazonaws.com"})",
                      R"(,"Condition":{"StringEquals":{"aws:SourceOwner":"x"}})")})}),
      "missing.json");
  ASSERT_TRUE(loaded.simulation) << FormatDiagnostics(loaded.diagnostics);
  PreparedRequest request;
  ASSERT_TRUE(PreparedRequest::Prepare(loaded.simulation->request(), &request).ok());
  const Decision d = Evaluate(loaded.simulation->assembly(), request);
  EXPECT_EQ(d.kind, DecisionKind::kImplicitDeny);
  std::vector<std::string> keys;
  for (const ContextKey* key : d.missing_keys) keys.push_back(key->name);
  // aws:SourceOwner belongs to a statement whose principal does not match.
  EXPECT_EQ(keys, (std::vector<std::string>{"AWS:SourceArn", "aws:SourceAccount"}));
  EXPECT_EQ(AccessDeniedMessage(request, d),
            "User: apigateway.amazonaws.com is not authorized to perform: lambda:InvokeFunction on "
            "resource: arn:aws:lambda:us-east-1:444455556666:function:QiitaSample because no "
            "resource-based policy allows the lambda:InvokeFunction action");
}

TEST(EvaluatorTest, ExplicitDenyMessageNamesThePolicyType) {
  SimulationLoadResult loaded = LoadSimulation(
      Sim({Request(kSession, kSameFn), Identity({AllowAll("Id")}),
           R"("serviceControlPolicies":[[{"name":"D","document":)" +
               Doc({AllowAll("A"),
                    Stmt("NoLambda", "Deny", R"("Action":"lambda:*","Resource":"*")")}) +
               "}]]"}),
      "scp.json");
  ASSERT_TRUE(loaded.simulation);
  PreparedRequest request;
  ASSERT_TRUE(PreparedRequest::Prepare(loaded.simulation->request(), &request).ok());
  const Decision d = Evaluate(loaded.simulation->assembly(), request);
  EXPECT_EQ(AccessDeniedMessage(request, d),
            "User: arn:aws:sts::111122223333:assumed-role/app/s1 is not authorized to perform: "
            "lambda:InvokeFunction on resource: "
            "arn:aws:lambda:us-east-1:111122223333:function:QiitaSample "
            "with an explicit deny in a service control policy");
}

}  // namespace
}  // namespace iamsim
