// Table-driven tests of the policy grammar and the per-kind rules.
// Positions and pointers are asserted exactly.
// Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
#include "policy/parse/policy_parser.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace iamsim {
namespace {

using ::testing::HasSubstr;

std::string At(const ElementLocation& l) {
  return absl::StrCat(FormatPosition(l.span.begin), "-", FormatPosition(l.span.end), " ", l.path);
}

TEST(PolicyParserTest, ParsesEveryElementWithExactLocations) {
  const std::string text = R"({
  "Version": "2012-10-17",
  "Id": "fn-policy",
  "Statement": [
    {
      "Sid": "ApiGw",
      "Effect": "Allow",
      "Principal": {"Service": "apigateway.amazonaws.com", "AWS": ["111122223333", "arn:aws:iam::111122223333:role/app"]},
      "Action": "lambda:InvokeFunction",
      "Resource": ["arn:aws:lambda:us-east-1:444455556666:function:QiitaSample"],
      "Condition": {
        "ArnLike": {"AWS:SourceArn": "arn:aws:execute-api:us-east-1:444455556666:abc/*"},
        "ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": ["a", 7, true]}
      }
    }
  ]
})";
  PolicyParseResult r = ParsePolicy(text, "fn.json", PolicyType::kResource);
  ASSERT_TRUE(r.document) << FormatDiagnostics(r.diagnostics);
  EXPECT_TRUE(r.diagnostics.empty()) << FormatDiagnostics(r.diagnostics);
  const PolicyDocument& doc = *r.document;
  EXPECT_EQ(doc.version, PolicyVersion::k2012_10_17);
  EXPECT_EQ(At(doc.version_string->location), "2:14-2:26 /Version");
  EXPECT_EQ(doc.id->value, "fn-policy");
  ASSERT_EQ(doc.statements.size(), 1u);
  const Statement& s = doc.statements[0];
  EXPECT_EQ(At(s.location), "5:5-15:6 /Statement/0");
  EXPECT_EQ(At(s.sid->location), "6:14-6:21 /Statement/0/Sid");
  EXPECT_EQ(s.effect, Effect::kAllow);
  EXPECT_EQ(At(s.effect_location), "7:17-7:24 /Statement/0/Effect");
  ASSERT_TRUE(s.principal);
  EXPECT_FALSE(s.principal->everyone);
  ASSERT_EQ(s.principal->values.size(), 3u);
  EXPECT_EQ(s.principal->values[0].kind, PrincipalKind::kService);
  EXPECT_EQ(At(s.principal->values[0].value.location), "8:32-8:58 /Statement/0/Principal/Service");
  EXPECT_EQ(s.principal->values[2].kind, PrincipalKind::kAws);
  EXPECT_EQ(At(s.principal->values[2].value.location), "8:84-8:120 /Statement/0/Principal/AWS/1");
  EXPECT_EQ(At(s.action->location), "9:17-9:40 /Statement/0/Action");
  EXPECT_EQ(At(s.resource->values[0].location), "10:20-10:80 /Statement/0/Resource/0");
  ASSERT_EQ(s.conditions.size(), 2u);
  const ConditionClause& arn_like = s.conditions[0];
  EXPECT_EQ(arn_like.op.base, BaseOperator::kArnLike);
  EXPECT_EQ(arn_like.key.value, "AWS:SourceArn");
  EXPECT_EQ(At(arn_like.key.location), "12:21-12:36 /Statement/0/Condition/ArnLike/AWS:SourceArn");
  const ConditionClause& set = s.conditions[1];
  EXPECT_EQ(set.op.qualifier, SetQualifier::kForAnyValue);
  EXPECT_EQ(set.op.base, BaseOperator::kStringEquals);
  EXPECT_TRUE(set.op.if_exists);
  ASSERT_EQ(set.values.size(), 3u);
  EXPECT_EQ(set.values[1].json_type, JsonType::kNumber);
  EXPECT_EQ(set.values[1].text, "7");
  EXPECT_EQ(set.values[2].text, "true");
  EXPECT_EQ(At(set.values[2].location),
            "13:70-13:74 /Statement/0/Condition/ForAnyValue:StringEqualsIfExists/aws:TagKeys/2");
}

