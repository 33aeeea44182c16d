#include "policy/compile/statement_compiler.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/arn.h"
#include "policy/arn/principal_arn.h"
#include "policy/conditions/condition_compiler.h"

namespace iamsim {
namespace {

ActionPattern CompileAction(absl::string_view text) {
  ActionPattern pattern;
  if (text == "*") {
    pattern.all = true;
    return pattern;
  }
  const size_t colon = text.find(':');
  pattern.service = absl::AsciiStrToLower(text.substr(0, colon));
  pattern.name = Glob(GlobFromPolicyText(text.substr(colon + 1)), /*ignore_case=*/true);
  return pattern;
}

// Why a Resource/NotResource entry can match no real ARN, or null: an
// account field that is not 12 digits (nor empty, nor a pattern, nor "aws",
// the account of AWS managed policies: arn:aws:iam::aws:policy/...), or
// surrounding white space.
const char* ResourceProblem(absl::string_view text) {
  if (text != absl::StripAsciiWhitespace(text)) return "white space around the ARN is part of it";
  ArnParts parts;
  if (!SplitArn(text, &parts) || parts[0] != "arn") return nullptr;
  // A `*` in an earlier field may take colons (Resource element): then the
  // fifth field is not necessarily the account.
  const absl::string_view account = parts[4];
  if (ContainsAnyOf(text.substr(0, account.data() - text.data()), "*")) return nullptr;
  if (account.empty() || account == "aws" || ContainsAnyOf(account, "*?$") ||
      IsAccountId(account)) {
    return nullptr;
  }
  return "the account field is not a 12-digit account id";
}

ResourcePattern CompileResource(absl::string_view text, bool variables_enabled) {
  ResourcePattern pattern;
  pattern.source = PatternTemplate::Parse(text, variables_enabled);
  if (!pattern.source.has_variables())
    pattern.compiled = ArnPattern(pattern.source.static_pattern(), ArnMatchMode::kResourceElement);
  return pattern;
}

PrincipalMatcher CompilePrincipal(const PrincipalElement& element, PrincipalMatcher::Mode mode) {
  PrincipalMatcher matcher;
  matcher.mode = mode;
  matcher.source = &element;
  if (element.everyone) {
    PrincipalEntry everyone;
    everyone.form = PrincipalForm::kEveryone;
    everyone.value = "*";
    matcher.entries.push_back(std::move(everyone));
  }
  for (size_t i = 0; i < element.values.size(); ++i) {
    PrincipalEntry entry = ClassifyPrincipal(element.values[i].kind, element.values[i].value.value);
    entry.source_index = i;
    matcher.entries.push_back(std::move(entry));
  }
  return matcher;
}

}  // namespace

PrincipalEntry ClassifyPrincipal(PrincipalKind kind, absl::string_view value) {
  PrincipalEntry entry;
  entry.value = std::string(value);
  if (kind == PrincipalKind::kService) {
    entry.form = PrincipalForm::kService;
    return entry;
  }
  if (kind != PrincipalKind::kAws) return entry;  // kOther
  if (value == "*") {
    entry.form = PrincipalForm::kEveryone;
  } else if (IsAccountId(value)) {
    entry.form = PrincipalForm::kAccount;
    entry.account = std::string(value);
  } else if (ParseUniqueId(value)) {
    entry.form = PrincipalForm::kUniqueId;
  } else if (std::optional<PrincipalArn> arn = ParsePrincipalArn(value)) {
    entry.partition = PartitionId(arn->partition);
    entry.account = std::string(arn->account);
    entry.name = std::string(arn->name);
    switch (arn->kind) {
      case PrincipalArnKind::kRoot:
        entry.form = PrincipalForm::kAccount;
        break;
      case PrincipalArnKind::kUser:
        entry.form = PrincipalForm::kUser;
        break;
      case PrincipalArnKind::kRole:
        entry.form = PrincipalForm::kRole;
        break;
      case PrincipalArnKind::kAssumedRole:
        entry.form = PrincipalForm::kRoleSession;
        break;
      case PrincipalArnKind::kFederatedUser:
        entry.form = PrincipalForm::kFederatedUser;
        break;
    }
  }
  return entry;
}

CompiledStatement CompileStatement(const PolicyDocument& document, const Statement& statement,
                                   uint32_t policy_id, std::vector<Diagnostic>* diagnostics) {
  CompiledStatement compiled;
  compiled.policy = policy_id;
  compiled.effect = statement.effect;
  compiled.source = &statement;
  const StringListElement* actions = statement.action ? &*statement.action : &*statement.not_action;
  compiled.not_action = !statement.action;
  for (const LocatedString& action : actions->values) {
    compiled.actions.push_back(CompileAction(action.value));
  }
  const StringListElement* resources = nullptr;
  if (statement.resource) {
    compiled.resource_mode = ResourceMode::kResource;
    resources = &*statement.resource;
  } else if (statement.not_resource) {
    compiled.resource_mode = ResourceMode::kNotResource;
    resources = &*statement.not_resource;
  }
  if (resources != nullptr) {
    for (const LocatedString& resource : resources->values) {
      compiled.resources.push_back(CompileResource(resource.value, document.variables_enabled()));
      if (const char* problem = ResourceProblem(resource.value)) {
        Diagnostic d = MakeDiagnostic(
            Rule::kMalformedArn, document.LocationOf(resource.location),
            absl::StrCat(Quote(resource.value), ": ", problem, "; this entry never matches"));
        d.severity = Severity::kWarning;
        diagnostics->push_back(std::move(d));
      }
    }
  }
  if (statement.principal) {
    compiled.principal = CompilePrincipal(*statement.principal, PrincipalMatcher::Mode::kPrincipal);
  } else if (statement.not_principal) {
    compiled.principal =
        CompilePrincipal(*statement.not_principal, PrincipalMatcher::Mode::kNotPrincipal);
  }
  for (const ConditionClause& clause : statement.conditions) {
    compiled.conditions.push_back(CompileCondition(document, clause, diagnostics));
  }
  return compiled;
}

}  // namespace iamsim
