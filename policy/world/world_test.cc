// The worlds of testdata/worlds as tables. Each row encodes one expectation a
// README states:
//   testdata/worlds/loader/*/README.md   what the loader must do with each
//                                        quirk of real dumps;
//   testdata/worlds/qiita/README.md      "can spot checks" and the who-can
//                                        tables (the oracle).
// Rows use the library (LoadWorld, World::FindPrincipal, World::Ask,
// PreparedRequest::Prepare, Evaluate, WhoCan), never the CLI. Tests run
// with the workspace's runfiles as the working directory.

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "policy/evaluate/evaluator.h"
#include "policy/explain/report.h"
#include "policy/world/who_can.h"
#include "policy/world/world.h"

namespace iamsim {
namespace {

constexpr char kLoader[] = "testdata/worlds/loader/";
constexpr char kQiita[] = "testdata/worlds/qiita";
constexpr char kWorker[] = "arn:aws:lambda:us-east-1:111122223333:function:worker";
constexpr char kQiitaSample[] = "arn:aws:lambda:us-east-1:444455556666:function:QiitaSample";
constexpr char kQiitaProd[] = "arn:aws:lambda:us-east-1:444455556666:function:QiitaSample:prod";
constexpr char kInvoke[] = "lambda:InvokeFunction";
constexpr char kInvokeUrl[] = "lambda:InvokeFunctionUrl";

// Worlds are loaded once per directory (the loads are the slow part).
const WorldLoadResult& Loaded(const std::string& directory) {
  static auto* cache = new std::map<std::string, WorldLoadResult>();
  auto it = cache->find(directory);
  if (it == cache->end()) it = cache->emplace(directory, LoadWorld(directory)).first;
  return it->second;
}

std::string Dir(absl::string_view world) {
  return absl::StartsWith(world, "testdata/") ? std::string(world) : absl::StrCat(kLoader, world);
}

std::string Describe(const std::vector<Diagnostic>& diagnostics) {
  return diagnostics.empty() ? "(none)" : FormatDiagnostics(diagnostics);
}

// ---------------------------------------------------------------------------
// Worlds whose load must stop.

struct LoadErrorRow {
  const char* world;
  const char* file;      // Suffix of the diagnostic's file.
  Rule rule;
  const char* pointer;   // document + path ("" for the document root).
  int line, column;      // 0: the end of the file (computed from its text).
  std::vector<const char*> message_has;
};

// The line:column just past the last byte of `path` (where a truncated JSON ends).
std::pair<int, int> EndOfFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  int line = 1, column = 1;
  for (char c : text) {
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

void PrintTo(const LoadErrorRow& row, std::ostream* os) { *os << row.world; }

class LoadErrorTest : public ::testing::TestWithParam<LoadErrorRow> {};

TEST_P(LoadErrorTest, LoadStopsWithALocatedError) {
  const LoadErrorRow& row = GetParam();
  const WorldLoadResult& loaded = Loaded(Dir(row.world));
  EXPECT_EQ(loaded.world, nullptr) << "the load must stop: nothing may be answered";
  ASSERT_TRUE(HasErrors(loaded.diagnostics));
  const Diagnostic* found = nullptr;
  for (const Diagnostic& d : loaded.diagnostics) {
    if (d.severity == Severity::kError && absl::EndsWith(d.location.file, row.file)) found = &d;
  }
  ASSERT_NE(found, nullptr) << "no error names " << row.file << "; got\n"
                            << Describe(loaded.diagnostics);
  EXPECT_EQ(found->rule, row.rule) << FormatDiagnostic(*found);
  EXPECT_EQ(found->location.document + found->location.path, row.pointer)
      << FormatDiagnostic(*found);
  std::pair<int, int> want{row.line, row.column};
  if (row.line == 0) want = EndOfFile(found->location.file);
  EXPECT_EQ(static_cast<int>(found->location.span.begin.line), want.first)
      << FormatDiagnostic(*found);
  EXPECT_EQ(static_cast<int>(found->location.span.begin.column), want.second)
      << FormatDiagnostic(*found);
  for (const char* text : row.message_has) {
    EXPECT_TRUE(absl::StrContains(found->message, text))
        << "message lacks \"" << text << "\": " << FormatDiagnostic(*found);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Loader, LoadErrorTest,
    ::testing::Values(
        // not-json: truncated in the middle of a role; the error is where the JSON ends.
        LoadErrorRow{"not-json", "not-json/111122223333/iam.json", Rule::kJsonSyntax,
                     "/RoleDetailList/0/RolePolicyList/0", 0, 0, {"end of input"}},
        // wrong-shape: an array instead of {"Functions": [...]}, at the document root.
        LoadErrorRow{"wrong-shape", "wrong-shape/111122223333/us-east-1/lambda/functions.json",
                     Rule::kJsonType, "", 1, 1, {"object", "array"}}),
    [](const ::testing::TestParamInfo<LoadErrorRow>& info) {
      std::string name = info.param.world;
      std::replace(name.begin(), name.end(), '-', '_');
      return name;
    });

// ---------------------------------------------------------------------------
// `can` questions.

enum class Expect { kAllow, kImplicitDeny, kExplicitDeny, kPoisoned, kAmbiguous };

struct StatementWant {
  PolicyType type;
  const char* policy;  // Substring of the policy's name.
  const char* sid;     // nullptr: any.
};

struct CanRow {
  const char* name;
  const char* world;
  const char* principal;
  const char* action;
  const char* resource;
  Expect expect;
  // Allow / ExplicitDeny: exactly these statements decide, outside the
  // organization's SCPs and RCPs (which the READMEs never name).
  std::vector<StatementWant> deciding = {};
  std::vector<std::pair<const char*, const char*>> context = {};  // --context
  // ImplicitDeny: the verdicts the README's "why" implies (nullopt: not checked).
  std::optional<Verdict> identity = std::nullopt;
  std::optional<Verdict> resource_verdict = std::nullopt;
  std::optional<DenyReason> reason = std::nullopt;
  std::vector<const char*> missing_keys = {};  // Lower-case names that must be missing.
  // kPoisoned: the located error.
  Rule error_rule = Rule::kInvalidInput;
  const char* error_file = "";
  const char* error_pointer = "";  // Prefix of document + path.
  int error_line = 0, error_column = 0;
  std::vector<const char*> error_has = {};
  // kAmbiguous: the accounts of the candidates.
  std::vector<const char*> candidates = {};
};

std::string StatementText(const StatementInfo& s) {
  return absl::StrCat(PolicyTypeName(s.type), " \"", s.policy_name, "\" sid=\"", s.sid, "\"");
}

void PrintTo(const CanRow& row, std::ostream* os) { *os << row.name; }

class CanTest : public ::testing::TestWithParam<CanRow> {};

TEST_P(CanTest, Decides) {
  const CanRow& row = GetParam();
  const WorldLoadResult& loaded = Loaded(Dir(row.world));
  ASSERT_NE(loaded.world, nullptr) << Describe(loaded.diagnostics);
  const World& world = *loaded.world;

  const PrincipalLookup who = world.FindPrincipal(row.principal);
  if (row.expect == Expect::kAmbiguous) {
    EXPECT_EQ(who.principal, nullptr);
    std::vector<std::string> accounts;
    for (const WorldPrincipal* p : who.candidates) accounts.push_back(p->account);
    std::sort(accounts.begin(), accounts.end());
    EXPECT_EQ(accounts, std::vector<std::string>(row.candidates.begin(), row.candidates.end()));
    EXPECT_TRUE(absl::StrContains(who.error, "ambiguous")) << who.error;
    return;
  }
  ASSERT_NE(who.principal, nullptr) << who.error;

  AskOptions ask;
  for (const auto& [key, value] : row.context) ask.overrides.Set(key, value);
  absl::StatusOr<WorldQuestion> q = world.Ask(*who.principal, row.action, row.resource, ask);
  ASSERT_TRUE(q.ok()) << q.status();

  if (row.expect == Expect::kPoisoned) {
    ASSERT_FALSE(q->errors().empty()) << "the question must not be answered";
    const Diagnostic& d = q->errors()[0];
    EXPECT_EQ(d.rule, row.error_rule) << FormatDiagnostic(d);
    EXPECT_TRUE(absl::EndsWith(d.location.file, row.error_file)) << FormatDiagnostic(d);
    // The README's pointer: the document's (a statement inside it may follow).
    EXPECT_TRUE(absl::StartsWith(d.location.document + d.location.path, row.error_pointer))
        << "not at " << row.error_pointer << ": " << FormatDiagnostic(d);
    EXPECT_EQ(static_cast<int>(d.location.span.begin.line), row.error_line)
        << FormatDiagnostic(d);
    EXPECT_EQ(static_cast<int>(d.location.span.begin.column), row.error_column)
        << FormatDiagnostic(d);
    for (const char* text : row.error_has) {
      EXPECT_TRUE(absl::StrContains(d.message, text))
          << "message lacks \"" << text << "\": " << FormatDiagnostic(d);
    }
    // The principal itself carries the error (who-can reports it too).
    EXPECT_FALSE(who.principal->errors.empty());
    return;
  }
  ASSERT_TRUE(q->errors().empty()) << Describe(q->errors());

  PreparedRequest prepared;
  ASSERT_TRUE(PreparedRequest::Prepare(q->request(), &prepared).ok());
  const Assembly assembly = q->assembly();
  const Decision decision = Evaluate(assembly, prepared);
  // The index is an optimisation: checking every statement must agree.
  EvaluateOptions all_statements;
  all_statements.use_index = false;
  EXPECT_EQ(Evaluate(assembly, prepared, all_statements).kind, decision.kind);

  std::vector<StatementInfo> deciding;
  std::string deciding_text;
  for (const StatementRef& ref : decision.deciding) {
    StatementInfo info = DescribeStatement(assembly, ref);
    absl::StrAppend(&deciding_text, "\n  ", StatementText(info));
    if (info.type == PolicyType::kServiceControl || info.type == PolicyType::kResourceControl) {
      continue;
    }
    deciding.push_back(std::move(info));
  }

  switch (row.expect) {
    case Expect::kAllow:
      ASSERT_EQ(decision.kind, DecisionKind::kAllow)
          << DecisionKindName(decision.kind) << deciding_text;
      break;
    case Expect::kExplicitDeny:
      ASSERT_EQ(decision.kind, DecisionKind::kExplicitDeny)
          << DecisionKindName(decision.kind) << deciding_text;
      break;
    case Expect::kImplicitDeny:
      ASSERT_EQ(decision.kind, DecisionKind::kImplicitDeny)
          << DecisionKindName(decision.kind) << deciding_text;
      EXPECT_TRUE(decision.deciding.empty()) << deciding_text;
      break;
    default:
      FAIL();
  }

  if (row.expect != Expect::kImplicitDeny) {
    // Exactly the statements the README names (outside SCPs/RCPs).
    std::vector<bool> used(deciding.size(), false);
    for (const StatementWant& want : row.deciding) {
      bool matched = false;
      for (size_t i = 0; i < deciding.size() && !matched; ++i) {
        if (used[i] || deciding[i].type != want.type ||
            !absl::StrContains(deciding[i].policy_name, want.policy) ||
            (want.sid != nullptr && deciding[i].sid != want.sid)) {
          continue;
        }
        used[i] = matched = true;
      }
      EXPECT_TRUE(matched) << "no deciding statement " << PolicyTypeName(want.type) << " \""
                           << want.policy << "\" sid=\"" << (want.sid ? want.sid : "*")
                           << "\"; deciding:" << deciding_text;
    }
    EXPECT_EQ(deciding.size(), row.deciding.size()) << "deciding:" << deciding_text;
  }
  if (row.identity) {
    EXPECT_EQ(VerdictName(decision.identity), VerdictName(*row.identity));
  }
  if (row.resource_verdict) {
    EXPECT_EQ(VerdictName(decision.resource), VerdictName(*row.resource_verdict));
  }
  if (row.reason) {
    EXPECT_EQ(static_cast<int>(decision.reason), static_cast<int>(*row.reason));
  }
  for (const char* key : row.missing_keys) {
    bool found = false;
    for (const ContextKey* k : decision.missing_keys) found |= k->lower_name == key;
    EXPECT_TRUE(found) << key << " must be reported missing";
  }
}

const StatementWant kQiitaProdAccount{PolicyType::kResource, "QiitaSample:prod",
                                      "xaccount-111122223333"};

INSTANTIATE_TEST_SUITE_P(
    Worlds, CanTest,
    ::testing::Values(
        // --- loader/dangling-boundary -----------------------------------------------------
        CanRow{"dangling_fine_allowed", "dangling-boundary", "role/fine", kInvoke, kWorker,
               Expect::kAllow, {{PolicyType::kIdentity, "", nullptr}}},
        CanRow{.name = "dangling_bounded_poisoned",
               .world = "dangling-boundary",
               .principal = "role/bounded",
               .action = kInvoke,
               .resource = kWorker,
               .expect = Expect::kPoisoned,
               .error_rule = Rule::kDanglingReference,
               .error_file = "dangling-boundary/111122223333/iam.json",
               .error_pointer = "/RoleDetailList/1/PermissionsBoundary",
               .error_line = 65,
               .error_column = 36,
               .error_has = {"arn:aws:iam::111122223333:role/bounded",
                             "arn:aws:iam::111122223333:policy/DeletedBoundary"}},
        // --- loader/json-strings ----------------------------------------------------------
        CanRow{"json_strings_app_worker", "json-strings", "role/app", kInvoke, kWorker,
               Expect::kAllow, {{PolicyType::kIdentity, "inline invoke-worker", "Invoke"}}},
        CanRow{"json_strings_app_reports", "json-strings", "role/app", kInvoke,
               "arn:aws:lambda:us-east-1:111122223333:function:reports", Expect::kAllow,
               {{PolicyType::kIdentity, "policy/InvokeReports", "InvokeReports"}}},
        CanRow{"json_strings_erin_worker", "json-strings", "user/erin", kInvoke, kWorker,
               Expect::kAllow, {{PolicyType::kIdentity, "inline invoke-worker", "Invoke"}}},
        // --- loader/malformed-policy ------------------------------------------------------
        CanRow{"malformed_fine_allowed", "malformed-policy", "role/fine", kInvoke, kWorker,
               Expect::kAllow, {{PolicyType::kIdentity, "", nullptr}}},
        // The decoded text ends inside the statement; its end maps to the string's
        // closing quote in the file (line 51, column 266).
        CanRow{.name = "malformed_broken_poisoned",
               .world = "malformed-policy",
               .principal = "role/broken",
               .action = kInvoke,
               .resource = kWorker,
               .expect = Expect::kPoisoned,
               .error_rule = Rule::kJsonSyntax,
               .error_file = "malformed-policy/111122223333/iam.json",
               .error_pointer = "/RoleDetailList/1/RolePolicyList/0/PolicyDocument",
               .error_line = 51,
               .error_column = 266,
               .error_has = {"end of input"}},
        // --- loader/multi-version ---------------------------------------------------------
        CanRow{"multi_version_default_allows_target", "multi-version", "role/app", kInvoke,
               "arn:aws:lambda:us-east-1:111122223333:function:target", Expect::kAllow,
               {{PolicyType::kIdentity, "policy/InvokeTarget", "DefaultAllowsTarget"}}},
        CanRow{.name = "multi_version_v1_not_in_force",
               .world = "multi-version",
               .principal = "role/app",
               .action = kInvoke,
               .resource = "arn:aws:lambda:us-east-1:111122223333:function:other",
               .expect = Expect::kImplicitDeny,
               .identity = Verdict::kNoMatch,
               .reason = DenyReason::kIdentity},
        // --- loader/null-lists ------------------------------------------------------------
        CanRow{"null_lists_app_allowed", "null-lists", "role/app", kInvoke, kWorker,
               Expect::kAllow, {{PolicyType::kIdentity, "", nullptr}}},
        CanRow{.name = "null_lists_bare_denied",
               .world = "null-lists",
               .principal = "role/bare",
               .action = kInvoke,
               .resource = kWorker,
               .expect = Expect::kImplicitDeny,
               .reason = DenyReason::kIdentity},
        CanRow{.name = "null_lists_frank_denied",
               .world = "null-lists",
               .principal = "user/frank",
               .action = kInvoke,
               .resource = kWorker,
               .expect = Expect::kImplicitDeny,
               .reason = DenyReason::kIdentity},
        // --- loader/paged -----------------------------------------------------------------
        CanRow{"paged_app_managed_from_page_3", "paged", "role/app", kInvoke, kWorker,
               Expect::kAllow, {{PolicyType::kIdentity, "policy/InvokeWorker", nullptr}}},
        CanRow{"paged_dana_group_from_page_2", "paged", "user/dana", kInvoke, kWorker,
               Expect::kAllow, {{PolicyType::kIdentity, "DevelopersRead", nullptr}}},
        // --- loader/unique-id-principal ---------------------------------------------------
        CanRow{"unique_id_live_allowed", "unique-id-principal", "111122223333:role/live", kInvoke,
               "arn:aws:lambda:us-east-1:444455556666:function:target", Expect::kAllow,
               {{PolicyType::kIdentity, "role/live", nullptr},
                {PolicyType::kResource, "target", nullptr}}},
        CanRow{.name = "unique_id_recreated_role_denied",
               .world = "unique-id-principal",
               .principal = "111122223333:role/old-worker",
               .action = kInvoke,
               .resource = "arn:aws:lambda:us-east-1:444455556666:function:target",
               .expect = Expect::kImplicitDeny,
               .identity = Verdict::kAllow,  // "both roles' identity policies allow *"
               .resource_verdict = Verdict::kNoMatch,
               .reason = DenyReason::kResource},
        // --- loader/url-encoded -----------------------------------------------------------
        CanRow{"url_encoded_plus_in_condition", "url-encoded", "role/app", kInvoke, kWorker,
               Expect::kAllow, {{PolicyType::kIdentity, "inline plus-signs", nullptr}}},
        CanRow{"url_encoded_managed", "url-encoded", "role/app", kInvoke,
               "arn:aws:lambda:us-east-1:111122223333:function:reports", Expect::kAllow,
               {{PolicyType::kIdentity, "policy/InvokeReports", nullptr}}},
        CanRow{"url_encoded_percent_2B", "url-encoded", "role/app", "s3:GetObject",
               "arn:aws:s3:::uploads/c+d.txt", Expect::kAllow,
               {{PolicyType::kIdentity, "inline plus-signs", nullptr}}},
        CanRow{"url_encoded_percent_25", "url-encoded", "role/app", "s3:GetObject",
               "arn:aws:s3:::uploads/50%off.txt", Expect::kAllow,
               {{PolicyType::kIdentity, "inline plus-signs", nullptr}}},
        // --- qiita: "can spot checks" -----------------------------------------------------
        CanRow{"qiita_app_unqualified", kQiita, "111122223333:role/app", kInvoke, kQiitaSample,
               Expect::kAllow,
               {{PolicyType::kIdentity, "policy/QiitaInvoke", "InvokeQiitaSample"},
                {PolicyType::kPermissionsBoundary, "policy/QiitaBoundary", "LambdaInvoke"},
                {PolicyType::kResource, "QiitaSample", "xaccount-app-role"}}},
        // Identity names only :prod; the function policy does not name the role.
        CanRow{.name = "qiita_cognito_unqualified",
               .world = kQiita,
               .principal = "role/cognito-app",
               .action = kInvoke,
               .resource = kQiitaSample,
               .expect = Expect::kImplicitDeny,
               .identity = Verdict::kNoMatch,
               .resource_verdict = Verdict::kNoMatch},
        CanRow{"qiita_cognito_prod", kQiita, "role/cognito-app", kInvoke, kQiitaProd,
               Expect::kAllow,
               {{PolicyType::kIdentity, "inline invoke-qiita-prod", nullptr}, kQiitaProdAccount}},
        CanRow{.name = "qiita_alice_prod_without_mfa",
               .world = kQiita,
               .principal = "user/alice",
               .action = kInvoke,
               .resource = kQiitaProd,
               .expect = Expect::kImplicitDeny,
               .identity = Verdict::kNoMatch,
               .resource_verdict = Verdict::kAllow,  // the account statement
               .reason = DenyReason::kIdentity,
               .missing_keys = {"aws:multifactorauthpresent"}},
        CanRow{.name = "qiita_alice_prod_with_mfa",
               .world = kQiita,
               .principal = "user/alice",
               .action = kInvoke,
               .resource = kQiitaProd,
               .expect = Expect::kAllow,
               .deciding = {{PolicyType::kIdentity, "group", "InvokeQiitaSampleQualifiedWithMfa"},
                            kQiitaProdAccount},
               .context = {{"aws:MultiFactorAuthPresent", "true"}}},
        CanRow{.name = "qiita_batch_unqualified",
               .world = kQiita,
               .principal = "role/batch",
               .action = kInvoke,
               .resource = kQiitaSample,
               .expect = Expect::kImplicitDeny,
               .identity = Verdict::kNoMatch,
               .reason = DenyReason::kIdentity},
        CanRow{.name = "qiita_apigw_invoke_prod",
               .world = kQiita,
               .principal = "444455556666:role/qiita-apigw-invoke",
               .action = kInvoke,
               .resource = kQiitaProd,
               .expect = Expect::kImplicitDeny,
               .identity = Verdict::kNoMatch,
               .resource_verdict = Verdict::kNoMatch},
        CanRow{.name = "qiita_oaar_ambiguous",
               .world = kQiita,
               .principal = "role/OrganizationAccountAccessRole",
               .action = kInvoke,
               .resource = kQiitaSample,
               .expect = Expect::kAmbiguous,
               .candidates = {"111122223333", "444455556666"}},
        // --- qiita: rows of the who-can tables, asked one by one --------------------------
        CanRow{"qiita_111_oaar_unqualified_not_admitted", kQiita,
               "111122223333:role/OrganizationAccountAccessRole", kInvoke, kQiitaSample,
               Expect::kImplicitDeny, {}, {}, Verdict::kAllow, Verdict::kNoMatch,
               DenyReason::kResource},
        CanRow{"qiita_111_oaar_prod_account_statement", kQiita,
               "111122223333:role/OrganizationAccountAccessRole", kInvoke, kQiitaProd,
               Expect::kAllow,
               {{PolicyType::kIdentity, "AdministratorAccess", nullptr}, kQiitaProdAccount}},
        CanRow{"qiita_app_url_prod", kQiita, "111122223333:role/app", kInvokeUrl, kQiitaProd,
               Expect::kAllow,
               {{PolicyType::kIdentity, "policy/QiitaInvoke", "InvokeQiitaSample"},
                {PolicyType::kPermissionsBoundary, "policy/QiitaBoundary", "LambdaInvoke"},
                {PolicyType::kResource, "QiitaSample:prod", "url-xaccount-app-role"}}},
        CanRow{"qiita_111_oaar_url_prod_not_admitted", kQiita,
               "111122223333:role/OrganizationAccountAccessRole", kInvokeUrl, kQiitaProd,
               Expect::kImplicitDeny, {}, {}, Verdict::kAllow, Verdict::kNoMatch,
               DenyReason::kResource},
        CanRow{"qiita_apigw_invoke_unqualified_same_account", kQiita,
               "444455556666:role/qiita-apigw-invoke", kInvoke, kQiitaSample, Expect::kAllow,
               {{PolicyType::kIdentity, "inline invoke-qiita", nullptr}}},
        CanRow{"qiita_execution_role_no_grant", kQiita,
               "role/service-role/QiitaSample-role", kInvoke, kQiitaSample,
               Expect::kImplicitDeny, {}, {}, Verdict::kNoMatch, Verdict::kNoMatch}),
    [](const ::testing::TestParamInfo<CanRow>& info) { return std::string(info.param.name); });

// ---------------------------------------------------------------------------
// who-can.

struct WhoWant {
  const char* principal;
  WhoKind kind;
  // The alternatives, each "OP key value[|value]" atoms joined by " & ", the
  // alternatives by " || "; keys lower case (keys are case-insensitive).
  const char* conditions = "";
  std::vector<const char*> via = {};
};

struct WhoCanRow {
  const char* name;
  const char* world;
  const char* action;
  const char* resource;
  bool via_assume_role = false;
  bool exact = false;  // `listed` is the whole list (else: at least these).
  std::vector<WhoWant> listed = {};
  std::vector<const char*> not_listed = {};
  // Principals reported under errors, with a substring of the file and of the message.
  std::vector<std::pair<const char*, const char*>> errors = {};
};

std::string ConditionsOf(const WhoCanEntry& e) {
  std::vector<std::string> alternatives;
  for (const ResidualTerm& term : e.alternatives) {
    std::vector<std::string> atoms;
    for (const ResidualLiteral& literal : term) {
      const ConditionAtom atom = DescribeLiteral(literal);
      atoms.push_back(absl::StrCat(atom.op, " ", absl::AsciiStrToLower(atom.key), " ",
                                   absl::StrJoin(atom.values, "|")));
    }
    std::sort(atoms.begin(), atoms.end());
    alternatives.push_back(absl::StrJoin(atoms, " & "));
  }
  std::sort(alternatives.begin(), alternatives.end());
  return absl::StrJoin(alternatives, " || ");
}

std::string EntryText(const WhoCanEntry& e) {
  return absl::StrCat(WhoKindName(e.kind), " ", e.principal,
                      e.via.empty() ? "" : absl::StrCat(" via ", absl::StrJoin(e.via, " -> ")),
                      e.alternatives.empty() ? "" : absl::StrCat(" when ", ConditionsOf(e)));
}

std::string ListText(const WhoCanResult& result) {
  std::string out;
  for (const WhoCanEntry& e : result.principals) absl::StrAppend(&out, "\n  ", EntryText(e));
  for (const WhoCanError& e : result.errors) {
    absl::StrAppend(&out, "\n  error ", e.principal, ": ", FormatDiagnostic(e.diagnostic));
  }
  return out;
}

const WhoCanEntry* FindEntry(const WhoCanResult& result, const WhoWant& want) {
  for (const WhoCanEntry& e : result.principals) {
    if (e.principal != want.principal) continue;
    if (std::vector<std::string>(want.via.begin(), want.via.end()) != e.via) continue;
    return &e;
  }
  return nullptr;
}

void PrintTo(const WhoCanRow& row, std::ostream* os) { *os << row.name; }

class WhoCanTest : public ::testing::TestWithParam<WhoCanRow> {};

TEST_P(WhoCanTest, Lists) {
  const WhoCanRow& row = GetParam();
  const WorldLoadResult& loaded = Loaded(Dir(row.world));
  ASSERT_NE(loaded.world, nullptr) << Describe(loaded.diagnostics);
  WhoCanOptions options;
  options.via_assume_role = row.via_assume_role;
  const WhoCanResult result = WhoCan(*loaded.world, row.action, row.resource, options);
  const std::string listing = ListText(result);

  for (const WhoWant& want : row.listed) {
    const WhoCanEntry* e = FindEntry(result, want);
    ASSERT_NE(e, nullptr) << want.principal << " (via " << absl::StrJoin(want.via, " -> ")
                          << ") is not listed:" << listing;
    EXPECT_EQ(WhoKindName(e->kind), WhoKindName(want.kind)) << EntryText(*e);
    EXPECT_EQ(ConditionsOf(*e), want.conditions) << EntryText(*e);
  }
  if (row.exact) {
    EXPECT_EQ(result.principals.size(), row.listed.size()) << listing;
  }
  for (const char* principal : row.not_listed) {
    for (const WhoCanEntry& e : result.principals) {
      EXPECT_NE(e.principal, principal) << "must not be listed: " << EntryText(e);
    }
  }
  EXPECT_EQ(result.errors.size(), row.errors.size()) << listing;
  for (const auto& [principal, text] : row.errors) {
    bool found = false;
    for (const WhoCanError& e : result.errors) {
      if (e.principal != principal) continue;
      found = true;
      EXPECT_TRUE(absl::StrContains(FormatDiagnostic(e.diagnostic), text))
          << FormatDiagnostic(e.diagnostic);
      EXPECT_GT(e.diagnostic.location.span.begin.line, 0u) << "the error must be located";
    }
    EXPECT_TRUE(found) << principal << " must be reported under errors:" << listing;
  }
}

constexpr char kApp[] = "arn:aws:iam::111122223333:role/app";
constexpr char kCognitoApp[] = "arn:aws:iam::111122223333:role/cognito-app";
constexpr char kAlice[] = "arn:aws:iam::111122223333:user/alice";
constexpr char kBatch[] = "arn:aws:iam::111122223333:role/batch";
constexpr char kOaar111[] = "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole";
constexpr char kOaar444[] = "arn:aws:iam::444455556666:role/OrganizationAccountAccessRole";
constexpr char kApigwInvoke[] = "arn:aws:iam::444455556666:role/qiita-apigw-invoke";
constexpr char kExecRole[] = "arn:aws:iam::444455556666:role/service-role/QiitaSample-role";
constexpr char kRoot111[] = "arn:aws:iam::111122223333:root";
constexpr char kRoot444[] = "arn:aws:iam::444455556666:root";

INSTANTIATE_TEST_SUITE_P(
    Worlds, WhoCanTest,
    ::testing::Values(
        WhoCanRow{.name = "dangling_lists_fine_reports_bounded",
                  .world = "dangling-boundary",
                  .action = kInvoke,
                  .resource = kWorker,
                  .listed = {{"arn:aws:iam::111122223333:role/fine", WhoKind::kRole}},
                  .not_listed = {"arn:aws:iam::111122223333:role/bounded"},
                  .errors = {{"arn:aws:iam::111122223333:role/bounded",
                              "arn:aws:iam::111122223333:policy/DeletedBoundary"}}},
        WhoCanRow{.name = "malformed_lists_fine_reports_broken",
                  .world = "malformed-policy",
                  .action = kInvoke,
                  .resource = kWorker,
                  .listed = {{"arn:aws:iam::111122223333:role/fine", WhoKind::kRole}},
                  .not_listed = {"arn:aws:iam::111122223333:role/broken"},
                  .errors = {{"arn:aws:iam::111122223333:role/broken",
                              "malformed-policy/111122223333/iam.json:51:266"}}},
        WhoCanRow{.name = "paged_app_and_dana",
                  .world = "paged",
                  .action = kInvoke,
                  .resource = kWorker,
                  .listed = {{"arn:aws:iam::111122223333:role/app", WhoKind::kRole},
                             {"arn:aws:iam::111122223333:user/dana", WhoKind::kUser}}},
        WhoCanRow{.name = "unique_id_live_never_old_worker",
                  .world = "unique-id-principal",
                  .action = kInvoke,
                  .resource = "arn:aws:lambda:us-east-1:444455556666:function:target",
                  .exact = true,
                  .listed = {{"arn:aws:iam::111122223333:role/live", WhoKind::kRole},
                             {"arn:aws:iam::444455556666:root", WhoKind::kRoot}},
                  .not_listed = {"arn:aws:iam::111122223333:role/old-worker",
                                 "AROAEXAMPLEDELETED012"}},
        // qiita: the README's tables, plus the root user of each world account where it
        // is allowed (an intended addition).
        WhoCanRow{
            .name = "qiita_invoke_unqualified",
            .world = kQiita,
            .action = kInvoke,
            .resource = kQiitaSample,
            .exact = true,
            .listed =
                {{kApp, WhoKind::kRole},
                 {kOaar444, WhoKind::kRole},
                 {kApigwInvoke, WhoKind::kRole},
                 {kRoot444, WhoKind::kRoot},
                 {"apigateway.amazonaws.com", WhoKind::kService,
                  "ArnLike aws:sourcearn "
                  "arn:aws:execute-api:us-east-1:444455556666:a1b2c3d4e5/*/POST/items"},
                 {"s3.amazonaws.com", WhoKind::kService,
                  "ArnLike aws:sourcearn arn:aws:s3:::qiita-uploads & "
                  "StringEquals aws:sourceaccount 444455556666"},
                 {"events.amazonaws.com", WhoKind::kService,
                  "ArnLike aws:sourcearn arn:aws:events:us-east-1:444455556666:rule/qiita-nightly"},
                 {"sns.amazonaws.com", WhoKind::kService}},
            .not_listed = {kCognitoApp, kAlice, kBatch, kOaar111, kExecRole, kRoot111}},
        WhoCanRow{
            .name = "qiita_invoke_prod",
            .world = kQiita,
            .action = kInvoke,
            .resource = kQiitaProd,
            .exact = true,
            .listed =
                {{kApp, WhoKind::kRole},
                 {kCognitoApp, WhoKind::kRole},
                 {kAlice, WhoKind::kUser, "Bool aws:multifactorauthpresent true"},
                 {kOaar111, WhoKind::kRole},
                 {kOaar444, WhoKind::kRole},
                 {kRoot111, WhoKind::kRoot},
                 {kRoot444, WhoKind::kRoot},
                 {"apigateway.amazonaws.com", WhoKind::kService,
                  "ArnLike aws:sourcearn "
                  "arn:aws:execute-api:us-east-1:444455556666:x1y2z3w4v5/*/POST/orders"}},
            .not_listed = {kBatch, kApigwInvoke, kExecRole, "s3.amazonaws.com",
                           "events.amazonaws.com", "sns.amazonaws.com"}},
        // With --via-assume-role: the chains the README names (111111111111's two are
        // checked by ViaAssumeRole.ListsBothOrganizationAccountAccessRoleChains).
        WhoCanRow{
            .name = "qiita_invoke_prod_via_assume_role",
            .world = kQiita,
            .action = kInvoke,
            .resource = kQiitaProd,
            .via_assume_role = true,
            .listed =
                {{kApp, WhoKind::kRole},
                 {kCognitoApp, WhoKind::kRole},
                 {kAlice, WhoKind::kUser, "Bool aws:multifactorauthpresent true"},
                 {kOaar111, WhoKind::kRole},
                 {kOaar444, WhoKind::kRole},
                 {"cognito-identity.amazonaws.com", WhoKind::kFederated,
                  "ForAnyValue:StringLike cognito-identity.amazonaws.com:amr authenticated & "
                  "StringEquals cognito-identity.amazonaws.com:aud "
                  "us-east-1:7c9a1e52-3b4d-4f6a-9e8b-1d2c3b4a5f60",
                  {kCognitoApp}},
                 {"ecs-tasks.amazonaws.com", WhoKind::kService, "", {kApp}},
                 {"arn:aws:iam::111111111111:root", WhoKind::kAccount, "", {kOaar111}}},
            .not_listed = {kBatch, kApigwInvoke, kExecRole, "ec2.amazonaws.com",
                           "lambda.amazonaws.com"}},
        WhoCanRow{.name = "qiita_invoke_url_prod",
                  .world = kQiita,
                  .action = kInvokeUrl,
                  .resource = kQiitaProd,
                  .exact = true,
                  .listed = {{kApp, WhoKind::kRole},
                             {kOaar444, WhoKind::kRole},
                             {kRoot444, WhoKind::kRoot}},
                  .not_listed = {kOaar111, kCognitoApp, kAlice, kBatch, kApigwInvoke}}),
    [](const ::testing::TestParamInfo<WhoCanRow>& info) { return std::string(info.param.name); });

// ---------------------------------------------------------------------------
// Loader facts that are not a single question.

TEST(LoaderFacts, PagedMergesEveryPageAndReportsNothingDangling) {
  const WorldLoadResult& loaded = Loaded(Dir("paged"));
  ASSERT_NE(loaded.world, nullptr) << Describe(loaded.diagnostics);
  for (const Diagnostic& d : loaded.diagnostics) {
    EXPECT_NE(d.rule, Rule::kDanglingReference) << FormatDiagnostic(d);
  }
  for (const auto& p : loaded.world->principals()) {
    EXPECT_TRUE(p->errors.empty()) << p->arn << ": " << Describe(p->errors);
  }
  const PrincipalLookup dana = loaded.world->FindPrincipal("user/dana");
  ASSERT_NE(dana.principal, nullptr) << dana.error;
  EXPECT_EQ(dana.principal->groups, std::vector<std::string>{"developers"});
}

TEST(LoaderFacts, NullListsAreEmptyLists) {
  const WorldLoadResult& loaded = Loaded(Dir("null-lists"));
  ASSERT_NE(loaded.world, nullptr) << Describe(loaded.diagnostics);
  EXPECT_FALSE(HasErrors(loaded.diagnostics)) << Describe(loaded.diagnostics);
  for (const char* spec : {"role/bare", "user/frank"}) {
    const PrincipalLookup who = loaded.world->FindPrincipal(spec);
    ASSERT_NE(who.principal, nullptr) << spec << ": " << who.error;
    EXPECT_TRUE(who.principal->identity.empty()) << spec << " has no policies";
    EXPECT_EQ(who.principal->boundary, nullptr) << spec;
    EXPECT_TRUE(who.principal->errors.empty()) << spec << ": " << Describe(who.principal->errors);
  }
}

TEST(LoaderFacts, DanglingBoundaryLeavesTheWorldLoadable) {
  const WorldLoadResult& loaded = Loaded(Dir("dangling-boundary"));
  ASSERT_NE(loaded.world, nullptr) << Describe(loaded.diagnostics);
  const PrincipalLookup fine = loaded.world->FindPrincipal("role/fine");
  ASSERT_NE(fine.principal, nullptr);
  EXPECT_TRUE(fine.principal->errors.empty()) << Describe(fine.principal->errors);
}

TEST(LoaderFacts, UniqueIdOfTheRecreatedRoleIsItsNewId) {
  const WorldLoadResult& loaded = Loaded(Dir("unique-id-principal"));
  ASSERT_NE(loaded.world, nullptr) << Describe(loaded.diagnostics);
  const PrincipalLookup old = loaded.world->FindPrincipal("111122223333:role/old-worker");
  ASSERT_NE(old.principal, nullptr) << old.error;
  EXPECT_EQ(old.principal->unique_id, "AROA5W62US5PUIK4O6SPS");
}

// json-strings: a statement inside a pretty-printed JSON-string document is
// located through the string's escapes: the statement's `{` follows the
// string's "\n    " on line 12, at column 99 of the file.
TEST(LoaderFacts, JsonStringDocumentIsLocatedInsideTheString) {
  const WorldLoadResult& loaded = Loaded(Dir("json-strings"));
  ASSERT_NE(loaded.world, nullptr) << Describe(loaded.diagnostics);
  const PrincipalLookup erin = loaded.world->FindPrincipal("user/erin");
  ASSERT_NE(erin.principal, nullptr);
  absl::StatusOr<WorldQuestion> q = loaded.world->Ask(*erin.principal, kInvoke, kWorker, {});
  ASSERT_TRUE(q.ok());
  PreparedRequest prepared;
  ASSERT_TRUE(PreparedRequest::Prepare(q->request(), &prepared).ok());
  const Assembly assembly = q->assembly();
  const Decision d = Evaluate(assembly, prepared);
  ASSERT_EQ(d.kind, DecisionKind::kAllow);
  ASSERT_EQ(d.deciding.size(), 1u);
  const StatementInfo s = DescribeStatement(assembly, d.deciding[0]);
  EXPECT_EQ(s.sid, "Invoke");
  EXPECT_TRUE(absl::EndsWith(s.location.file, "json-strings/111122223333/iam.json"));
  EXPECT_EQ(s.location.document, "/UserDetailList/0/UserPolicyList/0/PolicyDocument");
  EXPECT_EQ(s.location.path, "/Statement/0");
  EXPECT_EQ(s.location.encoding, DocumentEncoding::kJsonString);
  EXPECT_EQ(s.location.span.begin.line, 12u);
  EXPECT_EQ(s.location.span.begin.column, 99u);
}

// json-strings, "errors inside a string document are located in the string's
// own lines and columns": a pretty-printed string document whose 7th line
// misspells Action. The error names the string document and the path inside
// it, and its position is that of the misspelled key inside the string, in
// the file's coordinates (location.h): the line of the string, the column of
// the key's escaped quote.
TEST(LoaderFacts, ErrorInsideAJsonStringDocumentIsLocatedInsideTheString) {
  const char* tmpdir = std::getenv("TEST_TMPDIR");
  const std::string dir = absl::StrCat(tmpdir != nullptr ? tmpdir : "/tmp", "/string-error-world");
  std::filesystem::create_directories(dir + "/111122223333");
  const std::string line =
      R"(        "PolicyDocument": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n)"
      R"(      \"Sid\": \"Invoke\",\n      \"Effect\": \"Allow\",\n      \"Acton\": )"
      R"(\"lambda:InvokeFunction\",\n      \"Resource\": \"*\"\n    }\n  ]\n}")";
  {
    std::ofstream out(dir + "/111122223333/iam.json");
    out << "{\n"
           "  \"UserDetailList\": [{\n"
           "    \"Path\": \"/\", \"UserName\": \"erin\", \"UserId\": \"AIDAPL5DU2VPOEKJIRNBQ\",\n"
           "    \"Arn\": \"arn:aws:iam::111122223333:user/erin\",\n"
           "    \"UserPolicyList\": [{\n"
           "        \"PolicyName\": \"p\",\n"
        << line << "\n"
        << "    }],\n"
           "    \"GroupList\": [], \"AttachedManagedPolicies\": [], \"Tags\": []\n"
           "  }],\n"
           "  \"GroupDetailList\": [], \"RoleDetailList\": [], \"Policies\": []\n"
           "}\n";
  }
  const WorldLoadResult loaded = LoadWorld(dir);
  ASSERT_NE(loaded.world, nullptr) << Describe(loaded.diagnostics);
  const PrincipalLookup erin = loaded.world->FindPrincipal("user/erin");
  ASSERT_NE(erin.principal, nullptr) << erin.error;
  absl::StatusOr<WorldQuestion> q = loaded.world->Ask(*erin.principal, kInvoke, kWorker, {});
  ASSERT_TRUE(q.ok());
  const Diagnostic* unknown = nullptr;
  for (const Diagnostic& d : q->errors()) {
    if (d.rule == Rule::kUnknownElement) unknown = &d;
  }
  ASSERT_NE(unknown, nullptr) << Describe(q->errors());
  EXPECT_TRUE(absl::EndsWith(unknown->location.file, "111122223333/iam.json"));
  EXPECT_EQ(unknown->location.document, "/UserDetailList/0/UserPolicyList/0/PolicyDocument");
  EXPECT_EQ(unknown->location.path, "/Statement/0/Acton");
  EXPECT_EQ(unknown->location.span.begin.line, 7u) << FormatDiagnostic(*unknown);
  EXPECT_EQ(unknown->location.span.begin.column, line.find(R"(\"Acton)") + 1)
      << FormatDiagnostic(*unknown);
}

// The README's rule 7 and the organization note: the world determines
// aws:RequestedRegion, so no who-can entry carries the region guardrail.
TEST(QiitaFacts, NoEntryKeepsAConditionTheWorldDetermines) {
  const WorldLoadResult& loaded = Loaded(kQiita);
  ASSERT_NE(loaded.world, nullptr) << Describe(loaded.diagnostics);
  for (const char* resource : {kQiitaSample, kQiitaProd}) {
    for (const char* action : {kInvoke, kInvokeUrl}) {
      WhoCanOptions options;
      options.via_assume_role = true;
      const WhoCanResult result = WhoCan(*loaded.world, action, resource, options);
      EXPECT_TRUE(result.errors.empty()) << ListText(result);
      for (const WhoCanEntry& e : result.principals) {
        const std::string conditions = ConditionsOf(e);
        for (const char* key :
             {"aws:requestedregion", "aws:principaltag/", "aws:principalarn", "aws:principalorgid",
              "aws:principalaccount", "lambda:functionurlauthtype"}) {
          EXPECT_FALSE(absl::StrContains(conditions, key)) << action << " " << EntryText(e);
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Disagreements found with the oracles, now settled.

// qiita README, who-can ... QiitaSample:prod --via-assume-role: account
// 111111111111 reaches QiitaSample:prod through the OrganizationAccountAccessRole
// of BOTH accounts: one entry per chain.
TEST(ViaAssumeRole, ListsBothOrganizationAccountAccessRoleChains) {
  const WorldLoadResult& loaded = Loaded(kQiita);
  ASSERT_NE(loaded.world, nullptr);
  WhoCanOptions options;
  options.via_assume_role = true;
  const WhoCanResult result = WhoCan(*loaded.world, kInvoke, kQiitaProd, options);
  for (const char* role : {kOaar111, kOaar444}) {
    EXPECT_NE(FindEntry(result, {"arn:aws:iam::111111111111:root", WhoKind::kAccount, "", {role}}),
              nullptr)
        << "111111111111 via " << role << " is missing:" << ListText(result);
  }
}

// qiita README, paths QiitaSample, rows 6-7: the HTTP API's routes have the
// source ARN API Gateway sends, with the API's stage ($default).
TEST(ApiRoutes, HttpApiSourceArnHasTheStage) {
  const WorldLoadResult& loaded = Loaded(kQiita);
  ASSERT_NE(loaded.world, nullptr);
  int http = 0;
  for (const ApiRoute& route : loaded.world->api_routes()) {
    if (route.api_type != "HTTP") continue;
    ++http;
    EXPECT_EQ(route.SourceArn(), absl::StrCat("arn:aws:execute-api:us-east-1:444455556666:"
                                              "x1y2z3w4v5/$default/",
                                              route.method, route.path));
  }
  EXPECT_EQ(http, 2);
}

// loader/wrong-shape README: the error says an object with `Functions` was
// expected.
TEST(WrongShape, MessageNamesFunctions) {
  const WorldLoadResult& loaded = Loaded(Dir("wrong-shape"));
  ASSERT_EQ(loaded.world, nullptr);
  ASSERT_FALSE(loaded.diagnostics.empty());
  EXPECT_TRUE(absl::StrContains(loaded.diagnostics[0].message, "Functions"))
      << FormatDiagnostic(loaded.diagnostics[0]);
}

}  // namespace
}  // namespace iamsim