TEST(PolicyParserTest, StatementMayBeASingleObjectAndPrincipalAStar) {
  PolicyParseResult r = ParsePolicy(
      R"({"Version":"2008-10-17","Statement":{"Effect":"Deny","Principal":"*","NotAction":"s3:*","NotResource":"*"}})",
      "p.json", PolicyType::kResource);
  ASSERT_TRUE(r.document) << FormatDiagnostics(r.diagnostics);
  EXPECT_EQ(r.document->version, PolicyVersion::k2008_10_17);
  EXPECT_FALSE(r.document->variables_enabled());
  const Statement& s = r.document->statements[0];
  EXPECT_EQ(s.location.path, "/Statement");
  EXPECT_TRUE(s.principal->everyone);
  EXPECT_TRUE(s.not_action);
  EXPECT_TRUE(s.not_resource);
}

TEST(PolicyParserTest, MissingVersionIsAWarningNotAnError) {
  PolicyParseResult r =
      ParsePolicy(R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})", "p.json",
                  PolicyType::kIdentity);
  ASSERT_TRUE(r.document);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].severity, Severity::kWarning);
  EXPECT_EQ(r.diagnostics[0].rule, Rule::kMissingVersion);
  EXPECT_EQ(r.document->version, PolicyVersion::kNone);
}

struct BadPolicyCase {
  std::string name;
  PolicyType type;
  std::string text;
  // Each expected error: "rule line:col pointer".
  std::vector<std::string> errors;
  std::string message_part;  // Substring of the first error's message.
};

void PrintTo(const BadPolicyCase& c, std::ostream* os) { *os << c.name; }

class BadPolicyTest : public ::testing::TestWithParam<BadPolicyCase> {};

TEST_P(BadPolicyTest, ReportsEveryErrorWithPositionAndPointer) {
  const BadPolicyCase& c = GetParam();
  PolicyParseResult r = ParsePolicy(c.text, "bad.json", c.type);
  EXPECT_FALSE(r.document);
  std::vector<std::string> got;
  for (const Diagnostic& d : r.diagnostics) {
    if (d.severity != Severity::kError) continue;
    EXPECT_EQ(d.location.file, "bad.json");
    EXPECT_EQ(d.location.document, "");
    got.push_back(absl::StrCat(RuleId(d.rule), " ", FormatPosition(d.location.span.begin), " ",
                               d.location.path));
  }
  EXPECT_EQ(got, c.errors) << FormatDiagnostics(r.diagnostics);
  bool message_found = false;
  for (const Diagnostic& d : r.diagnostics) {
    message_found |= absl::StrContains(d.message, c.message_part);
  }
  EXPECT_TRUE(message_found) << "no message contains: " << c.message_part;
}

// Statement prefix/suffix so that statement-level cases stay readable.
// The statement object starts at 1:38.
std::string Policy(const std::string& statement_body) {
  return absl::StrCat(R"({"Version":"2012-10-17","Statement":[{)", statement_body, "}]}");
}

