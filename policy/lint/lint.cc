// LintText: recognize the file, lint each policy it holds.
#include "policy/lint/lint.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "policy/arn/arn.h"
#include "policy/compile/policy_store.h"
#include "policy/json/json_pointer.h"
#include "policy/json/json_tree.h"
#include "policy/lint/checks.h"
#include "policy/lint/lint_inputs.h"
#include "policy/lint/patterns.h"
#include "policy/parse/policy_parser.h"

namespace iamsim {
namespace {

struct ResourceTypeRow {
  absl::string_view cloudformation_type;
  PolicyType type;
};

// The resource types whose resource-based policies iamsim lints.
constexpr ResourceTypeRow kResourceTypes[] = {
    {"AWS::Lambda::Function", PolicyType::kResource},
    {"AWS::Lambda::LayerVersion", PolicyType::kResource},
    {"AWS::S3::Bucket", PolicyType::kResource},
    {"AWS::S3::AccessPoint", PolicyType::kResource},
    {"AWS::S3Express::DirectoryBucket", PolicyType::kResource},
    {"AWS::KMS::Key", PolicyType::kResource},
    {"AWS::SQS::Queue", PolicyType::kResource},
    {"AWS::SNS::Topic", PolicyType::kResource},
    {"AWS::SecretsManager::Secret", PolicyType::kResource},
    {"AWS::ECR::Repository", PolicyType::kResource},
    {"AWS::ECR::PublicRepository", PolicyType::kResource},
    {"AWS::Events::EventBus", PolicyType::kResource},
    {"AWS::Logs::Destination", PolicyType::kResource},
    {"AWS::ApiGateway::RestApi", PolicyType::kResource},
    {"AWS::Glacier::Vault", PolicyType::kResource},
    {"AWS::EFS::FileSystem", PolicyType::kResource},
    {"AWS::OpenSearchService::Domain", PolicyType::kResource},
    {"AWS::Backup::BackupVault", PolicyType::kResource},
    {"AWS::CodeArtifact::Repository", PolicyType::kResource},
    {"AWS::DynamoDB::Table", PolicyType::kResource},
    {"AWS::Kinesis::Stream", PolicyType::kResource},
    {"AWS::IAM::AssumeRolePolicyDocument", PolicyType::kRoleTrust},
    {"AWS::IAM::Role", PolicyType::kRoleTrust},
};

bool IsRoleAssumption(absl::string_view action) {
  static constexpr absl::string_view kActions[] = {
      "sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity",
      "sts:tagsession", "sts:setsourceidentity",  "sts:setcontext"};
  const std::string lower = absl::AsciiStrToLower(action);
  return std::find(std::begin(kActions), std::end(kActions), lower) != std::end(kActions);
}

// A policy parsed and compiled, waiting for its checks.
struct Pending {
  PolicyId id;
  PolicyType type;
  const EmbeddedPolicy* embedded;
};

// The Sids of a document's statements, by statement index ("" without one).
using SidsByDocument = absl::flat_hash_map<std::string, std::vector<std::string>>;

void RecordSids(const std::string& document_pointer, const JsonValue& document,
                SidsByDocument* out) {
  std::vector<std::string>& sids = (*out)[document_pointer];
  const JsonValue* statements = document.is_object() ? document.Find("Statement") : nullptr;
  if (statements == nullptr) return;
  auto sid_of = [](const JsonValue& s) {
    const JsonValue* sid = s.is_object() ? s.Find("Sid") : nullptr;
    return sid != nullptr && sid->is_string() ? sid->text : std::string();
  };
  if (!statements->is_array()) {
    sids.push_back(sid_of(*statements));
    return;
  }
  for (const JsonValue& s : statements->items) sids.push_back(sid_of(s));
}

// The statement index a pointer is inside ("/Statement/3/Action" -> 3;
// "/Statement/Action", a single statement -> 0), or -1.
int StatementIndex(absl::string_view path) {
  constexpr absl::string_view kPrefix = "/Statement";
  if (!absl::StartsWith(path, kPrefix)) return -1;
  path.remove_prefix(kPrefix.size());
  if (path.empty()) return -1;
  if (path[0] != '/') return -1;
  path.remove_prefix(1);
  size_t digits = 0;
  int index = 0;
  while (digits < path.size() && digits < 6 && absl::ascii_isdigit(path[digits])) {
    index = index * 10 + (path[digits++] - '0');
  }
  return digits == 0 ? 0 : index;
}

std::vector<std::string> FindingSids(const std::vector<Diagnostic>& findings,
                                     const SidsByDocument& sids) {
  std::vector<std::string> out;
  out.reserve(findings.size());
  for (const Diagnostic& d : findings) {
    const int index = StatementIndex(d.location.path);
    auto it = sids.find(d.location.document);
    const bool known = index >= 0 && it != sids.end() && size_t(index) < it->second.size();
    out.push_back(known ? it->second[index] : std::string());
  }
  return out;
}

// Resource types whose policies name no Resource: the statement applies to
// the resource the policy is attached to (AWS's ECR repository policy
// examples omit Resource, and ECR accepts them).
bool ResourceIsImplicit(absl::string_view resource_type) {
  return resource_type == "AWS::ECR::Repository" || resource_type == "AWS::ECR::PublicRepository";
}

// `document` as the evaluator should see a resource policy: "Resource": "*"
// (the resource the policy is attached to) in every statement that has
// neither Resource nor NotResource when `implicit_resource`, and in place of
// Resource values that hold a template placeholder (`!Sub
// arn:aws:s3:::${Bucket}/*` names the template's own resource, which a
// resource policy can only name). The values keep their positions, and "*"
// is a value no rule reports, so no finding points at what was filled in.
JsonValue WithResourceFilledIn(const JsonValue& document, bool implicit_resource) {
  JsonValue copy = document;
  auto fill = [implicit_resource](JsonValue* statement) {
    if (!statement->is_object() || statement->Find("NotResource") != nullptr) return;
    for (JsonMember& m : statement->members) {
      if (m.key != "Resource") continue;
      if (m.value.is_string() && HasTemplatePart(m.value.text)) m.value.text = "*";
      for (JsonValue& v : m.value.items) {
        if (v.is_string() && HasTemplatePart(v.text)) v.text = "*";
      }
      return;
    }
    if (!implicit_resource) return;
    JsonMember resource;
    resource.key = "Resource";
    resource.key_span = statement->span;
    resource.value.type = JsonType::kString;
    resource.value.text = "*";
    resource.value.span = statement->span;
    statement->members.push_back(std::move(resource));
  };
  for (JsonMember& m : copy.members) {
    if (m.key != "Statement") continue;
    if (m.value.is_array()) {
      for (JsonValue& statement : m.value.items) fill(&statement);
    } else {
      fill(&m.value);
    }
  }
  return copy;
}

// Parses and compiles one embedded policy into `store`; nullopt when it has
// errors (reported).
std::optional<Pending> ParseEmbedded(const SourceText& file, const EmbeddedPolicy& embedded,
                                     const LintOptions& options, PolicyStoreBuilder* store,
                                     SidsByDocument* sids, LintReport* report) {
  std::optional<JsonValue> tree;
  const JsonValue* document = embedded.value;
  std::string policy_text;
  if (embedded.value->is_string()) {
    JsonParseResult parsed = ParseEmbeddedJson(file, *embedded.value, embedded.pointer,
                                               embedded.encoding, kPolicyLimits);
    report->findings.insert(report->findings.end(), parsed.diagnostics.begin(),
                            parsed.diagnostics.end());
    if (!parsed.root) return std::nullopt;
    tree = std::move(parsed.root);
    document = &*tree;
    policy_text = embedded.value->text;
  } else if (embedded.value->span.end.offset > embedded.value->span.begin.offset &&
             embedded.value->span.end.offset <= file.text().size()) {
    policy_text = std::string(
        file.text().substr(embedded.value->span.begin.offset,
                           embedded.value->span.end.offset - embedded.value->span.begin.offset));
  }
  const std::string& resource_type =
      embedded.resource_type.empty() ? options.resource_type : embedded.resource_type;
  std::optional<JsonValue> with_resource;
  PolicyType type = embedded.type;
  if (embedded.type_inferred && document->is_object()) type = InferPolicyType(*document);
  if (type == PolicyType::kResource && document->is_object()) {
    with_resource = WithResourceFilledIn(*document, ResourceIsImplicit(resource_type));
    document = &*with_resource;
  }
  RecordSids(embedded.pointer, *document, sids);
  PolicyParseResult parsed = ParsePolicyJson(
      *document, DocumentRef{file.name(), embedded.pointer, embedded.encoding}, type, policy_text);
  report->findings.insert(report->findings.end(), parsed.diagnostics.begin(),
                          parsed.diagnostics.end());
  ++report->policies;
  if (!parsed.document) return std::nullopt;
  const PolicyId id =
      store->Add(embedded.name.empty() ? file.name() : embedded.name, std::move(*parsed.document));
  const CompiledPolicy& policy = store->policy(id);
  for (Diagnostic d : policy.diagnostics()) {
    // AWS accepts an ARN that can never match, so simulate only warns; a
    // linter reports it at the rule's severity (Access Analyzer: an error).
    if (d.rule == Rule::kMalformedArn) d.severity = GetRuleInfo(d.rule).severity;
    report->findings.push_back(std::move(d));
  }
  if (HasErrors(policy.diagnostics())) return std::nullopt;
  return Pending{id, type, &embedded};
}

// Runs the checks on one compiled policy.
void Check(const PolicyStore& store, const Pending& pending, const LintOptions& options,
           const Catalog& catalog, LintReport* report) {
  const CompiledPolicy& policy = store.policy(pending.id);
  const EmbeddedPolicy& embedded = *pending.embedded;
  std::string account =
      !embedded.resource_account.empty() ? embedded.resource_account : options.resource_account;
  if (account.empty()) {
    // The account of the resources the policy names.
    for (const Statement& s : policy.document().statements) {
      if (!s.resource) continue;
      for (const LocatedString& r : s.resource->values) {
        std::optional<Arn> arn = ParseArn(r.value);
        if (arn && IsAccountId(arn->account)) account = std::string(arn->account);
      }
    }
  }
  const LintTarget target{
      policy,       store,
      pending.type, embedded.resource_type.empty() ? options.resource_type : embedded.resource_type,
      account,      embedded.resource_arn,
      catalog,      options};
  Findings findings(policy.document(), &report->findings);
  CheckActionsAndResources(target, &findings);
  CheckConditions(target, &findings);
  CheckOverreach(target, &findings);
  CheckExposure(target, &findings);
  CheckLogic(target, &findings);
}

bool IsYamlName(absl::string_view file) {
  return absl::EndsWith(file, ".yaml") || absl::EndsWith(file, ".yml");
}

// `text` as a YAML CloudFormation template, or nullopt when it is not one.
std::optional<JsonValue> YamlTemplate(const SourceText& file, absl::string_view text,
                                      const LintOptions& options) {
  const absl::string_view trimmed = absl::StripLeadingAsciiWhitespace(text);
  if (trimmed.empty() || trimmed[0] == '{' || trimmed[0] == '[') return std::nullopt;
  std::vector<Diagnostic> ignored;
  std::optional<JsonValue> root = ParseYamlTemplate(file, &ignored);
  if (!root || HasErrors(ignored)) return std::nullopt;
  std::optional<FoundPolicies> found = FindPolicies(file, *root, options);
  if (!found || found->kind != "cloudformation") return std::nullopt;
  return root;
}

// LintText without the Sid list's last step.
LintReport LintFile(absl::string_view file_name, absl::string_view text,
                    const LintOptions& options) {
  LintReport report;
  const Catalog& catalog = options.catalog != nullptr ? *options.catalog : Catalog::Default();
  const SourceText file{std::string(file_name), std::string(text)};
  std::optional<JsonValue> root;
  if (IsYamlName(file_name)) {
    root = ParseYamlTemplate(file, &report.findings);
    if (!root) {
      report.recognized = !report.findings.empty();
      SortByPosition(&report.findings);
      return report;
    }
  } else {
    JsonParseResult parsed = ParseJson(file, kWorldFileLimits);
    if (!parsed.root) {
      // Not JSON: a CloudFormation template in YAML (*.template, standard
      // input), or else the JSON error stands.
      if (std::optional<JsonValue> yaml = YamlTemplate(file, text, options)) {
        root = std::move(yaml);
      } else {
        report.findings = std::move(parsed.diagnostics);
        return report;
      }
    } else {
      root = std::move(parsed.root);
    }
  }
  std::optional<FoundPolicies> found = FindPolicies(file, *root, options);
  if (!found) {
    report.recognized = false;
    if (!root->is_object()) {
      report.findings.push_back(MakeDiagnostic(
          Rule::kJsonType, Location{file.name(), root->span, "", "", DocumentEncoding::kObject},
          absl::StrCat("a policy must be an object, not ", JsonTypeWithArticle(root->type))));
    }
    return report;
  }
  report.kind = found->kind;
  report.findings = std::move(found->problems);
  PolicyStoreBuilder builder;
  std::vector<Pending> pending;
  SidsByDocument sids;
  for (const EmbeddedPolicy& embedded : found->policies) {
    if (std::optional<Pending> p =
            ParseEmbedded(file, embedded, options, &builder, &sids, &report)) {
      pending.push_back(*p);
    }
  }
  const std::shared_ptr<const PolicyStore> store = std::move(builder).Build();
  for (const Pending& p : pending) Check(*store, p, options, catalog, &report);
  SortByPosition(&report.findings);
  report.sids = FindingSids(report.findings, sids);
  return report;
}

}  // namespace

std::string ListSome(const std::vector<std::string>& items, size_t shown) {
  if (items.size() <= shown) return absl::StrJoin(items, ", ");
  std::vector<std::string> some(items.begin(), items.begin() + shown);
  return absl::StrCat(absl::StrJoin(some, ", "), " and ", items.size() - shown, " more");
}

Diagnostic& Findings::Add(Rule rule, const ElementLocation& at, std::string message) {
  out_->push_back(MakeDiagnostic(rule, document_.LocationOf(at), std::move(message)));
  return out_->back();
}

std::optional<PolicyType> PolicyTypeOfResourceType(absl::string_view cloudformation_type) {
  for (const ResourceTypeRow& row : kResourceTypes) {
    if (row.cloudformation_type == cloudformation_type) return row.type;
  }
  return std::nullopt;
}

const std::vector<absl::string_view>& KnownResourceTypes() {
  static const std::vector<absl::string_view>* types = [] {
    auto* out = new std::vector<absl::string_view>();
    for (const ResourceTypeRow& row : kResourceTypes) out->push_back(row.cloudformation_type);
    return out;
  }();
  return *types;
}

PolicyType InferPolicyType(const JsonValue& document) {
  const JsonValue* statements = document.Find("Statement");
  if (statements == nullptr) return PolicyType::kIdentity;
  std::vector<const JsonValue*> list;
  if (statements->is_array()) {
    for (const JsonValue& s : statements->items) list.push_back(&s);
  } else {
    list.push_back(statements);
  }
  bool principal = false, all_assume = true;
  for (const JsonValue* s : list) {
    if (!s->is_object()) continue;
    if (s->Find("Principal") == nullptr && s->Find("NotPrincipal") == nullptr) continue;
    principal = true;
    const JsonValue* action = s->Find("Action");
    if (action == nullptr) {
      all_assume = false;
      continue;
    }
    if (action->is_string()) {
      all_assume &= IsRoleAssumption(action->text);
    } else if (action->is_array()) {
      for (const JsonValue& a : action->items)
        all_assume &= a.is_string() && IsRoleAssumption(a.text);
    } else {
      all_assume = false;
    }
  }
  if (!principal) return PolicyType::kIdentity;
  return all_assume ? PolicyType::kRoleTrust : PolicyType::kResource;
}

LintReport LintText(absl::string_view file_name, absl::string_view text,
                    const LintOptions& options) {
  LintReport report = LintFile(file_name, text, options);
  report.sids.resize(report.findings.size());  // "" for a file that held no policy.
  return report;
}

}  // namespace iamsim
