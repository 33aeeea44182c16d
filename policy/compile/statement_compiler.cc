#include "policy/compile/statement_compiler.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/arn.h"

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
// account field that is not 12 digits (nor empty, nor a pattern), or
// surrounding white space.
const char* ResourceProblem(absl::string_view text) {
  if (text != absl::StripAsciiWhitespace(text)) return "white space around the ARN is part of it";
  ArnParts parts;
  if (!SplitArn(text, &parts) || parts[0] != "arn") return nullptr;
  // A `*` in an earlier field may take colons (Resource element): then the
  // fifth field is not necessarily the account.
  const absl::string_view account = parts[4];
  if (ContainsAnyOf(text.substr(0, account.data() - text.data()), "*")) return nullptr;
  if (account.empty() || ContainsAnyOf(account, "*?$") || IsAccountId(account)) return nullptr;
  return "the account field is not a 12-digit account id";
}

ResourcePattern CompileResource(absl::string_view text, bool variables_enabled) {
  ResourcePattern pattern;
  pattern.source = PatternTemplate::Parse(text, variables_enabled);
  if (!pattern.source.has_variables())
    pattern.compiled = ArnPattern(pattern.source.static_pattern(), ArnMatchMode::kResourceElement);
  return pattern;
}

absl::string_view LastComponent(absl::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == absl::string_view::npos ? path : path.substr(slash + 1);
}

class ConditionCompiler {
 public:
  ConditionCompiler(const PolicyDocument& document, std::vector<Diagnostic>* diagnostics)
      : document_(document), diagnostics_(diagnostics) {}

  CompiledCondition Compile(const ConditionClause& clause) {
    CompiledCondition condition;
    condition.op = clause.op;
    condition.key = MakeContextKey(clause.key.value);
    condition.source = &clause;
    for (const ConditionClause::Value& value : clause.values) {
      condition.values.push_back(CompileValue(clause, value));
    }
    return condition;
  }

 private:
  ConditionValue CompileValue(const ConditionClause& clause, const ConditionClause::Value& v) {
    ConditionValue value;
    value.text = v.text;
    const bool variables = document_.variables_enabled() && clause.op.allows_variables();
    const char* expected = nullptr;
    switch (clause.op.family()) {
      case OperatorFamily::kString:
      case OperatorFamily::kBinary:
        value.pattern = PatternTemplate::Parse(v.text, variables);
        break;
      case OperatorFamily::kArn:
        value.pattern = PatternTemplate::Parse(v.text, variables);
        if (!value.pattern.has_variables())
          value.arn = ArnPattern(value.pattern.static_pattern(), ArnMatchMode::kArnCondition);
        break;
      case OperatorFamily::kBool:
        value.pattern = PatternTemplate::Parse(v.text, variables);
        if (!value.pattern.has_variables() && !ParseBoolValue(v.text))
          expected = "\"true\" or \"false\"";
        break;
      case OperatorFamily::kNull:
        if (!ParseBoolValue(v.text)) expected = "\"true\" (key absent) or \"false\" (key present)";
        break;
      case OperatorFamily::kNumeric:
        if (auto n = ParseNumeric(v.text))
          value.number = *n;
        else
          expected = "a number";
        break;
      case OperatorFamily::kDate:
        if (auto d = ParseDateMillis(v.text))
          value.date_millis = *d;
        else
          expected = "a date such as \"2026-11-25T00:00:00Z\" or epoch seconds";
        break;
      case OperatorFamily::kIp:
        if (auto ip = ParseIpRange(v.text))
          value.ip = *ip;
        else
          expected = "an IPv4 or IPv6 address or CIDR range such as \"203.0.113.0/24\"";
        break;
    }
    if (expected != nullptr) {
      value.valid = false;
      diagnostics_->push_back(
          Diagnostic{Severity::kWarning, document_.source, v.location.span, v.location.pointer,
                     "invalid-condition-value",
                     absl::StrCat(clause.operator_name.value, " expects ", expected, ", not \"",
                                  v.text, "\"; this value never matches")});
    }
    return value;
  }

  const PolicyDocument& document_;
  std::vector<Diagnostic>* diagnostics_;
};

PrincipalMatcher CompilePrincipal(const PrincipalElement& element, PrincipalMatcher::Mode mode) {
  PrincipalMatcher matcher;
  matcher.mode = mode;
  matcher.source = &element;
  if (element.everyone) {
    matcher.entries.push_back(PrincipalEntry{PrincipalForm::kEveryone, "*", "", "", 0});
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
    return entry;
  }
  if (IsAccountId(value)) {
    entry.form = PrincipalForm::kAccount;
    entry.account = std::string(value);
    return entry;
  }
  std::optional<Arn> arn = ParseArn(value);
  if (!arn) return entry;
  entry.account = std::string(arn->account);
  if (arn->service == "iam") {
    if (arn->resource == "root") {
      entry.form = PrincipalForm::kAccount;
    } else if (absl::StartsWith(arn->resource, "user/")) {
      entry.form = PrincipalForm::kUser;
      entry.name = std::string(LastComponent(arn->resource));
    } else if (absl::StartsWith(arn->resource, "role/")) {
      entry.form = PrincipalForm::kRole;
      entry.name = std::string(LastComponent(arn->resource));
    }
  } else if (arn->service == "sts") {
    absl::string_view rest = arn->resource;
    if (absl::StartsWith(rest, "assumed-role/")) {
      rest.remove_prefix(strlen("assumed-role/"));
      entry.form = PrincipalForm::kRoleSession;
      entry.name = std::string(rest.substr(0, rest.find('/')));
    } else if (absl::StartsWith(rest, "federated-user/")) {
      entry.form = PrincipalForm::kFederatedUser;
      entry.name = std::string(rest.substr(strlen("federated-user/")));
    }
  }
  return entry;
}

CompiledStatement CompileStatement(const PolicyDocument& document, const Statement& statement,
                                   uint32_t policy_index, std::vector<Diagnostic>* diagnostics) {
  CompiledStatement compiled;
  compiled.policy = policy_index;
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
        diagnostics->push_back(Diagnostic{
            Severity::kWarning, document.source, resource.location.span, resource.location.pointer,
            "resource-never-matches",
            absl::StrCat("\"", resource.value, "\": ", problem, "; this entry never matches")});
      }
    }
  }
  if (statement.principal) {
    compiled.principal = CompilePrincipal(*statement.principal, PrincipalMatcher::Mode::kPrincipal);
  } else if (statement.not_principal) {
    compiled.principal =
        CompilePrincipal(*statement.not_principal, PrincipalMatcher::Mode::kNotPrincipal);
  }
  ConditionCompiler conditions(document, diagnostics);
  for (const ConditionClause& clause : statement.conditions) {
    compiled.conditions.push_back(conditions.Compile(clause));
  }
  return compiled;
}

}  // namespace iamsim