INSTANTIATE_TEST_SUITE_P(
    Grammar, BadPolicyTest,
    ::testing::Values(
        BadPolicyCase{
            "NotAnObject", PolicyType::kIdentity, "[1]", {"json-type 1:1 "}, "must be an object"},
        BadPolicyCase{"InvalidJson",
                      PolicyType::kIdentity,
                      "{\"Version\": }",
                      {"json-syntax 1:13 /Version"},
                      "expected a value"},
        BadPolicyCase{"UnknownTopLevel",
                      PolicyType::kIdentity,
                      R"({"Version":"2012-10-17","Statment":[]})",
                      {"missing-element 1:1 ", "unknown-element 1:25 /Statment"},
                      "did you mean \"Statement\"?"},
        BadPolicyCase{
            "BadVersion",
            PolicyType::kIdentity,
            R"({"Version":"2012-10-18","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}})",
            {"invalid-version 1:12 /Version"},
            "use \"2012-10-17\""},
        BadPolicyCase{
            "VersionWrongType",
            PolicyType::kIdentity,
            R"({"Version":2012,"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}})",
            {"json-type 1:12 /Version"},
            "Version must be a string, not a number"},
        BadPolicyCase{"EmptyStatementArray",
                      PolicyType::kIdentity,
                      R"({"Version":"2012-10-17","Statement":[]})",
                      {"empty-value 1:37 /Statement"},
                      "empty array"},
        BadPolicyCase{"StatementWrongType",
                      PolicyType::kIdentity,
                      R"({"Version":"2012-10-17","Statement":"x"})",
                      {"json-type 1:37 /Statement"},
                      "an object or an array of objects"},
        BadPolicyCase{"LowercaseEffect",
                      PolicyType::kIdentity,
                      Policy(R"("Effect":"allow","Action":"*","Resource":"*")"),
                      {"invalid-effect 1:48 /Statement/0/Effect"},
                      "did you mean \"Allow\"?"},
        BadPolicyCase{"MissingEffectAndAction",
                      PolicyType::kIdentity,
                      Policy(R"("Resource":"*")"),
                      {"missing-element 1:38 /Statement/0", "missing-element 1:38 /Statement/0"},
                      "no Effect"},
        BadPolicyCase{
            "UnknownStatementElement",
            PolicyType::kIdentity,
            Policy(R"("Effect":"Allow","Actions":"*","Resource":"*")"),
            {"missing-element 1:38 /Statement/0", "unknown-element 1:56 /Statement/0/Actions"},
            "did you mean \"Action\"?"},
        BadPolicyCase{"ActionAndNotAction",
                      PolicyType::kIdentity,
                      Policy(R"("Effect":"Allow","Action":"*","NotAction":"s3:*","Resource":"*")"),
                      {"conflicting-elements 1:69 /Statement/0/NotAction"},
                      "both Action and NotAction"},
        BadPolicyCase{"ResourceAndNotResource",
                      PolicyType::kIdentity,
                      Policy(R"("Effect":"Allow","Action":"*","Resource":"*","NotResource":"*")"),
                      {"conflicting-elements 1:84 /Statement/0/NotResource"},
                      "both Resource and NotResource"},
        BadPolicyCase{"EmptyActionArray",
                      PolicyType::kIdentity,
                      Policy(R"("Effect":"Allow","Action":[],"Resource":"*")"),
                      {"empty-value 1:65 /Statement/0/Action"},
                      "empty array"},
        BadPolicyCase{"EmptyActionString",
                      PolicyType::kIdentity,
                      Policy(R"("Effect":"Allow","Action":["s3:GetObject",""],"Resource":"*")"),
                      {"empty-value 1:81 /Statement/0/Action/1"},
                      "empty string"},
        BadPolicyCase{"ActionWrongType",
                      PolicyType::kIdentity,
                      Policy(R"("Effect":"Allow","Action":["s3:GetObject",3],"Resource":"*")"),
                      {"json-type 1:81 /Statement/0/Action/1"},
                      "must be a string, not a number"},
        BadPolicyCase{"ActionWithoutService",
                      PolicyType::kIdentity,
                      Policy(R"("Effect":"Allow","Action":"InvokeFunction","Resource":"*")"),
                      {"unknown-action 1:65 /Statement/0/Action"},
                      "\"service:Action\""},
        BadPolicyCase{"WildcardInServicePrefix",
                      PolicyType::kIdentity,
                      Policy(R"("Effect":"Allow","Action":"lam*:Invoke","Resource":"*")"),
                      {"unknown-service 1:65 /Statement/0/Action"},
                      "service prefix"},
        BadPolicyCase{"BadResourceArn",
                      PolicyType::kIdentity,
                      Policy(R"("Effect":"Allow","Action":"*","Resource":"arn:aws:lambda:fn")"),
                      {"malformed-arn 1:80 /Statement/0/Resource"},
                      "six colon-separated parts"},
        BadPolicyCase{"ResourceUnknownPartition",
                      PolicyType::kIdentity,
                      Policy(R"("Effect":"Allow","Action":"*","Resource":"arn:amazon:s3:::b")"),
                      {"malformed-arn 1:80 /Statement/0/Resource"},
                      "is not an AWS partition"},
        BadPolicyCase{"ResourceNotArn",
                      PolicyType::kIdentity,
                      Policy(R"("Effect":"Allow","Action":"*","Resource":"my-bucket")"),
                      {"malformed-arn 1:80 /Statement/0/Resource"},
                      "is not an ARN"},
        BadPolicyCase{
            "UnknownOperator",
            PolicyType::kIdentity,
            Policy(
                R"("Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqual":{"aws:username":"a"}})"),
            {"invalid-condition-operator 1:112 /Statement/0/Condition/StringEqual/aws:username"},
            "did you mean \"StringEquals\"?"},
        BadPolicyCase{
            "UnknownOperatorOncePerKey",
            PolicyType::kIdentity,
            Policy(
                R"("Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqual":{"aws:username":"a","aws:userid":"b"}})"),
            {"invalid-condition-operator 1:112 /Statement/0/Condition/StringEqual/aws:username",
             "invalid-condition-operator 1:131 /Statement/0/Condition/StringEqual/aws:userid"},
            "did you mean \"StringEquals\"?"},
        BadPolicyCase{
            "UnknownOperatorWithoutKeys",
            PolicyType::kIdentity,
            Policy(
                R"("Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqual":{}})"),
            {"invalid-condition-operator 1:97 /Statement/0/Condition/StringEqual"},
            "did you mean \"StringEquals\"?"},
        BadPolicyCase{
            "NullIfExistsIsNotAnOperator",
            PolicyType::kIdentity,
            Policy(
                R"("Effect":"Allow","Action":"*","Resource":"*","Condition":{"NullIfExists":{"aws:username":"true"}})"),
            {"invalid-condition-operator 1:113 /Statement/0/Condition/NullIfExists/aws:username"},
            "unknown condition operator"},
        BadPolicyCase{
            "SetQualifierCase",
            PolicyType::kIdentity,
            Policy(
                R"("Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForAnyvalue:StringLike":{"aws:TagKeys":"a*"}})"),
            {"invalid-condition-operator 1:123 "
             "/Statement/0/Condition/ForAnyvalue:StringLike/aws:TagKeys"},
            "did you mean \"ForAnyValue:StringLike\"?"},
        BadPolicyCase{
            "SetQualifierMisspelled",
            PolicyType::kIdentity,
            Policy(
                R"("Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForAllValue:StringEquals":{"aws:TagKeys":"a"}})"),
            {"invalid-condition-operator 1:125 "
             "/Statement/0/Condition/ForAllValue:StringEquals/aws:TagKeys"},
            "did you mean \"ForAllValues:StringEquals\"?"},
        BadPolicyCase{
            "NullHasNoSetForm",
            PolicyType::kIdentity,
            Policy(
                R"("Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForAnyValue:Null":{"aws:TagKeys":"true"}})"),
            {"invalid-condition-operator 1:117 "
             "/Statement/0/Condition/ForAnyValue:Null/aws:TagKeys"},
            "has no ForAllValues/ForAnyValue or IfExists form"},
        BadPolicyCase{
            "ConditionValueObject",
            PolicyType::kIdentity,
            Policy(
                R"("Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:username":{"a":1}}})"),
            {"json-type 1:128 /Statement/0/Condition/StringEquals/aws:username"},
            "a string, number or boolean"},
        BadPolicyCase{
            "ConditionValueNull",
            PolicyType::kIdentity,
            Policy(
                R"("Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:username":["a",null]}})"),
            {"json-type 1:133 /Statement/0/Condition/StringEquals/aws:username/1"},
            "not a null"},
        BadPolicyCase{
            "EmptyConditionValues",
            PolicyType::kIdentity,
            Policy(
                R"("Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:username":[]}})"),
            {"empty-value 1:128 /Statement/0/Condition/StringEquals/aws:username"},
            "empty list of values"},
        BadPolicyCase{
            "EmptyOperatorBlock",
            PolicyType::kIdentity,
            Policy(
                R"("Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{}})"),
            {"empty-value 1:112 /Statement/0/Condition/StringEquals"},
            "no condition keys"},
        BadPolicyCase{
            "ConditionKeyWithoutPrefix",
            PolicyType::kIdentity,
            Policy(
                R"("Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"username":"a"}})"),
            {"unknown-condition-key 1:113 /Statement/0/Condition/StringEquals/username"},
            "not a condition key"},
        BadPolicyCase{"DuplicateKey",
                      PolicyType::kIdentity,
                      Policy(R"("Effect":"Allow","Action":"*","Resource":"*","Effect":"Deny")"),
                      {"duplicate-key 1:84 /Statement/0/Effect"},
                      "duplicate key \"Effect\" (first defined at 1:39)"},
        BadPolicyCase{
            "ManyErrorsAtOnce",
            PolicyType::kIdentity,
            R"({"Version":"1","Statement":[{"Effect":"Permit","Action":"*"},{"Effect":"Allow","Action":7,"Resource":"*"}]})",
            {"invalid-version 1:12 /Version", "missing-element 1:29 /Statement/0",
             "invalid-effect 1:39 /Statement/0/Effect", "json-type 1:89 /Statement/1/Action"},
            "is not a policy language version"}));

INSTANTIATE_TEST_SUITE_P(
    Principals, BadPolicyTest,
    ::testing::Values(
        BadPolicyCase{
            "PrincipalBareAccount",
            PolicyType::kResource,
            Policy(R"("Effect":"Allow","Principal":"111122223333","Action":"*","Resource":"*")"),
            {"invalid-principal 1:68 /Statement/0/Principal"},
            "{\"AWS\": \"111122223333\"}"},
        // Principal element page: groups are not principals; a role session
        // ARN names its session.
        BadPolicyCase{
            "PrincipalGroup",
            PolicyType::kResource,
            Policy(
                R"("Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:group/devs"},"Action":"*","Resource":"*")"),
            {"invalid-principal 1:75 /Statement/0/Principal/AWS"},
            "is not an AWS principal"},
        BadPolicyCase{
            "PrincipalSessionWithoutName",
            PolicyType::kResource,
            Policy(
                R"("Effect":"Allow","Principal":{"AWS":"arn:aws:sts::111122223333:assumed-role/app"},"Action":"*","Resource":"*")"),
            {"invalid-principal 1:75 /Statement/0/Principal/AWS"},
            "is not an AWS principal"},
        BadPolicyCase{
            "ServicePrincipalThatIsAnArn",
            PolicyType::kResource,
            Policy(
                R"("Effect":"Allow","Principal":{"Service":"arn:aws:iam::111122223333:root"},"Action":"*","Resource":"*")"),
            {"invalid-principal 1:79 /Statement/0/Principal/Service"},
            "is not a service principal"},
        BadPolicyCase{
            "PrincipalUnknownKind",
            PolicyType::kResource,
            Policy(
                R"("Effect":"Allow","Principal":{"Aws":"111122223333"},"Action":"*","Resource":"*")"),
            {"unknown-element 1:69 /Statement/0/Principal/Aws"},
            "did you mean \"AWS\"?"},
        BadPolicyCase{
            "PrincipalPartialWildcard",
            PolicyType::kResource,
            Policy(
                R"("Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/*"},"Action":"*","Resource":"*")"),
            {"invalid-principal 1:75 /Statement/0/Principal/AWS"},
            "wildcards inside principal values"},
        BadPolicyCase{
            "PrincipalBadAccount",
            PolicyType::kResource,
            Policy(R"("Effect":"Allow","Principal":{"AWS":["12345"]},"Action":"*","Resource":"*")"),
            {"invalid-principal 1:76 /Statement/0/Principal/AWS/0"},
            "12-digit account id"},
        BadPolicyCase{"PrincipalEmptyObject",
                      PolicyType::kResource,
                      Policy(R"("Effect":"Allow","Principal":{},"Action":"*","Resource":"*")"),
                      {"empty-value 1:68 /Statement/0/Principal"},
                      "empty object"},
        BadPolicyCase{
            "PrincipalAndNotPrincipal",
            PolicyType::kResource,
            Policy(
                R"("Effect":"Deny","Principal":"*","NotPrincipal":"*","Action":"*","Resource":"*")"),
            {"conflicting-elements 1:71 /Statement/0/NotPrincipal"},
            "both Principal and NotPrincipal"}));

// NotPrincipal with Allow: AWS's page says NotPrincipal is for Deny, yet such
// policies exist and AWS evaluates them, so it is a security finding
// (notprincipal-allow), not an error: the document parses.
TEST(PolicyParserTest, NotPrincipalWithAllowIsASecurityFindingNotAnError) {
  PolicyParseResult r = ParsePolicy(
      Policy(
          R"("Effect":"Allow","NotPrincipal":{"AWS":"111122223333"},"Action":"*","Resource":"*")"),
      "bad.json", PolicyType::kResource);
  ASSERT_TRUE(r.document);
  ASSERT_EQ(r.diagnostics.size(), 1u) << FormatDiagnostics(r.diagnostics);
  EXPECT_EQ(r.diagnostics[0].rule, Rule::kNotPrincipalAllow);
  EXPECT_EQ(r.diagnostics[0].severity, Severity::kSecurity);
  EXPECT_EQ(r.diagnostics[0].location.path, "/Statement/0/NotPrincipal");
}

INSTANTIATE_TEST_SUITE_P(
    PolicyTypes, BadPolicyTest,
    ::testing::Values(
        BadPolicyCase{"PrincipalInIdentityPolicy",
                      PolicyType::kIdentity,
                      Policy(R"("Effect":"Allow","Principal":"*","Action":"*","Resource":"*")"),
                      {"element-not-allowed 1:68 /Statement/0/Principal"},
                      "not allowed in an identity-based policy"},
        BadPolicyCase{"NotPrincipalInBoundary",
                      PolicyType::kPermissionsBoundary,
                      Policy(R"("Effect":"Deny","NotPrincipal":"*","Action":"*","Resource":"*")"),
                      {"element-not-allowed 1:70 /Statement/0/NotPrincipal"},
                      "not allowed in a permissions boundary"},
        BadPolicyCase{"PrincipalInScp",
                      PolicyType::kServiceControl,
                      Policy(R"("Effect":"Deny","Principal":"*","Action":"*","Resource":"*")"),
                      {"element-not-allowed 1:67 /Statement/0/Principal"},
                      "service control policy"},
        BadPolicyCase{"IdentityWithoutResource",
                      PolicyType::kIdentity,
                      Policy(R"("Effect":"Allow","Action":"*")"),
                      {"missing-element 1:38 /Statement/0"},
                      "neither Resource nor NotResource"},
        BadPolicyCase{"SessionPolicyWithoutResource",
                      PolicyType::kSession,
                      Policy(R"("Effect":"Allow","Action":"*")"),
                      {"missing-element 1:38 /Statement/0"},
                      "a session policy needs one"},
        BadPolicyCase{"ResourcePolicyWithoutPrincipal",
                      PolicyType::kResource,
                      Policy(R"("Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"*")"),
                      {"missing-element 1:38 /Statement/0"},
                      "Principal or NotPrincipal"},
        BadPolicyCase{
            "TrustPolicyWithResource",
            PolicyType::kRoleTrust,
            Policy(
                R"("Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*")"),
            {"element-not-allowed 1:140 /Statement/0/Resource"},
            "not allowed in a role trust policy"},
        BadPolicyCase{
            "TrustPolicyWithNotPrincipal",
            PolicyType::kRoleTrust,
            Policy(
                R"("Effect":"Deny","NotPrincipal":{"AWS":"111122223333"},"Action":"sts:AssumeRole")"),
            {"element-not-allowed 1:70 /Statement/0/NotPrincipal"},
            "NotPrincipal is not allowed in a role trust policy"},
        BadPolicyCase{"TrustPolicyWithoutPrincipal",
                      PolicyType::kRoleTrust,
                      Policy(R"("Effect":"Allow","Action":"sts:AssumeRole")"),
                      {"missing-element 1:38 /Statement/0"},
                      "with Principal"},
        BadPolicyCase{"RcpWithAllow",
                      PolicyType::kResourceControl,
                      Policy(R"("Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*")"),
                      {"policy-type-restriction 1:48 /Statement/0/Effect"},
                      "only deny"},
        BadPolicyCase{
            "RcpPrincipalNotStar",
            PolicyType::kResourceControl,
            Policy(
                R"("Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*")"),
            {"invalid-principal 1:67 /Statement/0/Principal"},
            "must be \"*\""},
        // IAM: "AssumeRole policy may only specify STS AssumeRole actions".
        BadPolicyCase{
            "TrustPolicyWithOtherAction",
            PolicyType::kRoleTrust,
            Policy(
                R"("Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject")"),
            {"policy-type-restriction 1:100 /Statement/0/Action"},
            "may only name sts:AssumeRole"},
        // RCP syntax page: no NotAction.
        BadPolicyCase{
            "RcpNotAction",
            PolicyType::kResourceControl,
            Policy(R"("Effect":"Deny","Principal":"*","NotAction":"s3:GetObject","Resource":"*")"),
            {"element-not-allowed 1:83 /Statement/0/NotAction"},
            "NotAction is not allowed"}));

TEST(PolicyParserTest, RcpFullAwsAccessIsAccepted) {
  PolicyParseResult r =
      ParsePolicy(Policy(R"("Effect":"Allow","Principal":"*","Action":"*","Resource":"*")"),
                  "rcp.json", PolicyType::kResourceControl);
  EXPECT_TRUE(r.document) << FormatDiagnostics(r.diagnostics);
}

TEST(PolicyParserTest, TrustPolicyWithoutResourceIsAccepted) {
  PolicyParseResult r = ParsePolicy(
      Policy(
          R"("Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole")"),
      "trust.json", PolicyType::kRoleTrust);
  EXPECT_TRUE(r.document) << FormatDiagnostics(r.diagnostics);
}

// Sid element page: "In IAM, the Sid value must be unique within a JSON
// policy" (an error in IAM's own policies); services' policies are lenient.
TEST(PolicyParserTest, DuplicateSidIsAnErrorInIdentityPoliciesAWarningElsewhere) {
  const std::string text =
      R"({"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},{"Sid":"A","Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]})";
  PolicyParseResult resource = ParsePolicy(text, "p.json", PolicyType::kResource);
  ASSERT_TRUE(resource.document);
  ASSERT_EQ(resource.diagnostics.size(), 1u);
  EXPECT_EQ(resource.diagnostics[0].rule, Rule::kDuplicateSid);
  EXPECT_EQ(resource.diagnostics[0].severity, Severity::kWarning);
  EXPECT_EQ(FormatPosition(resource.diagnostics[0].location.span.begin), "1:118");
  ASSERT_EQ(resource.diagnostics[0].related.size(), 1u);
  EXPECT_EQ(resource.diagnostics[0].related[0].path, "/Statement/0/Sid");
  PolicyParseResult identity = ParsePolicy(
      R"({"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"*","Resource":"*"}]})",
      "p.json", PolicyType::kIdentity);
  EXPECT_FALSE(identity.document);
  ASSERT_EQ(identity.diagnostics.size(), 1u);
  EXPECT_EQ(identity.diagnostics[0].severity, Severity::kError);
  EXPECT_EQ(FormatPosition(identity.diagnostics[0].location.span.begin), "1:102");
}

TEST(PolicyParserTest, NeverCrashesOnTruncations) {
  const std::string text =
      R"({"Version":"2012-10-17","Statement":[{"Sid":"x","Effect":"Allow","Principal":{"AWS":["1"]},"Action":["a:b"],"Resource":"*","Condition":{"StringLike":{"a:b":["x",1,true]}}}]})";
  for (size_t n = 0; n < text.size(); ++n) {
    PolicyParseResult r = ParsePolicy(text.substr(0, n), "t.json", PolicyType::kResource);
    EXPECT_FALSE(r.document);
    EXPECT_TRUE(HasErrors(r.diagnostics)) << n;
  }
}

// Sid element page: IAM's policies take letters and digits only; Lambda's
// own statement ids (resource policies) may hold '-' and '_'.
TEST(PolicyParserTest, IamSidsAreAlphanumeric) {
  const std::string body =
      R"({"Version":"2012-10-17","Statement":[{"Sid":"allow-read","Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]})";
  PolicyParseResult resource = ParsePolicy(body, "p.json", PolicyType::kResource);
  EXPECT_TRUE(resource.document);
  EXPECT_TRUE(resource.diagnostics.empty()) << FormatDiagnostics(resource.diagnostics);
  const std::string identity_body =
      R"({"Version":"2012-10-17","Statement":[{"Sid":"allow-read","Effect":"Allow","Action":"*","Resource":"*"}]})";
  PolicyParseResult identity = ParsePolicy(identity_body, "p.json", PolicyType::kIdentity);
  EXPECT_FALSE(identity.document);
  ASSERT_EQ(identity.diagnostics.size(), 1u);
  EXPECT_EQ(FormatDiagnostic(identity.diagnostics[0]),
            "p.json:1:45: error invalid-sid: Sid \"allow-read\": IAM accepts only letters A-Z, "
            "a-z and digits 0-9 in a Sid (at /Statement/0/Sid)");
}

}  // namespace
}  // namespace iamsim
